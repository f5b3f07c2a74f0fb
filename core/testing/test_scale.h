// How many random cases the property tests run: their full count, times KMSACCESS_TEST_SCALE.
// Test harness only (like KMSACCESS_UPDATE_GOLDEN); the library never reads the environment.
// The sanitizer job (scripts/ci-sanitize.sh) sets a fraction because ASan makes each case ~10x
// slower; a campaign can set more than 1 to run more seeds. Unset, empty or invalid means 1.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace kmsaccess::core::testing {

inline double test_scale() {
  const char* text = std::getenv("KMSACCESS_TEST_SCALE");
  if (text == nullptr || *text == '\0') return 1.0;
  char* end = nullptr;
  const double scale = std::strtod(text, &end);
  if (*end != '\0' || !std::isfinite(scale) || scale <= 0.0) return 1.0;
  return scale;
}

// `full` scaled, never below `floor` (so thresholds that count cases keep their meaning).
inline std::uint64_t scaled_count(std::uint64_t full, std::uint64_t floor = 1) {
  const double n = std::ceil(static_cast<double>(full) * test_scale());
  const auto count = n >= 1e12 ? std::uint64_t{1000000000000} : static_cast<std::uint64_t>(n);
  return count < floor ? floor : count;
}

}  // namespace kmsaccess::core::testing
