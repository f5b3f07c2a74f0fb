// Runs every case under testdata/cli/: `args` (one argument per line), run in-process from the
// source root, compared with `expected.out`, `expected.err` (when present) and `expected.code`.
// KMSACCESS_UPDATE_GOLDEN=1 rewrites the expectations; the reviewer reads the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "cli/app.h"

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> read_args(const std::filesystem::path& p) {
  std::vector<std::string> args;
  std::istringstream in(read_text(p));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) args.push_back(line);
  }
  return args;
}

}  // namespace

TEST_CASE("command goldens in testdata/cli") {
  const std::filesystem::path root(KMSACCESS_SOURCE_DIR);
  REQUIRE(chdir(root.c_str()) == 0);
  const bool update = std::getenv("KMSACCESS_UPDATE_GOLDEN") != nullptr;
  std::vector<std::filesystem::path> cases;
  for (const auto& e : std::filesystem::directory_iterator(root / "testdata/cli")) {
    if (e.is_directory()) cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 5);
  for (const auto& dir : cases) {
    SUBCASE(dir.filename().string().c_str()) {
      std::ostringstream out, err;
      int code = kmsaccess::cli::run(read_args(dir / "args"), out, err);
      if (update) {
        write_text(dir / "expected.out", out.str());
        write_text(dir / "expected.code", std::to_string(code) + "\n");
        if (code != 0) write_text(dir / "expected.err", err.str());
      }
      CHECK(out.str() == read_text(dir / "expected.out"));
      CHECK(std::to_string(code) + "\n" == read_text(dir / "expected.code"));
      if (std::filesystem::exists(dir / "expected.err")) CHECK(err.str() == read_text(dir / "expected.err"));
      // A failing command prints nothing on stdout: no partial output presented as complete.
      if (code == 2) CHECK(out.str().empty());
    }
  }
}
