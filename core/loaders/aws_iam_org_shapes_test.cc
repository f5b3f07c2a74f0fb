#include <doctest/doctest.h>

#include <algorithm>

#include "core/loaders/aws_cli_loader.h"

namespace kmsaccess::core {
namespace {

AwsLoadResult load(const MemorySourceReader& reader) {
  auto r = load_aws_cli_folder("in", reader);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  return std::move(*r);
}

bool has_note(const AwsLoadResult& r, NoteKind kind, std::string_view text) {
  return std::any_of(r.report.notes.begin(), r.report.notes.end(), [&](const LoadNote& n) {
    return n.kind == kind && n.to_string().find(text) != std::string::npos;
  });
}

const Principal* principal_named(const Inventory& inv, std::string_view name) {
  for (const auto& p : inv.principals) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

constexpr const char* kAuthPage1 = R"({
  "UserDetailList": [{"UserName":"alice","UserId":"AIDAEXAMPLE","Arn":"arn:aws:iam::111122223333:user/alice",
    "GroupList":["Admins"],
    "UserPolicyList":[{"PolicyName":"inline","PolicyDocument":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}}],
    "AttachedManagedPolicies":[{"PolicyName":"KmsUse","PolicyArn":"arn:aws:iam::111122223333:policy/KmsUse"},
                               {"PolicyName":"ReadOnlyAccess","PolicyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}],
    "PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"arn:aws:iam::111122223333:policy/KmsUse"},
    "Tags":[{"Key":"team","Value":"blue"}]}],
  "GroupDetailList": [{"GroupName":"Admins","Arn":"arn:aws:iam::111122223333:group/Admins","GroupPolicyList":[],
    "AttachedManagedPolicies":{"PolicyName":"KmsUse","PolicyArn":"arn:aws:iam::111122223333:policy/KmsUse"}}],
  "IsTruncated": true, "Marker": "abc"})";

constexpr const char* kAuthPage2 = R"({
  "RoleDetailList": [{"RoleName":"app","RoleId":"AROAEXAMPLE","Arn":"arn:aws:iam::111122223333:role/app",
    "AssumeRolePolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%7D",
    "RolePolicyList":[{"PolicyName":"enc","PolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22kms%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D"}],
    "AttachedManagedPolicies":[]}],
  "Policies": [{"PolicyName":"KmsUse","Arn":"arn:aws:iam::111122223333:policy/KmsUse","DefaultVersionId":"v2",
    "PolicyVersionList":[
      {"VersionId":"v1","IsDefaultVersion":false,"Document":{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}},
      {"VersionId":"v2","IsDefaultVersion":true,"Document":{"Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"},{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}}]}],
  "IsTruncated": false})";

TEST_CASE("IAM authorization details in two pages merge into users, groups and roles") {
  MemorySourceReader reader;
  reader.files["in/iam/page1.json"] = kAuthPage1;
  reader.files["in/iam/page2.json"] = kAuthPage2;
  auto r = load(reader);
  const Inventory& inv = r.inventory;
  REQUIRE(inv.principals.size() == 2);
  const Principal* alice = principal_named(inv, "alice");
  REQUIRE(alice != nullptr);
  CHECK(alice->kind == PrincipalKind::kUser);
  CHECK(alice->user_name == "alice");
  CHECK(alice->unique_id == "AIDAEXAMPLE");
  CHECK(alice->groups == std::vector<std::string>{"Admins"});
  CHECK(alice->tags == Tags{{"team", "blue"}});
  REQUIRE(alice->policies.size() == 2);  // inline + KmsUse; ReadOnlyAccess is a gap
  CHECK(inv.policies[alice->policies[1]].statements.size() == 2);  // the default version
  REQUIRE(alice->boundary.has_value());
  CHECK(*alice->boundary == alice->policies[1]);  // one parse per managed policy
  REQUIRE(inv.groups.size() == 1);
  CHECK(inv.groups[0].policies.size() == 1);  // AttachedManagedPolicies as a single object
  const Principal* app = principal_named(inv, "app");
  REQUIRE(app != nullptr);
  CHECK(app->kind == PrincipalKind::kRole);
  REQUIRE(app->policies.size() == 1);  // URL-encoded inline policy
  CHECK(inv.policies[app->policies[0]].statements.size() == 1);
  CHECK(has_note(r, NoteKind::kMissingPolicy, "arn:aws:iam::aws:policy/ReadOnlyAccess"));
}

TEST_CASE("principals of two accounts with the same name are qualified with the account") {
  MemorySourceReader reader;
  for (std::string account : {"111122223333", "444455556666"}) {
    reader.files["in/" + account + "/iam.json"] =
        R"({"RoleDetailList":[{"RoleName":"deploy","Arn":"arn:aws:iam::)" + account + R"(:role/deploy"}]})";
  }
  auto r = load(reader);
  CHECK(principal_named(r.inventory, "deploy@111122223333") != nullptr);
  CHECK(principal_named(r.inventory, "deploy@444455556666") != nullptr);
}

