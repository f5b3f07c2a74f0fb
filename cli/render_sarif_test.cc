// Structural SARIF 2.1.0 checks: every property GitHub code scanning requires is present.
// (The official schema is not available offline, so the required properties are asserted here.)
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli/render_lint.h"
#include "rules/registry.h"

namespace r = kmsaccess::rules;
using nlohmann::json;

namespace {

r::Finding sample_finding() {
  r::Finding f;
  f.rule_id = "KMS005";
  f.rule_name = "unknown-action";
  f.severity = r::Severity::kError;
  f.pos = kmsaccess::core::SourcePos("policies/key.json", 12, 9);
  f.message = "action 'kms:Decrypts' matches no KMS action";
  f.fingerprint = "0123456789abcdef";
  return f;
}

json render() {
  auto rules = r::all_rules();
  return json::parse(kmsaccess::cli::render_sarif({sample_finding()}, rules, "0.1.0"));
}

}  // namespace

TEST_CASE("sarif: top level has version 2.1.0, $schema and one run") {
  json s = render();
  CHECK(s["version"] == "2.1.0");
  CHECK(s["$schema"].get<std::string>().find("sarif") != std::string::npos);
  REQUIRE(s["runs"].is_array());
  CHECK(s["runs"].size() == 1);
}

TEST_CASE("sarif: driver names the tool and lists every rule with its metadata") {
  json driver = render()["runs"][0]["tool"]["driver"];
  CHECK(driver["name"] == "kmsaccess");
  auto rules = r::all_rules();
  REQUIRE(driver["rules"].size() == rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const json& rule = driver["rules"][i];
    const auto& info = rules[i]->info();
    INFO(info.id);
    CHECK(rule["id"] == std::string(info.id));
    CHECK(rule["name"] == std::string(info.name));
    CHECK(rule["shortDescription"]["text"] == std::string(info.short_description));
    CHECK(rule["fullDescription"]["text"] == std::string(info.long_description));
    CHECK(rule["help"]["text"].is_string());
    CHECK(rule["help"]["markdown"].is_string());
    const std::string score = rule["properties"]["security-severity"];
    CHECK(std::stod(score) > 0.0);
    CHECK(std::stod(score) <= 10.0);
  }
}

TEST_CASE("sarif: each result has ruleId, level, message and a physical location") {
  const json results = render()["runs"][0]["results"];
  REQUIRE(results.size() == 1);
  const json& res = results[0];
  CHECK(res["ruleId"] == "KMS005");
  CHECK(res["level"] == "error");
  CHECK(res["message"]["text"] == "action 'kms:Decrypts' matches no KMS action");
  const json& loc = res["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "policies/key.json");
  CHECK(loc["region"]["startLine"] == 12);
  CHECK(loc["region"]["startColumn"] == 9);
  CHECK(res["partialFingerprints"]["kmsaccess/v1"] == "0123456789abcdef");
  const json full = render();
  const json& rules = full["runs"][0]["tool"]["driver"]["rules"];
  CHECK(rules[res["ruleIndex"].get<std::size_t>()]["id"] == "KMS005");
}

TEST_CASE("sarif: levels are error, warning or note") {
  for (auto s : {r::Severity::kError, r::Severity::kWarning, r::Severity::kNote}) {
    const std::string level(kmsaccess::cli::sarif_level(s));
    CHECK((level == "error" || level == "warning" || level == "note"));
  }
}

TEST_CASE("sarif: an embedded document's label maps to its file and lines are at least 1") {
  auto f = sample_finding();
  f.pos = kmsaccess::core::SourcePos("out.json#/Policy", 0, 0);
  auto rules = r::all_rules();
  json s = json::parse(kmsaccess::cli::render_sarif({f}, rules, "0.1.0"));
  const json& loc = s["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "out.json");
  CHECK(loc["region"]["startLine"] >= 1);
}

TEST_CASE("sarif: a finding inside an embedded policy points at the line of the string holding it") {
  auto inside = sample_finding();
  inside.pos = kmsaccess::core::SourcePos("plan.json#aws_kms_key.k", 3, 16);
  auto grant = sample_finding();  // a '#' label whose positions are the file's own (no holder)
  grant.pos = kmsaccess::core::SourcePos("plan.json#aws_kms_grant.g", 40, 7);
  kmsaccess::cli::EmbeddedHolders holders{{"plan.json#aws_kms_key.k", kmsaccess::core::Pos{1, 349}}};
  auto rules = r::all_rules();
  json s = json::parse(kmsaccess::cli::render_sarif({inside, grant}, rules, "0.1.0", holders));
  const json& held = s["runs"][0]["results"][0];
  const json& region = held["locations"][0]["physicalLocation"]["region"];
  CHECK(held["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plan.json");
  CHECK(region["startLine"] == 1);
  CHECK(region["startColumn"] == 349);
  CHECK(held["message"]["text"] == inside.message + " (line 3, column 16 inside the policy this string holds)");
  const json& own = s["runs"][0]["results"][1];
  CHECK(own["locations"][0]["physicalLocation"]["region"]["startLine"] == 40);
  CHECK(own["message"]["text"] == grant.message);
}
