#include "core/loaders/manifest_loader.h"

#include <doctest/doctest.h>

#include "core/loaders/testdata_reader.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::TestdataReader;
using kmsaccess::core::testing::testdata_dir;

namespace {

Inventory load_full() {
  TestdataReader reader(testdata_dir("manifest"));
  auto inv = load_manifest("good/full/kmsaccess.yaml", reader);
  if (!inv) FAIL(inv.error().to_string());
  return std::move(inv).value();
}

const PolicyDocument& policy_at(const Inventory& inv, PolicyIndex i) {
  REQUIRE(i < inv.policies.size());
  return inv.policies[i];
}

const char* const kKeyArnA = "arn:aws:kms:us-west-2:111122223333:key/0a0a0a0a-1111-2222-3333-444444444444";

}  // namespace

TEST_CASE("the full example loads the header and organization") {
  Inventory inv = load_full();
  CHECK(inv.account == "111122223333");
  CHECK(inv.region == "us-west-2");
  CHECK(inv.organization_id == "o-exampleorgid");
  CHECK(inv.management_account == "111122223333");
  // Sorted and without repeats; an unquoted id is read as the text written.
  CHECK(inv.organization_accounts == std::vector<std::string>{"111122223333", "444455556666"});
}

TEST_CASE("keys keep declaration order and take account, region and id from the ARN") {
  Inventory inv = load_full();
  REQUIRE(inv.keys.size() == 3);
  const Key& a = inv.keys[0];
  CHECK(a.name == "CMK-A");
  CHECK(a.arn == kKeyArnA);
  CHECK(a.account == "111122223333");
  CHECK(a.region == "us-west-2");
  CHECK(a.key_id == "0a0a0a0a-1111-2222-3333-444444444444");
  CHECK(a.manager == KeyManager::kCustomer);
  CHECK(a.tags == Tags{{"Project", "Alpha"}});
  CHECK(a.aliases == std::vector<std::string>{"alias/app-data"});
  CHECK(a.pos.to_string() == "good/full/kmsaccess.yaml:10:5");
  REQUIRE(a.policy.has_value());
  CHECK(policy_at(inv, *a.policy).file == "good/full/cmk-a.json");
  CHECK(inv.keys[1].name == "CMK-B");
  CHECK(inv.keys[1].manager == KeyManager::kAws);
  CHECK(inv.keys[2].name == "CMK-C");
}

TEST_CASE("a key without a policy leaves it unknown") {
  Inventory inv = load_full();
  CHECK_FALSE(inv.keys[2].policy.has_value());
}

TEST_CASE("optional key metadata is read when present") {
  Inventory inv = load_full();
  const Key& a = inv.keys[0];
  CHECK(a.key_spec == "SYMMETRIC_DEFAULT");
  CHECK(a.key_usage == "ENCRYPT_DECRYPT");
  CHECK(a.origin == "AWS_KMS");
  CHECK(a.key_state == "Enabled");
  CHECK(a.rotation_enabled == true);
  CHECK(a.multi_region == false);
  CHECK_FALSE(inv.keys[2].key_spec.has_value());
  CHECK_FALSE(inv.keys[2].rotation_enabled.has_value());
}

TEST_CASE("an inline key policy keeps YAML scalars as JSON would and points into the manifest") {
  Inventory inv = load_full();
  REQUIRE(inv.keys[1].policy.has_value());
  const PolicyDocument& doc = policy_at(inv, *inv.keys[1].policy);
  CHECK(doc.file == "good/full/kmsaccess.yaml");
  CHECK(doc.version == "2012-10-17");  // unquoted, still the string
  REQUIRE(doc.statements.size() == 2);
  CHECK(doc.statements[0].sid == "EnableRoot");
  CHECK(doc.statements[0].pos == Pos{29, 11});
  const Statement& deny = doc.statements[1];
  REQUIRE(deny.conditions.size() == 2);
  CHECK(deny.conditions[0].operator_text == "Bool");
  REQUIRE(deny.conditions[0].values.size() == 1);
  CHECK(deny.conditions[0].values[0].text == "false");
  CHECK(deny.conditions[0].values[0].json_kind == JsonValue::Kind::kBool);
  CHECK(deny.conditions[1].operator_text == "Null");  // an unquoted Null: key stays the operator
  CHECK(deny.conditions[1].values[0].text == "true");
  CHECK(deny.conditions[1].key_pos == Pos{41, 20});
}

