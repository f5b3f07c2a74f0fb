#include "core/action_catalog.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace kmsaccess::core;

TEST_CASE("the compiled action table matches the reference TSV row for row") {
  std::ifstream in(KMSACCESS_SHARED_DIR "/reference/kms-actions.tsv");
  if (!in) in.open(KMSACCESS_SOURCE_DIR "/core/data/kms-actions.tsv");
  REQUIRE(in);
  std::string line;
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("action\t", 0) == 0) continue;
    std::istringstream fields(line);
    std::string name, level, resources, keys, cross;
    std::getline(fields, name, '\t');
    std::getline(fields, level, '\t');
    std::getline(fields, resources, '\t');
    std::getline(fields, keys, '\t');
    std::getline(fields, cross, '\t');
    REQUIRE(row < kms_action_count());
    const ActionInfo& info = kms_actions()[row];
    CHECK(info.name == name);
    CHECK(info.access_level == level);
    CHECK(info.condition_keys == keys);
    CHECK((info.resources == ResourceScope::kNone) == (resources == "*"));
    CHECK((info.cross_account == CrossAccount::kYes) == (cross == "yes"));
    ++row;
  }
  CHECK(row == kms_action_count());
  CHECK(kms_action_count() == 56);
}

TEST_CASE("action patterns become masks") {
  auto decrypt = find_action("kms:Decrypt");
  REQUIRE(decrypt);
  CHECK(match_action_pattern("kms:Decrypt") == action_bit(*decrypt));
  CHECK(match_action_pattern("KMS:decrypt") == action_bit(*decrypt));
  CHECK(match_action_pattern("kms:*") == all_actions_mask());
  CHECK(match_action_pattern("*") == all_actions_mask());
  CHECK(match_action_pattern("s3:*") == 0);
  CHECK(match_action_pattern("kms:Nope*") == 0);
  SUBCASE("prefix patterns") {
    auto names = mask_to_names(match_action_pattern("kms:GenerateDataKey*"));
    CHECK(names.size() == 4);
    CHECK(names.front() == "kms:GenerateDataKey");
  }
  SUBCASE("non-KMS detection") {
    CHECK(pattern_matches_non_kms("*"));
    CHECK(pattern_matches_non_kms("iam:PutRolePolicy"));
    CHECK_FALSE(pattern_matches_non_kms("kms:*"));
  }
}

TEST_CASE("action patterns give the same masks however often and in whatever spelling they recur") {
  auto decrypt = action_bit(*find_action("kms:Decrypt"));
  ActionMask generate = match_action_pattern("kms:GenerateDataKey*");
  // More distinct spellings than the per-thread memo keeps, so it is emptied on the way.
  for (int i = 0; i < 10000; ++i) {
    CHECK(match_action_pattern("kms:Nope" + std::to_string(i)) == 0);
    if (i % 1000 == 0) {
      CHECK(match_action_pattern("kms:Decrypt") == decrypt);
      CHECK(match_action_pattern("KMS:DECRYPT") == decrypt);
      CHECK(match_action_pattern("kms:generatedatakey*") == generate);
    }
  }
}

TEST_CASE("action groups") {
  CHECK((key_actions_mask() & match_action_pattern("kms:CreateKey")) == 0);
  CHECK((key_actions_mask() & match_action_pattern("kms:Decrypt")) != 0);
  CHECK((cross_account_mask() & match_action_pattern("kms:PutKeyPolicy")) == 0);
  CHECK((cross_account_mask() & match_action_pattern("kms:Decrypt")) != 0);
  CHECK((grant_operations_mask() & match_action_pattern("kms:PutKeyPolicy")) == 0);
  CHECK(__builtin_popcountll(grant_operations_mask()) == 17);
}

TEST_CASE("condition keys per action") {
  auto decrypt = *find_action("kms:Decrypt");
  auto create_grant = *find_action("kms:CreateGrant");
  CHECK(action_has_condition_key(decrypt, "kms:encryptioncontext:aws:s3:arn"));
  CHECK(action_has_condition_key(decrypt, "kms:viaservice"));
  CHECK_FALSE(action_has_condition_key(decrypt, "kms:grantisforawsresource"));
  CHECK(action_has_condition_key(create_grant, "kms:grantisforawsresource"));
  REQUIRE(find_condition_key("kms:EncryptionContext:aws:cloudtrail:arn"));
  CHECK(find_condition_key("kms:encryptioncontextkeys")->type == "ArrayOfString");
  CHECK_FALSE(find_condition_key("kms:NoSuchKey"));
}
