#include "core/outcome.h"

#include <algorithm>
#include <cstddef>

namespace kmsaccess::core {
namespace {

// Residuals are kept as alternatives (disjunctive normal form): conditions sharing an
// `alternative` id must hold together, and any one id's conditions suffice.
std::vector<int> group_ids(const std::vector<ResidualCondition>& residual) {
  std::vector<int> ids;
  for (const auto& r : residual) {
    if (std::find(ids.begin(), ids.end(), r.alternative) == ids.end()) ids.push_back(r.alternative);
  }
  return ids;
}

// Past this many combined alternatives `both` stops distributing and keeps one conjunction of
// everything: it then over-states what must hold, never the verdict.
constexpr std::size_t kMaxAlternatives = 256;

}  // namespace

Outcome both(Outcome a, const Outcome& b) {
  if (a.is_false() || b.is_false()) return Outcome::falsity();
  a.value = tri_and(a.value, b.value);
  a.reasons.insert(a.reasons.end(), b.reasons.begin(), b.reasons.end());
  if (a.residual.empty() || b.residual.empty()) {
    a.residual.insert(a.residual.end(), b.residual.begin(), b.residual.end());
    return a;
  }
  // (A1 or A2) and (B1 or B2) = A1B1 or A1B2 or A2B1 or A2B2.
  std::vector<int> left = group_ids(a.residual), right = group_ids(b.residual);
  std::vector<ResidualCondition> out;
  if (left.size() * right.size() > kMaxAlternatives) {
    out = a.residual;
    out.insert(out.end(), b.residual.begin(), b.residual.end());
    for (auto& r : out) r.alternative = 0;
    a.residual = std::move(out);
    return a;
  }
  int id = 0;
  for (int x : left) {
    for (int y : right) {
      for (const auto& r : a.residual) {
        if (r.alternative != x) continue;
        out.push_back(r);
        out.back().alternative = id;
      }
      for (const auto& r : b.residual) {
        if (r.alternative != y) continue;
        out.push_back(r);
        out.back().alternative = id;
      }
      ++id;
    }
  }
  a.residual = std::move(out);
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
  // b's alternatives stay alternatives: renumbered past a's.
  int offset = 0;
  for (const auto& r : a.residual) offset = std::max(offset, r.alternative + 1);
  for (const auto& r : b.residual) {
    a.residual.push_back(r);
    a.residual.back().alternative += offset;
  }
  return a;
}

}  // namespace kmsaccess::core