TEST_CASE("a grants file attaches to its key with positions in that file") {
  Inventory inv = load_full();
  const auto& grants = inv.keys[0].grants;
  REQUIRE(grants.size() == 1);
  CHECK(grants[0].grantee == "arn:aws:iam::111122223333:role/Batch");
  CHECK(grants[0].operations == std::vector<std::string>{"Decrypt", "RetireGrant"});
  CHECK(grants[0].context_subset == std::map<std::string, std::string>{{"app", "billing"}});
  CHECK(grants[0].pos.to_string() == "good/full/grants-a.json:3:5");
}

TEST_CASE("inline grants take the list-grants field names") {
  Inventory inv = load_full();
  const auto& grants = inv.keys[1].grants;
  REQUIRE(grants.size() == 1);
  const Grant& g = grants[0];
  CHECK(g.grant_id == "inline-grant-1");
  CHECK(g.name == "batch");
  CHECK(g.retiring == "arn:aws:iam::111122223333:root");
  CHECK(g.operations == std::vector<std::string>{"Decrypt", "kms:GenerateDataKey"});
  CHECK(g.operations_mask == (action_bit(*find_action("kms:Decrypt")) |
                              action_bit(*find_action("kms:GenerateDataKey"))));
  CHECK(g.has_equals);
  CHECK(g.context_equals == std::map<std::string, std::string>{{"Department", "IT"}});
  CHECK(g.pos.to_string() == "good/full/kmsaccess.yaml:43:9");
}

TEST_CASE("principal kinds, accounts and names come from the ARN") {
  Inventory inv = load_full();
  REQUIRE(inv.principals.size() == 5);
  const auto& p = inv.principals;
  CHECK(p[0].kind == PrincipalKind::kUser);
  CHECK(p[0].user_name == "Alice");  // last path segment
  CHECK(p[0].account == "111122223333");
  CHECK(p[0].unique_id == "AIDAEXAMPLEALICE00001");
  CHECK(p[0].tags == Tags{{"team", "payments"}});
  CHECK(p[0].groups == std::vector<std::string>{"Admins"});
  CHECK(p[1].kind == PrincipalKind::kRole);
  CHECK(p[2].kind == PrincipalKind::kAssumedRole);
  CHECK(p[2].role_arn == "arn:aws:iam::111122223333:role/Batch");
  CHECK(p[3].kind == PrincipalKind::kFederatedUser);
  CHECK(p[4].kind == PrincipalKind::kRoot);
  CHECK(p[4].name == "AccountRoot");
}

TEST_CASE("principal policies, boundary and session policy resolve to indexes") {
  Inventory inv = load_full();
  const Principal& alice = inv.principals[0];
  REQUIRE(alice.policies.size() == 2);
  CHECK(policy_at(inv, alice.policies[0]).file == "good/full/alice.json");
  CHECK(policy_at(inv, alice.policies[1]).file == "good/full/shared.json");
  REQUIRE(alice.boundary.has_value());
  CHECK(policy_at(inv, *alice.boundary).file == "good/full/boundary.json");
  CHECK_FALSE(alice.session_policy.has_value());
  REQUIRE(inv.principals[2].session_policy.has_value());
  CHECK(policy_at(inv, *inv.principals[2].session_policy).file == "good/full/session.json");
}

TEST_CASE("a policy file referenced twice is read and stored once") {
  Inventory inv = load_full();
  const Principal& alice = inv.principals[0];
  const Principal& batch = inv.principals[1];
  REQUIRE(batch.policies.size() == 2);
  CHECK(batch.policies[0] == alice.policies[1]);  // "./shared.json" and "shared.json"
  std::size_t shared = 0;
  for (const auto& doc : inv.policies) shared += doc.file == "good/full/shared.json" ? 1 : 0;
  CHECK(shared == 1);
  CHECK(policy_at(inv, batch.policies[1]).file == "good/full/kmsaccess.yaml");
}

