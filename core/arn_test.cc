#include "core/arn.h"

#include <doctest/doctest.h>

using namespace kmsaccess::core;

TEST_CASE("parse_arn splits six fields and keeps colons in the resource") {
  auto a = parse_arn("arn:aws:sts::111122223333:assumed-role/R/s:x");
  REQUIRE(a);
  CHECK(a->partition == "aws");
  CHECK(a->service == "sts");
  CHECK(a->region.empty());
  CHECK(a->account == "111122223333");
  CHECK(a->resource == "assumed-role/R/s:x");
  CHECK_FALSE(parse_arn("arn:aws:iam"));
  CHECK_FALSE(parse_arn("111122223333"));
}

TEST_CASE("account ids") {
  CHECK(is_account_id("111122223333"));
  CHECK_FALSE(is_account_id("11112222333"));
  CHECK_FALSE(is_account_id("11112222333a"));
}

TEST_CASE("IAM unique ids") {
  CHECK(is_iam_unique_id("AROAJQABLZS4A3QDU576Q"));
  CHECK(is_iam_unique_id("AIDAEXAMPLEID1234567"));
  CHECK_FALSE(is_iam_unique_id("AROA"));                       // too short
  CHECK_FALSE(is_iam_unique_id("aroajqablzs4a3qdu576q"));      // AWS writes them in upper case
  CHECK_FALSE(is_iam_unique_id("AROA-JQABLZS4A3QDU576"));      // not letters and digits
  CHECK_FALSE(is_iam_unique_id("111122223333"));               // an account id
  CHECK_FALSE(is_iam_unique_id("arn:aws:iam::111122223333:root"));
}

TEST_CASE("wildcard_match follows IAM globbing") {
  CHECK(wildcard_match("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:111122223333:key/abc"));
  CHECK_FALSE(wildcard_match("arn:aws:kms:*:111122223333:key/*", "arn:aws:kms:us-east-1:444455556666:key/abc"));
  CHECK(wildcard_match("a?c", "abc"));
  CHECK_FALSE(wildcard_match("a?c", "ac"));
  CHECK(wildcard_match("*", ""));
  CHECK_FALSE(wildcard_match("Key/*", "key/x"));
  CHECK(wildcard_match("Key/*", "key/x", true));
  SUBCASE("pathological patterns stay fast") {
    std::string value(5000, 'a');
    CHECK_FALSE(wildcard_match("*a*a*a*a*a*a*a*a*b", value));
  }
}
