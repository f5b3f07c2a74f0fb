// `kmsaccess who-can`: which principal can perform which KMS action on which key, and why.
#include <CLI/CLI.hpp>

#include <ostream>
#include <set>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/decision_json.h"
#include "cli/json_text.h"
#include "cli/text_table.h"
#include "core/query.h"

namespace kmsaccess::cli {
namespace {

struct WhoCanOptions {
  AnalysisOptions analysis;
  std::vector<std::string> keys;
  std::vector<std::string> actions;
  std::vector<std::string> principals;
  bool all = false;
  std::string format;
};

struct Row {
  std::size_t principal;
  std::size_t key;
  std::size_t action;
  core::Decision decision;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string render(const std::vector<Row>& rows, const core::Inventory& inv, const std::string& format,
                   bool color) {
  auto action_name = [](std::size_t a) { return std::string(core::kms_actions()[a].name); };
  if (format == "json") {
    OrderedJson doc;
    doc["schema"] = "kmsaccess/who-can/v1";
    doc["results"] = OrderedJson::array();
    for (const auto& r : rows) {
      doc["results"].push_back(cell_json(inv.principals[r.principal], inv.keys[r.key], action_name(r.action), r.decision));
    }
    return json_text(doc);
  }
  if (format == "csv") {
    std::string out = "principal,principal_arn,key,key_arn,action,decision,via,conditions,reasons\n";
    for (const auto& r : rows) {
      const auto& p = inv.principals[r.principal];
      const auto& k = inv.keys[r.key];
      std::vector<std::string> conds, reasons;
      conds = conditions_text(r.decision.conditions);
      for (const auto& x : r.decision.reasons) reasons.push_back(reason_text(x));
      out += csv_field(p.name) + "," + csv_field(p.arn) + "," + csv_field(k.name) + "," + csv_field(k.arn) + "," +
             action_name(r.action) + "," + std::string(core::to_string(r.decision.verdict)) + "," +
             csv_field(joined(r.decision.via, ";")) + "," + csv_field(joined(conds, "; ")) + "," +
             csv_field(joined(reasons, "; ")) + "\n";
    }
    return out;
  }
  TextTable table({"PRINCIPAL", "KEY", "ACTION", "DECISION", "VIA", "WHY"});
  for (const auto& r : rows) {
    std::string verdict(core::to_string(r.decision.verdict));
    std::vector<std::string> why;
    for (const auto& x : r.decision.reasons) {
      std::string where = x.pos.to_string();
      why.push_back(where.empty() ? x.detail : where + (x.sid.empty() ? "" : " (" + x.sid + ")"));
    }
    for (auto& c : conditions_text(r.decision.conditions)) why.push_back(std::move(c));
    table.add_row({{inv.principals[r.principal].name, ""},
                   {inv.keys[r.key].name, ""},
                   {action_name(r.action), ""},
                   {verdict, verdict_color(verdict)},
                   {r.decision.via.empty() ? "-" : joined(r.decision.via, ","), ""},
                   {joined(why, "; "), ""}});
  }
  if (rows.empty()) return "no principal can perform the selected actions on the selected keys\n";
  std::set<std::size_t> keys;  // each key of the rows once, in key order
  for (const auto& r : rows) keys.insert(r.key);
  return table.render(color) + key_state_notes(inv, {keys.begin(), keys.end()});
}

int run_who_can(const WhoCanOptions& opts, CommandContext& ctx) {
  auto analysis = load_analysis(opts.analysis, ctx);
  if (!analysis) return ctx.exit_code;
  const core::Inventory& inv = analysis->inventory;
  auto sel = select_cells(inv, opts.keys, opts.principals, opts.actions, core::key_actions_mask(), ctx);
  if (!sel) return ctx.exit_code;

  // The compiled path finds the cells to show; only those get a full decision with reasons.
  std::vector<Row> rows;
  std::vector<core::PairMasks> column;
  for (std::size_t k : sel->keys) {
    analysis->evaluator->decide_column(k, sel->principals, column);
    for (std::size_t i = 0; i < sel->principals.size(); ++i) {
      core::ActionMask reachable = (column[i].allow | column[i].conditional) & sel->actions;
      if (!opts.all && reachable == 0) continue;
      std::size_t p = sel->principals[i];
      for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
        if (((opts.all ? sel->actions : reachable) & core::action_bit(a)) == 0) continue;
        rows.push_back({p, k, a, analysis->evaluator->decide(p, k, a)});
      }
    }
  }
  std::string format = opts.format.empty() ? (ctx.out_is_terminal ? "table" : "json") : opts.format;
  ctx.out << render(rows, inv, format, ctx.use_color());
  return kExitOk;
}

}  // namespace

void register_who_can(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<WhoCanOptions>();
  CLI::App* cmd = app.add_subcommand("who-can", "Which principals can perform which KMS actions on which keys, and why");
  add_analysis_options(*cmd, opts->analysis);
  cmd->add_option("-k,--key", opts->keys, "Key name, ARN, key id or alias (repeatable; wildcards allowed)");
  cmd->add_option("-a,--action", opts->actions, "KMS action or pattern, e.g. kms:Decrypt or kms:Generate* (repeatable)");
  cmd->add_option("-p,--principal", opts->principals, "Principal name or ARN (repeatable; wildcards allowed)");
  cmd->add_flag("--all", opts->all, "Also print denied and implicitly denied cells");
  cmd->add_option("-f,--format", opts->format, "Output format: table (default on a terminal), json (default otherwise) or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([opts, &ctx] { ctx.exit_code = run_who_can(*opts, ctx); });
}

}  // namespace kmsaccess::cli
