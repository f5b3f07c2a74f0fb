// Metamorphic and determinism properties of the evaluator on thousands of random inventories:
// transformations whose effect on every decision is known without knowing the decisions.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "bench/inventory_generator.h"
#include "core/evaluator.h"
#include "core/matrix.h"
#include "core/testing/metamorphic_ops.h"
#include "core/testing/load_files.h"
#include "core/testing/test_scale.h"

namespace kmsaccess::core {
namespace {

using testing::NamedCells;
using testing::named_cells;

// Per property, ~2,100 inventories in all; KMSACCESS_TEST_SCALE shrinks it for the sanitizer job
// (core/testing/test_scale.h), never below 30 so the "not vacuous" checks keep their meaning.
std::uint64_t inventory_count() { return testing::scaled_count(300, 30); }

Inventory load_generated(std::uint64_t seed) {
  bench::Rng rng(seed ^ 0x6d65746100000000ULL);
  bench::GenOptions opt{2 + rng.below(6), 1 + rng.below(4), seed, true};
  auto inv = testing::load_files(bench::generate_inventory(opt).files);
  REQUIRE_MESSAGE(inv.has_value(), "seed ", seed, ": ", (inv ? std::string() : inv.error().to_string()));
  testing::prepare_like_cli(*inv);
  return std::move(*inv);
}

std::string show(const PairMasks& m) {
  std::ostringstream out;
  out << "allow " << m.allow << " conditional " << m.conditional << " deny " << m.deny;
  return out.str();
}

// Runs `check(before, after)` on every cell both inventories share; counts failures.
template <typename Check>
std::size_t compare_cells(const NamedCells& before, const NamedCells& after, std::uint64_t seed,
                          const char* what, Check check) {
  std::size_t failures = 0;
  for (const auto& [cell, old_masks] : before) {
    auto it = after.find(cell);
    if (it == after.end()) {
      FAIL_CHECK("seed " << seed << " " << what << ": cell " << cell.first << " x " << cell.second << " vanished");
      ++failures;
      continue;
    }
    if (check(old_masks, it->second)) continue;
    if (++failures <= 3) {
      FAIL_CHECK("seed " << seed << " " << what << ": " << cell.first << " x " << cell.second << " before "
                         << show(old_masks) << ", after " << show(it->second));
    }
  }
  return failures;
}

bool same(const PairMasks& a, const PairMasks& b) { return a == b; }
bool subset(ActionMask a, ActionMask b) { return (a & ~b) == 0; }

// More access only: nothing allowed becomes less than allowed, nothing reachable unreachable,
// and explicit denies are unchanged (an Allow never adds or lifts a deny).
bool gained_only(const PairMasks& before, const PairMasks& after) {
  return subset(before.allow, after.allow) &&
         subset(before.allow | before.conditional, after.allow | after.conditional) && before.deny == after.deny;
}

// Less access only: the mirror image, and every deny stays a deny.
bool lost_only(const PairMasks& before, const PairMasks& after) {
  return subset(after.allow, before.allow) &&
         subset(after.allow | after.conditional, before.allow | before.conditional) &&
         subset(before.deny, after.deny);
}

}  // namespace

TEST_CASE("reordering statements, policies, principals and keys changes no decision") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0, cells = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    NamedCells base = named_cells(inv);
    cells += base.size();
    bench::Rng rng(seed);
    Inventory statements = inv;
    testing::shuffle_statements(statements, rng);
    failures += compare_cells(base, named_cells(statements), seed, "statement order", same);
    Inventory policies = inv;
    testing::shuffle_policies(policies, rng);
    failures += compare_cells(base, named_cells(policies), seed, "policy order", same);
    Inventory entities = inv;
    testing::shuffle_entities(entities, rng);
    failures += compare_cells(base, named_cells(entities), seed, "principal/key order", same);
    sort_inventory(entities);
    failures += compare_cells(base, named_cells(entities), seed, "re-sorted", same);
  }
  CHECK(failures == 0);
  CHECK(cells > inventories * 10);  // ~15 compared cells per random inventory
}

