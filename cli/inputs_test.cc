#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli/file_source_reader.h"
#include "cli/loaded_inputs.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;
const std::string kAws = std::string(KMSACCESS_SOURCE_DIR) + "/testdata/aws";

TEST_CASE("with no inputs and no ./kmsaccess.yaml, loading fails with the usage hint") {
  if (fs::exists("kmsaccess.yaml")) return;  // only meaningful where there is none
  FileSourceReader reader;
  auto r = load_inventory(InputOptions{}, reader);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "no inputs: pass -m FILE or --from-aws DIR (no kmsaccess.yaml here)");
}

TEST_CASE("a manifest and a folder that both define a key policy are an error naming both") {
  FileSourceReader reader;
  InputOptions options;
  options.manifest = kAws + "/small-account.yaml";
  options.from_aws = {kAws + "/small-account"};
  auto r = load_inventory(options, reader);
  REQUIRE_FALSE(r.has_value());
  const std::string& m = r.error().message;
  CHECK(m.find("is defined twice with different key policies") != std::string::npos);
  CHECK(m.find("small-account.yaml:") != std::string::npos);
  CHECK(m.find("describe-key.json:") != std::string::npos);
}

TEST_CASE("two folders merge; notes from both are kept, sorted") {
  FileSourceReader reader;
  InputOptions options;
  options.from_aws = {kAws + "/small-account", kAws + "/formats"};
  auto r = load_inputs(options, reader);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  CHECK(r->inventory.keys.size() == 14);  // 2 + 12, no ARN in common
  CHECK(r->inventory.account == "111122223333");
  CHECK(std::is_sorted(r->report.notes.begin(), r->report.notes.end()));
  CHECK(std::is_sorted(r->inventory.keys.begin(), r->inventory.keys.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST_CASE("the file reader lists a folder recursively in sorted order and enforces its size limit") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-file-reader-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "b" / "c");
  fs::create_directories(dir / "a");
  std::ofstream(dir / "b" / "c" / "z.json") << "{}";
  std::ofstream(dir / "a" / "y.json") << "{}";
  std::ofstream(dir / "x.json") << "0123456789";
  FileSourceReader reader(5);
  auto listed = reader.list(dir.string() + "/");
  REQUIRE(listed.has_value());
  std::string d = dir.string();
  CHECK(*listed == std::vector<std::string>{d + "/a/y.json", d + "/b/c/z.json", d + "/x.json"});
  CHECK(reader.is_directory(d + "/b"));
  CHECK_FALSE(reader.is_directory(d + "/x.json"));
  CHECK(reader.read(d + "/a/y.json").value() == "{}");
  auto big = reader.read(d + "/x.json");
  REQUIRE_FALSE(big.has_value());
  CHECK(big.error().message.find("10 bytes, over the limit of 5") != std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace kmsaccess::cli
