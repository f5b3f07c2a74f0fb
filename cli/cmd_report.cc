// `kmsaccess report --html OUT`: one self-contained HTML page with the access grid, per-cell
// explanations and lint findings, written atomically.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <thread>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/analysis.h"
#include "cli/app.h"
#include "cli/atomic_write.h"
#include "cli/progress.h"
#include "cli/report_html.h"
#include "cli/today_utc.h"
#include "core/query.h"
#include "rules/lint_input.h"
#include "rules/lint_runner.h"
#include "rules/registry.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;

struct ReportCommandOptions {
  AnalysisOptions analysis;
  std::string html;
  std::vector<std::string> actions;
  std::vector<std::string> keys;
  std::vector<std::string> principals;
  std::size_t max_explained = 20000;
  bool force = false;
};

// Rows per compute_matrix call: small enough for a lively progress line, large enough that the
// per-key work compute_matrix shares between principals (see core/evaluator.h) is shared widely.
constexpr std::size_t kRowsPerChunk = 2048;

core::Matrix compute_with_progress(const core::Evaluator& evaluator, const std::vector<std::size_t>& principals,
                                   const std::vector<std::size_t>& keys, core::ActionMask actions,
                                   Progress& progress) {
  const unsigned threads = std::max(1U, std::thread::hardware_concurrency());
  core::Matrix all;
  all.principals = principals;
  all.keys = keys;
  all.actions = actions;
  all.cells.reserve(principals.size() * keys.size());
  for (std::size_t start = 0; start < principals.size(); start += kRowsPerChunk) {
    const std::size_t end = std::min(principals.size(), start + kRowsPerChunk);
    std::vector<std::size_t> chunk(principals.begin() + static_cast<std::ptrdiff_t>(start),
                                   principals.begin() + static_cast<std::ptrdiff_t>(end));
    core::Matrix part = core::compute_matrix(evaluator, std::move(chunk), keys, actions, threads);
    all.cells.insert(all.cells.end(), part.cells.begin(), part.cells.end());
    progress.update(end, principals.size());
  }
  progress.finish();
  return all;
}

// The manifest's own findings, with the built-in rule settings: the same rules `lint` runs.
std::vector<rules::Finding> lint_findings(const core::Inventory& inv, const core::Evaluator& evaluator) {
  const rules::RuleList rule_list = rules::all_rules();
  rules::LintContext lint_ctx;
  lint_ctx.documents = rules::documents_from_inventory(inv);
  lint_ctx.inventory = &inv;
  lint_ctx.evaluator = &evaluator;
  lint_ctx.today = today_utc();
  rules::LintReport report = rules::run_rules(rule_list, lint_ctx, rules::LintConfig{});
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const rules::Finding& a, const rules::Finding& b) { return a.severity < b.severity; });
  return report.findings;
}

std::string selection_text(const std::vector<std::string>& actions) {
  if (actions.empty()) return "encrypt-decrypt";
  std::string out;
  for (const auto& a : actions) out += (out.empty() ? "" : ", ") + a;
  return out;
}

int run_report(const ReportCommandOptions& opts, CommandContext& ctx) {
  if (!opts.force && fs::exists(opts.html)) {
    return report_error(ctx, core::make_error(opts.html + " exists; pass --force to overwrite it"));
  }
  auto analysis = load_analysis(opts.analysis, ctx);
  if (!analysis) return ctx.exit_code;
  const core::Inventory& inv = analysis->inventory;
  auto sel = select_cells(inv, opts.keys, opts.principals, opts.actions, core::encrypt_decrypt_mask(), ctx);
  if (!sel) return ctx.exit_code;

  Progress grid_progress(ctx.err, ctx.err_is_terminal, "computing access grid");
  core::Matrix m = compute_with_progress(*analysis->evaluator, sel->principals, sel->keys, sel->actions, grid_progress);
  std::vector<rules::Finding> findings = lint_findings(inv, *analysis->evaluator);

  ReportOptions options;
  options.title = opts.analysis.inputs.manifest.empty() ? "kmsaccess.yaml" : opts.analysis.inputs.manifest;
  options.selection = selection_text(opts.actions);
  options.max_explained_cells = opts.max_explained;
  Progress explain_progress(ctx.err, ctx.err_is_terminal, "explaining cells");
  const std::string data = report_data_json(
      *analysis->evaluator, m, findings, options,
      [&](std::size_t done, std::size_t total) { explain_progress.update(done, total); });
  explain_progress.finish();
  if (auto st = write_file_atomically(opts.html, render_report_html(data), opts.force); !st) {
    return report_error(ctx, st.error());
  }
  ctx.err << "kmsaccess: wrote " << opts.html << " (" << m.principals.size() << " principals x "
          << m.keys.size() << " keys, " << findings.size() << " lint finding(s))\n";
  return kExitOk;
}

}  // namespace

void register_report(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Write a self-contained HTML access report (grid, explanations, lint)");
  add_analysis_options(*cmd, opts->analysis);
  cmd->add_option("--html", opts->html, "The HTML file to write")->required();
  cmd->add_option("-a,--action", opts->actions,
                  "Action, pattern or group (encrypt-decrypt [default], crypto, admin, key); repeatable");
  cmd->add_option("-k,--key", opts->keys, "Restrict to these keys (name, ARN, key id or alias)");
  cmd->add_option("-p,--principal", opts->principals, "Restrict to these principals (name or ARN)");
  cmd->add_option("--max-explained", opts->max_explained,
                  "Embed explanations for at most this many cells (bounds the file size)")
      ->capture_default_str();
  cmd->add_flag("--force", opts->force, "Overwrite the HTML file if it exists");
  cmd->callback([opts, &ctx] { ctx.exit_code = run_report(*opts, ctx); });
}

}  // namespace kmsaccess::cli
