#include "core/loaders/grants_loader.h"

#include <doctest/doctest.h>

#include "core/loaders/testdata_reader.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::TestdataReader;
using kmsaccess::core::testing::testdata_dir;

namespace {

// Loads testdata/grants/<name> through the same path the manifest uses: parse_json, then grants.
Result<std::vector<Grant>> load_corpus(const std::string& name) {
  TestdataReader reader(testdata_dir("grants"));
  auto text = reader.read(name);
  if (!text) return text.error();
  auto json = parse_json(*text, name);
  if (!json) return json.error();
  return grants_from_json(*json, name);
}

Result<std::vector<Grant>> load_text(std::string_view text) {
  auto json = parse_json(text, "g.json");
  if (!json) return json.error();
  return grants_from_json(*json, "g.json");
}

ActionMask mask(std::initializer_list<const char*> names) {
  ActionMask m = 0;
  for (const char* n : names) m |= action_bit(*find_action(n));
  return m;
}

}  // namespace

TEST_CASE("aws kms list-grants output: service grantee with an encryption context subset") {
  auto grants = load_corpus("awscli__list-grants.json");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  REQUIRE(grants->size() == 1);
  const Grant& g = grants->at(0);
  CHECK(g.grant_id == "1667b97d27cf748cf05b487217dd4179526c949d14fb3903858e25193253fe59");
  CHECK(g.name == "8276b9a6-6cf0-46f1-b2f0-7993a7f8c89a");
  CHECK(g.grantee == "dynamodb.us-west-2.amazonaws.com");
  CHECK_FALSE(g.grantee_is_service);  // given as GranteePrincipal
  CHECK(g.retiring == "dynamodb.us-west-2.amazonaws.com");
  CHECK(g.issuing_account == "arn:aws:iam::123456789012:root");
  CHECK(g.operations.size() == 7);
  CHECK(g.operations_mask == mask({"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom",
                                   "kms:ReEncryptTo", "kms:RetireGrant", "kms:DescribeKey"}));
  CHECK(g.has_subset);
  CHECK_FALSE(g.has_equals);
  CHECK(g.context_subset.at("aws:dynamodb:tableName") == "Services");
  CHECK(g.pos.to_string() == "awscli__list-grants.json:3:5");
}

TEST_CASE("botocore ListGrants example: four grants without names or constraints") {
  auto grants = load_corpus("botocore__ListGrants-example.json");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  REQUIRE(grants->size() == 4);
  CHECK(grants->at(0).name.empty());
  CHECK(grants->at(1).operations_mask == mask({"kms:ReEncryptFrom", "kms:ReEncryptTo"}));
  CHECK(grants->at(3).grant_id == "dd2052c67b4c76ee45caf1dc6a1e2d24e8dc744a51b36ae2f067dc540ce0105c");
  CHECK_FALSE(grants->at(2).has_subset);
}

TEST_CASE("a scanner's array of arrays flattens in order") {
  auto grants = load_corpus("cloudsploit__kmsGrantLeastPrivilege__listGrants.json");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  REQUIRE(grants->size() == 5);
  CHECK(grants->at(0).grantee == "AROARSNYOUG3BVO636KMQ");  // a role unique id, kept as written
  CHECK((grants->at(0).operations_mask & action_bit(*find_action("kms:CreateGrant"))) != 0);
  CHECK(grants->at(2).has_equals);
  CHECK(grants->at(2).context_equals.at("aws:profile:domain") == "mine2");
  CHECK(grants->at(3).grantee == "arn:aws:iam::560213429563:root");
  CHECK(grants->at(4).pos.line == 68);
}

TEST_CASE("GranteeServicePrincipal grants: service grantee, retiring service and SourceArn") {
  auto grants = load_corpus("kmsdocs-current__grant-view_GranteeServicePrincipal.json");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  REQUIRE(grants->size() == 1);
  const Grant& g = grants->at(0);
  CHECK(g.grantee == "{{service-name}}.amazonaws.com");
  CHECK(g.grantee_is_service);
  CHECK(g.retiring == "{{service-name}}.amazonaws.com");
  CHECK(g.source_arn == "arn:aws:dynamodb:us-east-1:111122223333:table/ExampleTable");
  CHECK(g.context_subset.at("Department") == "IT");
}

TEST_CASE("an assumed-role grantee and a numeric CreationDate") {
  auto grants = load_corpus("kmsdg__grant__determining-access-grants_0.json");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  REQUIRE(grants->size() == 1);
  CHECK(grants->at(0).grantee == "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab");
  CHECK(grants->at(0).retiring == "arn:aws:iam::123456789012:root");
  CHECK(grants->at(0).context_subset.at("aws:ebs:id") == "vol-5cccfb4e");
}

