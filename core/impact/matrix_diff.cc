#include "core/impact/matrix_diff.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "core/matrix.h"

namespace kmsaccess::core::impact {
namespace {

constexpr std::size_t kAbsent = std::numeric_limits<std::size_t>::max();

// The union of two sides' entities, matched by ARN, in display-name order.
struct Aligned {
  std::vector<std::string> names;
  std::vector<std::string> arns;
  std::vector<std::size_t> before;  // index in the old inventory, or kAbsent
  std::vector<std::size_t> after;
};

template <typename Entity>
Aligned align(const std::vector<Entity>& old_side, const std::vector<Entity>& new_side) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_arn;
  for (std::size_t i = 0; i < old_side.size(); ++i) by_arn[old_side[i].arn] = {i, kAbsent};
  for (std::size_t i = 0; i < new_side.size(); ++i) {
    auto [it, inserted] = by_arn.try_emplace(new_side[i].arn, kAbsent, i);
    if (!inserted) it->second.second = i;
  }
  std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t>> rows;
  for (const auto& [arn, idx] : by_arn) {
    const std::string& name = idx.second != kAbsent ? new_side[idx.second].name : old_side[idx.first].name;
    rows.emplace_back(name, arn, idx.first, idx.second);
  }
  std::sort(rows.begin(), rows.end());
  Aligned out;
  for (auto& [name, arn, b, a] : rows) {
    out.names.push_back(name);
    out.arns.push_back(arn);
    out.before.push_back(b);
    out.after.push_back(a);
  }
  return out;
}

void restrict_to(Aligned& a, const std::vector<std::string>& arns) {
  if (arns.empty()) return;
  Aligned out;
  for (std::size_t i = 0; i < a.arns.size(); ++i) {
    if (std::find(arns.begin(), arns.end(), a.arns[i]) == arns.end()) continue;
    out.names.push_back(a.names[i]);
    out.arns.push_back(a.arns[i]);
    out.before.push_back(a.before[i]);
    out.after.push_back(a.after[i]);
  }
  a = std::move(out);
}

Verdict verdict_of(const PairMasks& m, ActionMask bit) {
  if ((m.allow & bit) != 0) return Verdict::kAllow;
  if ((m.conditional & bit) != 0) return Verdict::kConditional;
  if ((m.deny & bit) != 0) return Verdict::kDeny;
  return Verdict::kImplicitDeny;
}

PairMasks restricted(const PairMasks& m, ActionMask actions) {
  return {m.allow & actions, m.conditional & actions, m.deny & actions};
}

// One side's present entities (inventory indices) and, per aligned entry, its position there.
struct SideColumns {
  std::vector<std::size_t> indices;
  std::vector<std::size_t> column_of;
};

SideColumns side_columns(const std::vector<std::size_t>& side) {
  SideColumns out;
  for (std::size_t i : side) {
    out.column_of.push_back(i == kAbsent ? kAbsent : out.indices.size());
    if (i != kAbsent) out.indices.push_back(i);
  }
  return out;
}

// The rows of one block of aligned principals, computed on one side.
struct BlockMatrix {
  Matrix matrix;
  std::vector<std::size_t> row_of;  // aligned row in block -> matrix row, or kAbsent
};

BlockMatrix block_matrix(const Evaluator& ev, const std::vector<std::size_t>& side_rows, std::size_t begin,
                         std::size_t end, const SideColumns& cols, ActionMask actions, unsigned threads) {
  BlockMatrix out;
  std::vector<std::size_t> rows;
  for (std::size_t r = begin; r < end; ++r) {
    out.row_of.push_back(side_rows[r] == kAbsent ? kAbsent : rows.size());
    if (side_rows[r] != kAbsent) rows.push_back(side_rows[r]);
  }
  out.matrix = compute_matrix(ev, std::move(rows), cols.indices, actions, threads);
  return out;
}

struct Context {
  const Evaluator& before;
  const Evaluator& after;
  const Aligned& principals;
  const Aligned& keys;
  ActionMask actions;
};

void add_cell_changes(const Context& c, std::size_t p, std::size_t k, const PairMasks& old_masks,
                      const PairMasks& new_masks, std::vector<CellChange>& out) {
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    ActionMask bit = action_bit(a);
    if ((c.actions & bit) == 0) continue;
    auto kind = classify(verdict_of(old_masks, bit), verdict_of(new_masks, bit));
    if (!kind) continue;
    CellChange change{c.keys.names[k], c.keys.arns[k], c.principals.names[p], c.principals.arns[p], a, *kind, {}, {}};
    std::size_t op = c.principals.before[p], ok = c.keys.before[k];
    std::size_t np = c.principals.after[p], nk = c.keys.after[k];
    if (op != kAbsent && ok != kAbsent) change.before = c.before.decide(op, ok, a);
    if (np != kAbsent && nk != kAbsent) change.after = c.after.decide(np, nk, a);
    out.push_back(std::move(change));
  }
}

}  // namespace

