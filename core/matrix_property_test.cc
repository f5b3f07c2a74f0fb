// Property: for random small inventories, Evaluator::decide_pair(p, k) equals the per-action
// reference decide(p, k, a).verdict for every cell and key action. Guards decide_pair optimisations.
#include <doctest/doctest.h>

#include <string>

#include "bench/inventory_generator.h"
#include "core/evaluator.h"
#include "core/testing/load_files.h"
#include "core/testing/test_scale.h"

namespace kmsaccess::core {
namespace {

Result<Inventory> load_generated(const bench::GenOptions& opt) {
  auto inv = testing::load_files(bench::generate_inventory(opt).files);
  if (inv) testing::prepare_like_cli(*inv);
  return inv;
}

// Request-time values that turn some conditions into allow or deny instead of conditional.
EvalOptions random_context(bench::Rng& rng) {
  EvalOptions o;
  if (rng.chance(30)) o.context["kms:viaservice"] = {rng.chance(50) ? "s3.us-east-1.amazonaws.com" : "ec2.us-east-1.amazonaws.com"};
  if (rng.chance(20)) o.context["kms:grantisforawsresource"] = {rng.chance(50) ? "true" : "false"};
  if (rng.chance(20)) o.context["kms:encryptioncontext:department"] = {"IT"};
  if (rng.chance(15)) o.context["kms:encryptioncontext:aws:logs:arn"] = {"arn:aws:logs:us-east-1:111122223333:log-group:x"};
  return o;
}

PairMasks reference(const Evaluator& ev, std::size_t p, std::size_t k) {
  PairMasks m;
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    if ((key_actions_mask() & action_bit(a)) == 0) continue;
    switch (ev.decide(p, k, a).verdict) {
      case Verdict::kAllow: m.allow |= action_bit(a); break;
      case Verdict::kConditional: m.conditional |= action_bit(a); break;
      case Verdict::kDeny: m.deny |= action_bit(a); break;
      case Verdict::kImplicitDeny: break;
    }
  }
  return m;
}

}  // namespace

TEST_CASE("decide_pair equals per-action decide on thousands of random inventories") {
  // KMSACCESS_TEST_SCALE shrinks the count for the sanitizer job (core/testing/test_scale.h).
  const std::uint64_t inventories = testing::scaled_count(2000, 100);
  std::size_t cells = 0, mismatches = 0;
  ActionMask seen_allow = 0, seen_conditional = 0, seen_deny = 0;
  for (std::uint64_t seed = 1; seed <= inventories; ++seed) {
    bench::Rng rng(seed);
    bench::GenOptions opt{2 + rng.below(7), 1 + rng.below(4), seed, true};
    auto inv = load_generated(opt);
    REQUIRE_MESSAGE(inv.has_value(), "seed ", seed, ": ", (inv ? std::string() : inv.error().to_string()));
    Evaluator ev(*inv, random_context(rng));
    for (std::size_t p = 0; p < inv->principals.size(); ++p) {
      for (std::size_t k = 0; k < inv->keys.size(); ++k) {
        PairMasks fast = ev.decide_pair(p, k);
        PairMasks ref = reference(ev, p, k);
        ++cells;
        seen_allow |= ref.allow;
        seen_conditional |= ref.conditional;
        seen_deny |= ref.deny;
        if (fast == ref) continue;
        if (++mismatches <= 5) {
          FAIL_CHECK("seed " << seed << " (principals " << opt.principals << ", keys " << opt.keys << "): "
                             << inv->principals[p].name << " x " << inv->keys[k].name << " allow " << fast.allow
                             << "/" << ref.allow << " conditional " << fast.conditional << "/" << ref.conditional
                             << " deny " << fast.deny << "/" << ref.deny);
        }
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(cells > inventories * 10);  // ~13 cells per random inventory
  // The inventories must exercise every verdict, or the property says little.
  CHECK(seen_allow != 0);
  CHECK(seen_conditional != 0);
  CHECK(seen_deny != 0);
}

TEST_CASE("the generator gives identical bytes for a seed and different bytes for another") {
  bench::GenOptions a{50, 10, 3, false};
  bench::GenOptions b{50, 10, 4, false};
  auto first = bench::generate_inventory(a);
  CHECK(first.files == bench::generate_inventory(a).files);
  CHECK(first.files != bench::generate_inventory(b).files);
  CHECK(first.policy_bytes > 0);
}

}  // namespace kmsaccess::core
