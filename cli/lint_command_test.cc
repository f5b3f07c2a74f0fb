// run_lint end to end over in-memory files: exit codes, gate, config, baseline.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cmd_lint.h"
#include "cli/inputs.h"

namespace cli = kmsaccess::cli;

namespace {

constexpr const char* kBad =
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Use\",\"Effect\":\"Allow\",\n"
    "\"Action\":\"kms:Decrypts\",\"Resource\":\"*\"}]}";
constexpr const char* kGood =
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Use\",\"Effect\":\"Allow\",\n"
    "\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/"
    "1234abcd-12ab-34cd-56ef-1234567890ab\"}]}";

cli::LintOptions on(std::string path) {
  cli::LintOptions o;
  o.paths = {std::move(path)};
  return o;
}

cli::LintOptions with(cli::LintOptions o, std::string cli::LintOptions::*field,
                      std::string value) {
  o.*field = std::move(value);
  return o;
}

struct Harness {
  kmsaccess::core::MemorySourceReader reader;
  std::ostringstream out, err;
  cli::CommandContext ctx{out, err, reader};

  int lint(cli::LintOptions o) {
    o.cwd = "ws";
    o.today = "2026-06-01";
    return cli::run_lint(o, ctx, {});
  }

  // With the CLI's own loader, for inputs named by option (--cfn, --tf, --from-aws, -m).
  int lint_loading(cli::LintOptions o) {
    o.cwd = "ws";
    o.today = "2026-06-01";
    return cli::run_lint(o, ctx, cli::load_inventory);
  }
};

// A template whose key lets anyone decrypt: KMS101 public-key, an error.
constexpr const char* kPublicKeyTemplate =
    "Resources:\n"
    "  Key:\n"
    "    Type: AWS::KMS::Key\n"
    "    Properties:\n"
    "      KeyPolicy:\n"
    "        Version: '2012-10-17'\n"
    "        Statement:\n"
    "          - Effect: Allow\n"
    "            Principal: '*'\n"
    "            Action: kms:Decrypt\n"
    "            Resource: '*'\n";

}  // namespace

TEST_CASE("lint: exit 1 for a finding at the gate, 0 for a clean file") {
  Harness h;
  h.reader.files["ws/bad.json"] = kBad;
  h.reader.files["ws/good.json"] = kGood;
  CHECK(h.lint(on("ws/good.json")) == 0);
  CHECK(h.lint(on("ws/bad.json")) == 1);
  CHECK(h.out.str().find("ws/bad.json:2:10: error KMS005 unknown-action: action 'kms:Decrypts' "
                         "matches no KMS action\n") != std::string::npos);
}

TEST_CASE("lint: a missing path is exit 2, an unparsable file is a KMS001 finding") {
  Harness h;
  h.reader.files["ws/broken.json"] = "{\"Statement\": [";
  CHECK(h.lint(on("ws/missing.json")) == 2);
  CHECK(h.lint(on("ws/broken.json")) == 1);
  CHECK(h.out.str().find("KMS001 invalid-policy") != std::string::npos);
}

TEST_CASE("lint: the config found upward disables a rule; a bad config is exit 2") {
  Harness h;
  h.reader.files["ws/bad.json"] = kBad;
  h.reader.files["ws/.kmsaccess.yaml"] = "rules:\n  KMS005: off\n";
  CHECK(h.lint(on("ws/bad.json")) == 0);
  h.reader.files["ws/.kmsaccess.yaml"] = "rules:\n  KMS5: off\n";
  CHECK(h.lint(on("ws/bad.json")) == 2);
  CHECK(h.err.str().find(".kmsaccess.yaml:2:3: unknown rule id 'KMS5'") != std::string::npos);
}

