// Input limits: every limit fails with a positioned error that names the flag raising it, and a
// crafted input (deep nesting, huge lines, escaping paths) gives exit 2, never a crash.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/app.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;

// A scratch folder with a one-key, one-user manifest whose key policy is `policy`.
class Scratch {
 public:
  explicit Scratch(const std::string& name, const std::string& policy) : dir_(fs::temp_directory_path() / name) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("kmsaccess.yaml",
          "version: 1\naccount: \"111122223333\"\nregion: us-east-1\nkeys:\n"
          "  - name: K\n    arn: arn:aws:kms:us-east-1:111122223333:key/0a0a0a0a-1111-2222-3333-444444444444\n"
          "    policy: key.json\nprincipals:\n  - name: U\n    arn: arn:aws:iam::111122223333:user/U\n"
          "  - name: V\n    arn: arn:aws:iam::111122223333:user/V\n");
    write("key.json", policy);
  }
  ~Scratch() { fs::remove_all(dir_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  std::string path(const std::string& rel) const { return (dir_ / rel).string(); }

 private:
  fs::path dir_;
};

struct Run {
  int code;
  std::string out, err;
};

Run run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kPolicy =
    R"({"Version":"2012-10-17","Statement":[)"
    R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},)"
    R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/U"},"Action":"kms:Decrypt",)"
    R"("Resource":"*","Condition":{"StringEquals":{"kms:ViaService":["a","b","c"]}}}]})";

}  // namespace

TEST_CASE("the valid scratch inventory loads within the default limits") {
  Scratch s("kmsaccess-limits-ok", kPolicy);
  Run r = run_cli({"matrix", "-m", s.path("kmsaccess.yaml")});
  CHECK(r.code == kExitOk);
  CHECK(contains(r.out, "K"));
}

TEST_CASE("a file over --max-file-size names the file and the flag") {
  Scratch s("kmsaccess-limits-size", kPolicy);
  Run r = run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-file-size", "100"});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "kmsaccess-limits-size/"));  // names the file
  CHECK(contains(r.err, "over the limit of 100"));
  CHECK(contains(r.err, "--max-file-size"));
  CHECK(run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-file-size", "100000"}).code == kExitOk);
}

TEST_CASE("JSON nested deeper than --max-json-depth fails at its position") {
  std::string deep = std::string(100, '[') + std::string(100, ']');
  Scratch s("kmsaccess-limits-depth", "{\"Version\":\"2012-10-17\",\"Statement\":" + deep + "}");
  Run r = run_cli({"matrix", "-m", s.path("kmsaccess.yaml")});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "key.json:1:"));
  CHECK(contains(r.err, "nesting deeper than 64 levels (raise it with --max-json-depth)"));
  Run raised = run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-json-depth", "200"});
  CHECK(raised.code == kExitUsage);  // now the statement shape is what is wrong
  CHECK_FALSE(contains(raised.err, "--max-json-depth"));
}

TEST_CASE("statements and condition values over their limits name the flags") {
  Scratch s("kmsaccess-limits-policy", kPolicy);
  Run statements = run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-statements", "1"});
  CHECK(statements.code == kExitUsage);
  CHECK(contains(statements.err, "key.json:1:"));
  CHECK(contains(statements.err, "policy has 2 statements, over the limit of 1 (raise it with --max-statements)"));
  Run values = run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-condition-values", "2"});
  CHECK(values.code == kExitUsage);
  CHECK(contains(values.err, "key.json:1:"));
  CHECK(contains(values.err, "--max-condition-values"));
}

TEST_CASE("an inventory over --max-inventory is refused with the count and the flag") {
  Scratch s("kmsaccess-limits-inventory", kPolicy);
  Run r = run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-inventory", "1"});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "the inputs hold 2 principals, over the limit of 1 (raise it with --max-inventory)"));
  CHECK(run_cli({"matrix", "-m", s.path("kmsaccess.yaml"), "--max-inventory", "2"}).code == kExitOk);
}

TEST_CASE("a manifest nested 10,000 levels deep is an input error, not a stack overflow") {
  Scratch s("kmsaccess-limits-yaml", kPolicy);
  SUBCASE("flow style") { s.write("kmsaccess.yaml", std::string(10000, '[') + std::string(10000, ']') + "\n"); }
  SUBCASE("block style") {
    std::string yaml;
    for (int i = 0; i < 10000; ++i) yaml += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
    s.write("kmsaccess.yaml", yaml);
  }
  Run r = run_cli({"inventory", "-m", s.path("kmsaccess.yaml")});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "kmsaccess.yaml:"));
  CHECK(contains(r.err, "levels deep"));
}

TEST_CASE("a manifest path outside its folder needs --allow-outside-paths") {
  Scratch s("kmsaccess-limits-outside", kPolicy);
  s.write("sub/kmsaccess.yaml",
          "version: 1\naccount: \"111122223333\"\nregion: us-east-1\nkeys:\n"
          "  - name: K\n    arn: arn:aws:kms:us-east-1:111122223333:key/0a0a0a0a-1111-2222-3333-444444444444\n"
          "    policy: ../key.json\n");
  Run r = run_cli({"matrix", "-m", s.path("sub/kmsaccess.yaml")});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "kmsaccess.yaml:7:"));
  CHECK(contains(r.err, "--allow-outside-paths"));
  CHECK(run_cli({"matrix", "-m", s.path("sub/kmsaccess.yaml"), "--allow-outside-paths"}).code == kExitOk);
}

TEST_CASE("an error in a huge one-line file quotes only a short excerpt") {
  std::string garbage = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Sid":")" + std::string(200000, 'x') + "\n";
  Scratch s("kmsaccess-limits-excerpt", garbage);
  Run r = run_cli({"matrix", "-m", s.path("kmsaccess.yaml")});
  CHECK(r.code == kExitUsage);
  CHECK(contains(r.err, "key.json:1:"));
  CHECK(r.err.size() < 1000);
}

}  // namespace kmsaccess::cli
