#include "cli/report_html.h"

#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "cli/decision_json.h"
#include "cli/report_template.h"  // generated from cli/report_template.html

namespace kmsaccess::cli {
namespace {

constexpr std::string_view kDataMarker = "@REPORT_DATA@";

std::string short_name(std::string_view action) {
  return std::string(action.substr(0, 4) == "kms:" ? action.substr(4) : action);
}

// The same words `kmsaccess matrix` prints, so the report and the terminal agree.
std::string cell_text(const core::PairMasks& m, core::ActionMask actions, core::CellSummary s) {
  if (s == core::CellSummary::kNone) return "-";
  if (s != core::CellSummary::kPartial) return std::string(core::to_string(s));
  std::string out;
  for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
    const core::ActionMask bit = core::action_bit(a);
    if ((actions & bit) == 0 || ((m.allow | m.conditional) & bit) == 0) continue;
    out += (out.empty() ? "" : " ") + short_name(core::kms_actions()[a].name) +
           ((m.conditional & bit) != 0 ? "?" : "");
  }
  return out;
}

// Stores each distinct JSON value once and hands out its index.
class Palette {
 public:
  std::size_t intern(OrderedJson value) {
    auto [it, inserted] = index_.try_emplace(value.dump(), values_.size());
    if (inserted) values_.push_back(std::move(value));
    return it->second;
  }
  OrderedJson take() { return std::move(values_); }

 private:
  std::map<std::string, std::size_t> index_;
  OrderedJson values_ = OrderedJson::array();
};

class GridEncoder {
 public:
  GridEncoder(const core::Evaluator& evaluator, const core::Matrix& matrix, const ReportOptions& options)
      : evaluator_(evaluator), matrix_(matrix), options_(options) {
    kinds_.intern(OrderedJson{{"c", "implicit-deny"}, {"t", "-"}});  // kind 0: no access
  }

  // One row as "kind" or "kind*count" runs joined by ','.
  std::string encode_row(std::size_t row) {
    std::string out;
    std::size_t run_kind = 0;
    std::size_t run_length = 0;
    auto flush = [&] {
      if (run_length == 0) return;
      if (!out.empty()) out += ',';
      out += std::to_string(run_kind);
      if (run_length > 1) out += '*' + std::to_string(run_length);
    };
    for (std::size_t col = 0; col < matrix_.keys.size(); ++col) {
      const std::size_t kind = cell_kind(row, col);
      if (kind != run_kind || run_length == 0) {
        flush();
        run_kind = kind;
        run_length = 0;
      }
      ++run_length;
    }
    flush();
    return out;
  }

  OrderedJson counts() const {
    OrderedJson out = OrderedJson::object();
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      out[std::string(core::to_string(static_cast<core::CellSummary>(i)))] = counts_[i];
    }
    return out;
  }
  bool truncated() const { return truncated_; }
  OrderedJson take_kinds() { return kinds_.take(); }
  OrderedJson take_decisions() { return decisions_.take(); }

 private:
  std::size_t cell_kind(std::size_t row, std::size_t col) {
    const core::PairMasks& m = matrix_.at(row, col);
    const core::CellSummary s = core::summarize(m, matrix_.actions);
    ++counts_[static_cast<std::size_t>(s)];
    if (s == core::CellSummary::kNone) return 0;
    auto make_kind = [&] {
      return OrderedJson{{"c", std::string(core::to_string(s))}, {"t", cell_text(m, matrix_.actions, s)}};
    };
    if (explained_ < options_.max_explained_cells) {
      ++explained_;
      OrderedJson kind = make_kind();
      kind["e"] = explanation(matrix_.principals[row], matrix_.keys[col]);
      return kinds_.intern(std::move(kind));
    }
    // Past the limit a kind depends on the masks only: look it up without building JSON.
    truncated_ = true;
    const auto plain = std::make_tuple(m.allow & matrix_.actions, m.conditional & matrix_.actions,
                                       m.deny & matrix_.actions);
    auto it = plain_kinds_.find(plain);
    if (it == plain_kinds_.end()) it = plain_kinds_.emplace(plain, kinds_.intern(make_kind())).first;
    return it->second;
  }