TEST_CASE("lint: --fail-on error ignores warnings; bad option values are exit 2") {
  Harness h;
  h.reader.files["ws/old.json"] =
      "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\","
      "\"Resource\":\"*\"}]}";
  CHECK(h.lint(on("ws/old.json")) == 1);
  CHECK(h.lint(with(on("ws/old.json"), &cli::LintOptions::fail_on, "error")) == 0);
  CHECK(h.lint(with(on("ws/old.json"), &cli::LintOptions::format, "xml")) == 2);
}

TEST_CASE("lint: a baseline accepts recorded findings; --write-baseline refuses to overwrite") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "kmsaccess_lint_baseline_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string baseline = (dir / "baseline.json").string();
  Harness h;
  h.reader.files["ws/bad.json"] = kBad;
  CHECK(h.lint(with(on("ws/bad.json"), &cli::LintOptions::write_baseline, baseline)) == 0);
  REQUIRE(fs::exists(baseline));
  CHECK(h.lint(with(on("ws/bad.json"), &cli::LintOptions::write_baseline, baseline)) == 2);
  std::ifstream in(baseline);
  std::stringstream text;
  text << in.rdbuf();
  h.reader.files["ws/baseline.json"] = text.str();
  CHECK(h.lint(with(on("ws/bad.json"), &cli::LintOptions::baseline, "ws/baseline.json")) == 0);
  fs::remove_all(dir);
}

TEST_CASE("lint: --write-baseline writes through a temporary file and --force replaces") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "kmsaccess_lint_write_baseline_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string baseline = (dir / "baseline.json").string();
  // A user's file beside the target: the old writer used "<target>.tmp" and clobbered it.
  std::ofstream(dir / "baseline.json.tmp") << "user notes";
  Harness h;
  h.reader.files["ws/bad.json"] = kBad;
  h.reader.files["ws/good.json"] = kGood;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  auto entries = [&] {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  };
  CHECK(h.lint(with(on("ws/bad.json"), &cli::LintOptions::write_baseline, baseline)) == 0);
  const std::string first = slurp(baseline);
  CHECK(first.find("KMS005") != std::string::npos);
  CHECK(slurp(dir / "baseline.json.tmp") == "user notes");
  CHECK(entries() == std::vector<std::string>{"baseline.json", "baseline.json.tmp"});

  // Without --force the recorded findings survive; with it the file is replaced whole.
  CHECK(h.lint(with(on("ws/good.json"), &cli::LintOptions::write_baseline, baseline)) == 2);
  CHECK(h.err.str().find(baseline + " exists; pass --force to overwrite it") != std::string::npos);
  CHECK(slurp(baseline) == first);
  cli::LintOptions forced = with(on("ws/good.json"), &cli::LintOptions::write_baseline, baseline);
  forced.force = true;
  CHECK(h.lint(forced) == 0);
  CHECK(slurp(baseline).find("KMS005") == std::string::npos);
  CHECK(slurp(dir / "baseline.json.tmp") == "user notes");
  CHECK(entries() == std::vector<std::string>{"baseline.json", "baseline.json.tmp"});
  fs::remove_all(dir);
}

TEST_CASE("lint: a template named by --cfn is linted beside the policy files named as paths") {
  Harness h;
  h.reader.files["ws/good.json"] = kGood;
  h.reader.files["ws/template.yaml"] = kPublicKeyTemplate;
  cli::LintOptions template_only;
  template_only.inputs.cfn = {"ws/template.yaml"};
  CHECK(h.lint_loading(template_only) == 1);
  cli::LintOptions both = on("ws/good.json");
  both.inputs.cfn = {"ws/template.yaml"};
  h.out.str("");
  CHECK(h.lint_loading(both) == 1);
  CHECK(h.out.str().find("ws/template.yaml:9:24: error KMS101 public-key") != std::string::npos);
}

