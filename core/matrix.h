// The principal x key grid: per cell, the verdict of every selected action as bit masks.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evaluator.h"

namespace kmsaccess::core {

// Leaves elements as allocated when a vector grows without a value (resize), and constructs
// them normally otherwise. For the matrix cells, which compute_matrix writes exactly once:
// zero-filling 480 MB first took 0.4 s in one thread, before the threads that fill the cells
// started (and touching the memory there spreads its page faults over them). PairMasks is an
// implicit-lifetime aggregate, so the allocation itself provides the objects.
template <typename T>
struct WrittenOnceAllocator : std::allocator<T> {
  WrittenOnceAllocator() = default;
  template <typename U>
  explicit WrittenOnceAllocator(const WrittenOnceAllocator<U>& /*other*/) noexcept {}
  template <typename U, typename... Args>
  void construct(U* at, Args&&... args) {
    if constexpr (sizeof...(Args) > 0) ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
};

struct Matrix {
  std::vector<std::size_t> principals;  // inventory indices, row order
  std::vector<std::size_t> keys;        // inventory indices, column order
  ActionMask actions = 0;
  // principals.size() x keys.size(), row-major; every cell is set by compute_matrix.
  std::vector<PairMasks, WrittenOnceAllocator<PairMasks>> cells;

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
