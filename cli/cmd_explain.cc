// `kmsaccess explain`: the whole decision path of one cell, step by step, with positions.
#include <CLI/CLI.hpp>

#include <ostream>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/decision_json.h"
#include "cli/json_text.h"
#include "core/key_state.h"
#include "core/query.h"

namespace kmsaccess::cli {
namespace {

struct ExplainOptions {
  AnalysisOptions analysis;
  std::string key;
  std::string action;
  std::string principal;
  std::string format;
};

core::Result<std::size_t> only_one(core::Result<std::vector<std::size_t>> found, std::string_view what,
                                   const std::string& selector) {
  if (!found) return found.error();
  if (found->size() != 1) {
    return core::make_error("'" + selector + "' matches " + std::to_string(found->size()) + " " +
                            std::string(what) + "s; explain needs exactly one");
  }
  return found->front();
}

std::string render_text(const core::Explanation& ex, const core::Principal& p, const core::Key& k,
                        std::string_view action) {
  std::string out = p.name + " -> " + k.name + " -> " + std::string(action) + ": " +
                    std::string(core::to_string(ex.decision.verdict)) + "\n";
  if (!ex.decision.via.empty()) {
    out += "  via:";
    for (const auto& v : ex.decision.via) out += " " + v;
    out += "\n";
  }
  if (auto note = core::key_state_note(k)) out += "  note: " + *note + "\n";
  out += "\nSteps considered:\n";
  std::size_t n = 0;
  for (const auto& s : ex.steps) {
    out += "  " + std::to_string(++n) + ". [" + s.stage + "] " + s.pos.to_string();
    if (!s.sid.empty()) out += " (" + s.sid + ")";
    out += " " + std::string(core::to_string(s.effect)) + ": " + s.outcome;
    if (!s.why.empty()) out += " - " + s.why;
    out += "\n";
  }
  if (ex.steps.empty()) out += "  (no policy statement or grant was considered)\n";
  out += "\nDecided by:\n";
  for (const auto& r : ex.decision.reasons) out += "  - " + reason_text(r) + "\n";
  if (ex.decision.reasons.empty()) out += "  - nothing allows it (implicit deny)\n";
  if (!ex.decision.conditions.empty()) {
    out += "\nOnly when request conditions hold:\n";
    for (const auto& c : ex.decision.conditions) {
      out += "  - " + condition_text(c);
      if (c.alternative != 0) out += " [alternative " + std::to_string(c.alternative) + "]";
      out += "\n";
    }
  }
  return out;
}

std::string render_json(const core::Explanation& ex, const core::Principal& p, const core::Key& k,
                        std::string_view action) {
  OrderedJson doc;
  doc["schema"] = "kmsaccess/explain/v1";
  doc["result"] = cell_json(p, k, action, ex.decision);
  doc["steps"] = OrderedJson::array();
  for (const auto& s : ex.steps) {
    OrderedJson j;
    j["stage"] = s.stage;
    j["source"] = std::string(core::to_string(s.source));
    j["file"] = s.pos.file;
    j["line"] = s.pos.line;
    j["column"] = s.pos.column;
    j["sid"] = s.sid;
    j["effect"] = std::string(core::to_string(s.effect));
    j["outcome"] = s.outcome;
    j["why"] = s.why;
    doc["steps"].push_back(std::move(j));
  }
  return json_text(doc);
}

int run_explain(const ExplainOptions& opts, CommandContext& ctx) {
  auto analysis = load_analysis(opts.analysis, ctx);
  if (!analysis) return ctx.exit_code;
  const core::Inventory& inv = analysis->inventory;
  auto key = only_one(core::select_keys(inv, {opts.key}), "key", opts.key);
  if (!key) return report_error(ctx, key.error());
  auto principal = only_one(core::select_principals(inv, {opts.principal}), "principal", opts.principal);
  if (!principal) return report_error(ctx, principal.error());
  auto actions = core::select_actions({opts.action}, 0);
  if (!actions) return report_error(ctx, actions.error());
  if (__builtin_popcountll(*actions) != 1) {
    return report_error(ctx, core::make_error("'" + opts.action + "' matches several actions; explain needs one"));
  }
  auto action = static_cast<std::size_t>(__builtin_ctzll(*actions));
  core::Explanation ex = analysis->evaluator->explain(*principal, *key, action);
  std::string_view name = core::kms_actions()[action].name;
  const auto& p = inv.principals[*principal];
  const auto& k = inv.keys[*key];
  ctx.out << (opts.format == "json" ? render_json(ex, p, k, name) : render_text(ex, p, k, name));
  return kExitOk;
}

}  // namespace

void register_explain(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Explain one decision step by step, with file:line:column");
  add_analysis_options(*cmd, opts->analysis);
  cmd->add_option("-p,--principal", opts->principal, "Principal name or ARN")->required();
  cmd->add_option("-k,--key", opts->key, "Key name, ARN, key id or alias")->required();
  cmd->add_option("-a,--action", opts->action, "One KMS action, e.g. kms:Decrypt")->required();
  cmd->add_option("-f,--format", opts->format, "Output format: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([opts, &ctx] { ctx.exit_code = run_explain(*opts, ctx); });
}

}  // namespace kmsaccess::cli
