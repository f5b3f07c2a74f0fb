#include "core/loaders/aws_cli_loader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kmsaccess::core {
namespace {

constexpr const char* kKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
constexpr const char* kKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

std::string list_keys() {
  return std::string(R"({"Keys":[{"KeyId":")") + kKeyId + R"(","KeyArn":")" + kKeyArn + R"("}]})";
}

std::string key_policy(std::string_view principal) {
  return R"({"Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",)"
         R"(\"Principal\":{\"AWS\":\")" + std::string(principal) +
         R"(\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}","PolicyName":"default"})";
}

AwsLoadResult load(const MemorySourceReader& reader) {
  auto r = load_aws_cli_folder("in", reader);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  return std::move(*r);
}

bool has_note(const AwsLoadResult& r, NoteKind kind, std::string_view file_part) {
  return std::any_of(r.report.notes.begin(), r.report.notes.end(), [&](const LoadNote& n) {
    return n.kind == kind && n.file.find(file_part) != std::string::npos;
  });
}

const Key* key_named(const Inventory& inv, std::string_view name) {
  for (const auto& k : inv.keys) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

TEST_CASE("a key policy in keys/<KeyId>/ is attributed to the key list-keys names") {
  MemorySourceReader reader;
  reader.files["in/us-east-1/list-keys.json"] = list_keys();
  reader.files[std::string("in/us-east-1/keys/") + kKeyId + "/get-key-policy.json"] =
      key_policy("arn:aws:iam::111122223333:root");
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 1);
  const Key& k = r.inventory.keys[0];
  CHECK(k.arn == kKeyArn);
  CHECK(k.name == kKeyId);
  CHECK(k.account == "111122223333");
  CHECK(k.region == "us-east-1");
  REQUIRE(k.policy.has_value());
  CHECK(r.inventory.policies[*k.policy].statements.size() == 1);
  CHECK(r.inventory.account == "111122223333");
  CHECK(r.report.notes.empty());
}

TEST_CASE("describe-key metadata, also as an array of outputs") {
  MemorySourceReader reader;
  reader.files["in/keys.json"] = std::string(R"([{"KeyMetadata":{"Arn":")") + kKeyArn +
                                 R"(","KeyId":"x","KeyManager":"AWS","CustomerMasterKeySpec":"RSA_2048",)"
                                 R"("KeyUsage":"SIGN_VERIFY","Origin":"AWS_KMS","KeyState":"Disabled","CreationDate":1571767572.317,)"
                                 R"("MultiRegion":true,"MultiRegionConfiguration":{"MultiRegionKeyType":"PRIMARY"}}}])";
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 1);
  const Key& k = r.inventory.keys[0];
  CHECK(k.manager == KeyManager::kAws);
  CHECK(k.key_spec == std::optional<std::string>("RSA_2048"));
  CHECK(k.key_usage == std::optional<std::string>("SIGN_VERIFY"));
  CHECK(k.key_state == std::optional<std::string>("Disabled"));
  CHECK(k.multi_region == std::optional<bool>(true));
  CHECK(k.multi_region_type == std::optional<std::string>("PRIMARY"));
  CHECK_FALSE(k.policy.has_value());
  CHECK(k.pos.to_string() == "in/keys.json:1:17");
}

TEST_CASE("a key policy that names no key is reported as unattributed") {
  MemorySourceReader reader;
  reader.files["in/policy.json"] = key_policy("*");
  auto r = load(reader);
  CHECK(r.inventory.keys.empty());
  CHECK(has_note(r, NoteKind::kUnattributedFile, "in/policy.json"));
}

TEST_CASE("an unrecognised JSON file is reported with its top-level fields") {
  MemorySourceReader reader;
  reader.files["in/other.json"] = R"({"Buckets":[]})";
  reader.files["in/notes.txt"] = "not json at all";
  auto r = load(reader);
  REQUIRE(r.report.notes.size() == 1);
  CHECK(r.report.notes[0].kind == NoteKind::kUnrecognisedFile);
  CHECK(r.report.notes[0].to_string() == "in/other.json: not a recognised AWS CLI output (top-level fields: Buckets)");
}

