// Bad manifests (testdata/manifest/bad/): one file per error kind, each with its exact message
// and file:line:column.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "core/loaders/manifest_loader.h"
#include "core/loaders/testdata_reader.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::TestdataReader;
using kmsaccess::core::testing::testdata_dir;

namespace {

struct BadCase {
  const char* file;
  const char* error;
};

// Errors inside referenced files (broken-policy-file, grant-other-key) point into those files.
const BadCase kBadCases[] = {
    {"bad-account.yaml", "bad/bad-account.yaml:1:10: 'account' must be a 12-digit AWS account id, found "
                         "'11112222333'"},
    {"bad-grant-operation.yaml",
     "bad/bad-grant-operation.yaml:7:31: unknown grant operation 'PutKeyPolicy' (expected a CreateGrant "
     "operation such as Decrypt or GenerateDataKey)"},
    {"bad-inline-policy.yaml",
     "bad/bad-inline-policy.yaml:9:28: expected a string or an array of strings for Principal.AWS, found "
     "number"},
    {"bad-key-arn.yaml",
     "bad/bad-key-arn.yaml:4:10: 'arn' must be a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID), "
     "found 'arn:aws:kms:us-west-2:111122223333:alias/app-data'"},
    {"bad-manager.yaml", "bad/bad-manager.yaml:5:14: 'manager' must be CUSTOMER or AWS, found 'aws-managed'"},
    {"bad-principal-arn.yaml",
     "bad/bad-principal-arn.yaml:4:10: 'arn' must be an IAM user, role or account root ARN, or an STS "
     "assumed-role or federated-user ARN, found 'arn:aws:iam::111122223333:group/Admins'"},
    {"broken-policy-file.yaml",
     "bad/broken-policy.json:3:35: expected ',' or '}' after an object member, found '\"'"},
    {"duplicate-field.yaml", "bad/duplicate-field.yaml:3:1: duplicate field 'region' (first at line 2)"},
    {"duplicate-key-name.yaml",
     "bad/duplicate-key-name.yaml:5:11: duplicate key name 'CMK-A' (first declared at line 3)"},
    {"duplicate-principal-name.yaml",
     "bad/duplicate-principal-name.yaml:5:12: duplicate principal name 'Alice' (first declared at line 3)"},
    {"grant-other-key.yaml",
     "bad/other-key-grants.json:1:23: grant is for key "
     "arn:aws:kms:us-west-2:111122223333:key/ffffffff-1111-2222-3333-444444444444, not for key 'CMK-A' "
     "(arn:aws:kms:us-west-2:111122223333:key/0a0a0a0a-1111-2222-3333-444444444444)"},
    {"invalid-yaml.yaml", "bad/invalid-yaml.yaml:5:1: invalid YAML: end of sequence flow not found"},
    {"missing-file.yaml", "bad/missing-file.yaml:5:13: cannot read bad/no-such-policy.json: no such file"},
    {"missing-name.yaml", "bad/missing-name.yaml:3:5: principal has no 'name'"},
    {"no-account.yaml", "bad/no-account.yaml:1:1: the manifest has no 'account' (the home account id)"},
    {"path-escape.yaml",
     "bad/path-escape.yaml:5:13: path escapes the manifest folder; pass --allow-outside-paths to allow it "
     "(../good/full/cmk-a.json)"},
    {"unknown-field.yaml",
     "bad/unknown-field.yaml:5:5: unknown field 'polcy' in a key (expected one of: name, arn, policy, "
     "manager, tags, aliases, grants, key_spec, key_usage, origin, key_state, rotation_enabled, "
     "multi_region, multi_region_type)"},
    {"unknown-group.yaml", "bad/unknown-group.yaml:5:22: group 'Ops' is not declared under 'groups'"},
    {"version-2.yaml", "bad/version-2.yaml:1:10: unsupported manifest version '2' (this kmsaccess reads version 1)"},
    {"wrong-type.yaml", "bad/wrong-type.yaml:5:14: 'aliases' must be a list of strings, found a mapping"},
};

std::string error_of(std::string_view yaml) {
  MemorySourceReader reader;
  reader.files["p.json"] = R"({"Statement": {"Effect": "Deny", "Action": "kms:*", "Resource": "*"}})";
  auto inv = parse_manifest(yaml, "m.yaml", reader);
  return inv ? "loaded" : inv.error().to_string();
}

}  // namespace

TEST_CASE("each bad manifest fails with its message at file:line:column") {
  TestdataReader reader(testdata_dir("manifest"));
  for (const auto& c : kBadCases) {
    SUBCASE(c.file) {
      auto inv = load_manifest(std::string("bad/") + c.file, reader);
      REQUIRE_FALSE(inv);
      CHECK(inv.error().to_string() == c.error);
    }
  }
}

TEST_CASE("every manifest under testdata/manifest/bad has a case") {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(testdata_dir("manifest/bad"))) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const auto& c : kBadCases) listed.emplace_back(c.file);
  CHECK(files == listed);
}

