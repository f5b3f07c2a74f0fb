#include "rules/config.h"

#include <doctest/doctest.h>

#include <array>

namespace r = kmsaccess::rules;

namespace {
constexpr std::array<std::string_view, 3> kIds{"KMS001", "KMS005", "KMS201"};
}

TEST_CASE("config: rule switches, severities, trusted accounts and suppressions") {
  const char* yaml = R"(rules:
  KMS005: off
  KMS201: {severity: note}
trusted_accounts: ["444455556666", "111122223333"]
suppressions:
  - rule: KMS201
    file: keys/*.json
    statement: OldAdmins
    reason: migration SEC-42
    expires: 2026-12-31
)";
  auto c = r::parse_lint_config(yaml, ".kmsaccess.yaml", kIds);
  REQUIRE_MESSAGE(c.has_value(), c.error().to_string());
  CHECK(c->rules["KMS005"].enabled == false);
  CHECK(c->rules["KMS201"].severity == r::Severity::kNote);
  CHECK(c->trusted_accounts == std::vector<std::string>{"111122223333", "444455556666"});
  REQUIRE(c->suppressions.size() == 1);
  CHECK(c->suppressions[0].expires == "2026-12-31");
  CHECK(c->suppressions[0].pos.line == 6);
}

TEST_CASE("config: trust_organization is off unless set, and takes only true or false") {
  auto off = r::parse_lint_config("trusted_accounts: []\n", "c.yaml", kIds);
  REQUIRE(off.has_value());
  CHECK_FALSE(off->trust_organization);
  auto on = r::parse_lint_config("trust_organization: true\n", "c.yaml", kIds);
  REQUIRE(on.has_value());
  CHECK(on->trust_organization);
  auto bad = r::parse_lint_config("trust_organization: [o-example]\n", "c.yaml", kIds);
  REQUIRE(!bad.has_value());
  CHECK(bad.error().to_string() == "c.yaml:1:21: trust_organization: expected true or false");
}

TEST_CASE("config: an unknown rule id is an error at its position") {
  auto c = r::parse_lint_config("rules:\n  KMS999: off\n", "cfg.yaml", kIds);
  REQUIRE(!c.has_value());
  CHECK(c.error().to_string() == "cfg.yaml:2:3: unknown rule id 'KMS999'");
}

TEST_CASE("config: a suppression without a reason is an error") {
  auto c = r::parse_lint_config("suppressions:\n  - {rule: KMS001, file: a.json}\n", "c.yaml",
                                kIds);
  REQUIRE(!c.has_value());
  CHECK(c.error().message == "suppression needs a 'reason'");
  CHECK(c.error().pos.line == 2);
}

TEST_CASE("config: a malformed expiry date is an error") {
  auto c = r::parse_lint_config(
      "suppressions:\n  - {rule: KMS001, file: a.json, reason: x, expires: 2026-13-01}\n", "c.yaml",
      kIds);
  REQUIRE(!c.has_value());
  CHECK(c.error().message == "expires must be YYYY-MM-DD");
}

TEST_CASE("config: YAML syntax errors carry a position") {
  auto c = r::parse_lint_config("rules: [\n", "c.yaml", kIds);
  REQUIRE(!c.has_value());
  CHECK(c.error().pos.file == "c.yaml");
  CHECK(c.error().pos.line >= 1);
}

TEST_CASE("suppression matching: rule, file glob, and Sid or pointer") {
  r::Suppression s{"KMS201", "keys/*.json", "OldAdmins", "why", "", {}};
  r::Finding f;
  f.rule_id = "KMS201";
  f.pos.file = "keys/a.json";
  f.statement = "OldAdmins";
  f.json_pointer = "/Statement/1";
  CHECK(s.matches(f));
  s.statement = "/Statement/1";
  CHECK(s.matches(f));
  s.statement = "Other";
  CHECK_FALSE(s.matches(f));
  s.statement.clear();
  f.rule_id = "KMS200";
  CHECK_FALSE(s.matches(f));
}

TEST_CASE("suppression expiry compares ISO dates") {
  r::Suppression s{"KMS201", "a.json", "", "why", "2026-05-31", {}};
  CHECK(s.expired("2026-06-01"));
  CHECK_FALSE(s.expired("2026-05-31"));
  s.expires.clear();
  CHECK_FALSE(s.expired("2099-01-01"));
}
