// The principal x key grid: per cell, the verdict of every selected action as bit masks.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/evaluator.h"

namespace kmsaccess::core {

struct Matrix {
  std::vector<std::size_t> principals;  // inventory indices, row order
  std::vector<std::size_t> keys;        // inventory indices, column order
  ActionMask actions = 0;
  std::vector<PairMasks> cells;         // principals.size() x keys.size(), row-major

  const PairMasks& at(std::size_t row, std::size_t column) const { return cells[row * keys.size() + column]; }
};

// Computes every cell; `threads` > 1 splits rows across threads (same bytes as serial).
Matrix compute_matrix(const Evaluator& evaluator, std::vector<std::size_t> principals,
                      std::vector<std::size_t> keys, ActionMask actions, unsigned threads = 1);

enum class CellSummary : std::uint8_t {
  kAllow,        // every selected action allowed
  kConditional,  // every selected action allowed or conditional, some conditional
  kPartial,      // some but not all selected actions allowed or conditional
  kDeny,         // nothing allowed, and an explicit deny applies to some action
  kNone,         // implicit deny for every selected action
};
CellSummary summarize(const PairMasks& masks, ActionMask actions);
std::string_view to_string(CellSummary s);

}  // namespace kmsaccess::core
