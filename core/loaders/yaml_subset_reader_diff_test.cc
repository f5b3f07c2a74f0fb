// Differential test: whenever the subset reader accepts a text, it yields exactly the tree that
// yaml-cpp does (kinds, text, tags, positions, null spellings). Declining is always allowed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <yaml-cpp/exceptions.h>

#include "core/loaders/yaml_random_documents.h"
#include "core/loaders/yaml_subset_reader.h"
#include "core/loaders/yaml_tree_test_support.h"
#include "core/testing/test_scale.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::first_yaml_difference;

namespace {

namespace fs = std::filesystem;

enum class Outcome { kDeclined, kSame, kDifferent };

// On a difference, `detail` says where, for the failure message.
Outcome compare_readers(const std::string& text, std::string& detail) {
  std::optional<YamlTree> fast = read_yaml_subset(text);
  if (!fast) return Outcome::kDeclined;
  try {
    YamlTree slow = read_yaml_with_yaml_cpp(text);
    detail = first_yaml_difference(*fast, slow);
  } catch (const YAML::Exception& e) {
    detail = "yaml-cpp rejects what the subset reader accepted: " + e.msg;
  }
  return detail.empty() ? Outcome::kSame : Outcome::kDifferent;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every YAML file under `dir` (and, with `all_files`, every file), sorted for a stable order.
std::vector<fs::path> files_under(const fs::path& dir, bool all_files) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (all_files || ext == ".yaml" || ext == ".yml")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every YAML file under testdata reads the same with the subset reader and yaml-cpp") {
  const fs::path root = KMSACCESS_SOURCE_DIR;
  std::vector<fs::path> files = files_under(root / "testdata", false);
  // The manifest fuzz seeds (fuzz/corpus/manifest) are YAML without an extension.
  for (const auto& f : files_under(root / "fuzz" / "corpus" / "manifest", true)) files.push_back(f);
  REQUIRE(files.size() > 50);
  std::size_t accepted = 0;
  for (const auto& path : files) {
    std::string detail;
    Outcome outcome = compare_readers(read_file(path), detail);
    CHECK_MESSAGE(outcome != Outcome::kDifferent, path.lexically_relative(root).generic_string() << ": " << detail);
    if (outcome == Outcome::kSame) ++accepted;
  }
  // Most of them are manifests in the subset (the CloudFormation templates use tags and decline).
  CHECK(accepted * 2 > files.size());
}

TEST_CASE("the subset reader takes the manifests kmsaccess ships as examples") {
  const fs::path root = KMSACCESS_SOURCE_DIR;
  for (const char* manifest : {"testdata/manifest/good/full/kmsaccess.yaml",
                               "testdata/manifest/good/unquoted-account/kmsaccess.yaml",
                               "testdata/cmk-example/kmsaccess.yaml"}) {
    std::string detail;
    CHECK_MESSAGE(compare_readers(read_file(root / manifest), detail) == Outcome::kSame, manifest << " " << detail);
  }
}

TEST_CASE("random manifest-shaped documents read the same with the subset reader and yaml-cpp") {
  kmsaccess::core::testing::RandomManifestYaml generator(20240601);
  // KMSACCESS_TEST_SCALE shrinks the count for the sanitizer job (core/testing/test_scale.h).
  const auto documents = static_cast<int>(kmsaccess::core::testing::scaled_count(3000, 300));
  int accepted_clean = 0;
  int accepted_mutated = 0;
  for (int n = 0; n < documents; ++n) {
    std::string doc = generator.document();
    bool mutated = n % 3 == 2;
    if (mutated) doc = generator.mutate(doc);
    std::string detail;
    Outcome outcome = compare_readers(doc, detail);
    CHECK_MESSAGE(outcome != Outcome::kDifferent, "document " << n << ": " << detail << "\n---\n" << doc);
    if (outcome == Outcome::kSame) ++(mutated ? accepted_mutated : accepted_clean);
  }
  // The comparison only means something if the reader takes most clean documents, and some
  // broken ones (a dropped character often leaves valid YAML).
  CHECK(accepted_clean > documents / 3);
  CHECK(accepted_mutated > documents / 30);
}
