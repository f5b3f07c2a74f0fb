// Bad policy inputs: each must be an error at an exact line:column, never a crash.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/policy.h"

using namespace kmsaccess::core;

namespace {

void check_error(std::string_view text, std::uint32_t line, std::uint32_t column, std::string_view fragment,
                 const PolicyLimits& limits = {}) {
  INFO(text);
  auto r = parse_policy(text, "bad.json", limits);
  REQUIRE_FALSE(r.has_value());
  INFO(r.error().to_string());
  CHECK(r.error().pos.file == "bad.json");
  CHECK(r.error().pos.line == line);
  CHECK(r.error().pos.column == column);
  CHECK(r.error().message.find(fragment) != std::string::npos);
}

// Wraps a statement body so that its first character is at line 2, column 4.
std::string stmt(std::string_view body) { return "{\"Statement\": [\n  {" + std::string(body) + "}\n]}"; }

}  // namespace

TEST_CASE("policy errors: unknown and misspelled elements") {
  check_error("{\n  \"Version\": \"2012-10-17\",\n  \"Statment\": []\n}", 3, 3,
              "unknown top-level element \"Statment\"; expected Version, Id or Statement");
  check_error(stmt(R"("Effect": "Allow", "Bogus": 1)"), 2, 23, "unknown statement element \"Bogus\"");
  check_error(stmt(R"("effect": "Allow")"), 2, 4, "did you mean \"Effect\"?");
}

TEST_CASE("policy errors: an element and its Not form together") {
  check_error(stmt(R"("Action": "kms:*", "NotAction": "kms:Decrypt")"), 2, 23, "both Action and NotAction");
  check_error(stmt(R"("NotPrincipal": "*", "Principal": "*")"), 2, 25, "both NotPrincipal and Principal");
  check_error(stmt(R"("Resource": "*", "NotResource": "*")"), 2, 21, "both Resource and NotResource");
}

TEST_CASE("policy errors: Effect, Sid, Version and Id values") {
  check_error(stmt(R"("Effect": "allow")"), 2, 14,
              "expected \"Allow\" or \"Deny\" for Effect (case-sensitive), found \"allow\"");
  check_error(stmt(R"("Effect": 1)"), 2, 14, "expected a string for Effect, found number");
  check_error(stmt(R"("Sid": [])"), 2, 11, "expected a string for Sid, found array");
  check_error(R"({"Version": 2012, "Statement": {}})", 1, 13, "expected a string for Version, found number");
  check_error(R"({"Id": {}, "Statement": {}})", 1, 8, "expected a string for Id, found object");
}

TEST_CASE("policy errors: Statement missing, empty or of the wrong type") {
  check_error("{\n  \"Version\": \"2012-10-17\"\n}", 1, 1, "policy has no Statement element");
  check_error(R"({"Statement": []})", 1, 15, "Statement is empty");
  check_error(R"({"Statement": "x"})", 1, 15,
              "expected an object or an array of objects for Statement, found string");
  check_error(R"({"Statement": [{}, "x"]})", 1, 20, "expected an object for a statement, found string");
  check_error("[]", 1, 1, "expected a policy document");
  check_error("{\"Statement\": [}", 1, 16, "expected a JSON value");
}

TEST_CASE("policy errors: principal shapes AWS rejects") {
  std::string_view expected =
      "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser for Principal";
  check_error(stmt(R"("Principal": 5)"), 2, 17, std::string(expected) + ", found number");
  check_error(stmt(R"("Principal": {"IAM": "x"})"), 2, 18, "unknown principal type \"IAM\" in Principal");
  check_error(stmt(R"("Principal": {"aws": "x"})"), 2, 18, "unknown principal type \"aws\"");
  check_error(stmt(R"("Principal": {"AWS": []})"), 2, 25, "Principal.AWS is an empty array");
  check_error(stmt(R"("Principal": {})"), 2, 17, "Principal is an empty object");
  check_error(stmt(R"("Principal": {"AWS": [1]})"), 2, 26,
              "expected a string in Principal.AWS, found number");
  check_error(stmt(R"("Principal": {"Service": 7})"), 2, 29,
              "expected a string or an array of strings for Principal.Service, found number");
  check_error(stmt(R"("NotPrincipal": 1.5)"), 2, 20, "for NotPrincipal, found number");
}

TEST_CASE("policy: bare principal strings and arrays are kept for lint to report") {
  auto doc = parse_policy(stmt(R"("Principal": ["foo", "*"])"), "bare.json");
  REQUIRE(doc.has_value());
  const PrincipalSpec& spec = doc->statements.at(0).principal;
  CHECK(spec.bare_form);
  CHECK(spec.wildcard);
  REQUIRE(spec.entries.size() == 2);
  CHECK(spec.entries[0].value == "foo");
  CHECK(spec.entries[0].pos == Pos{2, 18});
  auto single = parse_policy(stmt(R"("Principal": "foo")"), "bare.json");
  REQUIRE(single.has_value());
  CHECK(single->statements.at(0).principal.bare_form);
  CHECK_FALSE(single->statements.at(0).principal.wildcard);
}

