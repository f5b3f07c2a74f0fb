// Replays every file of fuzz/corpus/<target>/ and fuzz/regressions/<target>/ through the fuzz
// targets' entry functions (fuzz/fuzz_entries.h), so crashes once found stay fixed without clang.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/fuzz_entries.h"

namespace kmsaccess::fuzz {
namespace {

namespace fs = std::filesystem;

struct Target {
  const char* name;
  std::string (*entry)(std::string_view);
};

constexpr Target kTargets[] = {
    {"aws_cli", fuzz_aws_cli}, {"condition", fuzz_condition}, {"iac", fuzz_iac},       {"json", fuzz_json},
    {"manifest", fuzz_manifest}, {"pipeline", fuzz_pipeline}, {"policy", fuzz_policy},
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every fuzz corpus and regression input passes its target's invariants") {
  const fs::path root = fs::path(KMSACCESS_SOURCE_DIR) / "fuzz";
  std::size_t replayed = 0;
  for (const Target& t : kTargets) {
    CAPTURE(t.name);
    std::size_t corpus = 0;
    for (const char* kind : {"corpus", "regressions"}) {
      for (const fs::path& file : files_under(root / kind / t.name)) {
        CAPTURE(file.string());
        CHECK(t.entry(slurp(file)) == "");
        ++replayed;
        corpus += std::string(kind) == "corpus" ? 1 : 0;
      }
    }
    CHECK(corpus >= 5);  // every target has a seed corpus
  }
  CHECK(replayed > 100);
}

TEST_CASE("every fuzz folder names a known target") {
  const fs::path root = fs::path(KMSACCESS_SOURCE_DIR) / "fuzz";
  for (const char* kind : {"corpus", "regressions"}) {
    std::error_code ec;
    if (!fs::is_directory(root / kind, ec)) continue;
    for (const auto& e : fs::directory_iterator(root / kind)) {
      std::string name = e.path().filename().string();
      bool known = std::any_of(std::begin(kTargets), std::end(kTargets), [&](const Target& t) { return name == t.name; });
      CHECK_MESSAGE(known, kind, "/", name, " is not a fuzz target");
    }
  }
}

}  // namespace kmsaccess::fuzz
