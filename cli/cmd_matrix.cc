// `kmsaccess matrix`: the principal x key grid (seed 002's Alice/Bob/Charlie/David x CMK-A/B/C).
#include <CLI/CLI.hpp>

#include <ostream>
#include <thread>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/decision_json.h"
#include "cli/matrix_json.h"
#include "cli/text_table.h"
#include "core/matrix.h"
#include "core/query.h"

namespace kmsaccess::cli {
namespace {

struct MatrixOptions {
  AnalysisOptions analysis;
  std::vector<std::string> keys;
  std::vector<std::string> actions;
  std::vector<std::string> principals;
  std::string format;
};

std::string short_name(std::string_view action) {
  return std::string(action.substr(0, 4) == "kms:" ? action.substr(4) : action);
}

// The text of one cell: a verdict word, or the actions a partial cell allows ("Encrypt").
std::string cell_text(const core::PairMasks& m, core::ActionMask actions) {
  core::CellSummary s = core::summarize(m, actions);
  if (s == core::CellSummary::kNone) return "-";
  if (s != core::CellSummary::kPartial) return std::string(core::to_string(s));
  std::string out;
  for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
    core::ActionMask bit = core::action_bit(a);
    if ((actions & bit) == 0 || ((m.allow | m.conditional) & bit) == 0) continue;
    out += (out.empty() ? "" : " ") + short_name(core::kms_actions()[a].name) + ((m.conditional & bit) != 0 ? "?" : "");
  }
  return out;
}

std::string cell_color(const core::PairMasks& m, core::ActionMask actions) {
  switch (core::summarize(m, actions)) {
    case core::CellSummary::kAllow: return "32";
    case core::CellSummary::kConditional:
    case core::CellSummary::kPartial: return "33";
    case core::CellSummary::kDeny: return "31";
    case core::CellSummary::kNone: return "";
  }
  return "";
}

std::string action_list(core::ActionMask actions) {
  std::string out;
  for (const auto& n : core::mask_to_names(actions)) out += (out.empty() ? "" : ", ") + n;
  return out;
}

constexpr const char* kLegend =
    "allow: every listed action allowed; conditional: allowed only if request conditions hold;\n"
    "deny: explicitly denied; -: no policy or grant allows it; otherwise the actions allowed\n"
    "(\"?\" marks a conditional one). Details: kmsaccess who-can / explain.\n";

std::string render_grid(const core::Matrix& m, const core::Inventory& inv, const std::string& format, bool color) {
  std::vector<std::string> header{"PRINCIPAL"};
  for (std::size_t k : m.keys) header.push_back(inv.keys[k].name);
  if (format == "csv" || format == "markdown") {
    std::string sep = format == "csv" ? "," : " | ";
    std::string out = format == "csv" ? "" : "| ";
    auto emit = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : sep) + cells[i];
      out += format == "csv" ? "\n" : " |\n";
      if (format == "markdown") out += "| ";
    };
    header[0] = "principal";
    emit(header);
    if (format == "markdown") {
      std::vector<std::string> rule(header.size(), "---");
      emit(rule);
    }
    for (std::size_t r = 0; r < m.principals.size(); ++r) {
      std::vector<std::string> row{inv.principals[m.principals[r]].name};
      for (std::size_t c = 0; c < m.keys.size(); ++c) row.push_back(cell_text(m.at(r, c), m.actions));
      emit(row);
    }
    if (format == "markdown") out.resize(out.size() - 2);
    return out;
  }
  TextTable table(header);
  for (std::size_t r = 0; r < m.principals.size(); ++r) {
    std::vector<TableCell> row{{inv.principals[m.principals[r]].name, ""}};
    for (std::size_t c = 0; c < m.keys.size(); ++c) {
      row.push_back({cell_text(m.at(r, c), m.actions), cell_color(m.at(r, c), m.actions)});
    }
    table.add_row(std::move(row));
  }
  return "Actions: " + action_list(m.actions) + "\n\n" + table.render(color) + "\n" + kLegend +
         key_state_notes(inv, m.keys);
}

int run_matrix(const MatrixOptions& opts, CommandContext& ctx) {
  auto analysis = load_analysis(opts.analysis, ctx);
  if (!analysis) return ctx.exit_code;
  const core::Inventory& inv = analysis->inventory;
  auto sel = select_cells(inv, opts.keys, opts.principals, opts.actions, core::encrypt_decrypt_mask(), ctx);
  if (!sel) return ctx.exit_code;
  unsigned threads = std::max(1U, std::thread::hardware_concurrency());
  core::Matrix m = core::compute_matrix(*analysis->evaluator, sel->principals, sel->keys, sel->actions, threads);
  std::string format = opts.format.empty() ? "table" : opts.format;
  if (format == "json") {
    write_matrix_json(m, inv, ctx.out);
  } else if (format == "json-compact") {
    write_matrix_compact_json(m, inv, ctx.out, threads);
  } else {
    ctx.out << render_grid(m, inv, format, ctx.use_color());
  }
  return kExitOk;
}

}  // namespace

void register_matrix(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<MatrixOptions>();
  CLI::App* cmd = app.add_subcommand("matrix", "The principal x key access grid for an action or action group");
  add_analysis_options(*cmd, opts->analysis);
  cmd->add_option("-a,--action", opts->actions,
                  "Action, pattern or group (encrypt-decrypt [default], crypto, admin, key); repeatable");
  cmd->add_option("-k,--key", opts->keys, "Restrict to these keys (name, ARN, key id or alias)");
  cmd->add_option("-p,--principal", opts->principals, "Restrict to these principals (name or ARN)");
  cmd->add_option("-f,--format", opts->format,
                  "Output format: table (default), json, json-compact (indexed, for whole-organisation grids), csv or markdown")
      ->check(CLI::IsMember({"table", "json", "json-compact", "csv", "markdown"}));
  cmd->callback([opts, &ctx] { ctx.exit_code = run_matrix(*opts, ctx); });
}

}  // namespace kmsaccess::cli
