#include "rules/lint_runner.h"

#include <doctest/doctest.h>

#include "rules/baseline.h"
#include "rules/lint_input.h"
#include "rules/registry.h"

namespace r = kmsaccess::rules;

namespace {

// Two findings from two rules: KMS005 (error) on line 3 and KMS002 (warning) on line 1.
r::LintContext sample() {
  r::LintContext ctx;
  auto doc = r::load_lint_document(
      "{\"Version\": \"2008-10-17\", \"Statement\": [\n"
      "  {\"Sid\": \"Use\", \"Effect\": \"Allow\", \"Resource\": \"*\",\n"
      "   \"Action\": \"kms:Decrypts\"}]}\n",
      "p.json", std::nullopt);
  REQUIRE(doc.has_value());
  ctx.documents.push_back(std::move(*doc));
  ctx.today = "2026-06-01";
  return ctx;
}

}  // namespace

TEST_CASE("runner: findings are sorted by file, line, column and rule id") {
  auto rules = r::all_rules();
  auto report = r::run_rules(rules, sample(), r::LintConfig{});
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].rule_id == "KMS002");
  CHECK(report.findings[1].rule_id == "KMS005");
  CHECK(report.findings[1].pos.line == 3);
  CHECK(report.findings[1].statement == "Use");
  CHECK(report.findings[1].fingerprint.size() == 16);
}

TEST_CASE("runner: a disabled rule reports nothing, a severity override applies") {
  auto rules = r::all_rules();
  r::LintConfig config;
  config.rules["KMS002"].enabled = false;
  config.rules["KMS005"].severity = r::Severity::kNote;
  auto report = r::run_rules(rules, sample(), config);
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].severity == r::Severity::kNote);
  CHECK_FALSE(r::fails_gate(report.findings, r::Severity::kWarning));
  CHECK(r::fails_gate(report.findings, r::Severity::kNote));
}

TEST_CASE("runner: suppressions apply until they expire") {
  auto rules = r::all_rules();
  r::LintConfig config;
  config.suppressions.push_back({"KMS005", "p.json", "Use", "accepted", "2026-12-31", {}});
  auto ctx = sample();
  auto report = r::run_rules(rules, ctx, config);
  CHECK(report.suppressed == 1);
  CHECK(report.findings.size() == 1);
  ctx.today = "2027-01-01";
  report = r::run_rules(rules, ctx, config);
  CHECK(report.suppressed == 0);
  CHECK(report.findings.size() == 2);
}

TEST_CASE("runner: baselined findings are set aside") {
  auto rules = r::all_rules();
  auto first = r::run_rules(rules, sample(), r::LintConfig{});
  auto baseline = r::parse_baseline(r::write_baseline(first.findings), "b.json");
  REQUIRE(baseline.has_value());
  auto second = r::run_rules(rules, sample(), r::LintConfig{}, &*baseline);
  CHECK(second.findings.empty());
  CHECK(second.baselined.size() == 2);
}
