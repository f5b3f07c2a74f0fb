// Golden tests of diff, what-if and escalation: each testdata/{diff,what-if,escalation}/<case>/
// with an `args` file (one argument per line, {testdata} = the testdata folder) holds the expected
// output (expected.txt, expected.md or expected.json) and optionally `exit` (default 0).
// KMSACCESS_UPDATE_GOLDEN=1 rewrites the expected output files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;
const std::string kSource = KMSACCESS_SOURCE_DIR;
const std::string kTestdata = kSource + "/testdata";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

struct Outcome {
  int code = 0;
  std::string out, err;
};

Outcome run_args(std::vector<std::string> args) {
  for (auto& a : args) replace_all(a, "{testdata}", kTestdata);
  std::ostringstream out, err;
  Outcome r{run(args, out, err), out.str(), err.str()};
  replace_all(r.out, kTestdata + "/", "");
  replace_all(r.err, kTestdata + "/", "");
  return r;
}

std::vector<std::string> read_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream in(slurp(file));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

fs::path expected_file(const fs::path& dir) {
  for (const char* name : {"expected.md", "expected.json"}) {
    if (fs::exists(dir / name)) return dir / name;
  }
  return dir / "expected.txt";
}

void run_golden_folder(const std::string& folder) {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(kTestdata + "/" + folder)) {
    if (fs::exists(e.path() / "args")) cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE_FALSE(cases.empty());
  bool update = std::getenv("KMSACCESS_UPDATE_GOLDEN") != nullptr;
  for (const auto& dir : cases) {
    CAPTURE(dir.filename().string());
    Outcome r = run_args(read_lines(dir / "args"));
    int exit = fs::exists(dir / "exit") ? std::stoi(slurp(dir / "exit")) : 0;
    CHECK(r.err == "");
    CHECK(r.code == exit);
    fs::path expected = expected_file(dir);
    if (update) std::ofstream(expected, std::ios::binary) << r.out;
    CHECK(r.out == slurp(expected));
  }
}

}  // namespace

TEST_CASE("diff golden cases (the pull-request markdown example among them)") { run_golden_folder("diff"); }
TEST_CASE("what-if golden cases (seed 004 tag, alias and grant scenarios)") { run_golden_folder("what-if"); }
TEST_CASE("escalation golden cases") { run_golden_folder("escalation"); }

TEST_CASE("diff of two identical inventories prints nothing and exits 0") {
  std::string m = "{testdata}/cmk-example/kmsaccess.yaml";
  Outcome r = run_args({"diff", m, m});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
}

TEST_CASE("diff input errors exit 2 with a message") {
  Outcome r = run_args({"diff", "{testdata}/diff/does-not-exist.yaml", "{testdata}/cmk-example/kmsaccess.yaml"});
  CHECK(r.code == kExitUsage);
  CHECK(r.out.empty());
  CHECK(r.err.find("does-not-exist") != std::string::npos);
}

TEST_CASE("diff reads a Terraform plan side as a plan, not as a manifest") {
  std::string plan = "{testdata}/iac/tfcompliance__test_issue-121__plan.out.json";
  Outcome same = run_args({"diff", plan, plan});
  CHECK(same.code == 0);
  CHECK(same.out.empty());
  CHECK(same.err.empty());
  Outcome changed = run_args({"diff", "{testdata}/iac/checkov__runner-plan__tfplan.json", plan, "-f", "json"});
  CHECK(changed.code == kExitFindings);
  CHECK(changed.out.find("aws_kms_key.example") != std::string::npos);
}

TEST_CASE("what-if never touches files and fails on unknown selectors") {
  std::string before = slurp(kTestdata + "/what-if/abac/kmsaccess.yaml");
  Outcome ok = run_args({"what-if", "-m", "{testdata}/what-if/abac/kmsaccess.yaml", "--tag", "CMK-B:Project=Alpha"});
  CHECK(ok.code == 0);
  CHECK(slurp(kTestdata + "/what-if/abac/kmsaccess.yaml") == before);
  Outcome bad = run_args({"what-if", "-m", "{testdata}/what-if/abac/kmsaccess.yaml", "--tag", "CMK-Z:Project=Alpha"});
  CHECK(bad.code == kExitUsage);
  CHECK(bad.err.find("CMK-Z") != std::string::npos);
}

TEST_CASE("diff REV:PATH reads the manifest and its policies from git, labelled without a temporary path") {
  std::error_code ec;
  fs::path cwd = fs::current_path();
  fs::current_path(kSource, ec);
  REQUIRE_FALSE(ec);
  std::ostringstream out, err;
  int code = run({"diff", "HEAD:testdata/diff/pr-example/old/kmsaccess.yaml", "testdata/diff/pr-example/new", "-f", "markdown"},
                 out, err);
  std::ostringstream same_out, same_err;
  int same = run({"diff", "HEAD:testdata/diff/pr-example/old", "testdata/diff/pr-example/old"}, same_out, same_err);
  fs::current_path(cwd);
  if (err.str().find("not a git repository") != std::string::npos) return;  // a source tarball
  CHECK(err.str() == "");
  CHECK(code == kExitFindings);
  CHECK(out.str().find("`testdata/diff/pr-example/old/app-data.json:") != std::string::npos);
  CHECK(out.str().find("kmsaccess-diff-") == std::string::npos);
  CHECK(same == 0);
  CHECK(same_out.str().empty());
}

}  // namespace kmsaccess::cli
