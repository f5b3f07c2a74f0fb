// Golden tests of `kmsaccess inventory`: each testdata/inventory/<case>/ holds `args` (one per
// line, {testdata} = the testdata folder) and `expected.json` or `expected.txt`.
// KMSACCESS_UPDATE_GOLDEN=1 rewrites the expected files.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cmd_inventory.h"
#include "cli/file_source_reader.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;
const std::string kTestdata = std::string(KMSACCESS_SOURCE_DIR) + "/testdata";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

struct Run {
  int code = 0;
  std::string out, err;
};

Run run_inventory_args(std::vector<std::string> args) {
  FileSourceReader reader;
  std::ostringstream out, err;
  CommandContext ctx{out, err, reader};
  CLI::App app;
  register_inventory(app, ctx);
  args.insert(args.begin(), "inventory");
  for (auto& a : args) replace_all(a, "{testdata}", kTestdata);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last-first
  app.parse(args);
  Run r{ctx.exit_code, out.str(), err.str()};
  replace_all(r.out, kTestdata + "/", "");  // no absolute paths in goldens
  replace_all(r.err, kTestdata + "/", "");
  return r;
}

std::vector<std::string> read_args(const fs::path& file) {
  std::vector<std::string> args;
  std::istringstream in(slurp(file));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

TEST_CASE("inventory golden cases") {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(kTestdata + "/inventory")) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 3);
  bool update = std::getenv("KMSACCESS_UPDATE_GOLDEN") != nullptr;
  for (const auto& dir : cases) {
    CAPTURE(dir.filename().string());
    Run r = run_inventory_args(read_args(dir / "args"));
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    fs::path expected = dir / (fs::exists(dir / "expected.txt") ? "expected.txt" : "expected.json");
    if (update) std::ofstream(expected, std::ios::binary) << r.out;
    CHECK(r.out == slurp(expected));
  }
}

// Drops what legitimately differs between two inputs describing the same account: the files
// policies came from, and the load notes.
nlohmann::json comparable(nlohmann::json j) {
  if (j.is_object()) {
    j.erase("file");
    j.erase("gaps");
    for (auto& [k, v] : j.items()) v = comparable(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = comparable(v);
  }
  return j;
}

TEST_CASE("recorded CLI outputs of a small account load like its hand-written manifest") {
  Run aws = run_inventory_args({"--from-aws", "{testdata}/aws/small-account", "--format", "json"});
  Run manifest = run_inventory_args({"-m", "{testdata}/aws/small-account.yaml", "--format", "json"});
  REQUIRE(aws.code == 0);
  REQUIRE_MESSAGE(manifest.code == 0, manifest.err);
  auto a = comparable(nlohmann::json::parse(aws.out));
  auto m = comparable(nlohmann::json::parse(manifest.out));
  CHECK(a.dump(2) == m.dump(2));
}

TEST_CASE("--write-manifest writes a manifest that loads back to the same inventory") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-write-manifest-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "kmsaccess.yaml").string();
  Run first = run_inventory_args({"--from-aws", "{testdata}/aws/small-account", "--format", "json",
                                  "--write-manifest", path});
  REQUIRE(first.code == 0);
  Run again = run_inventory_args({"-m", path, "--format", "json"});
  REQUIRE_MESSAGE(again.code == 0, again.err);
  CHECK(comparable(nlohmann::json::parse(first.out)).dump(2) == comparable(nlohmann::json::parse(again.out)).dump(2));
  SUBCASE("an existing file is kept without --force") {
    Run refused = run_inventory_args({"--from-aws", "{testdata}/aws/small-account", "--write-manifest", path});
    CHECK(refused.code == 2);
    CHECK(refused.err.find("exists; pass --force") != std::string::npos);
    Run forced = run_inventory_args({"--from-aws", "{testdata}/aws/small-account", "--write-manifest", path, "--force"});
    CHECK(forced.code == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("--write-manifest leaves out a group the inputs name but do not describe, so it loads") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-write-manifest-group-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string path = (dir / "kmsaccess.yaml").string();
  Run first = run_inventory_args({"--from-aws", "{testdata}/aws/missing-group", "--write-manifest", path});
  REQUIRE(first.code == 0);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("# group \"ghosts@111122223333\" is not in the inputs") != std::string::npos);
  CHECK(text.find("groups: [\"devs\"]") != std::string::npos);
  Run again = run_inventory_args({"-m", path});
  CHECK_MESSAGE(again.code == 0, again.err);
  fs::remove_all(dir);
}

TEST_CASE("an unreadable folder is an input error with exit code 2") {
  Run r = run_inventory_args({"--from-aws", "{testdata}/aws/no-such-folder"});
  CHECK(r.code == 2);
  CHECK(r.err == "kmsaccess: --from-aws aws/no-such-folder: not a directory\n");
}

}  // namespace
}  // namespace kmsaccess::cli
