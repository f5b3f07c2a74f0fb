#include "rules/lint_input.h"

#include <doctest/doctest.h>

namespace r = kmsaccess::rules;

TEST_CASE("kind detection: a statement with a Principal makes a key policy") {
  auto doc = r::load_lint_document(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]})",
      "k.json", std::nullopt);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == r::DocumentKind::kKeyPolicy);
  CHECK(doc->policy.has_value());
}

TEST_CASE("kind detection: no Principal makes an identity policy") {
  auto doc = r::load_lint_document(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}})",
      "i.json", std::nullopt);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == r::DocumentKind::kIdentityPolicy);
}

TEST_CASE("kind detection: get-key-policy output is a key policy") {
  auto doc = r::load_lint_document(
      R"({"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"})",
      "out.json", std::nullopt);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == r::DocumentKind::kKeyPolicy);
  CHECK(doc->policy.has_value());
}

TEST_CASE("kind detection: --kind forces the kind") {
  auto doc = r::load_lint_document(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"kms:*","Resource":"*"}})",
      "scp.json", r::DocumentKind::kScp);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == r::DocumentKind::kScp);
}

TEST_CASE("shape detection: grants lists and other JSON") {
  auto grants = kmsaccess::core::parse_json(R"({"Grants":[]})", "g.json");
  REQUIRE(grants.has_value());
  CHECK(r::detect_shape(*grants) == r::ContentShape::kGrants);
  auto other = kmsaccess::core::parse_json(R"({"name":"pkg","version":"1.0.0"})", "p.json");
  REQUIRE(other.has_value());
  CHECK(r::detect_shape(*other) == r::ContentShape::kNotAPolicy);
  CHECK_FALSE(r::load_lint_document(R"({"name":"pkg"})", "package.json", std::nullopt));
}

TEST_CASE("a file that is not JSON is loaded with its parse error") {
  auto doc = r::load_lint_document("{\"Version\": ", "bad.json", std::nullopt);
  REQUIRE(doc.has_value());
  REQUIRE(doc->error.has_value());
  CHECK(doc->error->pos.file == "bad.json");
  CHECK(doc->error->pos.line == 1);
}

TEST_CASE("kind detection: a Principal with other services' actions is an RCP") {
  auto doc = r::load_lint_document(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":["s3:*","kms:*"],"Resource":"*"}]})",
      "rcp.json", std::nullopt);
  REQUIRE(doc.has_value());
  CHECK(doc->kind == r::DocumentKind::kRcp);
}
