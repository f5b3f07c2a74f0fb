#include "core/inventory_merge.h"

#include <doctest/doctest.h>

namespace kmsaccess::core {
namespace {

constexpr const char* kArn = "arn:aws:kms:us-east-1:111122223333:key/k1";

Inventory with_key(std::optional<PolicyIndex> policy, std::string file) {
  Inventory inv;
  if (policy) inv.policies.push_back(PolicyDocument{});
  Key k;
  k.name = "k1";
  k.arn = kArn;
  k.policy = policy;
  k.pos = SourcePos(std::move(file), 3, 5);
  inv.keys.push_back(k);
  return inv;
}

TEST_CASE("a second definition of a key fills its missing policy, with indices shifted") {
  Inventory a = with_key(std::nullopt, "a.yaml");
  a.policies.push_back(PolicyDocument{});  // an unrelated policy already at index 0
  Inventory b = with_key(PolicyIndex{0}, "b.json");
  b.keys[0].aliases = {"alias/x"};
  REQUIRE(merge_inventory(a, std::move(b)).has_value());
  REQUIRE(a.keys.size() == 1);
  CHECK(a.keys[0].policy == std::optional<PolicyIndex>(1));
  CHECK(a.keys[0].aliases == std::vector<std::string>{"alias/x"});
  CHECK(a.policies.size() == 2);
}

PolicyDocument policy_of(std::string_view text, std::string_view file) {
  auto doc = parse_policy(text, file);
  REQUIRE_MESSAGE(doc.has_value(), doc.error().to_string());
  return std::move(*doc);
}

constexpr const char* kRootPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]})";

TEST_CASE("two definitions of a key with the same policy, read from two copies, merge into one") {
  Inventory a = with_key(PolicyIndex{0}, "a.yaml");
  a.policies[0] = policy_of(kRootPolicy, "a/key.json");
  Inventory b = with_key(PolicyIndex{0}, "b.json");
  // The same document, laid out differently: positions differ, the content does not.
  b.policies[0] = policy_of(std::string("\n\n") + kRootPolicy, "b/key.json");
  OrgPolicy scp;
  scp.name = "deny-delete";
  scp.policy = 0;
  a.scps.push_back(scp);
  b.scps.push_back(scp);
  REQUIRE(merge_inventory(a, std::move(b)).has_value());
  REQUIRE(a.keys.size() == 1);
  CHECK(a.keys[0].policy == std::optional<PolicyIndex>(0));
  CHECK(a.scps.size() == 1);  // the same SCP from both copies, kept once
}

TEST_CASE("two definitions of a key that carry different policies are an error naming both") {
  Inventory a = with_key(PolicyIndex{0}, "a.yaml");
  a.policies[0] = policy_of(kRootPolicy, "a/key.json");
  Inventory b = with_key(PolicyIndex{0}, "b.json");
  b.policies[0] = policy_of(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}]})", "b/key.json");
  auto s = merge_inventory(a, std::move(b));
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().message == "key " + std::string(kArn) +
                                 " is defined twice with different key policies: a.yaml:3:5 and b.json:3:5");
}

TEST_CASE("colliding key names are qualified with the region, then replaced by the ARN") {
  Inventory inv;
  for (std::string arn : {"arn:aws:kms:us-east-1:1:key/a", "arn:aws:kms:eu-west-1:1:key/b", "arn:aws:kms:eu-west-1:2:key/c"}) {
    Key k;
    k.name = "data";
    k.arn = arn;
    k.region = arn.substr(12, 9);
    inv.keys.push_back(k);
  }
  assign_unique_names(inv);
  CHECK(inv.keys[0].name == "data@us-east-1");
  CHECK(inv.keys[1].name == "arn:aws:kms:eu-west-1:1:key/b");
  CHECK(inv.keys[2].name == "arn:aws:kms:eu-west-1:2:key/c");
}

TEST_CASE("colliding names are found wherever they sit in the list, and others keep theirs") {
  Inventory inv;
  for (auto [name, region] : {std::pair{"data", "us-east-1"}, {"logs", "us-east-1"}, {"app", "eu-west-1"},
                              {"data", "eu-west-1"}}) {
    Key k;
    k.name = name;
    k.region = region;
    k.arn = std::string("arn:aws:kms:") + region + ":1:key/" + name;
    inv.keys.push_back(k);
  }
  assign_unique_names(inv);
  CHECK(inv.keys[0].name == "data@us-east-1");
  CHECK(inv.keys[1].name == "logs");
  CHECK(inv.keys[2].name == "app");
  CHECK(inv.keys[3].name == "data@eu-west-1");
}

}  // namespace
}  // namespace kmsaccess::core
