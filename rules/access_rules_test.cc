// The access rules KMS100–KMS109 over manifests, where the engine decides: behaviour the loose
// golden cases cannot show (the seed 002 example, denies that neutralise an allow, trust).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "core/evaluator.h"
#include "core/loaders/manifest_loader.h"
#include "core/source_reader.h"
#include "rules/kms100_missing_root_enablement.h"
#include "rules/kms101_public_key.h"
#include "rules/kms106_untrusted_external_account.h"
#include "rules/kms109_admin_can_use_key.h"
#include "rules/lint_input.h"

namespace {

namespace fs = std::filesystem;
namespace core = kmsaccess::core;
namespace r = kmsaccess::rules;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A loaded manifest with its evaluator and lint documents, as `kmsaccess lint -m` builds them.
struct Linted {
  core::Inventory inventory;
  std::optional<core::Evaluator> evaluator;
  r::LintContext ctx;

  explicit Linted(core::Inventory inv) : inventory(std::move(inv)) {
    core::add_pseudo_principals(inventory);
    core::sort_inventory(inventory);
    evaluator.emplace(inventory);
    ctx.documents = r::documents_from_inventory(inventory);
    ctx.inventory = &inventory;
    ctx.evaluator = &*evaluator;
  }
};

core::Inventory load(const core::MemorySourceReader& reader, const std::string& manifest) {
  auto inv = core::load_manifest(manifest, reader);
  REQUIRE_MESSAGE(inv.has_value(), inv.error().to_string());
  return std::move(*inv);
}

std::vector<r::Finding> run(const r::Rule& rule, const r::LintContext& ctx) {
  r::FindingSink sink(rule.info());
  rule.check(ctx, sink);
  return sink.findings();
}

bool reported(const std::vector<r::Finding>& findings, std::string_view file_suffix) {
  return std::any_of(findings.begin(), findings.end(), [&](const r::Finding& f) {
    return f.pos.file.size() >= file_suffix.size() &&
           f.pos.file.compare(f.pos.file.size() - file_suffix.size(), file_suffix.size(),
                              file_suffix) == 0;
  });
}

constexpr const char* kManifest = R"(version: 1
account: "111122223333"
region: us-east-1
keys:
  - name: k
    arn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
    policy: k.json
principals:
  - name: AppRole
    arn: arn:aws:iam::111122223333:role/AppRole
)";

constexpr const char* kRoot = R"({"Sid": "Root", "Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"})";

core::MemorySourceReader one_key(const std::string& statements) {
  core::MemorySourceReader reader;
  reader.files["m/kmsaccess.yaml"] = kManifest;
  reader.files["m/k.json"] =
      std::string(R"({"Version": "2012-10-17", "Statement": [)") + kRoot + "," + statements + "]}";
  return reader;
}

}  // namespace

TEST_CASE("KMS100 reports CMK-B and CMK-C of the seed 002 example, not CMK-A") {
  const fs::path dir = fs::path(KMSACCESS_SOURCE_DIR) / "testdata/cmk-example";
  core::MemorySourceReader reader;
  for (const auto& e : fs::directory_iterator(dir)) {
    reader.files["cmk-example/" + e.path().filename().string()] = slurp(e.path());
  }
  Linted linted(load(reader, "cmk-example/kmsaccess.yaml"));
  const auto findings = run(r::MissingRootEnablementRule(), linted.ctx);
  CHECK(findings.size() == 2);
  CHECK(reported(findings, "cmk-b.json"));
  CHECK(reported(findings, "cmk-c.json"));
  CHECK_FALSE(reported(findings, "cmk-a.json"));
  for (const auto& f : findings) CHECK(f.value == "arn:aws:iam::111122223333:root");
}

