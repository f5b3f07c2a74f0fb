#include <doctest/doctest.h>

#include <string>

#include "core/condition.h"
#include "core/condition_match.h"
#include "core/condition_test_fakes.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::eval;
using kmsaccess::core::testing::FakeContext;

namespace {
constexpr Tri kT = Tri::kTrue;
constexpr Tri kF = Tri::kFalse;
constexpr Tri kU = Tri::kUnknown;
}  // namespace

TEST_CASE("condition variables: a present single-valued key is substituted") {
  FakeContext ctx;
  ctx.set("aws:username", {"alice"});
  ctx.set("aws:PrincipalTag/team", {"blue"});
  auto s = substitute_variables("home/${aws:username}/${aws:PrincipalTag/team}", ctx);
  REQUIRE(s.text);
  CHECK(*s.text == "home/alice/blue");
  CHECK_FALSE(s.missing);
  CHECK(has_policy_variable("home/${aws:username}"));
  CHECK(has_policy_variable("${aws:PrincipalTag/team, 'none'}"));
  SUBCASE("key names are looked up in lower case, surrounding blanks ignored") {
    auto t = substitute_variables("${ AWS:UserName }", ctx);
    REQUIRE(t.text);
    CHECK(*t.text == "alice");
    CHECK(ctx.lookups().back() == "aws:username");
  }
}

TEST_CASE("condition variables: an absent key uses its default or is missing") {
  FakeContext ctx;
  SUBCASE("default given") {
    auto s = substitute_variables("team-${aws:PrincipalTag/team, 'none'}", ctx);
    REQUIRE(s.text);
    CHECK(*s.text == "team-none");
    CHECK_FALSE(s.missing);
    auto e = substitute_variables("${aws:PrincipalTag/team,''}", ctx);
    REQUIRE(e.text);
    CHECK(e.text->empty());
  }
  SUBCASE("no default") {
    auto s = substitute_variables("team-${aws:PrincipalTag/team}", ctx);
    CHECK(s.missing);
    CHECK_FALSE(s.text);
  }
  SUBCASE("a present key ignores the default") {
    ctx.set("aws:PrincipalTag/team", {"blue"});
    auto s = substitute_variables("${aws:PrincipalTag/team, 'none'}", ctx);
    REQUIRE(s.text);
    CHECK(*s.text == "blue");
  }
}

TEST_CASE("condition variables: unknown or multi-valued keys give no text") {
  FakeContext ctx;
  ctx.set_unknown("aws:username");
  ctx.set("aws:TagKeys", {"a", "b"});
  auto u = substitute_variables("x/${aws:username}", ctx);
  CHECK_FALSE(u.text);
  CHECK_FALSE(u.missing);
  auto m = substitute_variables("${aws:TagKeys}", ctx);
  CHECK_FALSE(m.text);
  CHECK_FALSE(m.missing);
  SUBCASE("a missing variable outweighs an unknown one") {
    auto both = substitute_variables("${aws:username}/${aws:PrincipalTag/x}", ctx);
    CHECK(both.missing);
  }
}

TEST_CASE("condition variables: ${*}, ${?} and ${$} are the literal characters") {
  FakeContext ctx;
  auto s = substitute_variables("a${*}b${?}c${$}d", ctx);
  REQUIRE(s.text);
  CHECK(*s.text == "a*b?c$d");
  CHECK(has_policy_variable("${*}"));
  CHECK(ctx.lookups().empty());
}

TEST_CASE("condition variables: text that is not a reference stays literal") {
  FakeContext ctx;
  for (const char* text : {"plain", "$", "${", "${}", "${unterminated", "a}b", "${a,b}",
                           "${a, 'x}", "${x*}"}) {
    CAPTURE(text);
    auto s = substitute_variables(text, ctx);
    REQUIRE(s.text);
    CHECK(*s.text == text);
    CHECK_FALSE(has_policy_variable(text));
  }
  SUBCASE("a nested opener restarts the scan at the inner reference") {
    ctx.set("aws:username", {"alice"});
    auto s = substitute_variables("${${aws:username}}", ctx);
    REQUIRE(s.text);
    CHECK(*s.text == "${alice}");
  }
  SUBCASE("long runs of openers are handled") {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "${";
    auto s = substitute_variables(text, ctx);
    REQUIRE(s.text);
    CHECK(*s.text == text);
  }
}

TEST_CASE("condition variables are substituted in String, Arn and Bool values") {
  FakeContext ctx;
  ctx.set("aws:username", {"alice"});
  ctx.set("aws:PrincipalAccount", {"111122223333"});
  ctx.set("kms:EncryptionContext:user", {"alice"});
  ctx.set("aws:SourceArn", {"arn:aws:iam::111122223333:user/alice"});
  ctx.set("aws:SecureTransport", {"true"});
  ctx.set("aws:PrincipalTag/mfa", {"true"});
  CHECK(eval("StringEquals", "kms:EncryptionContext:user", {"${aws:username}"}, ctx) == kT);
  CHECK(eval("StringLike", "kms:EncryptionContext:user", {"${aws:username}*"}, ctx) == kT);
  CHECK(eval("ArnLike", "aws:SourceArn", {"arn:aws:iam::${aws:PrincipalAccount}:user/*"}, ctx) == kT);
  CHECK(eval("ArnEquals", "aws:SourceArn", {"arn:aws:iam::${aws:PrincipalAccount}:user/bob"}, ctx) == kF);
  CHECK(eval("Bool", "aws:SecureTransport", {"${aws:PrincipalTag/mfa}"}, ctx) == kT);
}

