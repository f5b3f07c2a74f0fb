#include "core/matrix.h"

#include <algorithm>

#include "core/parallel.h"

namespace kmsaccess::core {

Matrix compute_matrix(const Evaluator& evaluator, std::vector<std::size_t> principals,
                      std::vector<std::size_t> keys, ActionMask actions, unsigned threads) {
  Matrix m;
  m.principals = std::move(principals);
  m.keys = std::move(keys);
  m.actions = actions;
  m.cells.resize(m.principals.size() * m.keys.size());
  // Column by column (principals that share their own policies share that work per key), in
  // blocks of columns so the row-major cells are written a row segment at a time.
  constexpr std::size_t kBlock = 32;
  auto fill_columns = [&](std::size_t begin, std::size_t end) {
    std::vector<std::vector<PairMasks>> block(kBlock);
    for (std::size_t c0 = begin; c0 < end; c0 += kBlock) {
      std::size_t width = std::min(kBlock, end - c0);
      for (std::size_t j = 0; j < width; ++j) evaluator.decide_column(m.keys[c0 + j], m.principals, block[j]);
      for (std::size_t r = 0; r < m.principals.size(); ++r) {
        PairMasks* row = &m.cells[r * m.keys.size() + c0];
        for (std::size_t j = 0; j < width; ++j) {
          PairMasks pm = block[j][r];
          pm.allow &= actions;
          pm.conditional &= actions;
          pm.deny &= actions;
          row[j] = pm;
        }
      }
    }
  };
  for_each_range(m.keys.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
    fill_columns(begin, end);
  });
  return m;
}

CellSummary summarize(const PairMasks& masks, ActionMask actions) {
  ActionMask allowed = masks.allow & actions;
  ActionMask reachable = (masks.allow | masks.conditional) & actions;
  if (actions != 0 && allowed == actions) return CellSummary::kAllow;
  if (actions != 0 && reachable == actions) return CellSummary::kConditional;
  if (reachable != 0) return CellSummary::kPartial;
  if ((masks.deny & actions) != 0) return CellSummary::kDeny;
  return CellSummary::kNone;
}

std::string_view to_string(CellSummary s) {
  switch (s) {
    case CellSummary::kAllow: return "allow";
    case CellSummary::kConditional: return "conditional";
    case CellSummary::kPartial: return "partial";
    case CellSummary::kDeny: return "deny";
    case CellSummary::kNone: return "implicit-deny";
  }
  return "implicit-deny";
}

}  // namespace kmsaccess::core
