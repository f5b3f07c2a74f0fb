// Output bytes, not only decisions: the matrix (both JSON forms) and the who-can/explain cell
// JSON with every reason are byte-identical whatever the order of statements, policies,
// principals and keys in the input, across two loads, and between the serial and parallel
// paths. core/metamorphic_test.cc checks the decisions; this checks what users diff in CI.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bench/inventory_generator.h"
#include "cli/decision_json.h"
#include "cli/matrix_json.h"
#include "core/action_catalog.h"
#include "core/evaluator.h"
#include "core/matrix.h"
#include "core/testing/metamorphic_ops.h"
#include "core/testing/load_files.h"
#include "core/testing/test_scale.h"

namespace kmsaccess::cli {
namespace {

core::Inventory load_generated(std::uint64_t seed) {
  bench::Rng rng(seed ^ 0x6279746573000000ULL);
  bench::GenOptions opt{2 + rng.below(6), 1 + rng.below(4), seed, true};
  auto inv = core::testing::load_files(bench::generate_inventory(opt).files);
  REQUIRE_MESSAGE(inv.has_value(), "seed ", seed, ": ", (inv ? std::string() : inv.error().to_string()));
  return std::move(*inv);
}

void prepare(core::Inventory& inv) { core::testing::prepare_like_cli(inv); }

std::vector<std::size_t> indices(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

// matrix/v1, matrix-compact/v1, then one who-can/v1 cell object (with reasons and residual
// conditions) per non-implicit-deny (principal, key, action).
std::string render(const core::Inventory& inv, unsigned threads) {
  core::Evaluator ev(inv);
  core::Matrix m = core::compute_matrix(ev, indices(inv.principals.size()), indices(inv.keys.size()),
                                        core::key_actions_mask(), threads);
  std::ostringstream out;
  write_matrix_json(m, inv, out);
  write_matrix_compact_json(m, inv, out, threads);
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    for (std::size_t k = 0; k < inv.keys.size(); ++k) {
      const core::PairMasks& cell = m.at(p, k);
      for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
        if (((cell.allow | cell.conditional | cell.deny) & core::action_bit(a)) == 0) continue;
        out << cell_json(inv.principals[p], inv.keys[k], core::kms_actions()[a].name, ev.decide(p, k, a)).dump()
            << '\n';
      }
    }
  }
  return out.str();
}

// The first differing line, so a failure says where the bytes diverge.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string lx, ly;
  for (std::size_t line = 1;; ++line) {
    bool more_x = static_cast<bool>(std::getline(x, lx)), more_y = static_cast<bool>(std::getline(y, ly));
    if (!more_x && !more_y) return "identical";
    if (lx != ly || more_x != more_y) return "line " + std::to_string(line) + ":\n  " + lx + "\n  " + ly;
  }
}

TEST_CASE("input order, a second load and the thread count change no output byte") {
  const std::uint64_t inventories = core::testing::scaled_count(100, 20);
  std::size_t failures = 0, bytes = 0, conditional = 0, multi_reason = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    core::Inventory original = load_generated(seed);
    core::Inventory prepared = original;
    prepare(prepared);
    const std::string base = render(prepared, 1);
    bytes += base.size();
    for (std::size_t at = 0; (at = base.find("\"decision\":\"conditional\"", at)) != std::string::npos; ++at) ++conditional;
    for (std::size_t at = 0; (at = base.find("\"role\":\"allows\"},{\"source\":\"identity-policy\"", at)) != std::string::npos; ++at) {
      ++multi_reason;
    }
    auto expect_same = [&](const std::string& what, const std::string& got) {
      if (got == base) return;
      if (++failures <= 3) FAIL_CHECK("seed " << seed << " " << what << ": " << first_difference(base, got));
    };
    bench::Rng rng(seed);
    // Orders are shuffled before preparation, as a differently ordered input file would be.
    core::Inventory statements = original;
    core::testing::shuffle_statements(statements, rng);
    prepare(statements);
    expect_same("statement order", render(statements, 1));
    core::Inventory policies = original;
    core::testing::shuffle_policies(policies, rng);
    prepare(policies);
    expect_same("policy order", render(policies, 1));
    core::Inventory entities = original;
    core::testing::shuffle_entities(entities, rng);
    prepare(entities);
    expect_same("principal and key order", render(entities, 1));
    core::Inventory again = load_generated(seed);
    prepare(again);
    expect_same("second load", render(again, 1));
    expect_same("four threads", render(prepared, 4));
  }
  CHECK(failures == 0);
  // Not vacuous: cells with reasons, residual conditions, and several identity-policy reasons
  // in one cell (the case whose order once followed the input's policy order).
  CHECK(bytes > inventories * 1000);
  CHECK(conditional > inventories);
  CHECK(multi_reason > 10);
}

}  // namespace
}  // namespace kmsaccess::cli
