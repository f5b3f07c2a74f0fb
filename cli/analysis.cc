#include "cli/analysis.h"

#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/app.h"
#include "core/arn.h"
#include "core/query.h"

namespace kmsaccess::cli {

void add_analysis_options(CLI::App& command, AnalysisOptions& options) {
  add_input_options(command, options.inputs);
  command.add_option("--context", options.context,
                     "Request-time value KEY=VALUE that resolves conditions (repeatable), "
                     "e.g. kms:ViaService=s3.us-east-1.amazonaws.com");
}

core::Result<core::EvalOptions> parse_context(const std::vector<std::string>& pairs) {
  core::EvalOptions options;
  for (const auto& pair : pairs) {
    auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::make_error("--context expects KEY=VALUE, got '" + pair + "'");
    }
    options.context[core::to_lower_ascii(pair.substr(0, eq))].push_back(pair.substr(eq + 1));
  }
  return options;
}

int report_error(CommandContext& ctx, const core::Error& error) {
  ctx.err << "kmsaccess: " << error.to_string() << '\n';
  return kExitUsage;
}

std::optional<CellSelection> select_cells(const core::Inventory& inv, const std::vector<std::string>& keys,
                                          const std::vector<std::string>& principals,
                                          const std::vector<std::string>& actions,
                                          core::ActionMask fallback_actions, CommandContext& ctx) {
  CellSelection sel;
  auto k = core::select_keys(inv, keys);
  auto p = core::select_principals(inv, principals);
  auto a = core::select_actions(actions, fallback_actions);
  for (const core::Error* e : {k ? nullptr : &k.error(), p ? nullptr : &p.error(), a ? nullptr : &a.error()}) {
    if (e != nullptr) {
      ctx.exit_code = report_error(ctx, *e);
      return std::nullopt;
    }
  }
  sel.keys = std::move(*k);
  sel.principals = std::move(*p);
  sel.actions = *a;
  return sel;
}

std::unique_ptr<Analysis> load_analysis(const AnalysisOptions& options, CommandContext& ctx) {
  auto eval_options = parse_context(options.context);
  if (!eval_options) {
    ctx.exit_code = report_error(ctx, eval_options.error());
    return nullptr;
  }
  auto inventory = load_inventory(options.inputs, ctx.reader);
  if (!inventory) {
    ctx.exit_code = report_error(ctx, inventory.error());
    return nullptr;
  }
  auto analysis = std::make_unique<Analysis>();
  analysis->inventory = std::move(*inventory);
  analysis->evaluator = std::make_unique<core::Evaluator>(analysis->inventory, std::move(*eval_options));
  return analysis;
}

}  // namespace kmsaccess::cli
