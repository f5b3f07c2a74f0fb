#include "rules/baseline.h"

#include <doctest/doctest.h>

namespace r = kmsaccess::rules;

namespace {
r::Finding finding(std::uint32_t line) {
  r::Finding f;
  f.rule_id = "KMS005";
  f.pos = kmsaccess::core::SourcePos("key.json", line, 7);
  f.statement = "AllowUse";
  f.value = "kms:Decrypts";
  return f;
}
}  // namespace

TEST_CASE("fingerprints ignore line and column") {
  CHECK(r::fingerprint(finding(3)) == r::fingerprint(finding(30)));
  CHECK(r::fingerprint(finding(3)).size() == 16);
}

TEST_CASE("fingerprints change with the rule, file, statement or value") {
  const std::string base = r::fingerprint(finding(3));
  auto f = finding(3);
  f.value = "kms:Decrypted";
  CHECK(r::fingerprint(f) != base);
  f = finding(3);
  f.statement = "Other";
  CHECK(r::fingerprint(f) != base);
  f = finding(3);
  f.pos.file = "other.json";
  CHECK(r::fingerprint(f) != base);
}

TEST_CASE("a written baseline parses back to its fingerprints") {
  auto f = finding(3);
  f.fingerprint = r::fingerprint(f);
  const std::string text = r::write_baseline({f});
  auto parsed = r::parse_baseline(text, "baseline.json");
  REQUIRE(parsed.has_value());
  CHECK(parsed->size() == 1);
  CHECK(parsed->contains(f.fingerprint));
}

TEST_CASE("an empty baseline is valid JSON with no findings") {
  auto parsed = r::parse_baseline(r::write_baseline({}), "b.json");
  REQUIRE(parsed.has_value());
  CHECK(parsed->empty());
}

TEST_CASE("a baseline without a findings list is an error with a position") {
  auto parsed = r::parse_baseline("{\"version\": 1}", "b.json");
  REQUIRE(!parsed.has_value());
  CHECK(parsed.error().pos.file == "b.json");
}
