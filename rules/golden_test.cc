// Runs every case under testdata/rules/<ID>/{fire,quiet}/ through the lint runner and compares
// the text rendering with expected.txt. KMSACCESS_UPDATE_GOLDEN=1 rewrites the expectations.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/render_lint.h"
#include "core/evaluator.h"
#include "core/loaders/manifest_loader.h"
#include "core/source_reader.h"
#include "rules/config.h"
#include "rules/lint_input.h"
#include "rules/lint_runner.h"
#include "rules/registry.h"

namespace {

namespace fs = std::filesystem;
namespace r = kmsaccess::rules;

const fs::path kCases = fs::path(KMSACCESS_SOURCE_DIR) / "testdata/rules";
constexpr const char* kToday = "2026-06-01";  // fixed, so expiry findings never drift

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

// Input files carry an optional kind prefix: "key-policy.x.json" forces key-policy, and so on.
std::optional<r::DocumentKind> kind_from_name(const std::string& name) {
  for (const char* k : {"key-policy", "identity-policy", "scp", "rcp", "grants"}) {
    if (name.rfind(std::string(k) + ".", 0) == 0) return r::parse_document_kind(k);
  }
  return std::nullopt;
}

struct CaseResult {
  std::string text;
  std::vector<r::Finding> findings;
};

CaseResult run_case(const fs::path& dir, const r::RuleList& rules) {
  r::LintConfig config;
  const auto ids = r::rule_ids(rules);
  if (fs::exists(dir / ".kmsaccess.yaml")) {
    auto parsed = r::parse_lint_config(slurp(dir / ".kmsaccess.yaml"),
                                       fs::relative(dir / ".kmsaccess.yaml", kCases).string(), ids);
    REQUIRE_MESSAGE(parsed.has_value(), parsed.error().to_string());
    config = std::move(*parsed);
  }
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".json") inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  r::LintContext ctx;
  // A case with a kmsaccess.yaml is a manifest case: its .json files are the manifest's
  // policies, linted through the inventory with an Evaluator, as `kmsaccess lint -m` does.
  std::optional<kmsaccess::core::Inventory> inventory;
  std::optional<kmsaccess::core::Evaluator> evaluator;
  if (fs::exists(dir / "kmsaccess.yaml")) {
    kmsaccess::core::MemorySourceReader reader;
    for (const auto& e : fs::directory_iterator(dir)) {
      reader.files[fs::relative(e.path(), kCases).generic_string()] = slurp(e.path());
    }
    const std::string label = fs::relative(dir / "kmsaccess.yaml", kCases).generic_string();
    auto inv = kmsaccess::core::load_manifest(label, reader);
    REQUIRE_MESSAGE(inv.has_value(), inv.error().to_string());
    inventory = std::move(*inv);
    kmsaccess::core::add_pseudo_principals(*inventory);
    kmsaccess::core::sort_inventory(*inventory);
    ctx.documents = r::documents_from_inventory(*inventory);
    ctx.inventory = &*inventory;
    evaluator.emplace(*inventory);
    ctx.evaluator = &*evaluator;
    inputs.clear();
  }
  for (const auto& p : inputs) {
    const std::string label = fs::relative(p, kCases).generic_string();
    auto doc = r::load_lint_document(slurp(p), label, kind_from_name(p.filename().string()));
    if (doc) ctx.documents.push_back(std::move(*doc));
  }
  ctx.trusted_accounts = config.trusted_accounts;
  ctx.key_admins = config.key_admins;
  ctx.suppressions = &config.suppressions;
  ctx.today = kToday;
  auto report = r::run_rules(rules, ctx, config);
  return {kmsaccess::cli::render_lint_text(report.findings), report.findings};
}

std::size_t count_rule(const std::vector<r::Finding>& findings, const std::string& id) {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [&](const r::Finding& f) { return f.rule_id == id; }));
}

}  // namespace

TEST_CASE("golden: every rule case renders as expected") {
  REQUIRE(fs::is_directory(kCases));
  const auto rules = r::all_rules();
  std::vector<fs::path> rule_dirs;
  for (const auto& e : fs::directory_iterator(kCases)) rule_dirs.push_back(e.path());
  std::sort(rule_dirs.begin(), rule_dirs.end());
  for (const auto& rule_dir : rule_dirs) {
    const std::string id = rule_dir.filename().string();
    // Cases: fire/, quiet/ and any fire-<variant>/ or quiet-<variant>/ (e.g. manifest cases).
    std::vector<fs::path> case_dirs;
    for (const auto& e : fs::directory_iterator(rule_dir)) {
      const std::string name = e.path().filename().string();
      if (e.is_directory() && (name.rfind("fire", 0) == 0 || name.rfind("quiet", 0) == 0)) {
        case_dirs.push_back(e.path());
      }
    }
    std::sort(case_dirs.begin(), case_dirs.end());
    for (const auto& dir : case_dirs) {
      const std::string which = dir.filename().string();
      INFO(dir.string());
      CaseResult got = run_case(dir, rules);
      if (which.rfind("fire", 0) == 0) {
        CHECK_MESSAGE(count_rule(got.findings, id) > 0, id << " did not fire");
      } else {
        CHECK_MESSAGE(count_rule(got.findings, id) == 0, id << " fired on the quiet case");
      }
      const fs::path expected = dir / "expected.txt";
      if (update_golden()) {
        std::ofstream(expected, std::ios::binary) << got.text;
      }
      CHECK(got.text == slurp(expected));
    }
  }
}
