#include "core/impact/escalation.h"

#include <doctest/doctest.h>

#include "core/impact/impact_test_support.h"

using namespace kmsaccess::core;
using namespace kmsaccess::core::impact;
using namespace kmsaccess::core::impact::testing;

namespace {

// "role/ci kms:TagResource CMK-B | tag Project=Alpha | role/analyst kms:Decrypt, ..."
std::vector<std::string> describe(const std::vector<EscalationPath>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::string line = p.actor + " " + p.permission + " " + p.key + " | " + p.change + " |";
    for (const auto& g : p.gains) line += " " + g.principal + ":" + std::string(kms_actions()[g.action].name).substr(4);
    out.push_back(line);
  }
  return out;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("a principal who can tag a key escalates an ABAC policy's holder (seed 004)") {
  auto lines = describe(find_escalations(abac(), {}));
  CHECK(contains(lines, "role/ci kms:TagResource CMK-B | tag Project=Alpha | role/analyst:Decrypt "
                        "role/analyst:GenerateDataKeyWithoutPlaintext"));
}

TEST_CASE("an explicit deny leaves no escalation path for the same tag change") {
  for (const auto& line : describe(find_escalations(abac(), {}))) {
    CHECK_FALSE(line.starts_with("role/ci kms:TagResource CMK-D"));
  }
}

TEST_CASE("an alias manager can move alias-based access onto another key") {
  auto lines = describe(find_escalations(abac(), {}));
  CHECK(contains(lines, "role/ci kms:UpdateAlias CMK-B | retarget alias alias/ProjectAlpha_Test from CMK-A to CMK-B | "
                        "role/alias-user:Decrypt"));
}

TEST_CASE("CreateGrant limited by kms:GrantOperations gives only those operations") {
  auto lines = describe(find_escalations(abac(), {}));
  CHECK(contains(lines, "role/granter kms:CreateGrant CMK-B | grant itself Decrypt | role/granter:Decrypt"));
}

TEST_CASE("iam:PutRolePolicy on another role is a path to every key that enables IAM") {
  auto paths = find_escalations(abac(), {});
  std::size_t keys = 0;
  for (const auto& p : paths) {
    if (p.actor != "role/deployer") continue;
    ++keys;
    CHECK(p.permission == "iam:PutRolePolicy");
    CHECK(p.change == "attach a kms:* policy to role/app");
    REQUIRE_FALSE(p.permission_reasons.empty());
    CHECK(p.permission_reasons.front().pos.file.ends_with("deployer.json"));
    for (const auto& g : p.gains) CHECK(g.principal == "role/app");
  }
  CHECK(keys == 3);
}

TEST_CASE("changes that only remove access are not escalation paths") {
  for (const auto& p : find_escalations(abac(), {})) {
    CHECK(p.permission != "kms:UntagResource");
    CHECK_FALSE(p.gains.empty());
  }
}

TEST_CASE("--key restricts the search to one key") {
  Inventory inv = abac();
  EscalationOptions options;
  options.keys = *select_keys(inv, {"CMK-A"});
  for (const auto& p : find_escalations(inv, options)) CHECK(p.key == "CMK-A");
}

TEST_CASE("decide_identity_action matches IAM actions case-insensitively and resources exactly") {
  Inventory inv = abac();
  std::size_t deployer = select_principals(inv, {"role/deployer"})->front();
  CHECK(decide_identity_action(inv, deployer, "IAM:putrolepolicy", "arn:aws:iam::111122223333:role/app").verdict ==
        Verdict::kAllow);
  CHECK(decide_identity_action(inv, deployer, "iam:PutRolePolicy", "arn:aws:iam::111122223333:role/ci").verdict ==
        Verdict::kImplicitDeny);
  CHECK(decide_identity_action(inv, deployer, "iam:AttachRolePolicy", "arn:aws:iam::111122223333:role/app").verdict ==
        Verdict::kImplicitDeny);
}