TEST_CASE("condition variables: ${*} matches only a literal star in StringLike") {
  FakeContext ctx;
  ctx.set("kms:EncryptionContext:path", {"a*"});
  CHECK(eval("StringLike", "kms:EncryptionContext:path", {"a${*}"}, ctx) == kT);
  ctx.set("kms:EncryptionContext:path", {"abc"});
  CHECK(eval("StringLike", "kms:EncryptionContext:path", {"a${*}"}, ctx) == kF);
  CHECK(eval("StringLike", "kms:EncryptionContext:path", {"a*"}, ctx) == kT);
  ctx.set("kms:EncryptionContext:path", {"a?c"});
  CHECK(eval("StringLike", "kms:EncryptionContext:path", {"a${?}c"}, ctx) == kT);
  CHECK(eval("StringNotLike", "kms:EncryptionContext:path", {"a${?}b"}, ctx) == kT);
  SUBCASE("in ArnLike too") {
    ctx.set("aws:SourceArn", {"arn:aws:s3:::bucket/x"});
    CHECK(eval("ArnLike", "aws:SourceArn", {"arn:aws:s3:::bucket/${*}"}, ctx) == kF);
    CHECK(eval("ArnLike", "aws:SourceArn", {"arn:aws:s3:::bucket/*"}, ctx) == kT);
  }
}

TEST_CASE("condition variables: a wildcard inside a substituted value is ambiguous") {
  FakeContext ctx;
  ctx.set("aws:PrincipalTag/pattern", {"a*"});
  ctx.set("kms:EncryptionContext:path", {"abc"});
  // AWS does not say whether '*' from a request value is a wildcard: both readings are tried.
  CHECK(eval("StringLike", "kms:EncryptionContext:path", {"${aws:PrincipalTag/pattern}"}, ctx) == kU);
  SUBCASE("both readings agree") {
    CHECK(eval("StringLike", "kms:EncryptionContext:path", {"x${aws:PrincipalTag/pattern}"}, ctx) == kF);
    ctx.set("kms:EncryptionContext:path", {"a*"});
    CHECK(eval("StringLike", "kms:EncryptionContext:path", {"${aws:PrincipalTag/pattern}"}, ctx) == kT);
  }
  SUBCASE("StringEquals is unaffected") {
    CHECK(eval("StringEquals", "kms:EncryptionContext:path", {"${aws:PrincipalTag/pattern}"}, ctx) == kF);
  }
}

TEST_CASE("condition variables: a value with a missing variable never matches") {
  FakeContext ctx;
  ctx.set("kms:EncryptionContext:user", {"alice"});
  CHECK(eval("StringEquals", "kms:EncryptionContext:user", {"${aws:username}"}, ctx) == kF);
  CHECK(eval("StringLike", "kms:EncryptionContext:user", {"*${aws:username}*"}, ctx) == kF);
  CHECK(eval("StringNotEquals", "kms:EncryptionContext:user", {"${aws:username}"}, ctx) == kT);
  CHECK(eval("StringEquals", "kms:EncryptionContext:user", {"${aws:username, 'alice'}"}, ctx) == kT);
}

TEST_CASE("condition variables: an unknown variable makes its value unknown") {
  FakeContext ctx;
  ctx.set("kms:EncryptionContext:user", {"alice"});
  ctx.set_unknown("aws:username");
  CHECK(eval("StringEquals", "kms:EncryptionContext:user", {"${aws:username}"}, ctx) == kU);
  CHECK(eval("StringNotLike", "kms:EncryptionContext:user", {"${aws:username}"}, ctx) == kU);
  CHECK(eval("StringEquals", "kms:EncryptionContext:user", {"${aws:username}", "alice"}, ctx) == kT);
}

TEST_CASE("condition variables in Numeric, Date, IP and Binary values are unknown") {
  // The IAM User Guide lists policy variables as unsupported for these operators.
  FakeContext ctx;
  ctx.set("aws:MultiFactorAuthAge", {"30"});
  ctx.set("aws:CurrentTime", {"2019-07-16T12:00:00Z"});
  ctx.set("aws:SourceIp", {"10.0.0.1"});
  ctx.set("kms:Limit", {"100"});
  CHECK(eval("NumericLessThan", "aws:MultiFactorAuthAge", {"${kms:Limit}"}, ctx) == kU);
  CHECK(eval("DateLessThan", "aws:CurrentTime", {"${kms:Limit}"}, ctx) == kU);
  CHECK(eval("IpAddress", "aws:SourceIp", {"${kms:Limit}"}, ctx) == kU);
  CHECK(eval("BinaryEquals", "aws:SourceIp", {"${kms:Limit}"}, ctx) == kU);
  CHECK(eval("NumericLessThan", "aws:MultiFactorAuthAge", {"${kms:Limit}", "60"}, ctx) == kT);
}

TEST_CASE("condition like_match_with_variables serves Resource patterns") {
  FakeContext ctx;
  ctx.set("aws:PrincipalAccount", {"111122223333"});
  ctx.set_unknown("aws:username");
  const char* key = "arn:aws:kms:us-east-1:111122223333:key/abc";
  CHECK(like_match_with_variables("arn:aws:kms:*:${aws:PrincipalAccount}:key/*", key, ctx) == kT);
  CHECK(like_match_with_variables("arn:aws:kms:*:${aws:PrincipalAccount}:key/${*}", key, ctx) == kF);
  CHECK(like_match_with_variables("arn:aws:kms:*:${aws:PrincipalOrgID}:key/*", key, ctx) == kF);
  CHECK(like_match_with_variables("arn:aws:kms:*:*:key/${aws:username}", key, ctx) == kU);
}
