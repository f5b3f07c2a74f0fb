// `kmsaccess escalation`: who can change who has access to a key (key policy, grants, ABAC tags
// and aliases, identity-policy writes), reported only when the change would change a decision.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <thread>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/render_diff.h"
#include "core/query.h"

namespace kmsaccess::cli {
namespace {

struct EscalationCommandOptions {
  AnalysisOptions analysis;
  std::vector<std::string> keys;
  std::string format = "text";
};

int run_escalation(const EscalationCommandOptions& opts, CommandContext& ctx) {
  auto eval = parse_context(opts.analysis.context);
  if (!eval) return report_error(ctx, eval.error());
  auto inv = load_inventory(opts.analysis.inputs, ctx.reader);
  if (!inv) return report_error(ctx, inv.error());
  core::impact::EscalationOptions options;
  options.eval = std::move(*eval);
  options.threads = std::max(1U, std::thread::hardware_concurrency());
  if (!opts.keys.empty()) {
    auto keys = core::select_keys(*inv, opts.keys);
    if (!keys) return report_error(ctx, keys.error());
    options.keys = *keys;
  }
  auto paths = core::impact::find_escalations(*inv, options);
  ctx.out << (opts.format == "json" ? render_escalation_json(paths) : render_escalation_text(paths));
  return paths.empty() ? kExitOk : kExitFindings;
}

}  // namespace

void register_escalation(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<EscalationCommandOptions>();
  CLI::App* cmd = app.add_subcommand("escalation", "Principals who can widen access to a key without holding it (tags, aliases, grants, policy writes)");
  add_analysis_options(*cmd, opts->analysis);
  cmd->add_option("-k,--key", opts->keys, "Only these keys (name, ARN, key id or alias; repeatable)");
  cmd->add_option("-f,--format", opts->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opts, &ctx] { ctx.exit_code = run_escalation(*opts, ctx); });
}

}  // namespace kmsaccess::cli