TEST_CASE("KMS100 with a manifest wants the key's own account root, not another account's") {
  core::MemorySourceReader reader;
  reader.files["m/kmsaccess.yaml"] = kManifest;
  reader.files["m/k.json"] = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]})";
  Linted linted(load(reader, "m/kmsaccess.yaml"));
  CHECK(run(r::MissingRootEnablementRule(), linted.ctx).size() == 1);
  linted.ctx.inventory = nullptr;  // the same file loose: any account root counts
  linted.ctx.evaluator = nullptr;
  CHECK(run(r::MissingRootEnablementRule(), linted.ctx).empty());
}

TEST_CASE("KMS101 with a manifest stays quiet when an unconditional Deny blocks \"*\"") {
  const std::string allow = R"({"Sid": "Anyone", "Effect": "Allow", "Principal": "*",
    "Action": "kms:Decrypt", "Resource": "*"})";
  const std::string deny = R"({"Sid": "NoAnyone", "Effect": "Deny", "Principal": "*",
    "Action": "kms:Decrypt", "Resource": "*"})";
  SUBCASE("allowed") {
    Linted linted(load(one_key(allow), "m/kmsaccess.yaml"));
    CHECK(run(r::PublicKeyRule(), linted.ctx).size() == 1);
  }
  SUBCASE("denied") {
    Linted linted(load(one_key(allow + "," + deny), "m/kmsaccess.yaml"));
    CHECK(run(r::PublicKeyRule(), linted.ctx).empty());
  }
}

TEST_CASE("KMS106 with a manifest reports the statement that lets an external account in") {
  const std::string partner = R"({"Sid": "Partner", "Effect": "Allow",
    "Principal": {"AWS": "444455556666"}, "Action": "kms:Decrypt", "Resource": "*"})";
  Linted linted(load(one_key(partner), "m/kmsaccess.yaml"));
  auto findings = run(r::UntrustedExternalAccountRule(), linted.ctx);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].value == "444455556666");
  CHECK(findings[0].statement == "Partner");
  linted.ctx.trusted_accounts = {"444455556666"};
  CHECK(run(r::UntrustedExternalAccountRule(), linted.ctx).empty());
}

TEST_CASE("KMS106 with trust_organization trusts the organisation's member accounts only") {
  const std::string partner = R"({"Sid": "Partner", "Effect": "Allow",
    "Principal": {"AWS": "444455556666"}, "Action": "kms:Decrypt", "Resource": "*"})";
  core::Inventory inv = load(one_key(partner), "m/kmsaccess.yaml");
  inv.organization_id = "o-example";
  SUBCASE("a member") {
    inv.organization_accounts = {"444455556666"};
    Linted linted(std::move(inv));
    CHECK(run(r::UntrustedExternalAccountRule(), linted.ctx).size() == 1);  // off by default
    linted.ctx.trust_organization = true;
    CHECK(run(r::UntrustedExternalAccountRule(), linted.ctx).empty());
  }
  SUBCASE("an account the member list leaves out") {
    inv.organization_accounts = {"777788889999"};
    Linted linted(std::move(inv));
    linted.ctx.trust_organization = true;
    CHECK(run(r::UntrustedExternalAccountRule(), linted.ctx).size() == 1);
  }
}

TEST_CASE("KMS109 with a manifest adds up key policy and IAM access of a declared role") {
  const std::string admin = R"({"Sid": "Admin", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/AppRole"},
    "Action": ["kms:PutKeyPolicy", "kms:DescribeKey"], "Resource": "*"})";
  const std::string use = R"({"Sid": "Use", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/AppRole"},
    "Action": "kms:Decrypt", "Resource": "*"})";
  SUBCASE("admin only") {
    Linted linted(load(one_key(admin), "m/kmsaccess.yaml"));
    CHECK(run(r::AdminCanUseKeyRule(), linted.ctx).empty());
  }
  SUBCASE("admin and user") {
    Linted linted(load(one_key(admin + "," + use), "m/kmsaccess.yaml"));
    auto findings = run(r::AdminCanUseKeyRule(), linted.ctx);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].statement == "Use");
  }
}
