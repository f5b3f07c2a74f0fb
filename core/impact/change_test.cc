#include "core/impact/change.h"

#include <doctest/doctest.h>

#include "core/impact/impact_test_support.h"

using namespace kmsaccess::core;
using namespace kmsaccess::core::impact;
using namespace kmsaccess::core::impact::testing;

TEST_CASE("parse_tag splits KEY:Tag=Value at the last colon before '='") {
  auto c = must(parse_tag("arn:aws:kms:us-east-1:111122223333:key/0b:Project=Alpha"));
  CHECK(c.type == ChangeType::kTag);
  CHECK(c.key == "arn:aws:kms:us-east-1:111122223333:key/0b");
  CHECK(c.name == "Project");
  CHECK(c.value == "Alpha");
  CHECK_FALSE(parse_tag("CMK-B").has_value());
  CHECK_FALSE(parse_tag("CMK-B:=x").has_value());
}

TEST_CASE("parse_alias and parse_delete_alias need an alias/ name") {
  auto c = must(parse_alias("alias/ProjectAlpha_Test=CMK-B"));
  CHECK(c.name == "alias/ProjectAlpha_Test");
  CHECK(c.key == "CMK-B");
  CHECK_FALSE(parse_alias("ProjectAlpha=CMK-B").has_value());
  CHECK_FALSE(parse_delete_alias("x").has_value());
}

TEST_CASE("parse_grant finds the key/principal split when selectors are ARNs") {
  Inventory inv = abac();
  auto c = must(parse_grant(inv, "CMK-B:arn:aws:iam::111122223333:role/app:Decrypt,Encrypt"));
  CHECK(c.key == "CMK-B");
  CHECK(c.principal == "arn:aws:iam::111122223333:role/app");
  CHECK(c.operations == std::vector<std::string>{"Decrypt", "Encrypt"});
  CHECK_FALSE(parse_grant(inv, "NOPE:role/app:Decrypt").has_value());
}

TEST_CASE("apply_changes changes the copy and describes each change with resolved names") {
  Inventory inv = abac();
  Inventory copy = inv;
  auto applied = apply_changes(copy, {must(parse_tag("CMK-B:Project=Alpha")), must(parse_alias("alias/ProjectAlpha_Test=CMK-B")),
                                      must(parse_grant(copy, "CMK-B:role/app:Decrypt"))});
  REQUIRE(applied.has_value());
  CHECK(*applied == std::vector<std::string>{"tag CMK-B Project=Alpha", "alias alias/ProjectAlpha_Test -> CMK-B",
                                             "grant role/app Decrypt on CMK-B"});
  auto b = select_keys(copy, {"CMK-B"});
  REQUIRE(b.has_value());
  CHECK(copy.keys[b->front()].tags.at("Project") == "Alpha");
  CHECK(copy.keys[b->front()].aliases == std::vector<std::string>{"alias/ProjectAlpha_Test"});
  CHECK(copy.keys[b->front()].grants.size() == 1);
  CHECK(inv.keys[b->front()].tags.at("Project") == "Beta");  // the original is untouched
}

TEST_CASE("apply_changes rejects unknown keys, grant ids, operations and absent aliases") {
  Inventory inv = abac();
  CHECK_FALSE(apply_changes(inv, {must(parse_tag("CMK-Z:Project=Alpha"))}).has_value());
  CHECK_FALSE(apply_changes(inv, {must(parse_revoke_grant("CMK-B:nope"))}).has_value());
  CHECK_FALSE(apply_changes(inv, {must(parse_delete_alias("alias/none"))}).has_value());
  CHECK_FALSE(apply_changes(inv, {must(parse_grant(inv, "CMK-B:role/app:PutKeyPolicy"))}).has_value());
  CHECK_FALSE(apply_changes(inv, {must(parse_untag("CMK-D:Project"))}).has_value());
}

TEST_CASE("attaching a policy to a principal adds it to that principal only") {
  Inventory inv = abac();
  HypotheticalChange c;
  c.type = ChangeType::kAttachPolicy;
  c.principal = "role/app";
  c.policy = allow_all_policy("allow-all.json", "");
  auto applied = apply_changes(inv, {c});
  REQUIRE(applied.has_value());
  CHECK(*applied == std::vector<std::string>{"attach allow-all.json to role/app"});
  MatrixDiff d = diff_after(abac(), {c});
  CHECK(d.summary.count(ChangeKind::kGained) > 0);
  for (const auto& cell : d.changes) CHECK(cell.principal == "role/app");
}
