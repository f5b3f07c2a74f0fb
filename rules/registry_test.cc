// The catalogue's invariants: ids unique and sorted, and every rule has its metadata, doc page
// (whose heading agrees with RuleInfo) and a firing and a quiet test case.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "rules/registry.h"
#include "rules/rule_doc.h"

namespace {

namespace fs = std::filesystem;
using kmsaccess::rules::all_rules;
using kmsaccess::rules::rule_doc_markdown;

const fs::path kRoot = KMSACCESS_SOURCE_DIR;

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool update_golden() {
  const char* v = std::getenv("KMSACCESS_UPDATE_GOLDEN");  // test harness, not core
  return v != nullptr && std::string(v) == "1";
}

bool folder_has_input(const fs::path& dir) {
  if (!fs::is_directory(dir)) return false;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") return true;
  }
  return false;
}

}  // namespace

TEST_CASE("rule ids are unique and sorted") {
  auto rules = all_rules();
  REQUIRE(!rules.empty());
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto id = rules[i]->info().id;
    CHECK_MESSAGE(seen.insert(id).second, "duplicate id " << id);
    if (i > 0) CHECK_MESSAGE(rules[i - 1]->info().id < id, id << " is out of order");
  }
}

TEST_CASE("rule ids and slugs have the documented shape") {
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    INFO(info.id);
    CHECK(info.id.size() == 6);
    CHECK(info.id.substr(0, 3) == "KMS");
    CHECK(info.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
          std::string_view::npos);
  }
}

TEST_CASE("every rule has a description, help text and an AWS documentation URL") {
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    INFO(info.id);
    CHECK(!info.short_description.empty());
    CHECK(info.short_description.back() != '.');
    CHECK(!info.long_description.empty());
    CHECK(info.help.size() > 20);
    CHECK(info.doc_url.rfind("https://docs.aws.amazon.com/", 0) == 0);
  }
}

TEST_CASE("every rule has a doc page whose heading matches its RuleInfo") {
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    const fs::path page = kRoot / "docs/rules" / (std::string(info.id) + ".md");
    INFO(page.string());
    if (update_golden()) std::ofstream(page, std::ios::binary) << rule_doc_markdown(info);
    REQUIRE(fs::exists(page));
    CHECK(first_line(page) == "# " + std::string(info.id) + " " + std::string(info.name));
    // The page is rendered from RuleInfo (the single source); KMSACCESS_UPDATE_GOLDEN=1
    // rewrites it after a RuleInfo change.
    CHECK(slurp(page) == rule_doc_markdown(info));
  }
}

TEST_CASE("every rule has a firing and a quiet test case") {
  for (const auto& rule : all_rules()) {
    const fs::path dir = kRoot / "testdata/rules" / std::string(rule->info().id);
    INFO(dir.string());
    CHECK(folder_has_input(dir / "fire"));
    CHECK(folder_has_input(dir / "quiet"));
    CHECK(fs::exists(dir / "fire/expected.txt"));
    CHECK(fs::exists(dir / "quiet/expected.txt"));
  }
}

TEST_CASE("the rule plan in docs/rules/README.md lists every implemented rule") {
  std::ifstream in(kRoot / "docs/rules/README.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& rule : all_rules()) {
    const auto& info = rule->info();
    const std::string row = "| " + std::string(info.id) + " | " + std::string(info.name) + " | " +
                            std::string(kmsaccess::rules::to_string(info.severity)) + " |";
    CHECK_MESSAGE(text.str().find(row) != std::string::npos, "missing row: " << row);
  }
}

TEST_CASE("registry lookups find rules case-insensitively") {
  auto rules = all_rules();
  REQUIRE(kmsaccess::rules::find_rule(rules, "kms001") != nullptr);
  CHECK(kmsaccess::rules::find_rule(rules, "KMS999") == nullptr);
}
