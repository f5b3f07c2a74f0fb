#include "core/evaluator.h"

#include <algorithm>

#include "core/cell_evaluation.h"
#include "core/compiled_inventory.h"
#include "core/pair_evaluation.h"

namespace kmsaccess::core {

struct Evaluator::Compiled {
  Compiled(const Inventory& inv, const EvalOptions& options) : inventory(inv, options) {}
  CompiledInventory inventory;
};

Evaluator::Evaluator(const Inventory& inventory, EvalOptions options)
    : inv_(inventory), options_(std::move(options)), compiled_(std::make_unique<Compiled>(inventory, options_)) {}

Evaluator::~Evaluator() = default;

Decision Evaluator::decide(std::size_t principal, std::size_t key, std::size_t action) const {
  return CellEvaluation(inv_, options_, principal, key, action, nullptr).decide();
}

Explanation Evaluator::explain(std::size_t principal, std::size_t key, std::size_t action) const {
  Explanation ex;
  ex.decision = CellEvaluation(inv_, options_, principal, key, action, &ex).decide();
  return ex;
}

PairMasks Evaluator::decide_pair(std::size_t principal, std::size_t key) const {
  return PairEvaluation(compiled_->inventory, options_, principal, key).decide();
}

void Evaluator::decide_column(std::size_t key, const std::vector<std::size_t>& principals,
                              std::vector<PairMasks>& out) const {
  const CompiledInventory& ci = compiled_->inventory;
  const KeyPlan& plan = ci.key_plans[key];
  std::vector<PrincipalSide> principal_sides(ci.profile_count);
  std::vector<std::uint8_t> principal_known(ci.profile_count, 0);
  std::vector<KeySide> key_sides(plan.per_principal ? 0 : plan.side_count);
  std::vector<std::uint8_t> key_known(key_sides.size(), 0);
  // Principals this key treats individually: 1 = own principal side, 2 = own key side.
  std::vector<std::uint8_t> own(inv_.principals.size(), 0);
  for (auto p : plan.touched) own[p] |= 1;
  for (auto p : plan.named) own[p] |= 2;
  out.resize(principals.size());
  const auto k = static_cast<std::uint32_t>(key);
  for (std::size_t i = 0; i < principals.size(); ++i) {
    const auto p = static_cast<std::uint32_t>(principals[i]);
    PairEvaluation pair(ci, options_, p, key);
    PrincipalSide own_side;
    const PrincipalSide* ps = &own_side;
    if ((own[p] & 1) != 0) {
      own_side = pair.principal_side();
    } else {
      std::uint32_t profile = ci.profile_of(p, k);
      if (principal_known[profile] == 0) {
        principal_sides[profile] = pair.principal_side();
        principal_known[profile] = 1;
      }
      ps = &principal_sides[profile];
    }
    if (plan.per_principal || (own[p] & 2) != 0) {
      out[i] = pair.decide(*ps, pair.key_side());
      continue;
    }
    std::uint32_t cls = ci.principal_account_kind[p];
    for (std::size_t b = 0; b < plan.class_of.size(); ++b) cls = cls * plan.class_counts[b] + (*plan.class_of[b])[p];
    if (key_known[cls] == 0) {
      key_sides[cls] = pair.key_side();
      key_known[cls] = 1;
    }
    out[i] = pair.decide(*ps, key_sides[cls]);
  }
}

PairMasks Evaluator::decide_pair_reference(std::size_t principal, std::size_t key) const {
  PairMasks m;
  ActionMask actions = key_actions_mask();
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    if ((actions & action_bit(a)) == 0) continue;
    switch (decide(principal, key, a).verdict) {
      case Verdict::kAllow: m.allow |= action_bit(a); break;
      case Verdict::kConditional: m.conditional |= action_bit(a); break;
      case Verdict::kDeny: m.deny |= action_bit(a); break;
      case Verdict::kImplicitDeny: break;
    }
  }
  return m;
}

}  // namespace kmsaccess::core
