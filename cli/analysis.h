// What the analysing commands (who-can, matrix, explain, report) share: inputs, --context,
// and turning them into an inventory plus an evaluator.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/inputs.h"
#include "core/evaluator.h"

namespace kmsaccess::cli {

struct AnalysisOptions {
  InputOptions inputs;
  std::vector<std::string> context;  // --context key=value
};

void add_analysis_options(CLI::App& command, AnalysisOptions& options);

// Parses --context values: "kms:ViaService=s3.us-east-1.amazonaws.com" (key case-insensitive).
core::Result<core::EvalOptions> parse_context(const std::vector<std::string>& pairs);

struct Analysis {
  core::Inventory inventory;
  std::unique_ptr<core::Evaluator> evaluator;
};

// Loads the inventory and compiles the evaluator; on error prints it and returns nullptr.
std::unique_ptr<Analysis> load_analysis(const AnalysisOptions& options, CommandContext& ctx);

// The cells a command covers, from its --key, --principal and --action selectors.
struct CellSelection {
  std::vector<std::size_t> keys;
  std::vector<std::size_t> principals;
  core::ActionMask actions = 0;
};

// Resolves the selectors (no --action: `fallback_actions`); on a selector that matches nothing,
// prints the error, sets ctx.exit_code and returns nullopt.
std::optional<CellSelection> select_cells(const core::Inventory& inv, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& principals,
                                          const std::vector<std::string>& actions,
                                          core::ActionMask fallback_actions, CommandContext& ctx);

// Prints "kmsaccess: <error>" to stderr and returns the usage/input exit code.
int report_error(CommandContext& ctx, const core::Error& error);

}  // namespace kmsaccess::cli