  // [[action names], decision index] per group of actions decided identically.
  OrderedJson explanation(std::size_t principal, std::size_t key) {
    std::vector<std::pair<std::size_t, std::vector<std::string>>> groups;
    for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
      if ((matrix_.actions & core::action_bit(a)) == 0) continue;
      const std::size_t d = decisions_.intern(decision_json(evaluator_.decide(principal, key, a)));
      std::string name(core::kms_actions()[a].name);
      auto it = std::find_if(groups.begin(), groups.end(), [d](const auto& g) { return g.first == d; });
      if (it == groups.end()) {
        groups.push_back({d, {std::move(name)}});
      } else {
        it->second.push_back(std::move(name));
      }
    }
    OrderedJson out = OrderedJson::array();
    for (auto& [d, names] : groups) out.push_back(OrderedJson::array({names, d}));
    return out;
  }

  const core::Evaluator& evaluator_;
  const core::Matrix& matrix_;
  const ReportOptions& options_;
  Palette kinds_;
  Palette decisions_;
  std::array<std::size_t, 5> counts_{};  // by CellSummary
  std::map<std::tuple<core::ActionMask, core::ActionMask, core::ActionMask>, std::size_t> plain_kinds_;
  std::size_t explained_ = 0;
  bool truncated_ = false;
};

OrderedJson findings_json(const std::vector<rules::Finding>& findings) {
  OrderedJson out = OrderedJson::array();
  for (const auto& f : findings) {
    out.push_back({{"id", f.rule_id},
                   {"name", f.rule_name},
                   {"severity", std::string(rules::to_string(f.severity))},
                   {"file", f.pos.file},
                   {"line", f.pos.line},
                   {"column", f.pos.column},
                   {"statement", f.statement},
                   {"message", f.message}});
  }
  return out;
}

}  // namespace

std::string report_data_json(const core::Evaluator& evaluator, const core::Matrix& matrix,
                             const std::vector<rules::Finding>& findings, const ReportOptions& options,
                             const ProgressFn& progress) {
  const core::Inventory& inv = evaluator.inventory();
  OrderedJson doc;
  doc["schema"] = "kmsaccess/report/v1";
  doc["title"] = options.title;
  doc["selection"] = options.selection;
  doc["actions"] = core::mask_to_names(matrix.actions);
  doc["principals"] = OrderedJson::array();
  for (std::size_t p : matrix.principals) {
    const auto& pr = inv.principals[p];
    doc["principals"].push_back({pr.name, pr.arn, std::string(core::to_string(pr.kind))});
  }
  doc["keys"] = OrderedJson::array();
  for (std::size_t k : matrix.keys) doc["keys"].push_back({inv.keys[k].name, inv.keys[k].arn});
  GridEncoder encoder(evaluator, matrix, options);
  OrderedJson rows = OrderedJson::array();
  for (std::size_t r = 0; r < matrix.principals.size(); ++r) {
    rows.push_back(encoder.encode_row(r));
    if (progress) progress(r + 1, matrix.principals.size());
  }
  doc["counts"] = encoder.counts();
  doc["max_explained_cells"] = options.max_explained_cells;
  doc["explanations_truncated"] = encoder.truncated();
  doc["kinds"] = encoder.take_kinds();
  doc["decisions"] = encoder.take_decisions();
  doc["rows"] = std::move(rows);
  doc["rule_docs"] = options.rule_docs;
  doc["findings"] = findings_json(findings);
  return doc.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string render_report_html(std::string_view data_json) {
  std::string page;
  for (std::string_view piece : kReportTemplate) page += piece;
  // '<' only occurs inside JSON strings, where \u003c means the same; this keeps "</script>"
  // and "<!--" in names or messages from ending the data block early.
  std::string safe;
  safe.reserve(data_json.size());
  for (char c : data_json) {
    if (c == '<') {
      safe += "\\u003c";
    } else {
      safe += c;
    }
  }
  const std::size_t at = page.find(kDataMarker);
  if (at != std::string::npos) page.replace(at, kDataMarker.size(), safe);
  return page;
}

}  // namespace kmsaccess::cli
