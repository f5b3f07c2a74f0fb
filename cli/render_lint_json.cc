#include <nlohmann/json.hpp>

#include "cli/json_text.h"
#include "cli/render_lint.h"

namespace kmsaccess::cli {
namespace {

nlohmann::ordered_json finding_json(const rules::Finding& f) {
  nlohmann::ordered_json j;
  j["ruleId"] = f.rule_id;
  j["rule"] = f.rule_name;
  j["severity"] = std::string(rules::to_string(f.severity));
  j["file"] = f.pos.file;
  j["line"] = f.pos.line;
  j["column"] = f.pos.column;
  j["statement"] = f.statement;
  j["pointer"] = f.json_pointer;
  j["value"] = f.value;
  j["message"] = f.message;
  j["fingerprint"] = f.fingerprint;
  return j;
}

}  // namespace

std::string render_lint_json(const rules::LintReport& report) {
  nlohmann::ordered_json root;
  root["findings"] = nlohmann::ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& f : report.findings) {
    root["findings"].push_back(finding_json(f));
    ++counts[static_cast<std::size_t>(f.severity)];
  }
  nlohmann::ordered_json summary;
  summary["error"] = counts[0];
  summary["warning"] = counts[1];
  summary["note"] = counts[2];
  summary["suppressed"] = report.suppressed;
  summary["baselined"] = report.baselined.size();
  root["summary"] = summary;
  return json_text(root);
}

}  // namespace kmsaccess::cli