TEST_CASE("a malformed file is an error with file:line:col") {
  MemorySourceReader reader;
  reader.files["in/bad.json"] = "{\n  \"Keys\": [\n    {\"KeyId\": 1,}\n  ]\n}";
  auto r = load_aws_cli_folder("in", reader);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().to_string().rfind("in/bad.json:3:", 0) == 0);
}

TEST_CASE("aliases name keys; AWS aliases mark AWS managed keys; unattached aliases are noted") {
  MemorySourceReader reader;
  reader.files["in/aliases.json"] = R"({"Aliases":[
    {"AliasName":"alias/zeta","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/zeta","TargetKeyId":"1234abcd-12ab-34cd-56ef-1234567890ab"},
    {"AliasName":"alias/app-data","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/app-data","TargetKeyId":"1234abcd-12ab-34cd-56ef-1234567890ab"},
    {"AliasName":"alias/aws/s3","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/aws/s3","TargetKeyId":"d2b0f1a3-580d-4f79-b836-bc983be8cfa5"},
    {"AliasName":"alias/aws/redshift","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/aws/redshift"}]})";
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 2);
  const Key* app = key_named(r.inventory, "app-data");
  REQUIRE(app != nullptr);
  CHECK(app->arn == kKeyArn);
  CHECK(app->aliases == std::vector<std::string>{"alias/app-data", "alias/zeta"});
  const Key* s3 = key_named(r.inventory, "aws/s3");
  REQUIRE(s3 != nullptr);
  CHECK(s3->manager == KeyManager::kAws);
  CHECK(has_note(r, NoteKind::kUnattachedAlias, "in/aliases.json"));
}

TEST_CASE("an alias not named alias/<name> is noted and skipped, never a crash (fuzz regression)") {
  MemorySourceReader reader;
  reader.files["in/aliases.json"] = R"({"Aliases":[
    {"AliasName":"/s3","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/s3","TargetKeyId":"1234abcd-12ab-34cd-56ef-1234567890ab"},
    {"AliasName":"alias/","AliasArn":"arn:aws:kms:us-east-1:111122223333:alias/","TargetKeyId":"1234abcd-12ab-34cd-56ef-1234567890ab"}]})";
  auto r = load(reader);
  CHECK(r.inventory.keys.empty());
  CHECK(has_note(r, NoteKind::kPartial, "in/aliases.json"));
}

TEST_CASE("grants attach by KeyId; list-retirable-grants duplicates are merged") {
  std::string grants = std::string(R"({"Grants":[{"KeyId":")") + kKeyArn +
                       R"(","GrantId":"g1","GranteePrincipal":"arn:aws:iam::111122223333:role/App",)"
                       R"("Operations":["Decrypt"],"CreationDate":1518567315.0}],"Truncated":false})";
  MemorySourceReader reader;
  reader.files["in/a/list-grants.json"] = grants;
  reader.files["in/b/list-retirable-grants.json"] = grants;
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 1);
  REQUIRE(r.inventory.keys[0].grants.size() == 1);
  CHECK(r.inventory.keys[0].grants[0].grantee == "arn:aws:iam::111122223333:role/App");
}

TEST_CASE("a paginated output whose every page says more follow is a partial gap; a complete one is not") {
  auto page = [](std::string_view id, bool truncated) {
    return std::string(R"({"Grants":[{"KeyId":")") + kKeyArn + R"(","GrantId":")" + std::string(id) +
           R"(","GranteePrincipal":"arn:aws:iam::111122223333:role/App","Operations":["Decrypt"]}],)" +
           (truncated ? R"("Truncated":true,"NextMarker":"m1"})" : R"("Truncated":false})");
  };
  MemorySourceReader complete;
  complete.files["in/keys/k/list-grants.json"] = page("g1", true);
  complete.files["in/keys/k/list-grants.page2.json"] = page("g2", false);
  auto whole = load(complete);
  CHECK_FALSE(has_note(whole, NoteKind::kPartial, "in/keys/k"));
  REQUIRE(whole.inventory.keys.size() == 1);
  CHECK(whole.inventory.keys[0].grants.size() == 2);

  MemorySourceReader missing;
  missing.files["in/keys/k/list-grants.json"] = page("g1", true);
  missing.files["in/iam/get-account-authorization-details.json"] = R"({"UserDetailList":[],"IsTruncated":true,"Marker":"x"})";
  auto part = load(missing);
  CHECK(has_note(part, NoteKind::kPartial, "in/keys/k"));
  CHECK(has_note(part, NoteKind::kPartial, "in/iam"));
}

