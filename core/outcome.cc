#include "core/outcome.h"

namespace kmsaccess::core {

Outcome both(Outcome a, const Outcome& b) {
  if (a.is_false() || b.is_false()) return Outcome::falsity();
  a.value = tri_and(a.value, b.value);
  a.reasons.insert(a.reasons.end(), b.reasons.begin(), b.reasons.end());
  a.residual.insert(a.residual.end(), b.residual.begin(), b.residual.end());
  return a;
}

Outcome either(Outcome a, const Outcome& b) {
  if (b.is_false()) return a;
  if (a.is_false()) return b;
  if (a.is_true() && b.is_true()) {
    a.reasons.insert(a.reasons.end(), b.reasons.begin(), b.reasons.end());
    return a;
  }
  if (a.is_true()) return a;
  if (b.is_true()) return b;
  a.reasons.insert(a.reasons.end(), b.reasons.begin(), b.reasons.end());
  a.residual.insert(a.residual.end(), b.residual.begin(), b.residual.end());
  return a;
}

}  // namespace kmsaccess::core
