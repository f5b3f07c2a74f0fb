// Registers `kmsaccess lint` with CLI11; the work happens in run_lint (lint_command.cc).
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cmd_lint.h"
#include "cli/inputs.h"

namespace kmsaccess::cli {

void register_lint(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("lint", "Check policies, grants and keys against the KMS rules");
  auto o = std::make_shared<LintOptions>();
  cmd->add_option("PATH", o->paths, "Policy files, templates, plans or folders (default: the manifest)");
  add_input_options(*cmd, o->inputs);
  cmd->add_option("--kind", o->kind, "Force the kind of every file")
      ->check(CLI::IsMember({"key-policy", "identity-policy", "scp", "rcp", "grants"}));
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--fail-on", o->fail_on, "Lowest severity that fails the run")
      ->check(CLI::IsMember({"error", "warning", "note"}));
  cmd->add_option("--config", o->config, "Config file (default: .kmsaccess.yaml found upward)");
  cmd->add_option("--baseline", o->baseline, "Ignore findings recorded in this baseline file");
  cmd->add_option("--write-baseline", o->write_baseline, "Record the current findings and exit 0");
  cmd->add_flag("--force", o->force, "Let --write-baseline overwrite an existing file");
  cmd->add_flag("--list-rules", o->list_rules, "Print the rule catalogue");
  cmd->callback([&ctx, o] { ctx.exit_code = run_lint(*o, ctx, load_inventory); });
}

}  // namespace kmsaccess::cli
