#include "core/inventory.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/policy.h"

namespace kmsaccess::core {
namespace {

Principal declared(std::string name, std::string arn, std::string account, std::string unique_id = "") {
  Principal p;
  p.name = std::move(name);
  p.arn = std::move(arn);
  p.account = std::move(account);
  p.unique_id = std::move(unique_id);
  return p;
}

// One key whose policy allows kms:Decrypt to `principal_json` (a JSON value for "Principal").
Inventory with_key_policy(const std::string& principal_json) {
  Inventory inv;
  inv.account = "111122223333";
  auto doc = parse_policy(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)" +
                              principal_json + R"(,"Action":"kms:Decrypt","Resource":"*"}]})",
                          "key.json");
  REQUIRE(doc.has_value());
  inv.policies.push_back(std::move(*doc));
  Key k;
  k.name = "k1";
  k.arn = "arn:aws:kms:us-east-1:111122223333:key/k1";
  k.policy = PolicyIndex{0};
  inv.keys.push_back(k);
  inv.principals.push_back(declared("alice", "arn:aws:iam::111122223333:user/Alice", "111122223333",
                                    "AIDAALICE0000000000"));
  return inv;
}

std::vector<std::string> pseudo_arns(const Inventory& inv) {
  std::vector<std::string> out;
  for (const auto& p : inv.principals) {
    if (p.pseudo) out.push_back(p.arn);
  }
  return out;
}

TEST_CASE("a declared principal named in another case, or by its unique id, is not added again") {
  Inventory inv = with_key_policy(
      R"({"AWS":["ARN:AWS:IAM::111122223333:USER/ALICE","aidaalice0000000000","arn:aws:iam::111122223333:root"]})");
  add_pseudo_principals(inv);
  CHECK(pseudo_arns(inv).empty());
  CHECK(inv.principals.size() == 1);
}

TEST_CASE("principals the policies name but the inputs do not declare are added once, in order of mention") {
  Inventory inv = with_key_policy(
      R"({"AWS":["arn:aws:iam::444455556666:role/Ops","444455556666","ARN:AWS:IAM::444455556666:ROLE/OPS",)"
      R"("arn:aws:sts::444455556666:assumed-role/Ops/session-1","AROADELETEDROLE0001","*"],)"
      R"("Service":"logs.amazonaws.com"})");
  Grant g;
  g.grantee = "dynamodb.us-east-1.amazonaws.com";
  inv.keys[0].grants.push_back(g);
  add_pseudo_principals(inv);
  REQUIRE(inv.principals.size() == 8);
  CHECK(inv.principals[0].name == "alice");  // declared principals stay first
  CHECK(pseudo_arns(inv) == std::vector<std::string>{
                                "arn:aws:iam::444455556666:role/Ops",
                                "arn:aws:iam::444455556666:root",
                                "arn:aws:sts::444455556666:assumed-role/Ops/session-1",
                                "AROADELETEDROLE0001",
                                "*",
                                "logs.amazonaws.com",
                                "dynamodb.us-east-1.amazonaws.com",
                            });
  CHECK(inv.principals[1].kind == PrincipalKind::kRole);
  CHECK(inv.principals[2].kind == PrincipalKind::kAccount);
  CHECK(inv.principals[2].name == "account:444455556666");
  const Principal& session = inv.principals[3];
  CHECK(session.kind == PrincipalKind::kAssumedRole);
  CHECK(session.role_arn == "arn:aws:iam::444455556666:role/Ops");
  CHECK(inv.principals[4].kind == PrincipalKind::kUser);
  CHECK(inv.principals[4].unique_id == "AROADELETEDROLE0001");
  CHECK(inv.principals[5].kind == PrincipalKind::kAnyone);
  CHECK(inv.principals[6].kind == PrincipalKind::kService);
  CHECK(inv.principals[7].kind == PrincipalKind::kService);
}

TEST_CASE("a pseudo-principal named in two spellings keeps the first one") {
  Inventory inv = with_key_policy(
      R"({"AWS":["arn:aws:iam::444455556666:user/Bob","arn:aws:iam::444455556666:USER/BOB"]})");
  add_pseudo_principals(inv);
  CHECK(pseudo_arns(inv) == std::vector<std::string>{"arn:aws:iam::444455556666:user/Bob"});
}

}  // namespace
}  // namespace kmsaccess::core
