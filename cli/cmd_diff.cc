// `kmsaccess diff OLD NEW`: every cell whose decision changed between two inventories, and why.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <thread>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/diff_inputs.h"
#include "cli/diff_output.h"
#include "cli/render_diff.h"
#include "core/query.h"

namespace kmsaccess::cli {

void add_diff_output_options(CLI::App& command, DiffOutputOptions& options, const std::string& default_fail_on) {
  options.fail_on = default_fail_on;
  command.add_option("-f,--format", options.format, "Output format: text (default), json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  command.add_option("--fail-on", options.fail_on, "Exit 1 when access was gained, any decision changed, or never")
      ->check(CLI::IsMember({"gained", "changed", "never"}))
      ->capture_default_str();
  command.add_option("-a,--action", options.actions, "Compare only these actions or groups (default: every key action)");
  command.add_option("--context", options.context, "Request-time value KEY=VALUE that resolves conditions (repeatable)");
}

core::Result<core::impact::DiffOptions> make_diff_options(const DiffOutputOptions& options) {
  auto actions = core::select_actions(options.actions, core::key_actions_mask());
  if (!actions) return actions.error();
  core::impact::DiffOptions out;
  out.actions = *actions;
  out.threads = std::max(1U, std::thread::hardware_concurrency());
  return out;
}

int emit_diff(const DiffOutputOptions& options, const core::impact::MatrixDiff& diff,
              const std::vector<std::string>& applied, CommandContext& ctx) {
  if (options.format == "json") {
    ctx.out << render_diff_json(diff, applied);
  } else if (options.format == "markdown") {
    ctx.out << render_diff_markdown(diff, applied);
  } else {
    ctx.out << render_diff_text(diff, applied);
  }
  bool fail = (options.fail_on == "gained" && diff.summary.any_widening()) ||
              (options.fail_on == "changed" && diff.summary.changed > 0);
  return fail ? kExitFindings : kExitOk;
}

namespace {

struct DiffCommandOptions {
  std::string old_spec;
  std::string new_spec;
  DiffOutputOptions output;
};

int run_diff(const DiffCommandOptions& opts, CommandContext& ctx) {
  auto eval = parse_context(opts.output.context);
  if (!eval) return report_error(ctx, eval.error());
  auto options = make_diff_options(opts.output);
  if (!options) return report_error(ctx, options.error());
  auto before = load_diff_side(opts.old_spec, ctx.reader);
  if (!before) return report_error(ctx, before.error());
  auto after = load_diff_side(opts.new_spec, ctx.reader);
  if (!after) return report_error(ctx, after.error());
  core::Evaluator old_ev(*before, *eval), new_ev(*after, *eval);
  return emit_diff(opts.output, core::impact::diff_evaluators(old_ev, new_ev, *options), {}, ctx);
}

}  // namespace

void register_diff(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<DiffCommandOptions>();
  CLI::App* cmd = app.add_subcommand("diff", "Access decisions that changed between two inventories, with the statements on both sides");
  cmd->add_option("OLD", opts->old_spec, "Before: a manifest, template or plan, a manifest or --from-aws folder, or REV:PATH from git")->required();
  cmd->add_option("NEW", opts->new_spec, "After: a manifest, template or plan, a manifest or --from-aws folder, or REV:PATH from git")->required();
  add_diff_output_options(*cmd, opts->output, "gained");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_diff(*opts, ctx); });
}

}  // namespace kmsaccess::cli
