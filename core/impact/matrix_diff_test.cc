#include "core/impact/matrix_diff.h"

#include <doctest/doctest.h>

#include "core/impact/impact_test_support.h"

using namespace kmsaccess::core;
using namespace kmsaccess::core::impact;
using namespace kmsaccess::core::impact::testing;

using Lines = std::vector<std::string>;

TEST_CASE("classify: every verdict transition has one kind, none for unchanged verdicts") {
  CHECK_FALSE(classify(Verdict::kAllow, Verdict::kAllow).has_value());
  CHECK(classify(Verdict::kImplicitDeny, Verdict::kAllow) == ChangeKind::kGained);
  CHECK(classify(Verdict::kDeny, Verdict::kConditional) == ChangeKind::kGained);
  CHECK(classify(Verdict::kAllow, Verdict::kDeny) == ChangeKind::kLost);
  CHECK(classify(Verdict::kConditional, Verdict::kImplicitDeny) == ChangeKind::kLost);
  CHECK(classify(Verdict::kAllow, Verdict::kConditional) == ChangeKind::kBecameConditional);
  CHECK(classify(Verdict::kConditional, Verdict::kAllow) == ChangeKind::kBecameUnconditional);
  CHECK(classify(Verdict::kImplicitDeny, Verdict::kDeny) == ChangeKind::kBecameDenied);
  CHECK(classify(Verdict::kDeny, Verdict::kImplicitDeny) == ChangeKind::kDenyRemoved);
}

TEST_CASE("diff of an inventory with itself is empty") {
  Inventory inv = abac();
  Evaluator a(inv), b(inv);
  MatrixDiff d = diff_evaluators(a, b);
  CHECK(d.changes.empty());
  CHECK(d.summary.changed == 0);
}

TEST_CASE("tagging a key with the value an ABAC policy asks for grants access (seed 004)") {
  MatrixDiff d = diff_after(abac(), {must(parse_tag("CMK-B:Project=Alpha"))});
  CHECK(lines(d) == Lines{"role/analyst CMK-B kms:Decrypt gained",
                          "role/analyst CMK-B kms:GenerateDataKeyWithoutPlaintext gained"});
  REQUIRE_FALSE(d.changes.empty());
  const CellChange& c = d.changes.front();
  CHECK(c.before.verdict == Verdict::kImplicitDeny);
  CHECK(c.after.verdict == Verdict::kAllow);
  bool names_analyst_policy = false;
  for (const auto& r : c.after.reasons) names_analyst_policy |= r.pos.file.ends_with("analyst.json") && r.pos.line == 4;
  CHECK(names_analyst_policy);
  CHECK(d.summary.any_widening());
}

TEST_CASE("removing or changing the tag removes access (seed 004)") {
  Lines lost{"role/analyst CMK-A kms:Decrypt lost", "role/analyst CMK-A kms:GenerateDataKeyWithoutPlaintext lost"};
  SUBCASE("untag") { CHECK(lines(diff_after(abac(), {must(parse_untag("CMK-A:Project"))})) == lost); }
  SUBCASE("other value") { CHECK(lines(diff_after(abac(), {must(parse_tag("CMK-A:Project=Beta"))})) == lost); }
  CHECK_FALSE(diff_after(abac(), {must(parse_untag("CMK-A:Project"))}).summary.any_widening());
}

TEST_CASE("retargeting an alias moves access from one key to the other (seed 004)") {
  MatrixDiff d = diff_after(abac(), {must(parse_alias("alias/ProjectAlpha_Test=CMK-B"))});
  CHECK(lines(d) == Lines{"role/alias-user CMK-A kms:Decrypt lost", "role/alias-user CMK-B kms:Decrypt gained"});
}

TEST_CASE("creating a grant gains exactly the granted operations") {
  Inventory inv = abac();
  MatrixDiff d = diff_after(inv, {must(parse_grant(inv, "CMK-B:role/app:Decrypt,Encrypt"))});
  CHECK(lines(d) == Lines{"role/app CMK-B kms:Decrypt gained", "role/app CMK-B kms:Encrypt gained"});
  REQUIRE(d.changes.size() == 2);
  CHECK(d.changes[0].after.via == std::vector<std::string>{"grant"});
}

TEST_CASE("the same tag change gains nothing where an explicit deny is in place") {
  CHECK_FALSE(diff_after(abac(), {must(parse_tag("CMK-B:Project=Alpha"))}).changes.empty());
  CHECK(diff_after(abac(), {must(parse_tag("CMK-D:Project=Alpha"))}).changes.empty());
}

TEST_CASE("a key present on one side only: all its granted cells are gained or lost") {
  Inventory before = abac();
  Inventory after = before;
  after.keys.erase(after.keys.begin());  // CMK-A
  Evaluator old_ev(before), new_ev(after);
  MatrixDiff d = diff_evaluators(old_ev, new_ev);
  REQUIRE_FALSE(d.changes.empty());
  for (const auto& c : d.changes) {
    CHECK(c.key == "CMK-A");
    CHECK(c.kind == ChangeKind::kLost);
    CHECK(c.after.verdict == Verdict::kImplicitDeny);
    CHECK(c.after.reasons.empty());
  }
  MatrixDiff reverse = diff_evaluators(new_ev, old_ev);
  CHECK(reverse.changes.size() == d.changes.size());
  CHECK(reverse.summary.count(ChangeKind::kGained) == d.changes.size());
}

TEST_CASE("the diff is exact: changed cells equal the cells whose decide() verdict differs") {
  Inventory before = abac();
  Inventory after = before;
  REQUIRE(apply_changes(after, {must(parse_tag("CMK-B:Project=Alpha")), must(parse_alias("alias/ProjectAlpha_Test=CMK-D")),
                                must(parse_grant(after, "CMK-A:role/app:Decrypt"))}));
  Evaluator old_ev(before), new_ev(after);
  DiffOptions options;
  options.block_rows = 2;  // several blocks
  MatrixDiff d = diff_evaluators(old_ev, new_ev, options);
  std::size_t expected = 0;
  for (std::size_t p = 0; p < before.principals.size(); ++p) {
    for (std::size_t k = 0; k < before.keys.size(); ++k) {
      for (std::size_t a = 0; a < kms_action_count(); ++a) {
        if ((key_actions_mask() & action_bit(a)) == 0) continue;
        expected += old_ev.decide(p, k, a).verdict != new_ev.decide(p, k, a).verdict ? 1 : 0;
      }
    }
  }
  CHECK(d.changes.size() == expected);
  CHECK(expected > 0);
}
