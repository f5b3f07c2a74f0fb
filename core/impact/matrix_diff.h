// Exact decision diff between two inventories: both full matrices are computed and compared by
// their masks; only the cells whose verdict changed are decided again, with their reasons.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decision.h"
#include "core/evaluator.h"

namespace kmsaccess::core::impact {

// How one (principal, key, action) cell moved from the old verdict to the new one.
enum class ChangeKind : std::uint8_t {
  kGained,              // implicit-deny/deny -> allow/conditional
  kBecameUnconditional, // conditional -> allow (access widened)
  kBecameConditional,   // allow -> conditional (access narrowed)
  kLost,                // allow/conditional -> implicit-deny/deny
  kBecameDenied,        // implicit-deny -> deny (no access either way)
  kDenyRemoved,         // deny -> implicit-deny (no access either way)
};
std::string_view to_string(ChangeKind k);  // "gained", "became-unconditional", ...
// True for the kinds that widen access (gained, became-unconditional): what --fail-on gained means.
bool widens_access(ChangeKind k);
// nullopt when the verdict did not change.
std::optional<ChangeKind> classify(Verdict before, Verdict after);

struct CellChange {
  std::string key;            // display name (new side when present)
  std::string key_arn;
  std::string principal;      // display name (new side when present)
  std::string principal_arn;
  std::size_t action = 0;     // catalogue index
  ChangeKind kind = ChangeKind::kGained;
  Decision before;            // implicit-deny without reasons when the entity is absent on that side
  Decision after;
};

struct DiffOptions {
  ActionMask actions = 0;  // 0: every key action
  unsigned threads = 1;
  std::size_t block_rows = 512;  // principals per compute_matrix call (bounds memory)
  std::vector<std::string> key_arns;        // restrict to these keys; empty: all
  std::vector<std::string> principal_arns;  // restrict to these principals; empty: all
};

struct DiffSummary {
  std::size_t changed = 0;
  std::size_t by_kind[6] = {};
  std::size_t keys = 0;        // keys with at least one change
  std::size_t principals = 0;  // principals with at least one change
  std::size_t count(ChangeKind k) const { return by_kind[static_cast<std::size_t>(k)]; }
  bool any_widening() const {
    return count(ChangeKind::kGained) + count(ChangeKind::kBecameUnconditional) > 0;
  }
};

struct MatrixDiff {
  std::vector<CellChange> changes;  // sorted by key, principal, action
  DiffSummary summary;
};

// Keys and principals are matched across sides by ARN; an entity on one side only compares
// against implicit-deny on the other.
MatrixDiff diff_evaluators(const Evaluator& before, const Evaluator& after, const DiffOptions& options = {});

DiffSummary summarize_changes(const std::vector<CellChange>& changes);

}  // namespace kmsaccess::core::impact
