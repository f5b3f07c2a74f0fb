#include <ostream>

#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/cmd_lint.h"
#include "rules/registry.h"
#include "rules/rule_doc.h"

namespace kmsaccess::cli {

std::string render_rule_list() {
  std::string out;
  for (const auto& rule : rules::all_rules()) {
    const auto& info = rule->info();
    std::string sev(rules::to_string(info.severity));
    out += std::string(info.id) + "  " + sev + std::string(8 - sev.size(), ' ') +
           std::string(info.name) + "\n        " + std::string(info.short_description) + "\n";
  }
  return out;
}

std::string render_rule_doc(std::string_view id) {
  const auto list = rules::all_rules();
  const rules::Rule* rule = rules::find_rule(list, id);
  return rule == nullptr ? "" : rules::rule_doc_markdown(rule->info());
}

int run_rules(std::string_view id, CommandContext& ctx) {
  if (id.empty()) {
    ctx.out << render_rule_list();
    return kExitOk;
  }
  std::string doc = render_rule_doc(id);
  if (doc.empty()) {
    ctx.err << "kmsaccess: unknown rule '" << id << "' (see kmsaccess lint --list-rules)\n";
    return kExitUsage;
  }
  ctx.out << doc;
  return kExitOk;
}

void register_rules(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("rules", "Print the lint rule catalogue or one rule's documentation");
  auto id = std::make_shared<std::string>();
  cmd->add_option("RULE-ID", *id, "Rule id, e.g. KMS005");
  cmd->callback([&ctx, id] { ctx.exit_code = run_rules(*id, ctx); });
}

}  // namespace kmsaccess::cli