TEST_CASE("adding an Allow statement never removes access and never touches denies") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0, changed = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    NamedCells base = named_cells(inv);
    bench::Rng rng(seed * 31 + 7);
    Inventory more = inv;
    if (!testing::add_statement(more, Effect::kAllow, rng)) continue;
    add_pseudo_principals(more);
    NamedCells after = named_cells(more);
    failures += compare_cells(base, after, seed, "add Allow", gained_only);
    for (const auto& [cell, masks] : base) changed += after[cell] == masks ? 0 : 1;
  }
  CHECK(failures == 0);
  CHECK(changed > 0);  // the property is not vacuous
}

TEST_CASE("adding a Deny statement never adds access") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0, changed = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    NamedCells base = named_cells(inv);
    bench::Rng rng(seed * 17 + 3);
    Inventory less = inv;
    if (!testing::add_statement(less, Effect::kDeny, rng)) continue;
    add_pseudo_principals(less);
    NamedCells after = named_cells(less);
    failures += compare_cells(base, after, seed, "add Deny", lost_only);
    for (const auto& [cell, masks] : base) changed += after[cell] == masks ? 0 : 1;
  }
  CHECK(failures == 0);
  CHECK(changed > 0);
}

TEST_CASE("an unrelated principal or key changes no other cell") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0, added = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    NamedCells base = named_cells(inv);
    bench::Rng rng(seed * 13 + 1);
    Inventory with_principal = inv;
    if (testing::add_unrelated_principal(with_principal, rng)) {
      ++added;
      failures += compare_cells(base, named_cells(with_principal), seed, "add principal", same);
    }
    Inventory with_key = inv;
    if (testing::add_unrelated_key(with_key, rng)) {
      ++added;
      failures += compare_cells(base, named_cells(with_key), seed, "add key", same);
    }
  }
  CHECK(failures == 0);
  CHECK(added > inventories);
}

TEST_CASE("splitting a policy into two with the same statements changes nothing") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0, splits = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    bench::Rng rng(seed * 5 + 11);
    Inventory split = inv;
    if (!testing::split_policy(split, rng)) continue;
    ++splits;
    failures += compare_cells(named_cells(inv), named_cells(split), seed, "split policy", same);
  }
  CHECK(failures == 0);
  CHECK(splits > inventories / 4);
}

TEST_CASE("renaming display names changes only the names") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    Inventory renamed = inv;
    testing::rename_entities(renamed);
    NamedCells after;
    for (const auto& [cell, masks] : named_cells(renamed)) {
      after[{cell.first.substr(8), cell.second.substr(8)}] = masks;  // drop "renamed-"
    }
    failures += compare_cells(named_cells(inv), after, seed, "rename", same);
  }
  CHECK(failures == 0);
}

TEST_CASE("two runs, one or four threads, and the per-action reference agree") {
  const std::uint64_t inventories = inventory_count();
  std::size_t failures = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    Inventory inv = load_generated(seed);
    Inventory again = load_generated(seed);
    failures += compare_cells(named_cells(inv), named_cells(again), seed, "second run", same);
    Evaluator ev(inv);
    std::vector<std::size_t> rows(inv.principals.size()), columns(inv.keys.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    for (std::size_t i = 0; i < columns.size(); ++i) columns[i] = i;
    Matrix serial = compute_matrix(ev, rows, columns, key_actions_mask(), 1);
    Matrix parallel = compute_matrix(ev, rows, columns, key_actions_mask(), 4);
    if (serial.cells != parallel.cells) {
      FAIL_CHECK("seed " << seed << ": threads=1 and threads=4 differ");
      ++failures;
    }
    for (std::size_t p = 0; p < rows.size(); ++p) {
      for (std::size_t k = 0; k < columns.size(); ++k) {
        if (ev.decide_pair(p, k) == ev.decide_pair_reference(p, k)) continue;
        if (++failures <= 3) {
          FAIL_CHECK("seed " << seed << ": decide_pair differs from the reference for "
                             << inv.principals[p].name << " x " << inv.keys[k].name);
        }
      }
    }
  }
  CHECK(failures == 0);
}

}  // namespace kmsaccess::core