TEST_CASE("a single grant object and a bare array are accepted") {
  const char* one = R"({"GranteePrincipal": "arn:aws:iam::111122223333:role/R", "Operations": ["Decrypt"]})";
  auto single = load_text(one);
  REQUIRE_MESSAGE(single, single.error().to_string());
  CHECK(single->size() == 1);
  auto list = load_text(std::string("[") + one + ", " + one + "]");
  REQUIRE_MESSAGE(list, list.error().to_string());
  CHECK(list->size() == 2);
}

TEST_CASE("operations may carry the kms: prefix and are kept as written") {
  auto grants = load_text(R"({"GranteePrincipal": "p", "Operations": ["kms:Sign", "Verify"]})");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  CHECK(grants->at(0).operations == std::vector<std::string>{"kms:Sign", "Verify"});
  CHECK(grants->at(0).operations_mask == mask({"kms:Sign", "kms:Verify"}));
}

TEST_CASE("constraint field names match ignoring case, as documentation copies vary") {
  auto grants = load_text(R"({"granteePrincipal": "p", "operations": ["Decrypt"],
    "constraints": {"encryptionContextEquals": {"a": "b"}}})");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  CHECK(grants->at(0).has_equals);
  CHECK(grants->at(0).context_equals.at("a") == "b");
}

TEST_CASE("unknown grant fields are ignored") {
  auto grants = load_text(R"({"GranteePrincipal": "p", "Operations": ["Decrypt"], "NewAwsField": {"x": [1]}})");
  REQUIRE_MESSAGE(grants, grants.error().to_string());
  CHECK(grants->size() == 1);
}

TEST_CASE("an unknown operation is an error at the operation") {
  auto grants = load_text("{\"GranteePrincipal\": \"p\",\n \"Operations\": [\"Decrypt\", \"PutKeyPolicy\"]}");
  REQUIRE_FALSE(grants);
  CHECK(grants.error().to_string() ==
        "g.json:2:28: unknown grant operation 'PutKeyPolicy' (expected a CreateGrant operation such as "
        "Decrypt or GenerateDataKey)");
}

TEST_CASE("a grant without a grantee is an error at the grant") {
  auto grants = load_text("[\n  {\"Operations\": [\"Decrypt\"]}]");
  REQUIRE_FALSE(grants);
  CHECK(grants.error().to_string() == "g.json:2:3: grant has no GranteePrincipal or GranteeServicePrincipal");
}

TEST_CASE("a grant without operations is an error") {
  auto grants = load_text(R"({"GranteePrincipal": "p"})");
  REQUIRE_FALSE(grants);
  CHECK(grants.error().to_string() == "g.json:1:1: grant has no Operations");
}

TEST_CASE("wrong types name the field and what was found") {
  SUBCASE("context value") {
    auto grants = load_text(R"({"GranteePrincipal": "p", "Operations": ["Decrypt"],
      "Constraints": {"EncryptionContextSubset": {"a": ["b"]}}})");
    REQUIRE_FALSE(grants);
    CHECK(grants.error().to_string() == "g.json:2:56: EncryptionContextSubset value 'a' must be a string, found array");
  }
  SUBCASE("Grants member") {
    auto grants = load_text(R"({"Grants": {}})");
    REQUIRE_FALSE(grants);
    CHECK(grants.error().to_string() == "g.json:1:12: Grants must be an array of grants, found object");
  }
  SUBCASE("top level") {
    auto grants = load_text(R"("grants")");
    REQUIRE_FALSE(grants);
    CHECK(grants.error().pos.to_string() == "g.json:1:1");
  }
  SUBCASE("array nested too deep") {
    auto grants = load_text(R"([[[{"GranteePrincipal": "p", "Operations": ["Decrypt"]}]]])");
    REQUIRE_FALSE(grants);
    CHECK(grants.error().to_string() == "g.json:1:3: a grant must be an object, found array");
  }
}

TEST_CASE("both GranteePrincipal and GranteeServicePrincipal is ambiguous") {
  auto grants = load_text(R"({"GranteePrincipal": "p", "GranteeServicePrincipal": "s.amazonaws.com",
    "Operations": ["Decrypt"]})");
  REQUIRE_FALSE(grants);
  CHECK(grants.error().message == "grant has both GranteePrincipal and GranteeServicePrincipal");
}
