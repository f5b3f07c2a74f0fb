// What diff and what-if share: --format, --fail-on, --action, and printing a diff with its exit code.
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "core/impact/matrix_diff.h"
#include "core/result.h"

namespace kmsaccess::cli {

struct DiffOutputOptions {
  std::string format = "text";           // text, json or markdown
  std::string fail_on;                   // gained, changed or never
  std::vector<std::string> actions;      // --action selectors; none: every key action
  std::vector<std::string> context;      // --context KEY=VALUE
};

void add_diff_output_options(CLI::App& command, DiffOutputOptions& options, const std::string& default_fail_on);

core::Result<core::impact::DiffOptions> make_diff_options(const DiffOutputOptions& options);

// Prints the diff in the chosen format; returns 1 when --fail-on matches (gained: some access
// widened; changed: any decision changed), else 0.
int emit_diff(const DiffOutputOptions& options, const core::impact::MatrixDiff& diff,
              const std::vector<std::string>& applied, CommandContext& ctx);

}  // namespace kmsaccess::cli
