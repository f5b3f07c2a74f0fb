// The self-contained HTML access report: the principal x key grid, an explanation for each
// reachable cell and the lint findings, as one JSON block dropped into an embedded template.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evaluator.h"
#include "core/matrix.h"
#include "rules/rule.h"

namespace kmsaccess::cli {

struct ReportOptions {
  std::string title;                      // page heading, e.g. the manifest path
  std::string selection;                  // the --action text, e.g. "encrypt-decrypt"
  std::size_t max_explained_cells = 20000;  // bounds file size and time on huge grids
  std::string rule_docs = "docs/rules/";  // relative link prefix for rule pages
};

// Called after each grid row with (rows done, rows total).
using ProgressFn = std::function<void(std::size_t, std::size_t)>;

// The report data (schema kmsaccess/report/v1), deterministic for the same inputs. Cells are
// run-length encoded per row over a palette of cell kinds; identical decisions are stored once.
// Implicit-deny cells carry no explanation; past max_explained_cells, cells carry none either.
std::string report_data_json(const core::Evaluator& evaluator, const core::Matrix& matrix,
                             const std::vector<rules::Finding>& findings, const ReportOptions& options,
                             const ProgressFn& progress = {});

// The embedded template (cli/report_template.html) with the data in place: one HTML file with
// inline CSS and JS, no network access.
std::string render_report_html(std::string_view data_json);

}  // namespace kmsaccess::cli