TEST_CASE("a group missing from its account's GroupDetailList is never taken from another account") {
  MemorySourceReader reader;
  // 111122223333 describes its group devs; 444455556666 lists alice in a devs it does not describe.
  reader.files["in/a1/iam.json"] = R"({"GroupDetailList":[{"GroupName":"devs","Arn":"arn:aws:iam::111122223333:group/devs",
    "GroupPolicyList":[{"PolicyName":"deny","PolicyDocument":{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"kms:*","Resource":"*"}}}]}]})";
  reader.files["in/a2/iam.json"] = R"({"UserDetailList":[{"UserName":"alice","Arn":"arn:aws:iam::444455556666:user/alice",
    "GroupList":["devs"]}]})";
  auto r = load(reader);
  const Principal* alice = principal_named(r.inventory, "alice");
  REQUIRE(alice != nullptr);
  CHECK(alice->groups == std::vector<std::string>{"devs@444455556666"});
  CHECK(r.inventory.find_group("devs@444455556666") == nullptr);  // its policies stay unknown
  CHECK(has_note(r, NoteKind::kMissingPolicy, "is in group devs@444455556666"));
}

constexpr const char* kScp = R"({"Policy":{"Content":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"kms:ScheduleKeyDeletion\",\"Resource\":\"*\"}]}",
  "PolicySummary":{"Id":"p-deny1","Name":"DenyDelete","Type":"SERVICE_CONTROL_POLICY","AwsManaged":false}}})";

TEST_CASE("SCPs with targets from the policy's folder apply to the targeted accounts") {
  MemorySourceReader reader;
  reader.files["in/org/policies/p-deny1/describe-policy.json"] = kScp;
  reader.files["in/org/policies/p-deny1/list-targets-for-policy.json"] =
      R"({"Targets":[{"TargetId":"444455556666","Type":"ACCOUNT"},{"TargetId":"111122223333","Type":"ACCOUNT"}]})";
  auto r = load(reader);
  REQUIRE(r.inventory.scps.size() == 1);
  CHECK(r.inventory.scps[0].name == "DenyDelete");
  CHECK(r.inventory.scps[0].accounts == std::vector<std::string>{"111122223333", "444455556666"});
  CHECK(r.inventory.policies[r.inventory.scps[0].policy].statements.size() == 1);
  CHECK(r.report.notes.empty());
}

TEST_CASE("listed policies without content are gaps; other policy types are ignored") {
  MemorySourceReader reader;
  reader.files["in/org/list-policies.json"] = R"({"Policies":[
    {"Id":"p-rcp1","Name":"Perimeter","Type":"RESOURCE_CONTROL_POLICY","AwsManaged":false},
    {"Id":"p-tag1","Name":"Tags","Type":"TAG_POLICY","AwsManaged":false}]})";
  auto r = load(reader);
  CHECK(r.inventory.rcps.empty());
  CHECK(has_note(r, NoteKind::kMissingPolicy, "p-rcp1 (Perimeter) is listed but its content is unknown"));
  CHECK_FALSE(has_note(r, NoteKind::kMissingPolicy, "p-tag1"));
}

TEST_CASE("describe-organization and get-caller-identity set the organization and home account") {
  MemorySourceReader reader;
  reader.files["in/org.json"] = R"({"Organization":{"Id":"o-abc","MasterAccountId":"999988887777"}})";
  reader.files["in/sts.json"] = R"({"UserId":"AIDA","Account":"444455556666","Arn":"arn:aws:iam::444455556666:user/x"})";
  auto r = load(reader);
  CHECK(r.inventory.organization_id == "o-abc");
  CHECK(r.inventory.management_account == "999988887777");
  CHECK(r.inventory.account == "444455556666");
}

TEST_CASE("list-accounts pages give the member accounts, whatever their status") {
  MemorySourceReader reader;
  reader.files["in/organizations/list-accounts.json"] =
      R"({"Accounts":[{"Id":"444455556666","Arn":"arn:aws:organizations::999988887777:account/o-abc/444455556666",)"
      R"("Status":"ACTIVE"},{"Id":"999988887777","Status":"ACTIVE"}],"NextToken":"t2"})";
  reader.files["in/organizations/list-accounts.page2.json"] =
      R"({"Accounts":[{"Id":"111122223333","Status":"SUSPENDED"},{"Id":"444455556666","Status":"ACTIVE"},)"
      R"({"Id":"not-an-account"}]})";
  auto r = load(reader);
  CHECK(r.inventory.organization_accounts ==
        std::vector<std::string>{"111122223333", "444455556666", "999988887777"});
  CHECK(r.report.notes.empty());
}

TEST_CASE("list-accounts with its last page missing gives no member list, with a note") {
  MemorySourceReader reader;
  reader.files["in/organizations/list-accounts.json"] =
      R"({"Accounts":[{"Id":"444455556666","Status":"ACTIVE"}],"NextToken":"t2"})";
  auto r = load(reader);
  CHECK(r.inventory.organization_accounts.empty());
  CHECK(has_note(r, NoteKind::kPartial, "a page is missing"));
}

}  // namespace
}  // namespace kmsaccess::core