TEST_CASE("policy errors: Action and Resource lists") {
  check_error(stmt(R"("Action": [])"), 2, 14, "Action is an empty array");
  check_error(stmt(R"("Action": ["kms:Decrypt", 3])"), 2, 30, "expected a string in Action, found number");
  check_error(stmt(R"("NotAction": true)"), 2, 17, "for NotAction, found boolean");
  check_error(stmt(R"("Resource": {})"), 2, 16,
              "expected a string or an array of strings for Resource, found object");
}

TEST_CASE("policy errors: conditions") {
  check_error(stmt(R"("Condition": {"StringEqual": {"k": "v"}})"), 2, 18,
              "unknown condition operator \"StringEqual\"");
  check_error(stmt(R"("Condition": {"NullIfExists": {"k": "true"}})"), 2, 18, "unknown condition operator");
  check_error(stmt(R"("Condition": "x")"), 2, 17, "expected an object for Condition, found string");
  check_error(stmt(R"("Condition": {"Bool": "true"})"), 2, 26,
              "expected an object of condition keys for condition operator Bool, found string");
  check_error(stmt(R"("Condition": {"Bool": {"k": {}}})"), 2, 32,
              "value of condition key \"k\", found object");
  check_error(stmt(R"("Condition": {"Bool": {"k": null}})"), 2, 32, "found null");
  check_error(stmt(R"("Condition": {"Bool": {"k": ["a", null]}})"), 2, 38, "found null");
}

TEST_CASE("policy errors: limits name the option that raises them") {
  PolicyLimits limits;
  limits.max_statements = 2;
  check_error("{\"Statement\": [\n  {},\n  {},\n  {}\n]}", 4, 3,
              "over the limit of 2 (raise it with --max-statements)", limits);
  limits.max_condition_values = 2;
  check_error(stmt("\"Condition\": {\"StringEquals\": {\"a\": [\"1\", \"2\"], \"b\": \"3\"}}"), 2, 57,
              "more than 2 condition values in this policy (raise the limit with --max-condition-values)",
              limits);
}

TEST_CASE("policy errors: malformed URL encoding points at the bad escape") {
  check_error("%7B%22a%2", 1, 8, "malformed %-escape");
  check_error("\n  %7b%ZZ", 2, 6, "malformed %-escape");
}

TEST_CASE("policy errors: the size limit applies before URL decoding") {
  PolicyLimits limits;
  limits.json.max_bytes = 8;
  check_error("%7B%22Statement%22%3A%7B%7D%7D", 1, 1, "--max-file-size", limits);
}

TEST_CASE("policy errors: inside an embedded document the label names the embedding") {
  auto r = parse_policy("\"{\\n  \\\"Statement\\\": 1\\n}\"", "bad.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().pos.to_string() == "bad.json#embedded:2:16");
  auto not_json = parse_policy("\"hello\"", "bad.json");
  REQUIRE_FALSE(not_json.has_value());
  CHECK(not_json.error().pos.to_string() == "bad.json#embedded:1:1");
}

TEST_CASE("policy errors: strings nested in strings too deeply") {
  std::string text = R"({"Statement": {}})";
  for (int level = 0; level < 6; ++level) {
    std::string wrapped;
    append_json_string(wrapped, text);
    text = wrapped;
  }
  auto r = parse_policy(text, "bad.json");
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("embedded in strings more than") != std::string::npos);
}

TEST_CASE("policy errors: truncated and mutated documents never crash") {
  const std::string doc = R"({"Version": "2012-10-17", "Statement": [{"Sid": "s", "Effect": "Deny",
    "NotPrincipal": {"AWS": ["*"], "Service": "x"}, "NotAction": "kms:*", "Resource": ["*"],
    "Condition": {"ForAllValues:StringLike": {"kms:EncryptionContext:a:b": ["v*", 1, true]}}}]})";
  REQUIRE(parse_policy(doc, "bad.json").has_value());
  for (std::size_t n = 0; n + 1 < doc.size(); ++n) {
    auto r = parse_policy(std::string_view(doc).substr(0, n), "bad.json");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pos.line >= 1);
  }
  std::size_t errors = 0;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    for (char c : std::string_view("\"{}[],:0%\\x")) {
      std::string mutated = doc;
      mutated[i] = c;
      auto r = parse_policy(mutated, "bad.json");
      if (!r) {
        ++errors;
        CHECK(r.error().pos.line >= 1);
        CHECK(r.error().pos.column >= 1);
      }
    }
  }
  CHECK(errors > doc.size());
}
