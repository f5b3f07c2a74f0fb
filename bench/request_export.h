// Exports sampled (principal, key, action) requests with kmsaccess's answers, in the shape
// bench/iam_simulate_compare.mjs feeds to @cloud-copilot/iam-simulate.
#pragma once

#include <cstdint>
#include <string>

#include "core/evaluator.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::bench {

struct ExportStats {
  std::size_t exported = 0;
  std::size_t skipped_grants = 0;       // keys with grants: iam-simulate does not model grants
  std::size_t skipped_conditional = 0;  // kmsaccess left a residual request-time condition
  std::size_t skipped_other = 0;        // pseudo principals, session policies
};

// Samples up to `sample` cells (deterministic in `seed`) that kmsaccess decides without residual
// conditions, and returns the JSON text: {"policies": {path: document}, "requests": [...]}.
// Policy documents are re-read through `reader` so iam-simulate sees the exact source text.
core::Result<std::string> export_requests(const core::Evaluator& evaluator, const core::SourceReader& reader,
                                          std::size_t sample, std::uint64_t seed, ExportStats& stats);

}  // namespace kmsaccess::bench
