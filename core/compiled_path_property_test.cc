// Differential property of the compiled matrix path: on thousands of random small inventories that
// read every context-key scope (core/testing/random_inventory.h), decide_pair(p, k) (memoised
// Condition blocks, Resource bitsets, per-principal and per-key statement lists) equals
// decide_pair_reference(p, k) (decide() one action at a time) for every cell, and compute_matrix
// gives the same cells on one thread and on two.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "core/evaluator.h"
#include "core/matrix.h"
#include "core/testing/random_inventory.h"
#include "core/testing/test_scale.h"

namespace kmsaccess::core {
namespace {

using testing::RandomCase;
using testing::ScopeTally;

// KMSACCESS_TEST_SCALE shrinks the counts for the sanitizer job (core/testing/test_scale.h); the
// floors keep the coverage thresholds below meaningful.
const std::uint64_t kInventories = testing::scaled_count(3000, 300);
const std::uint64_t kMatrixInventories = testing::scaled_count(300, 30);

std::string action_names(ActionMask m) {
  std::string out;
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    if ((m & action_bit(a)) == 0) continue;
    out += (out.empty() ? "" : " ") + std::string(kms_actions()[a].name);
  }
  return out.empty() ? "-" : out;
}

std::string show(const PairMasks& m) {
  return "\n    allow: " + action_names(m.allow) + "\n    conditional: " + action_names(m.conditional) +
         "\n    deny: " + action_names(m.deny);
}

void add(ScopeTally& into, const ScopeTally& t) {
  for (std::size_t s = 0; s < 2; ++s) {
    into.principal_only[s] += t.principal_only[s];
    into.key_only[s] += t.key_only[s];
    into.principal_and_key[s] += t.principal_and_key[s];
    into.action[s] += t.action[s];
    into.fixed_only[s] += t.fixed_only[s];
  }
}

std::vector<std::size_t> all_indices(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

}  // namespace

TEST_CASE("compiled decide_pair equals the per-action reference on random inventories of every scope") {
  std::size_t cells = 0, mismatches = 0, allow_cells = 0, conditional_cells = 0, deny_cells = 0;
  std::size_t with_context = 0;
  ScopeTally tally;
  std::set<std::tuple<ActionMask, ActionMask, ActionMask>> kinds;
  for (std::uint64_t seed = 1; seed <= kInventories; ++seed) {
    RandomCase c = testing::random_case(seed);
    auto inv = testing::load_case(c);
    REQUIRE_MESSAGE(inv.has_value(), "seed ", seed, ": ", (inv ? std::string() : inv.error().to_string()), "\n",
                    c.text());
    add(tally, c.tally);
    with_context += c.options.context.empty() ? 0 : 1;
    Evaluator ev(*inv, c.options);
    for (std::size_t p = 0; p < inv->principals.size(); ++p) {
      for (std::size_t k = 0; k < inv->keys.size(); ++k) {
        PairMasks fast = ev.decide_pair(p, k);
        PairMasks ref = ev.decide_pair_reference(p, k);
        ++cells;
        allow_cells += ref.allow != 0 ? 1 : 0;
        conditional_cells += ref.conditional != 0 ? 1 : 0;
        deny_cells += ref.deny != 0 ? 1 : 0;
        if (fast == ref) continue;
        ++mismatches;
        // One example per kind of difference, so a frequent bug does not hide a rarer one.
        auto kind = std::tuple(fast.allow ^ ref.allow, fast.conditional ^ ref.conditional, fast.deny ^ ref.deny);
        if (!kinds.insert(kind).second || kinds.size() > 10) continue;
        std::ostringstream msg;
        msg << "seed " << seed << ": " << inv->principals[p].name << " (" << inv->principals[p].arn << ") x "
            << inv->keys[k].name << " (" << inv->keys[k].arn << ")\n  decide_pair:" << show(fast)
            << "\n  decide_pair_reference:" << show(ref);
        if (kinds.size() <= 3) msg << "\n  inventory:\n" << c.text();
        FAIL_CHECK(msg.str());
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(cells > kInventories * 13);  // ~18 cells per random inventory (40,000 at full scale)
  CHECK(with_context > kInventories / 3);
  // Every verdict occurs, or the property says little.
  CHECK(allow_cells > cells / 20);
  CHECK(conditional_cells > cells / 20);
  CHECK(deny_cells > cells / 20);
  // Condition blocks of every scope on both sides of the memo (0: identity, group, boundary,
  // session and SCP statements; 1: key policy and RCP statements), counted by the generator.
  for (std::size_t side = 0; side < 2; ++side) {
    CAPTURE(side);
    CHECK(tally.principal_only[side] > kInventories / 20);
    CHECK(tally.key_only[side] > kInventories / 20);
    CHECK(tally.principal_and_key[side] > kInventories / 20);
    CHECK(tally.action[side] > kInventories / 20);
    CHECK(tally.fixed_only[side] > kInventories / 20);
  }
}

// AWS: the RetiringPrincipal of a grant may retire it (RetireGrant), whoever the grantee is. Found
// by the property above: the reference read the RetiringPrincipal as a service principal when the
// grantee was one (GranteeServicePrincipal), the compiled path did not.
TEST_CASE("compiled and reference paths let a grant's RetiringPrincipal retire a grant to a service") {
  RandomCase c;
  c.files["kmsaccess.yaml"] = R"(version: 1
account: "111122223333"
keys:
  - name: K
    arn: arn:aws:kms:us-east-1:111122223333:key/k1
    policy: key.json
    grants:
      - GrantId: g1
        GranteeServicePrincipal: dynamodb.amazonaws.com
        RetiringPrincipal: arn:aws:iam::111122223333:role/Admin
        Operations: [Decrypt]
principals:
  - name: Admin
    arn: arn:aws:iam::111122223333:role/Admin
)";
  c.files["key.json"] = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Resource": "*"}]})";
  auto inv = testing::load_case(c);
  REQUIRE(inv.has_value());
  REQUIRE(inv->principals.at(0).name == "Admin");
  Evaluator ev(*inv);
  const ActionMask retire = match_action_pattern("kms:RetireGrant");
  CHECK(action_names(ev.decide_pair(0, 0).allow & retire) == "kms:RetireGrant");
  CHECK(action_names(ev.decide_pair_reference(0, 0).allow & retire) == "kms:RetireGrant");
}

// Failure reports name a seed; it must rebuild the same inventory.
TEST_CASE("compiled-path random cases give identical texts for a seed and different texts for another") {
  RandomCase first = testing::random_case(7);
  CHECK(first.text() == testing::random_case(7).text());
  CHECK(first.text() != testing::random_case(8).text());
}

// compute_matrix walks keys column by column (Evaluator::decide_column shares work between
// principals of one profile) and splits columns across threads. Its cells must not depend on the
// thread count, and must equal decide_pair (which the property above holds to the reference).
// Rows in reverse order check that cells follow the requested principals, not inventory order.
TEST_CASE("compiled compute_matrix gives the decide_pair cells on one thread and on two") {
  std::size_t cells = 0, threads_differ = 0, pair_differs = 0;
  for (std::uint64_t seed = 1; seed <= kMatrixInventories; ++seed) {
    RandomCase c = testing::random_case(seed);
    auto inv = testing::load_case(c);
    REQUIRE(inv.has_value());
    // A fresh evaluator per run, so each fills its own Condition memo.
    Evaluator serial(*inv, c.options);
    Evaluator parallel(*inv, c.options);
    auto principals = all_indices(inv->principals.size());
    std::reverse(principals.begin(), principals.end());
    auto keys = all_indices(inv->keys.size());
    Matrix one = compute_matrix(serial, principals, keys, key_actions_mask(), 1);
    Matrix two = compute_matrix(parallel, principals, keys, key_actions_mask(), 2);
    REQUIRE(one.cells.size() == principals.size() * keys.size());
    REQUIRE(two.cells.size() == one.cells.size());
    for (std::size_t r = 0; r < principals.size(); ++r) {
      for (std::size_t k = 0; k < keys.size(); ++k) {
        PairMasks pair = serial.decide_pair(principals[r], keys[k]);
        ++cells;
        auto where = [&] {
          return "seed " + std::to_string(seed) + ": " + inv->principals[principals[r]].name + " x " +
                 inv->keys[keys[k]].name + "\n  one thread:" + show(one.at(r, k));
        };
        if (!(one.at(r, k) == two.at(r, k)) && ++threads_differ <= 5) {
          FAIL_CHECK(where() << "\n  two threads:" << show(two.at(r, k)));
        }
        if (!(one.at(r, k) == pair) && ++pair_differs <= 5) FAIL_CHECK(where() << "\n  decide_pair:" << show(pair));
      }
    }
  }
  CHECK(threads_differ == 0);
  CHECK(pair_differs == 0);
  CHECK(cells > kMatrixInventories * 13);  // ~18 cells per random inventory
}

}  // namespace kmsaccess::core
