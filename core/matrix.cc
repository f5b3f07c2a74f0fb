#include "core/matrix.h"

#include <algorithm>
#include <thread>

namespace kmsaccess::core {

Matrix compute_matrix(const Evaluator& evaluator, std::vector<std::size_t> principals,
                      std::vector<std::size_t> keys, ActionMask actions, unsigned threads) {
  Matrix m;
  m.principals = std::move(principals);
  m.keys = std::move(keys);
  m.actions = actions;
  m.cells.resize(m.principals.size() * m.keys.size());
  auto fill_rows = [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      for (std::size_t c = 0; c < m.keys.size(); ++c) {
        PairMasks pm = evaluator.decide_pair(m.principals[r], m.keys[c]);
        pm.allow &= actions;
        pm.conditional &= actions;
        pm.deny &= actions;
        m.cells[r * m.keys.size() + c] = pm;
      }
    }
  };
  threads = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(m.principals.size())));
  if (threads == 1) {
    fill_rows(0, m.principals.size());
    return m;
  }
  std::vector<std::thread> workers;
  std::size_t per = (m.principals.size() + threads - 1) / threads;
  for (unsigned t = 0; t < threads; ++t) {
    std::size_t begin = t * per;
    std::size_t end = std::min(m.principals.size(), begin + per);
    if (begin >= end) break;
    workers.emplace_back(fill_rows, begin, end);
  }
  for (auto& w : workers) w.join();
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
