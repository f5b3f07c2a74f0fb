// Golden tests of `kmsaccess inventory` on CloudFormation and Terraform inputs: each
// testdata/iac-golden/<case>/ holds `args` (one per line, {testdata} = the testdata folder) and
// `expected.json`/`expected.txt` (exit 0) or `expected.err` (exit 2, the error on stderr).
// KMSACCESS_UPDATE_GOLDEN=1 rewrites the expected files.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cmd_inventory.h"
#include "cli/file_source_reader.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;
const std::string kIacTestdata = std::string(KMSACCESS_SOURCE_DIR) + "/testdata";

std::string read_whole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void replace_every(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

struct IacRun {
  int code = 0;
  std::string out, err;
};

IacRun run_inventory_case(const fs::path& args_file) {
  std::vector<std::string> args{"inventory"};
  std::istringstream in(read_whole(args_file));
  for (std::string line; std::getline(in, line);) {
    replace_every(line, "{testdata}", kIacTestdata);
    if (!line.empty()) args.push_back(line);
  }
  FileSourceReader reader;
  std::ostringstream out, err;
  CommandContext ctx{out, err, reader};
  CLI::App app;
  register_inventory(app, ctx);
  std::reverse(args.begin(), args.end());  // CLI11 takes them last-first
  app.parse(args);
  IacRun r{ctx.exit_code, out.str(), err.str()};
  replace_every(r.out, kIacTestdata + "/", "");  // no absolute paths in goldens
  replace_every(r.err, kIacTestdata + "/", "");
  return r;
}

TEST_CASE("inventory of CloudFormation templates and Terraform plans matches the goldens") {
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(kIacTestdata + "/iac-golden")) cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 6);
  bool update = std::getenv("KMSACCESS_UPDATE_GOLDEN") != nullptr;
  for (const auto& dir : cases) {
    CAPTURE(dir.filename().string());
    IacRun r = run_inventory_case(dir / "args");
    bool error_case = dir.filename().string().rfind("error-", 0) == 0;
    fs::path expected = dir / (error_case                               ? "expected.err"
                               : fs::exists(dir / "expected.txt")      ? "expected.txt"
                                                                        : "expected.json");
    const std::string& actual = error_case ? r.err : r.out;
    CHECK(r.code == (error_case ? 2 : 0));
    if (!error_case) CHECK(r.err.empty());
    if (update) std::ofstream(expected, std::ios::binary) << actual;
    CHECK(actual == read_whole(expected));
  }
}

}  // namespace
}  // namespace kmsaccess::cli