std::string_view to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::kGained: return "gained";
    case ChangeKind::kBecameUnconditional: return "became-unconditional";
    case ChangeKind::kBecameConditional: return "became-conditional";
    case ChangeKind::kLost: return "lost";
    case ChangeKind::kBecameDenied: return "became-denied";
    case ChangeKind::kDenyRemoved: return "deny-removed";
  }
  return "changed";
}

bool widens_access(ChangeKind k) { return k == ChangeKind::kGained || k == ChangeKind::kBecameUnconditional; }

std::optional<ChangeKind> classify(Verdict before, Verdict after) {
  if (before == after) return std::nullopt;
  auto grants = [](Verdict v) { return v == Verdict::kAllow || v == Verdict::kConditional; };
  if (!grants(before) && grants(after)) return ChangeKind::kGained;
  if (grants(before) && !grants(after)) return ChangeKind::kLost;
  if (grants(before)) return after == Verdict::kAllow ? ChangeKind::kBecameUnconditional : ChangeKind::kBecameConditional;
  return after == Verdict::kDeny ? ChangeKind::kBecameDenied : ChangeKind::kDenyRemoved;
}

DiffSummary summarize_changes(const std::vector<CellChange>& changes) {
  DiffSummary s;
  std::set<std::string> keys, principals;
  for (const auto& c : changes) {
    ++s.changed;
    ++s.by_kind[static_cast<std::size_t>(c.kind)];
    keys.insert(c.key_arn);
    principals.insert(c.principal_arn);
  }
  s.keys = keys.size();
  s.principals = principals.size();
  return s;
}

MatrixDiff diff_evaluators(const Evaluator& before, const Evaluator& after, const DiffOptions& options) {
  const Inventory& old_inv = before.inventory();
  const Inventory& new_inv = after.inventory();
  Aligned principals = align(old_inv.principals, new_inv.principals);
  Aligned keys = align(old_inv.keys, new_inv.keys);
  restrict_to(principals, options.principal_arns);
  restrict_to(keys, options.key_arns);
  ActionMask actions = options.actions == 0 ? key_actions_mask() : options.actions;
  Context ctx{before, after, principals, keys, actions};
  std::vector<CellChange> changes;
  SideColumns old_cols = side_columns(keys.before), new_cols = side_columns(keys.after);
  std::size_t block = std::max<std::size_t>(1, options.block_rows);
  for (std::size_t begin = 0; begin < principals.names.size(); begin += block) {
    std::size_t end = std::min(principals.names.size(), begin + block);
    BlockMatrix old_m = block_matrix(before, principals.before, begin, end, old_cols, actions, options.threads);
    BlockMatrix new_m = block_matrix(after, principals.after, begin, end, new_cols, actions, options.threads);
    for (std::size_t p = begin; p < end; ++p) {
      std::size_t orow = old_m.row_of[p - begin], nrow = new_m.row_of[p - begin];
      for (std::size_t k = 0; k < keys.names.size(); ++k) {
        PairMasks om, nm;
        std::size_t oc = old_cols.column_of[k], nc = new_cols.column_of[k];
        if (orow != kAbsent && oc != kAbsent) om = restricted(old_m.matrix.at(orow, oc), actions);
        if (nrow != kAbsent && nc != kAbsent) nm = restricted(new_m.matrix.at(nrow, nc), actions);
        if (om != nm) add_cell_changes(ctx, p, k, om, nm, changes);
      }
    }
  }
  std::stable_sort(changes.begin(), changes.end(), [](const CellChange& a, const CellChange& b) {
    return std::tie(a.key, a.key_arn, a.principal, a.principal_arn, a.action) <
           std::tie(b.key, b.key_arn, b.principal, b.principal_arn, b.action);
  });
  MatrixDiff out{std::move(changes), {}};
  out.summary = summarize_changes(out.changes);
  return out;
}

}  // namespace kmsaccess::core::impact