TEST_CASE("groups, SCPs and RCPs load with their policies and accounts") {
  Inventory inv = load_full();
  REQUIRE(inv.groups.size() == 1);
  CHECK(inv.groups[0].name == "Admins");
  REQUIRE(inv.groups[0].policies.size() == 1);
  CHECK(policy_at(inv, inv.groups[0].policies[0]).file == "good/full/admins.json");
  REQUIRE(inv.scps.size() == 1);
  CHECK(inv.scps[0].name == "deny-deletion");
  CHECK(inv.scps[0].accounts == std::vector<std::string>{"111122223333", "444455556666"});
  CHECK(policy_at(inv, inv.scps[0].policy).file == "good/full/scp.json");
  REQUIRE(inv.rcps.size() == 1);
  CHECK(inv.rcps[0].accounts.empty());  // every account
  CHECK(policy_at(inv, inv.rcps[0].policy).file == "good/full/rcp.json");
}

TEST_CASE("an unquoted account id keeps its leading zeros") {
  TestdataReader reader(testdata_dir("manifest"));
  auto inv = load_manifest("good/unquoted-account/kmsaccess.yaml", reader);
  REQUIRE_MESSAGE(inv, inv.error().to_string());
  CHECK(inv->account == "000011112222");
  REQUIRE(inv->keys.size() == 1);
  CHECK(inv->keys[0].account == "000011112222");
  CHECK(inv->keys[0].key_id == "mrk-1234abcd12ab34cd56ef1234567890ab");
  CHECK(inv->principals[0].account == "000011112222");
}

TEST_CASE("a path outside the manifest folder needs allow_outside_paths") {
  MemorySourceReader reader;
  reader.files["shared/p.json"] = R"({"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}})";
  std::string yaml = "account: '111122223333'\ngroups:\n  - name: G\n    policies: [../shared/p.json]\n";
  SUBCASE("refused by default") {
    auto inv = parse_manifest(yaml, "m/kmsaccess.yaml", reader);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().to_string() ==
          "m/kmsaccess.yaml:4:16: path escapes the manifest folder; pass --allow-outside-paths to "
          "allow it (../shared/p.json)");
  }
  SUBCASE("allowed with the option, normalised") {
    ManifestOptions options;
    options.allow_outside_paths = true;
    auto inv = parse_manifest(yaml, "m/kmsaccess.yaml", reader, options);
    REQUIRE_MESSAGE(inv, inv.error().to_string());
    CHECK(inv->policies.at(0).file == "shared/p.json");
  }
}

TEST_CASE("dot-dot that stays inside the folder is not an escape") {
  MemorySourceReader reader;
  reader.files["m/p.json"] = R"({"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}})";
  auto inv = parse_manifest("account: '111122223333'\ngroups: [{name: G, policies: [sub/../p.json]}]\n",
                            "m/kmsaccess.yaml", reader);
  REQUIRE_MESSAGE(inv, inv.error().to_string());
  CHECK(inv->policies.at(0).file == "m/p.json");
}

TEST_CASE("absolute paths are inside only under an absolute manifest folder") {
  MemorySourceReader reader;
  reader.files["/m/p.json"] = R"({"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*"}})";
  std::string yaml = "account: '111122223333'\ngroups: [{name: G, policies: [/m/p.json]}]\n";
  SUBCASE("under the folder") {
    auto inv = parse_manifest(yaml, "/m/kmsaccess.yaml", reader);
    REQUIRE_MESSAGE(inv, inv.error().to_string());
    CHECK(inv->policies.at(0).file == "/m/p.json");
  }
  SUBCASE("elsewhere") {
    auto inv = parse_manifest(yaml, "/other/kmsaccess.yaml", reader);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().pos.to_string() == "/other/kmsaccess.yaml:2:31");
  }
  SUBCASE("relative manifest folder") {
    auto inv = parse_manifest(yaml, "m/kmsaccess.yaml", reader);
    CHECK_FALSE(inv);
  }
}

TEST_CASE("a manifest with nothing but the account is an empty inventory") {
  MemorySourceReader reader;
  auto inv = parse_manifest("account: \"111122223333\"\nkeys:\nprincipals: []\n", "kmsaccess.yaml", reader);
  REQUIRE_MESSAGE(inv, inv.error().to_string());
  CHECK(inv->keys.empty());
  CHECK(inv->principals.empty());
  CHECK(inv->policies.empty());
}

TEST_CASE("load_manifest reports a manifest it cannot read") {
  MemorySourceReader reader;
  auto inv = load_manifest("absent.yaml", reader);
  REQUIRE_FALSE(inv);
  CHECK(inv.error().message.find("absent.yaml") != std::string::npos);
}