TEST_CASE("the escaping path loads once outside paths are allowed") {
  TestdataReader reader(testdata_dir("manifest"));
  ManifestOptions options;
  options.allow_outside_paths = true;
  auto inv = load_manifest("bad/path-escape.yaml", reader, options);
  REQUIRE_MESSAGE(inv, inv.error().to_string());
  REQUIRE(inv->keys.at(0).policy.has_value());
  CHECK(inv->policies.at(*inv->keys[0].policy).file == "good/full/cmk-a.json");
}

TEST_CASE("manifest shapes that are not a single mapping") {
  CHECK(error_of("") == "m.yaml:1:1: the manifest is empty");
  CHECK(error_of("- account: x\n") == "m.yaml:1:1: the manifest must be a mapping, found a list");
  CHECK(error_of("account: '111122223333'\n---\naccount: '444455556666'\n") ==
        "m.yaml:3:1: the manifest holds more than one YAML document ('---'); use one");
}

TEST_CASE("the version is checked before unknown fields") {
  CHECK(error_of("version: 2\nnew_in_v2: true\n") ==
        "m.yaml:1:10: unsupported manifest version '2' (this kmsaccess reads version 1)");
  CHECK(error_of("version: [1]\n") ==
        "m.yaml:1:10: unsupported manifest version a list (this kmsaccess reads version 1)");
}

TEST_CASE("a duplicate key ARN under another name is an error") {
  CHECK(error_of("account: '111122223333'\nkeys:\n"
                 "  - {name: A, arn: 'arn:aws:kms:us-west-2:111122223333:key/k1'}\n"
                 "  - {name: B, arn: 'arn:aws:kms:us-west-2:111122223333:key/k1'}\n") ==
        "m.yaml:4:20: duplicate key arn 'arn:aws:kms:us-west-2:111122223333:key/k1' (first declared at line 3)");
}

TEST_CASE("a duplicate key inside an inline policy is an error, as in JSON") {
  CHECK(error_of("account: '111122223333'\ngroups:\n  - name: G\n    policies:\n"
                 "      - {Version: '2012-10-17', Version: '2008-10-17'}\n") ==
        "m.yaml:5:33: duplicate key 'Version' (first at line 5)");
}

TEST_CASE("list fields reject scalars and entries of the wrong type") {
  CHECK(error_of("account: '111122223333'\nkeys: CMK-A\n") == "m.yaml:2:7: 'keys' must be a list, found a string");
  CHECK(error_of("account: '111122223333'\nscps: [{name: S, policy: p.json, accounts: ['12']}]\n") ==
        "m.yaml:2:45: 'accounts' entries must be 12-digit AWS account ids");
  CHECK(error_of("account: '111122223333'\ngroups: [{name: G, policies: [[a.json]]}]\n") ==
        "m.yaml:2:31: 'policies' must be a file path or an inline policy mapping, found a list");
  CHECK(error_of("account: '111122223333'\nkeys:\n  - name: K\n    arn: arn:aws:kms:r:111122223333:key/k\n"
                 "    rotation_enabled: yes\n") ==
        "m.yaml:5:23: 'rotation_enabled' must be true or false, found a string");
}

TEST_CASE("organization.accounts must be a list of account ids") {
  CHECK(error_of("account: '111122223333'\norganization: {id: o-x, accounts: ['111122223333', '1234']}\n") ==
        "m.yaml:2:52: 'accounts' entries must be 12-digit AWS account ids");
  CHECK(error_of("account: '111122223333'\norganization:\n  accounts: '111122223333'\n") ==
        "m.yaml:3:13: 'accounts' must be a list of account ids, found a string");
  CHECK(error_of("account: '111122223333'\norganization:\n  accounts:\n") == "loaded");
  CHECK(error_of("account: '111122223333'\norganization:\n  members: []\n").find("unknown field 'members'") !=
        std::string::npos);
}

TEST_CASE("an organization policy needs a policy") {
  CHECK(error_of("account: '111122223333'\nrcps:\n  - name: R\n") ==
        "m.yaml:3:5: organization policy 'R' has no 'policy'");
}

TEST_CASE("a YAML error deep in the file keeps its position") {
  CHECK(error_of("account: '111122223333'\n  region: us-west-2\nkeys: []\n") ==
        "m.yaml:2:3: invalid YAML: end of map not found");
  CHECK(error_of("account: '111122223333'\nregion: *r\n") ==
        "m.yaml:2:9: invalid YAML: the referenced anchor is not defined");
}

TEST_CASE("a stray ',' is a positioned YAML error, not an endless loop") {
  // yaml-cpp 0.7 made empty documents from it until memory ran out (fuzz/regressions/manifest/).
  CHECK(error_of(",") == "m.yaml:1:1: invalid YAML: unexpected ','");
  CHECK(error_of("[a],") == "m.yaml:1:4: invalid YAML: unexpected ','");
  CHECK(error_of("account: '111122223333'\n---\n[a],\n") == "m.yaml:3:4: invalid YAML: unexpected ','");
}