TEST_CASE("a folder without any JSON file is an input error, not an empty inventory") {
  MemorySourceReader reader;
  reader.files["in/README.txt"] = "outputs go here";
  auto r = load_aws_cli_folder("in", reader);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message.find("no JSON file in this folder") != std::string::npos);
}

TEST_CASE("placebo recordings are unwrapped and tags attributed by folder") {
  MemorySourceReader reader;
  reader.files["in/list-keys.json"] = list_keys();
  reader.files[std::string("in/keys/") + kKeyId + "/tags.json"] =
      R"({"status_code":200,"data":{"Truncated":false,"Tags":[{"TagKey":"Dept","TagValue":"IT"}]}})";
  reader.files[std::string("in/keys/") + kKeyId + "/rotation.json"] = R"({"KeyRotationEnabled":true})";
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 1);
  CHECK(r.inventory.keys[0].tags == Tags{{"Dept", "IT"}});
  CHECK(r.inventory.keys[0].rotation_enabled == std::optional<bool>(true));
}

TEST_CASE("a multi-Region key id resolves to the key of the closest folder") {
  std::string id = "mrk-1234abcd12ab34cd56ef1234567890ab";
  MemorySourceReader reader;
  for (std::string region : {"us-east-1", "eu-west-1"}) {
    reader.files["in/" + region + "/list-keys.json"] = R"({"Keys":[{"KeyId":")" + id +
                                                       R"(","KeyArn":"arn:aws:kms:)" + region +
                                                       ":111122223333:key/" + id + R"("}]})";
  }
  reader.files["in/eu-west-1/keys/" + id + "/get-key-policy.json"] = key_policy("*");
  reader.files["in/keys/" + id + "/tags.json"] = R"({"Tags":[]})";
  auto r = load(reader);
  REQUIRE(r.inventory.keys.size() == 2);
  for (const auto& k : r.inventory.keys) CHECK(k.policy.has_value() == (k.region == "eu-west-1"));
  CHECK(has_note(r, NoteKind::kUnattributedFile, "in/keys/" + id + "/tags.json"));
}

}  // namespace
}  // namespace kmsaccess::core

namespace kmsaccess::core {
namespace {

TEST_CASE("the collector's errors.txt lines become gaps") {
  MemorySourceReader reader;
  reader.files["in/errors.txt"] =
      "kms/us-east-1/keys/k/get-key-policy.json\taws kms get-key-policy\texit 254\tAn error occurred (AccessDeniedException)\n";
  auto r = load_aws_cli_folder("in", reader);
  REQUIRE(r.has_value());
  REQUIRE(r->report.notes.size() == 1);
  CHECK(r->report.notes[0].to_string() ==
        "in/kms/us-east-1/keys/k/get-key-policy.json: not collected: An error occurred (AccessDeniedException)");
}

TEST_CASE("every recorded AWS output in testdata/aws/formats loads or is reported") {
  const std::string dir = std::string(KMSACCESS_SOURCE_DIR) + "/testdata/aws/formats/";
  const char* files[] = {
      "awscli__describe-key.example3_multiregion.json", "awscli__iam-get-account-authorization-details.json",
      "awscli__list-aliases.example2.json", "awscli__list-resource-tags.json",
      "awscli__organizations-describe-policy.json", "botocore__DescribeKey.outputs.json",
      "botocore__GetKeyPolicy.output.json", "botocore__ListAliases.output.json", "botocore__ListGrants.output.json",
      "cloudsplaining__example-authz-details.json", "custodian_placebo_config.SelectResourceConfig_kms.json",
      "custodian_placebo_iam.GetRole_boundary_urlencoded.json", "custodian_placebo_kms.ListResourceTags.json"};
  for (const char* name : files) {
    CAPTURE(name);
    std::ifstream in(dir + name, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    MemorySourceReader reader;
    reader.files[std::string("in/") + name] = text.str();
    auto r = load_aws_cli_folder("in", reader);
    REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
    const Inventory& inv = r->inventory;
    bool used = !inv.keys.empty() || !inv.principals.empty() || !inv.scps.empty();
    CHECK((used || !r->report.notes.empty()));
  }
}

}  // namespace
}  // namespace kmsaccess::core
