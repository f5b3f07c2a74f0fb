// write_file_atomically: new files, refusal without --force, replacement with it, no leftovers.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/atomic_write.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / "kmsaccess-atomic-write-test";
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("a new file is written whole and no temporary file is left") {
  TempDir dir;
  auto st = write_file_atomically((dir.path / "out.txt").string(), "hello\n", false);
  REQUIRE(st.has_value());
  CHECK(slurp(dir.path / "out.txt") == "hello\n");
  CHECK(entries(dir.path) == 1);
  CHECK((fs::status(dir.path / "out.txt").permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("an existing file is kept without force, with the message naming --force") {
  TempDir dir;
  std::string target = (dir.path / "out.txt").string();
  std::ofstream(target) << "old";
  auto st = write_file_atomically(target, "new", false);
  REQUIRE_FALSE(st.has_value());
  CHECK(st.error().message == target + " exists; pass --force to overwrite it");
  CHECK(slurp(target) == "old");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("force replaces an existing file and leaves a neighbouring .tmp file alone") {
  TempDir dir;
  std::string target = (dir.path / "out.txt").string();
  std::ofstream(target) << "old";
  std::ofstream(target + ".tmp") << "user data";
  auto st = write_file_atomically(target, "new", true);
  REQUIRE(st.has_value());
  CHECK(slurp(target) == "new");
  CHECK(slurp(target + ".tmp") == "user data");
  CHECK(entries(dir.path) == 2);
}

TEST_CASE("a folder that does not exist is a write error, not a crash") {
  TempDir dir;
  auto st = write_file_atomically((dir.path / "missing" / "out.txt").string(), "x", false);
  REQUIRE_FALSE(st.has_value());
  CHECK(st.error().message.find("cannot create a temporary file in") == 0);
}

}  // namespace kmsaccess::cli
