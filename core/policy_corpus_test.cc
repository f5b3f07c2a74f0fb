// Replays the real-world corpus copied into testdata/corpus/ (provenance in testdata/PROVENANCE.tsv).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/policy.h"

using namespace kmsaccess::core;

namespace {

const std::string kTestdata = std::string(KMSACCESS_SOURCE_DIR) + "/testdata/";

struct CorpusFile {
  std::string path;  // relative to the repository root, e.g. testdata/corpus/real/x.json
  std::string name;
  std::string kind;  // manifest kind: key-policy, iam-policy, scp, grant, format-sample
  std::string notes;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<CorpusFile> provenance() {
  std::istringstream lines(read_file(kTestdata + "PROVENANCE.tsv"));
  std::vector<CorpusFile> rows;
  std::string line;
  std::getline(lines, line);  // header
  while (std::getline(lines, line)) {
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    REQUIRE_MESSAGE(cols.size() == 6, line);
    rows.push_back({cols[0], cols[1], cols[4], cols[5]});
  }
  return rows;
}

std::vector<CorpusFile> real_files() {
  std::vector<CorpusFile> out;
  for (CorpusFile& f : provenance()) {
    if (f.path.rfind("testdata/corpus/real/", 0) == 0) out.push_back(std::move(f));
  }
  return out;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

bool intentionally_invalid(const CorpusFile& f) {
  return contains(f.name, "_MALFORMED") || contains(f.name, "_RAW-TEMPLATE");
}

// FORMATS.md 0.6: bare-string and bare-array principals are shapes AWS rejects; the parser
// keeps them (PrincipalSpec::bare_form) so the files load and lint can point at them.
bool has_bare_principal(const CorpusFile& f) {
  return contains(f.notes, "Principal-bare-string") || contains(f.notes, "Principal-bare-array");
}

Result<PolicyDocument> parse_corpus(const CorpusFile& f) {
  return parse_policy(read_file(std::string(KMSACCESS_SOURCE_DIR) + "/" + f.path), f.path);
}

}  // namespace

TEST_CASE("corpus: every copied file has exactly one provenance row and every row a file") {
  std::set<std::string> listed;
  for (const CorpusFile& f : provenance()) {
    CHECK_MESSAGE(listed.insert(f.path).second, "duplicate row " << f.path);
    CHECK_MESSAGE(std::filesystem::is_regular_file(std::string(KMSACCESS_SOURCE_DIR) + "/" + f.path), f.path);
  }
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(kTestdata + "corpus")) {
    if (!entry.is_regular_file()) continue;
    ++files;
    std::string relative = "testdata/" + std::filesystem::relative(entry.path(), kTestdata).generic_string();
    CHECK_MESSAGE(listed.count(relative) == 1, relative << " has no row in testdata/PROVENANCE.tsv");
  }
  CHECK(real_files().size() == 93);
  CHECK(files >= 93);
}

TEST_CASE("corpus: every policy parses, with a position on every statement") {
  std::size_t parsed = 0;
  for (const CorpusFile& f : real_files()) {
    if (f.kind == "grant" || intentionally_invalid(f)) continue;
    auto doc = parse_corpus(f);
    if (!doc) FAIL_CHECK(doc.error().to_string());
    if (!doc) continue;
    ++parsed;
    CHECK_MESSAGE(!doc->statements.empty(), f.path);
    bool bare = false;
    for (const Statement& st : doc->statements) {
      CHECK_MESSAGE(st.pos.line >= 1, f.path);
      bare = bare || st.principal.bare_form;
    }
    CHECK_MESSAGE(bare == has_bare_principal(f), f.path);
  }
  CHECK(parsed == 79);
}

TEST_CASE("corpus: malformed files and raw templates are errors with a position") {
  std::size_t failed = 0;
  for (const CorpusFile& f : real_files()) {
    if (!intentionally_invalid(f)) continue;
    auto doc = parse_corpus(f);
    REQUIRE_FALSE_MESSAGE(doc.has_value(), f.path);
    ++failed;
    CHECK_MESSAGE(doc.error().pos.file == f.path, f.path);
    CHECK_MESSAGE(doc.error().pos.line >= 1, f.path);
    CHECK_MESSAGE(doc.error().pos.column >= 1, f.path);
  }
  CHECK(failed == 6);
}

TEST_CASE("corpus: grant listings and events are valid JSON, except the malformed ones") {
  std::size_t grants = 0;
  for (const CorpusFile& f : real_files()) {
    if (f.kind != "grant") continue;
    ++grants;
    auto json = parse_json(read_file(std::string(KMSACCESS_SOURCE_DIR) + "/" + f.path), f.path);
    CHECK_MESSAGE(json.has_value() != intentionally_invalid(f), f.path);
  }
  CHECK(grants == 10);
}

TEST_CASE("corpus: published defects are reported at the exact spot") {
  struct Expected {
    const char* name;
    std::uint32_t line, column;
    const char* fragment;
  };
  const Expected cases[] = {
      // "CreationDate": 2021-01-14T20:17:36...: the number 2021 ends where the '-' is.
      {"awscli__list-retirable-grants_MALFORMED.json", 7, 33, "expected ',' or '}'"},
      {"checkov__KMSKeyIsEnabled__fail_MALFORMED.json", 20, 3, "trailing comma before ']'"},
      {"kmsdg__grant__create-grant-overview_9_MALFORMED.json", 10, 17, "unterminated string"},
      {"kmsdg__kms-vpc-endpoint_8_MALFORMED.json", 43, 9, "trailing comma before '}'"},
      {"aft__iam-aft-states_RAW-TEMPLATE.json", 33, 10, "found '%'"},     // %{ if ... }
      {"aws-arch-v2__kms-policy_RAW-TEMPLATE.json", 14, 8, "found '%'"},  // {% if ... %}
  };
  for (const Expected& e : cases) {
    CorpusFile f{std::string("testdata/corpus/real/") + e.name, e.name, "", ""};
    auto doc = parse_corpus(f);
    REQUIRE_FALSE_MESSAGE(doc.has_value(), e.name);
    INFO(doc.error().to_string());
    CHECK(doc.error().pos.line == e.line);
    CHECK(doc.error().pos.column == e.column);
    CHECK(contains(doc.error().message, e.fragment));
  }
}

TEST_CASE("corpus: shapes the manifest calls out are read as described") {
  auto parse_named = [](const char* name) {
    CorpusFile f{std::string("testdata/corpus/real/") + name, name, "", ""};
    auto doc = parse_corpus(f);
    if (!doc) FAIL(doc.error().to_string());
    return *doc;
  };
  CHECK(parse_named("kmsdg__infrastructure-security_0.json").statement_is_object);
  CHECK(parse_named("custodian__remove-named.json").version == "2008-10-17");
  CHECK_FALSE(parse_named("haicasgox-aws__kms_policy_MISSING-RESOURCE.json").statements.back().has_resource);
  const PolicyDocument region_doc = parse_named("scpex__Deny-region.json");
  const Statement& region = region_doc.statements.at(0);
  CHECK(region.not_action);
  CHECK((region.action_mask & match_action_pattern("kms:*")) == 0);  // kms:* is exempted
  const PolicyDocument window_doc = parse_named("scpex__Enforce-30-days-for-KMS-deletion.json");
  const Statement& window = window_doc.statements.at(0);
  CHECK(window.conditions.at(0).values.at(0).text == "30");  // a number written as a string
  CHECK(window.conditions.at(0).values.at(0).json_kind == JsonValue::Kind::kString);
}
