// Runs every access scenario under testdata/scenarios/: a manifest plus expected.tsv listing
// cells with their expected decision, via and the file:line of deciding statements.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/evaluator.h"
#include "core/loaders/manifest_loader.h"
#include "core/query.h"
#include "core/testing/disk_reader.h"

using namespace kmsaccess::core;

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, '\t')) out.push_back(field);
  return out;
}

bool has_reason_at(const Decision& d, const std::string& spec) {
  auto colon = spec.rfind(':');
  std::string file = spec.substr(0, colon);
  auto line = static_cast<std::uint32_t>(std::stoul(spec.substr(colon + 1)));
  auto ends_with = [](const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  for (const auto& r : d.reasons) {
    if (ends_with(r.pos.file, file) && r.pos.line == line) return true;
  }
  for (const auto& c : d.conditions) {
    if (ends_with(c.pos.file, file) && c.pos.line == line) return true;
  }
  return false;
}

std::string describe(const Decision& d) {
  std::string out = std::string(to_string(d.verdict)) + " via";
  for (const auto& v : d.via) out += " " + v;
  for (const auto& r : d.reasons) out += " | " + r.pos.to_string() + " " + r.role + " " + r.detail;
  for (const auto& c : d.conditions) out += " | cond " + c.op + " " + c.key + " @" + c.pos.to_string();
  return out;
}

void run_scenario(const std::filesystem::path& dir) {
  testing::DiskReader reader;
  auto inv = load_manifest((dir / "kmsaccess.yaml").string(), reader);
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().to_string()));
  add_pseudo_principals(*inv);
  sort_inventory(*inv);
  std::ifstream expected(dir / "expected.tsv");
  REQUIRE(expected);
  std::string line;
  int checked = 0;
  while (std::getline(expected, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tabs(line);
    REQUIRE_MESSAGE(f.size() >= 4, line);
    EvalOptions options;
    std::size_t next = 4;
    std::string via;
    std::vector<std::string> reasons;
    for (; next < f.size(); ++next) {
      if (f[next].rfind("via=", 0) == 0) {
        via = f[next].substr(4);
      } else if (f[next].rfind("context=", 0) == 0) {
        auto kv = f[next].substr(8);
        auto eq = kv.find('=');
        std::string k = kv.substr(0, eq);
        for (auto& ch : k) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        options.context[k].push_back(kv.substr(eq + 1));
      } else {
        reasons.push_back(f[next]);
      }
    }
    Evaluator evaluator(*inv, options);
    auto p = select_principals(*inv, {f[0]});
    auto k = select_keys(*inv, {f[1]});
    auto a = find_action(f[2]);
    REQUIRE_MESSAGE(p.has_value(), line);
    REQUIRE_MESSAGE(k.has_value(), line);
    REQUIRE_MESSAGE(a.has_value(), line);
    Decision d = evaluator.decide(p->front(), k->front(), *a);
    INFO(dir.filename().string() << ": " << line << "\n  got: " << describe(d));
    CHECK(std::string(to_string(d.verdict)) == f[3]);
    if (!via.empty()) {
      std::string got;
      for (const auto& v : d.via) got += (got.empty() ? "" : ",") + v;
      CHECK(got == via);
    }
    for (const auto& r : reasons) CHECK(has_reason_at(d, r));
    ++checked;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("access scenarios in testdata/scenarios") {
  std::filesystem::path root(testing::source_path("testdata/scenarios"));
  std::vector<std::filesystem::path> dirs;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  REQUIRE(!dirs.empty());
  for (const auto& dir : dirs) {
    SUBCASE(dir.filename().string().c_str()) { run_scenario(dir); }
  }
}

TEST_CASE("seed 002 example: the grid the seed describes") {
  testing::DiskReader reader;
  auto inv = load_manifest(testing::source_path("testdata/cmk-example/kmsaccess.yaml"), reader);
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().to_string()));
  add_pseudo_principals(*inv);
  sort_inventory(*inv);
  Evaluator evaluator(*inv);
  auto cell = [&](const std::string& principal, const std::string& key) {
    auto p = select_principals(*inv, {principal});
    auto k = select_keys(*inv, {key});
    REQUIRE(p.has_value());
    REQUIRE(k.has_value());
    return evaluator.decide_pair(p->front(), k->front());
  };
  const ActionMask use = encrypt_decrypt_mask();
  const ActionMask encrypt = match_action_pattern("kms:Encrypt");
  struct Expect {
    const char* principal;
    const char* key;
    ActionMask allowed;
    bool denied;
  };
  const Expect grid[] = {
      {"Alice", "CMK-A", use, false},   {"Alice", "CMK-B", 0, false},   {"Alice", "CMK-C", use, false},
      {"Bob", "CMK-A", 0, false},       {"Bob", "CMK-B", use, false},   {"Bob", "CMK-C", 0, true},
      {"Charlie", "CMK-A", encrypt, false}, {"Charlie", "CMK-B", use, false}, {"Charlie", "CMK-C", 0, true},
      {"David", "CMK-A", 0, false},     {"David", "CMK-B", 0, false},   {"David", "CMK-C", 0, true},
  };
  for (const auto& e : grid) {
    INFO(e.principal << " x " << e.key);
    PairMasks m = cell(e.principal, e.key);
    CHECK((m.allow & use) == e.allowed);
    CHECK((m.conditional & use) == 0);
    CHECK(((m.deny & use) == use) == e.denied);
  }
}

TEST_CASE("the compiled pair path agrees with the reference on every scenario cell") {
  std::vector<std::string> manifests{testing::source_path("testdata/cmk-example/kmsaccess.yaml")};
  for (const auto& entry : std::filesystem::directory_iterator(testing::source_path("testdata/scenarios"))) {
    if (entry.is_directory()) manifests.push_back((entry.path() / "kmsaccess.yaml").string());
  }
  std::sort(manifests.begin(), manifests.end());
  testing::DiskReader reader;
  std::size_t pairs = 0;
  for (const auto& path : manifests) {
    auto inv = load_manifest(path, reader);
    REQUIRE_MESSAGE(inv.has_value(), path);
    add_pseudo_principals(*inv);
    sort_inventory(*inv);
    for (bool with_context : {false, true}) {
      EvalOptions options;
      if (with_context) options.context["kms:viaservice"] = {"s3.us-east-1.amazonaws.com"};
      Evaluator evaluator(*inv, options);
      for (std::size_t p = 0; p < inv->principals.size(); ++p) {
        for (std::size_t k = 0; k < inv->keys.size(); ++k) {
          INFO(path << ": " << inv->principals[p].name << " x " << inv->keys[k].name);
          CHECK(evaluator.decide_pair(p, k) == evaluator.decide_pair_reference(p, k));
          ++pairs;
        }
      }
    }
  }
  CHECK(pairs > 50);
}
