#include "core/evaluator.h"

#include "core/cell_evaluation.h"
#include "core/compiled_inventory.h"
#include "core/pair_evaluation.h"

namespace kmsaccess::core {

struct Evaluator::Compiled {
  explicit Compiled(const Inventory& inv) : inventory(inv) {}
  CompiledInventory inventory;
};

Evaluator::Evaluator(const Inventory& inventory, EvalOptions options)
    : inv_(inventory), options_(std::move(options)), compiled_(std::make_unique<Compiled>(inventory)) {}

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
