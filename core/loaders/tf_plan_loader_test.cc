#include "core/loaders/tf_plan_loader.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/loaders/testdata_reader.h"

namespace kmsaccess::core {
namespace {

IacLoadResult load_file(std::string_view name) {
  testing::TestdataReader reader(std::string(KMSACCESS_SOURCE_DIR) + "/testdata");
  TfOptions o;
  o.default_account = "111122223333";
  auto r = load_tf_plan("iac/" + std::string(name), reader, o);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  return std::move(*r);
}

IacLoadResult load_text(std::string_view text) {
  TfOptions o;
  o.default_account = "111122223333";
  o.default_region = "eu-west-1";
  auto r = parse_tf_plan(text, "plan.json", o);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  return std::move(*r);
}

bool has_note(const IacLoadResult& r, std::string_view text) {
  return std::any_of(r.report.notes.begin(), r.report.notes.end(),
                     [&](const LoadNote& n) { return n.message.find(text) != std::string::npos; });
}

TEST_CASE("a planned key's policy string is parsed with positions inside the decoded policy") {
  auto r = load_file("tfcompliance__test_issue-121__plan.out.json");
  REQUIRE(r.inventory.keys.size() == 1);
  const Key& k = r.inventory.keys[0];
  CHECK(k.name == "aws_kms_key.example");
  CHECK(k.arn == "arn:aws:kms:us-east-1:111122223333:key/aws_kms_key.example");
  REQUIRE(k.policy.has_value());
  const PolicyDocument& doc = r.inventory.policies[*k.policy];
  CHECK(doc.file == "iac/tfcompliance__test_issue-121__plan.out.json#aws_kms_key.example");
  REQUIRE_FALSE(doc.statements.empty());
  CHECK(doc.statements[0].pos.line > 1);  // CRLF-separated lines of the policy string
  CHECK(k.rotation_enabled == false);
}

TEST_CASE("a key configured without a policy gets the default key policy; aliases follow references") {
  auto r = load_file("checkov__runner-plan__tfplan.json");
  REQUIRE(r.inventory.keys.size() == 1);
  const Key& k = r.inventory.keys[0];
  REQUIRE(k.policy.has_value());
  CHECK(r.inventory.policies[*k.policy].id == "key-default-1");
  CHECK(k.aliases == std::vector<std::string>{"alias/123456789123-acme-corp-logs-bucket-key"});
  CHECK(has_note(r, "AWS applies the default key policy"));
  auto role = std::find_if(r.inventory.principals.begin(), r.inventory.principals.end(),
                           [](const Principal& p) { return p.kind == PrincipalKind::kRole && p.policies.size() == 1; });
  CHECK(role != r.inventory.principals.end());
  CHECK(has_note(r, "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"));
}

TEST_CASE("resources in child modules keep their module address") {
  auto r = load_file("tfcompliance__test_regex_on_when__plan.out.json");
  REQUIRE(r.inventory.keys.size() == 1);
  CHECK(r.inventory.keys[0].name == "module.project1.aws_kms_key.test");
  CHECK(r.inventory.keys[0].policy.has_value());  // policy not configured in the module: default
}

constexpr const char* kPlan = R"({"format_version": "1.2",
 "planned_values": {"root_module": {"resources": [
  {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "values": {"tags": {"team": "a"}}},
  {"address": "aws_iam_role.r", "mode": "managed", "type": "aws_iam_role", "name": "r", "values": {"name": "app", "path": "/"}},
  {"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "name": "p",
   "values": {"name": "use", "policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"}},
  {"address": "aws_iam_role_policy_attachment.a", "mode": "managed", "type": "aws_iam_role_policy_attachment", "name": "a",
   "values": {"role": "app"}},
  {"address": "aws_kms_grant.g", "mode": "managed", "type": "aws_kms_grant", "name": "g",
   "values": {"name": "g1", "operations": ["Decrypt"], "constraints": [{"encryption_context_equals": {"app": "x"}, "encryption_context_subset": null}]}}
 ]}},
 "resource_changes": [
  {"address": "aws_kms_key.k", "change": {"after_unknown": {"policy": true, "key_id": true, "arn": true}}},
  {"address": "aws_iam_role_policy_attachment.a", "change": {"after_unknown": {"policy_arn": true}}},
  {"address": "aws_kms_grant.g", "change": {"after_unknown": {"key_id": true, "grantee_principal": true}}}
 ],
 "configuration": {"root_module": {"resources": [
  {"address": "aws_kms_key.k", "type": "aws_kms_key", "name": "k", "expressions": {"policy": {"references": ["data.x.y"]}}},
  {"address": "aws_iam_role_policy_attachment.a", "type": "aws_iam_role_policy_attachment", "name": "a",
   "expressions": {"policy_arn": {"references": ["aws_iam_policy.p.arn", "aws_iam_policy.p"]}}},
  {"address": "aws_kms_grant.g", "type": "aws_kms_grant", "name": "g",
   "expressions": {"key_id": {"references": ["aws_kms_key.k.key_id", "aws_kms_key.k"]},
                   "grantee_principal": {"references": ["aws_iam_role.r.arn", "aws_iam_role.r"]}}}
 ]}}})";

TEST_CASE("unknown values follow configuration references; an unknown key policy stays unknown") {
  auto r = load_text(kPlan);
  REQUIRE(r.inventory.keys.size() == 1);
  const Key& k = r.inventory.keys[0];
  CHECK_FALSE(k.policy.has_value());
  CHECK(has_note(r, "aws_kms_key.k: the key policy is known only after apply"));
  CHECK(k.arn == "arn:aws:kms:eu-west-1:111122223333:key/aws_kms_key.k");
  CHECK(k.tags.at("team") == "a");
  REQUIRE(k.grants.size() == 1);
  CHECK(k.grants[0].grantee == "arn:aws:iam::111122223333:role/app");
  CHECK(k.grants[0].has_equals);
  CHECK(k.grants[0].context_equals.at("app") == "x");
  CHECK(k.grants[0].operations_mask != 0);
  REQUIRE(r.inventory.principals.size() == 1);
  CHECK(r.inventory.principals[0].policies.size() == 1);
}

TEST_CASE("plans Terraform does not write are errors with a position") {
  TfOptions o;
  SUBCASE("format_version 2") {
    auto r = parse_tf_plan(R"({"format_version": "2.0", "planned_values": {}})", "p.json", o);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string() == "p.json:1:20: unsupported Terraform JSON format_version 2.0 (0.x and 1.x are read)");
  }
  SUBCASE("JSON syntax") {
    auto r = parse_tf_plan("{\"format_version\": \"1.0\",}", "p.json", o);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string().rfind("p.json:1:", 0) == 0);
  }
  SUBCASE("a policy string that is not JSON") {
    auto r = parse_tf_plan(R"({"format_version": "1.0", "planned_values": {"root_module": {"resources": [
      {"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "values": {"policy": "{oops"}}]}}})",
                           "p.json", o);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pos.file == "p.json#aws_kms_key.k");
  }
}

TEST_CASE("every Terraform plan in testdata/iac loads") {
  testing::TestdataReader reader(std::string(KMSACCESS_SOURCE_DIR) + "/testdata");
  auto files = reader.list("iac");
  REQUIRE(files.has_value());
  std::size_t plans = 0;
  for (const auto& f : *files) {
    if (f.size() < 5 || f.substr(f.size() - 5) != ".json") continue;
    CAPTURE(f);
    auto r = load_tf_plan(f, reader, {});
    CHECK_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
    ++plans;
  }
  CHECK(plans == 3);
}

}  // namespace
}  // namespace kmsaccess::core
