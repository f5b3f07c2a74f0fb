#include <map>

#include <nlohmann/json.hpp>

#include "cli/json_text.h"
#include "cli/render_lint.h"

namespace kmsaccess::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kInformationUri = "https://github.com/kmsaccess/kmsaccess";

Json rule_json(const rules::RuleInfo& info) {
  Json r;
  r["id"] = std::string(info.id);
  r["name"] = std::string(info.name);
  r["shortDescription"] = {{"text", std::string(info.short_description)}};
  r["fullDescription"] = {{"text", std::string(info.long_description)}};
  r["helpUri"] = std::string(info.doc_url);
  r["help"] = {{"text", std::string(info.help) + " See " + std::string(info.doc_url)},
               {"markdown", std::string(info.help) + "\n\nSee [AWS documentation](" +
                                std::string(info.doc_url) + ")."}};
  r["defaultConfiguration"] = {{"level", std::string(sarif_level(info.severity))}};
  Json props;
  props["tags"] = Json::array({"security", "aws-kms"});
  props["security-severity"] = std::string(security_severity(info.severity));
  r["properties"] = props;
  return r;
}

// Embedded documents are labelled "file#/Policy"; the artifact is the file.
std::string artifact_uri(const std::string& label) { return label.substr(0, label.find('#')); }

Json result_json(const rules::Finding& f, std::size_t rule_index, const EmbeddedHolders& holders) {
  auto holder = holders.find(f.pos.file);
  const core::Pos at = holder != holders.end() ? holder->second : core::Pos{f.pos.line, f.pos.column};
  Json region;
  region["startLine"] = at.line == 0 ? 1U : at.line;
  region["startColumn"] = at.column == 0 ? 1U : at.column;
  Json physical;
  physical["artifactLocation"] = {{"uri", artifact_uri(f.pos.file)}};
  physical["region"] = region;
  std::string message = f.message;
  if (holder != holders.end()) {
    message += " (line " + std::to_string(f.pos.line) + ", column " + std::to_string(f.pos.column) +
               " inside the policy this string holds)";
  }
  Json result;
  result["ruleId"] = f.rule_id;
  result["ruleIndex"] = rule_index;
  result["level"] = std::string(sarif_level(f.severity));
  result["message"] = {{"text", message}};
  result["locations"] = Json::array({Json{{"physicalLocation", physical}}});
  result["partialFingerprints"] = {{"kmsaccess/v1", f.fingerprint}};
  return result;
}

}  // namespace

std::string_view sarif_level(rules::Severity s) { return rules::to_string(s); }

// GitHub maps >= 7.0 to high, >= 4.0 to medium and below to low.
std::string_view security_severity(rules::Severity s) {
  switch (s) {
    case rules::Severity::kError: return "7.5";
    case rules::Severity::kWarning: return "5.0";
    case rules::Severity::kNote: return "2.0";
  }
  return "5.0";
}

EmbeddedHolders embedded_holders(const std::vector<rules::LintDocument>& documents) {
  EmbeddedHolders holders;
  // Keyed by the label findings carry: the document's (a get-key-policy file's findings name the
  // file alone, though their positions are inside its Policy string).
  for (const auto& doc : documents) {
    if (doc.policy && doc.policy->embedded_at) holders.emplace(doc.file, *doc.policy->embedded_at);
  }
  return holders;
}

std::string render_sarif(const std::vector<rules::Finding>& findings,
                         const rules::RuleList& rules, std::string_view tool_version,
                         const EmbeddedHolders& holders) {
  Json driver;
  driver["name"] = "kmsaccess";
  driver["version"] = std::string(tool_version);
  driver["informationUri"] = std::string(kInformationUri);
  driver["rules"] = Json::array();
  std::map<std::string, std::size_t, std::less<>> index;
  for (const auto& rule : rules) {
    index.emplace(std::string(rule->info().id), driver["rules"].size());
    driver["rules"].push_back(rule_json(rule->info()));
  }
  Json results = Json::array();
  for (const auto& f : findings) {
    auto it = index.find(f.rule_id);
    results.push_back(result_json(f, it == index.end() ? 0 : it->second, holders));
  }
  Json run;
  run["tool"] = {{"driver", driver}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;
  Json root;
  root["$schema"] = std::string(kSarifSchema);
  root["version"] = "2.1.0";
  root["runs"] = Json::array({run});
  return json_text(root);
}

}  // namespace kmsaccess::cli