TEST_CASE("lint: templates and plans among the paths are read as --cfn and --tf would read them") {
  Harness h;
  h.reader.files["ws/good.json"] = kGood;
  h.reader.files["ws/template.yaml"] = kPublicKeyTemplate;
  h.reader.files["ws/plan.json"] =
      R"({"format_version": "1.2", "planned_values": {"root_module": {"resources": [)"
      R"({"address": "aws_kms_key.k", "mode": "managed", "type": "aws_kms_key", "name": "k", "values": {)"
      R"("enable_key_rotation": true, "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",)"
      R"(\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"}}]}}})";
  CHECK(h.lint_loading(on("ws/template.yaml")) == 1);
  CHECK(h.out.str().find("ws/template.yaml:9:24: error KMS101 public-key") != std::string::npos);
  CHECK(h.out.str().find("KMS001") == std::string::npos);

  cli::LintOptions policy_and_plan = on("ws/good.json");
  policy_and_plan.paths.push_back("ws/plan.json");
  h.out.str("");
  h.err.str("");
  CHECK(h.lint_loading(policy_and_plan) == 1);
  CHECK(h.out.str().find("ws/plan.json#aws_kms_key.k") != std::string::npos);
  CHECK(h.out.str().find("error KMS101 public-key") != std::string::npos);
  CHECK(h.err.str().find("skipped") == std::string::npos);

  // --kind decides for every file: the template is then read as a key policy, and is not one.
  h.out.str("");
  CHECK(h.lint_loading(with(on("ws/template.yaml"), &cli::LintOptions::kind, "key-policy")) == 1);
  CHECK(h.out.str().find("KMS001 invalid-policy") != std::string::npos);
}

TEST_CASE("lint: a folder gives its CloudFormation YAML templates too, and no other YAML") {
  Harness h;
  h.reader.files["ws/infra/good.json"] = kGood;
  h.reader.files["ws/infra/stack.yml"] = kPublicKeyTemplate;
  h.reader.files["ws/infra/ci.yaml"] = "jobs:\n  build: {}\n";  // another tool's YAML
  h.reader.files["ws/infra/kmsaccess.yaml"] = "version: [";     // a manifest is not read from a folder
  CHECK(h.lint_loading(on("ws/infra")) == 1);
  CHECK(h.out.str().find("ws/infra/stack.yml:9:24: error KMS101 public-key") != std::string::npos);
  CHECK(h.out.str().find("ci.yaml") == std::string::npos);
  CHECK(h.out.str().find("KMS001") == std::string::npos);
  // With --kind every file is read as that kind, and a folder gives only its JSON files.
  h.out.str("");
  CHECK(h.lint_loading(with(on("ws/infra"), &cli::LintOptions::kind, "identity-policy")) == 0);
  CHECK(h.out.str().find("stack.yml") == std::string::npos);
}

TEST_CASE("lint: a folder with nothing to lint says so on stderr") {
  Harness h;
  h.reader.files["ws/empty/notes.json"] = R"({"owner": "team"})";
  CHECK(h.lint(on("ws/empty")) == 0);
  CHECK(h.err.str().find("kmsaccess: note: ws/empty: no policy, grant list, key policy output, template or plan "
                         "in this folder\n") != std::string::npos);
  h.err.str("");
  h.reader.files["ws/empty/key.json"] = kGood;
  CHECK(h.lint(on("ws/empty")) == 0);
  CHECK(h.err.str().find("in this folder") == std::string::npos);
}

TEST_CASE("lint: SARIF for a get-key-policy output points at the line of its Policy string") {
  Harness h;
  h.reader.files["ws/get-key-policy.json"] =
      "{\n"
      "  \"PolicyName\": \"default\",\n"
      "  \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
      "\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"kms:Decrypt\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n"
      "}\n";
  CHECK(h.lint(with(on("ws/get-key-policy.json"), &cli::LintOptions::format, "sarif")) == 1);
  const std::string sarif = h.out.str();
  CHECK(sarif.find("\"startLine\": 3") != std::string::npos);
  CHECK(sarif.find("\"startColumn\": 13") != std::string::npos);
  CHECK(sarif.find("(line 1, column 68 inside the policy this string holds)") != std::string::npos);
}
