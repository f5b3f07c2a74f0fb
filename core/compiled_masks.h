// Three-valued verdicts for all KMS actions at once, as two bit masks.
#pragma once

#include "core/action_catalog.h"

namespace kmsaccess::core {

// Bit set in `t` = true, in `u` = unknown, in neither = false.
struct TriMask {
  ActionMask t = 0;
  ActionMask u = 0;
};
inline TriMask tri_mask_and(TriMask a, TriMask b) {
  TriMask r;
  r.t = a.t & b.t;
  r.u = (a.t | a.u) & (b.t | b.u) & ~r.t;
  return r;
}
inline TriMask tri_mask_or(TriMask a, TriMask b) {
  TriMask r;
  r.t = a.t | b.t;
  r.u = (a.u | b.u) & ~r.t;
  return r;
}

}  // namespace kmsaccess::core
