// A three-valued result with the reasons and residual conditions behind it, and the algebra
// the evaluator combines paths with (AND for "both needed", OR for alternatives).
#pragma once

#include <vector>

#include "core/condition.h"
#include "core/decision.h"

namespace kmsaccess::core {

struct Outcome {
  Tri value = Tri::kFalse;
  std::vector<Reason> reasons;               // what made it true (or could)
  std::vector<ResidualCondition> residual;   // what must also hold when unknown

  static Outcome truth() { return Outcome{Tri::kTrue, {}, {}}; }
  static Outcome falsity() { return Outcome{}; }
  bool is_true() const { return value == Tri::kTrue; }
  bool is_false() const { return value == Tri::kFalse; }
  bool is_unknown() const { return value == Tri::kUnknown; }
};

// Residual conditions with the same `alternative` id must hold together; any one id suffices.
// Both needed: false wins; reasons accumulate, and the alternatives are distributed.
Outcome both(Outcome a, const Outcome& b);
// Alternatives: the first true alternative wins alone; unknown ones keep their residuals, each
// side's alternatives staying separate.
Outcome either(Outcome a, const Outcome& b);

}  // namespace kmsaccess::core
