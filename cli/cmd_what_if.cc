// `kmsaccess what-if`: apply hypothetical tag, alias, grant and policy changes to a copy of the
// inventory (never to files) and show which decisions they would change.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/diff_output.h"
#include "core/impact/change.h"

namespace kmsaccess::cli {
namespace {

namespace impact = core::impact;

struct WhatIfOptions {
  InputOptions inputs;
  DiffOutputOptions output;
  std::vector<std::string> tags, untags, aliases, delete_aliases, grants, revokes, policies, attaches;
};

// KEY=FILE or PRINCIPAL=FILE: the file is read and parsed here (cli/ does the I/O).
core::Result<impact::HypotheticalChange> policy_change(std::string_view text, impact::ChangeType type,
                                                       std::string_view flag, const core::SourceReader& reader) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return core::make_error(std::string(flag) + " expects " +
                            (type == impact::ChangeType::kKeyPolicy ? "KEY=FILE" : "PRINCIPAL=FILE") + ", got '" +
                            std::string(text) + "'");
  }
  std::string file(text.substr(eq + 1));
  auto content = reader.read(file);
  if (!content) return content.error();
  auto doc = core::parse_policy(*content, file);
  if (!doc) return doc.error();
  impact::HypotheticalChange c;
  c.type = type;
  (type == impact::ChangeType::kKeyPolicy ? c.key : c.principal) = std::string(text.substr(0, eq));
  c.policy = std::move(*doc);
  c.source = std::string(flag) + " " + std::string(text);
  return c;
}

core::Result<std::vector<impact::HypotheticalChange>> parse_changes(const WhatIfOptions& o, const core::Inventory& inv,
                                                                    const core::SourceReader& reader) {
  std::vector<impact::HypotheticalChange> out;
  auto add = [&](core::Result<impact::HypotheticalChange> c) -> bool {
    if (c) out.push_back(std::move(*c));
    return c.has_value();
  };
  for (const auto& s : o.policies) {
    if (auto c = policy_change(s, impact::ChangeType::kKeyPolicy, "--policy", reader); !add(c)) return c.error();
  }
  for (const auto& s : o.attaches) {
    if (auto c = policy_change(s, impact::ChangeType::kAttachPolicy, "--attach", reader); !add(c)) return c.error();
  }
  for (const auto& s : o.tags) if (auto c = impact::parse_tag(s); !add(c)) return c.error();
  for (const auto& s : o.untags) if (auto c = impact::parse_untag(s); !add(c)) return c.error();
  for (const auto& s : o.aliases) if (auto c = impact::parse_alias(s); !add(c)) return c.error();
  for (const auto& s : o.delete_aliases) if (auto c = impact::parse_delete_alias(s); !add(c)) return c.error();
  for (const auto& s : o.grants) if (auto c = impact::parse_grant(inv, s); !add(c)) return c.error();
  for (const auto& s : o.revokes) if (auto c = impact::parse_revoke_grant(s); !add(c)) return c.error();
  if (out.empty()) return core::make_error("what-if needs at least one change (--tag, --alias, --grant, --policy, ...)");
  return out;
}

int run_what_if(const WhatIfOptions& opts, CommandContext& ctx) {
  auto eval = parse_context(opts.output.context);
  if (!eval) return report_error(ctx, eval.error());
  auto options = make_diff_options(opts.output);
  if (!options) return report_error(ctx, options.error());
  auto before = load_inventory(opts.inputs, ctx.reader);
  if (!before) return report_error(ctx, before.error());
  auto changes = parse_changes(opts, *before, ctx.reader);
  if (!changes) return report_error(ctx, changes.error());
  core::Inventory after = *before;
  auto applied = impact::apply_changes(after, *changes);
  if (!applied) return report_error(ctx, applied.error());
  core::Evaluator old_ev(*before, *eval), new_ev(after, *eval);
  return emit_diff(opts.output, impact::diff_evaluators(old_ev, new_ev, *options), *applied, ctx);
}

}  // namespace

void register_what_if(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<WhatIfOptions>();
  CLI::App* cmd = app.add_subcommand("what-if", "Decisions that hypothetical tag, alias, grant or policy changes would change (files are never modified)");
  add_input_options(*cmd, opts->inputs);
  add_diff_output_options(*cmd, opts->output, "never");
  cmd->add_option("--tag", opts->tags, "Set a tag: KEY:Tag=Value (repeatable)");
  cmd->add_option("--untag", opts->untags, "Remove a tag: KEY:Tag (repeatable)");
  cmd->add_option("--alias", opts->aliases, "Create or retarget an alias: alias/name=KEY (repeatable)");
  cmd->add_option("--delete-alias", opts->delete_aliases, "Delete an alias: alias/name (repeatable)");
  cmd->add_option("--grant", opts->grants, "Create a grant: KEY:PRINCIPAL:Op1,Op2 (repeatable)");
  cmd->add_option("--revoke-grant", opts->revokes, "Revoke a grant: KEY:GRANT_ID (repeatable)");
  cmd->add_option("--policy", opts->policies, "Replace a key policy: KEY=FILE (repeatable)");
  cmd->add_option("--attach", opts->attaches, "Attach an identity policy: PRINCIPAL=FILE (repeatable)");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_what_if(*opts, ctx); });
}

}  // namespace kmsaccess::cli
