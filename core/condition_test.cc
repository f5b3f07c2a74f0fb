#include "core/condition.h"

#include <doctest/doctest.h>

#include <iterator>
#include <string>
#include <vector>

#include "core/condition_test_fakes.h"

using namespace kmsaccess::core;
using kmsaccess::core::testing::eval;
using kmsaccess::core::testing::FakeContext;
using kmsaccess::core::testing::make_clause;

namespace {
constexpr Tri kT = Tri::kTrue;
constexpr Tri kF = Tri::kFalse;
constexpr Tri kU = Tri::kUnknown;
}  // namespace

TEST_CASE("condition tri logic follows Kleene's strong three-valued tables") {
  CHECK(tri_and(kT, kT) == kT);
  CHECK(tri_and(kT, kU) == kU);
  CHECK(tri_and(kU, kF) == kF);
  CHECK(tri_and(kF, kT) == kF);
  CHECK(tri_or(kF, kF) == kF);
  CHECK(tri_or(kF, kU) == kU);
  CHECK(tri_or(kU, kT) == kT);
  CHECK(tri_not(kT) == kF);
  CHECK(tri_not(kF) == kT);
  CHECK(tri_not(kU) == kU);
  CHECK(to_string(kT) == "true");
  CHECK(to_string(kF) == "false");
  CHECK(to_string(kU) == "unknown");
}

namespace {
const char* const kPositive[] = {
    "StringEquals", "StringEqualsIgnoreCase", "StringLike", "NumericEquals", "NumericLessThan",
    "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
    "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
    "BinaryEquals", "IpAddress", "ArnEquals", "ArnLike"};
const char* const kNegated[] = {"StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike",
                                "NumericNotEquals", "DateNotEquals", "NotIpAddress",
                                "ArnNotEquals", "ArnNotLike"};

std::vector<std::string> all_bases_but_null() {
  std::vector<std::string> out(std::begin(kPositive), std::end(kPositive));
  out.insert(out.end(), std::begin(kNegated), std::end(kNegated));
  return out;
}
}  // namespace

TEST_CASE("condition with an unknown key is unknown for every operator") {
  FakeContext ctx;
  ctx.set_unknown("aws:SourceVpc");
  CHECK(eval("Null", "aws:SourceVpc", {"true"}, ctx) == kU);
  CHECK(eval("Null", "aws:SourceVpc", {"false"}, ctx) == kU);
  for (const std::string& base : all_bases_but_null()) {
    for (const std::string& op : {base, base + "IfExists", "ForAnyValue:" + base,
                                  "ForAllValues:" + base + "IfExists"}) {
      CAPTURE(op);
      CHECK(eval(op, "aws:SourceVpc", {"vpc-1"}, ctx) == kU);
    }
  }
}

TEST_CASE("condition on an absent key: positive operators false, negated operators true") {
  FakeContext ctx;
  for (const char* op : kPositive) {
    CAPTURE(op);
    CHECK(eval(op, "kms:EncryptionContext:dept", {"1"}, ctx) == kF);
  }
  for (const char* op : kNegated) {
    CAPTURE(op);
    CHECK(eval(op, "kms:EncryptionContext:dept", {"1"}, ctx) == kT);
  }
}

TEST_CASE("condition on an absent key: IfExists and ForAllValues true, ForAnyValue false") {
  FakeContext ctx;
  for (const std::string& base : all_bases_but_null()) {
    CAPTURE(base);
    CHECK(eval(base + "IfExists", "aws:TagKeys", {"a"}, ctx) == kT);
    CHECK(eval("ForAllValues:" + base, "aws:TagKeys", {"a"}, ctx) == kT);
    CHECK(eval("ForAnyValue:" + base, "aws:TagKeys", {"a"}, ctx) == kF);
    CHECK(eval("ForAnyValue:" + base + "IfExists", "aws:TagKeys", {"a"}, ctx) == kT);
  }
}

TEST_CASE("condition keys are looked up by their lower-case name") {
  FakeContext ctx;
  ctx.set("aws:SourceIp", {"10.0.0.1"});
  CHECK(eval("IpAddress", "AWS:SOURCEIP", {"10.0.0.0/8"}, ctx) == kT);
  CHECK(ctx.lookups().back() == "aws:sourceip");
}

TEST_CASE("condition Null tests whether the key is present") {
  FakeContext ctx;
  ctx.set("aws:PrincipalTag/team", {"blue"});
  SUBCASE("true means absent") {
    CHECK(eval("Null", "aws:PrincipalTag/team", {"true"}, ctx) == kF);
    CHECK(eval("Null", "aws:PrincipalTag/dept", {"true"}, ctx) == kT);
  }
  SUBCASE("false means present") {
    CHECK(eval("Null", "aws:PrincipalTag/team", {"false"}, ctx) == kT);
    CHECK(eval("Null", "aws:PrincipalTag/dept", {"false"}, ctx) == kF);
  }
  SUBCASE("values are case-insensitive") {
    CHECK(eval("Null", "aws:PrincipalTag/dept", {"TRUE"}, ctx) == kT);
    CHECK(eval("Null", "aws:PrincipalTag/team", {"False"}, ctx) == kT);
  }
  SUBCASE("several values are OR'ed") {
    CHECK(eval("Null", "aws:PrincipalTag/team", {"true", "false"}, ctx) == kT);
    CHECK(eval("Null", "aws:PrincipalTag/dept", {"true", "false"}, ctx) == kT);
  }
  SUBCASE("values other than true or false match nothing") {
    CHECK(eval("Null", "aws:PrincipalTag/dept", {"yes"}, ctx) == kF);
  }
  SUBCASE("a present key with an empty value list is still present") {
    ctx.set("aws:TagKeys", {});
    CHECK(eval("Null", "aws:TagKeys", {"false"}, ctx) == kT);
  }
}

TEST_CASE("condition StringEquals is exact and case-sensitive") {
  FakeContext ctx;
  ctx.set("kms:CallerAccount", {"111122223333"});
  ctx.set("aws:PrincipalTag/team", {"Blue"});
  CHECK(eval("StringEquals", "kms:CallerAccount", {"111122223333"}, ctx) == kT);
  CHECK(eval("StringEquals", "kms:CallerAccount", {"444455556666", "111122223333"}, ctx) == kT);
  CHECK(eval("StringEquals", "kms:CallerAccount", {"444455556666"}, ctx) == kF);
  CHECK(eval("StringEquals", "aws:PrincipalTag/team", {"blue"}, ctx) == kF);
  SUBCASE("wildcards are literal") {
    CHECK(eval("StringEquals", "kms:CallerAccount", {"*"}, ctx) == kF);
    ctx.set("kms:ViaService", {"ec2.*"});
    CHECK(eval("StringEquals", "kms:ViaService", {"ec2.*"}, ctx) == kT);
  }
}

TEST_CASE("condition StringNotEquals is true only when no request value matches") {
  FakeContext ctx;
  ctx.set("kms:CallerAccount", {"111122223333"});
  CHECK(eval("StringNotEquals", "kms:CallerAccount", {"444455556666"}, ctx) == kT);
  CHECK(eval("StringNotEquals", "kms:CallerAccount", {"444455556666", "111122223333"}, ctx) == kF);
  CHECK(eval("StringNotEquals", "kms:CallerAccount", {"111122223333"}, ctx) == kF);
  SUBCASE("a multi-valued request with one matching value") {
    ctx.set("aws:TagKeys", {"a", "b"});
    CHECK(eval("StringNotEquals", "aws:TagKeys", {"a"}, ctx) == kF);
    CHECK(eval("StringEquals", "aws:TagKeys", {"b"}, ctx) == kT);
  }
}

TEST_CASE("condition IgnoreCase operators fold ASCII case") {
  FakeContext ctx;
  ctx.set("aws:PrincipalTag/team", {"Blue"});
  CHECK(eval("StringEqualsIgnoreCase", "aws:PrincipalTag/team", {"bLUE"}, ctx) == kT);
  CHECK(eval("StringEqualsIgnoreCase", "aws:PrincipalTag/team", {"Blu"}, ctx) == kF);
  CHECK(eval("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", {"BLUE"}, ctx) == kF);
  CHECK(eval("StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", {"red"}, ctx) == kT);
}

TEST_CASE("condition StringLike uses case-sensitive * and ? wildcards") {
  FakeContext ctx;
  ctx.set("kms:ViaService", {"ec2.us-east-1.amazonaws.com"});
  CHECK(eval("StringLike", "kms:ViaService", {"ec2.*.amazonaws.com"}, ctx) == kT);
  CHECK(eval("StringLike", "kms:ViaService", {"ec?.us-east-1.amazonaws.com"}, ctx) == kT);
  CHECK(eval("StringLike", "kms:ViaService", {"EC2.*"}, ctx) == kF);
  CHECK(eval("StringLike", "kms:ViaService", {"ec2"}, ctx) == kF);
  CHECK(eval("StringLike", "kms:ViaService", {"rds.*", "*"}, ctx) == kT);
  SUBCASE("StringNotLike") {
    CHECK(eval("StringNotLike", "kms:ViaService", {"rds.*"}, ctx) == kT);
    CHECK(eval("StringNotLike", "kms:ViaService", {"rds.*", "ec2.*"}, ctx) == kF);
  }
}

TEST_CASE("condition Numeric operators compare decimal values") {
  FakeContext ctx;
  ctx.set("aws:MultiFactorAuthAge", {"300"});
  const char* key = "aws:MultiFactorAuthAge";
  SUBCASE("each comparison") {
    CHECK(eval("NumericEquals", key, {"300"}, ctx) == kT);
    CHECK(eval("NumericEquals", key, {"300.0"}, ctx) == kT);
    CHECK(eval("NumericEquals", key, {"3e2"}, ctx) == kT);
    CHECK(eval("NumericLessThan", key, {"300"}, ctx) == kF);
    CHECK(eval("NumericLessThan", key, {"300.5"}, ctx) == kT);
    CHECK(eval("NumericLessThanEquals", key, {"300"}, ctx) == kT);
    CHECK(eval("NumericGreaterThan", key, {"299.99"}, ctx) == kT);
    CHECK(eval("NumericGreaterThan", key, {"300"}, ctx) == kF);
    CHECK(eval("NumericGreaterThanEquals", key, {"300"}, ctx) == kT);
    CHECK(eval("NumericGreaterThanEquals", key, {"-1"}, ctx) == kT);
  }
  SUBCASE("large integers compare exactly") {
    ctx.set("kms:Big", {"9007199254740993"});
    CHECK(eval("NumericEquals", "kms:Big", {"9007199254740992"}, ctx) == kF);
    CHECK(eval("NumericGreaterThan", "kms:Big", {"9007199254740992"}, ctx) == kT);
  }
  SUBCASE("unparsable values never match") {
    CHECK(eval("NumericEquals", key, {"three hundred"}, ctx) == kF);
    CHECK(eval("NumericLessThan", key, {""}, ctx) == kF);
    ctx.set("kms:Text", {"abc"});
    CHECK(eval("NumericLessThan", "kms:Text", {"10"}, ctx) == kF);
  }
  SUBCASE("NumericNotEquals treats unparsable values as non-matching") {
    CHECK(eval("NumericNotEquals", key, {"301"}, ctx) == kT);
    CHECK(eval("NumericNotEquals", key, {"300"}, ctx) == kF);
    CHECK(eval("NumericNotEquals", key, {"abc"}, ctx) == kT);
    CHECK(eval("NumericNotEquals", key, {"abc", "300"}, ctx) == kF);
  }
}

TEST_CASE("condition Date operators compare instants") {
  FakeContext ctx;
  ctx.set("aws:CurrentTime", {"2019-07-16T12:00:00Z"});
  const char* key = "aws:CurrentTime";
  CHECK(eval("DateEquals", key, {"2019-07-16T12:00:00Z"}, ctx) == kT);
  CHECK(eval("DateEquals", key, {"2019-07-16T14:00:00+02:00"}, ctx) == kT);
  CHECK(eval("DateEquals", key, {"1563278400"}, ctx) == kT);
  CHECK(eval("DateLessThan", key, {"2019-07-16T12:00:00.001Z"}, ctx) == kT);
  CHECK(eval("DateLessThan", key, {"2019-07-16"}, ctx) == kF);
  CHECK(eval("DateLessThanEquals", key, {"2019-07-16T12:00:00Z"}, ctx) == kT);
  CHECK(eval("DateGreaterThan", key, {"2019-07-16"}, ctx) == kT);
  CHECK(eval("DateGreaterThanEquals", key, {"2019-07-17"}, ctx) == kF);
  SUBCASE("DateNotEquals") {
    CHECK(eval("DateNotEquals", key, {"2020-01-01T00:00:00Z"}, ctx) == kT);
    CHECK(eval("DateNotEquals", key, {"1563278400"}, ctx) == kF);
  }
  SUBCASE("unparsable dates never match") {
    CHECK(eval("DateLessThan", key, {"tomorrow"}, ctx) == kF);
    CHECK(eval("DateNotEquals", key, {"tomorrow"}, ctx) == kT);
  }
}

TEST_CASE("condition Bool compares true/false case-insensitively") {
  FakeContext ctx;
  ctx.set("aws:SecureTransport", {"true"});
  CHECK(eval("Bool", "aws:SecureTransport", {"true"}, ctx) == kT);
  CHECK(eval("Bool", "aws:SecureTransport", {"TRUE"}, ctx) == kT);
  CHECK(eval("Bool", "aws:SecureTransport", {"false"}, ctx) == kF);
  CHECK(eval("Bool", "aws:SecureTransport", {"yes"}, ctx) == kF);
  ctx.set("kms:GrantIsForAWSResource", {"False"});
  CHECK(eval("Bool", "kms:GrantIsForAWSResource", {"false"}, ctx) == kT);
}

TEST_CASE("condition BinaryEquals compares the base64 text byte for byte") {
  FakeContext ctx;
  ctx.set("kms:Blob", {"QmluYXJ5VmFsdWU="});
  CHECK(eval("BinaryEquals", "kms:Blob", {"QmluYXJ5VmFsdWU="}, ctx) == kT);
  CHECK(eval("BinaryEquals", "kms:Blob", {"qmluyxj5vmfsdwu="}, ctx) == kF);
  CHECK(eval("BinaryEquals", "kms:Blob", {"other", "QmluYXJ5VmFsdWU="}, ctx) == kT);
}

TEST_CASE("condition IpAddress matches IPv4 and IPv6 CIDR ranges") {
  FakeContext ctx;
  SUBCASE("IPv4") {
    ctx.set("aws:SourceIp", {"203.0.113.7"});
    CHECK(eval("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}, ctx) == kT);
    CHECK(eval("IpAddress", "aws:SourceIp", {"203.0.113.7"}, ctx) == kT);
    CHECK(eval("IpAddress", "aws:SourceIp", {"198.51.100.0/24"}, ctx) == kF);
    CHECK(eval("NotIpAddress", "aws:SourceIp", {"198.51.100.0/24"}, ctx) == kT);
    CHECK(eval("NotIpAddress", "aws:SourceIp", {"198.51.100.0/24", "203.0.0.0/16"}, ctx) == kF);
  }
  SUBCASE("IPv6") {
    ctx.set("aws:SourceIp", {"2001:db8:1234::5"});
    CHECK(eval("IpAddress", "aws:SourceIp", {"2001:db8::/32"}, ctx) == kT);
    CHECK(eval("IpAddress", "aws:SourceIp", {"2001:db9::/32"}, ctx) == kF);
    CHECK(eval("IpAddress", "aws:SourceIp", {"203.0.113.0/24"}, ctx) == kF);
    CHECK(eval("NotIpAddress", "aws:SourceIp", {"2001:db8:1234::/48"}, ctx) == kF);
  }
  SUBCASE("invalid addresses never match") {
    ctx.set("aws:SourceIp", {"not-an-ip"});
    CHECK(eval("IpAddress", "aws:SourceIp", {"0.0.0.0/0"}, ctx) == kF);
    CHECK(eval("NotIpAddress", "aws:SourceIp", {"0.0.0.0/0"}, ctx) == kT);
  }
}

TEST_CASE("condition Arn operators match the six fields separately") {
  FakeContext ctx;
  ctx.set("aws:SourceArn", {"arn:aws:sns:us-east-1:111122223333:topic:sub:id"});
  const char* key = "aws:SourceArn";
  CHECK(eval("ArnEquals", key, {"arn:aws:sns:us-east-1:111122223333:topic:sub:id"}, ctx) == kT);
  CHECK(eval("ArnLike", key, {"arn:aws:sns:*:111122223333:*"}, ctx) == kT);
  CHECK(eval("ArnLike", key, {"arn:aws:sns:us-east-?:111122223333:topic:*"}, ctx) == kT);
  CHECK(eval("ArnLike", key, {"arn:aws:sns:*:444455556666:*"}, ctx) == kF);
  SUBCASE("ArnEquals accepts wildcards too") {
    CHECK(eval("ArnEquals", key, {"arn:aws:sns:*:111122223333:topic:*"}, ctx) == kT);
  }
  SUBCASE("a wildcard does not cross a field boundary") {
    CHECK(eval("ArnLike", key, {"arn:aws:*:111122223333:topic:sub:id"}, ctx) == kF);
    CHECK(eval("ArnLike", key, {"arn:*"}, ctx) == kF);
  }
  SUBCASE("comparison is case-sensitive") {
    CHECK(eval("ArnLike", key, {"arn:aws:SNS:*:111122223333:*"}, ctx) == kF);
  }
  SUBCASE("non-ARN values do not match") {
    ctx.set("aws:PrincipalArn", {"111122223333"});
    CHECK(eval("ArnLike", "aws:PrincipalArn", {"*"}, ctx) == kF);
    CHECK(eval("ArnNotLike", "aws:PrincipalArn", {"arn:aws:iam::*:root"}, ctx) == kT);
  }
  SUBCASE("negated forms") {
    CHECK(eval("ArnNotEquals", key, {"arn:aws:sns:us-east-1:111122223333:other"}, ctx) == kT);
    CHECK(eval("ArnNotLike", key, {"arn:aws:sns:*:*:*"}, ctx) == kF);
  }
}

TEST_CASE("condition on a key that is absent or holds a value other than the listed ones") {
  // aws:PrincipalOrgID of a principal outside the organisation: another organisation's id, or none.
  FakeContext ctx;
  ctx.set_absent_or_other_than("aws:PrincipalOrgID", {"o-abc"});
  const char* key = "aws:PrincipalOrgID";
  SUBCASE("equality with the excluded value is decided") {
    CHECK(eval("StringEquals", key, {"o-abc"}, ctx) == kF);
    CHECK(eval("StringNotEquals", key, {"o-abc"}, ctx) == kT);
    CHECK(eval("StringNotEqualsIfExists", key, {"o-abc"}, ctx) == kT);
    CHECK(eval("ForAnyValue:StringEquals", key, {"o-abc"}, ctx) == kF);
    CHECK(eval("ForAllValues:StringNotEquals", key, {"o-abc"}, ctx) == kT);
  }
  SUBCASE("where absence and another value disagree, or the value matters, it stays unknown") {
    CHECK(eval("StringEqualsIfExists", key, {"o-abc"}, ctx) == kU);   // absent: true
    CHECK(eval("ForAllValues:StringEquals", key, {"o-abc"}, ctx) == kU);
    CHECK(eval("StringEquals", key, {"o-xyz"}, ctx) == kU);           // another organisation's id?
    CHECK(eval("StringNotEquals", key, {"o-abc", "o-xyz"}, ctx) == kU);
    CHECK(eval("StringLike", key, {"o-*"}, ctx) == kU);
    CHECK(eval("StringEqualsIgnoreCase", key, {"o-abc"}, ctx) == kU);
    CHECK(eval("Null", key, {"true"}, ctx) == kU);
  }
}

TEST_CASE("condition IfExists with the key present behaves as the plain operator") {
  FakeContext ctx;
  ctx.set("aws:PrincipalOrgID", {"o-abc"});
  CHECK(eval("StringEqualsIfExists", "aws:PrincipalOrgID", {"o-abc"}, ctx) == kT);
  CHECK(eval("StringEqualsIfExists", "aws:PrincipalOrgID", {"o-xyz"}, ctx) == kF);
  CHECK(eval("StringNotEqualsIfExists", "aws:PrincipalOrgID", {"o-abc"}, ctx) == kF);
  ctx.set("aws:SourceIp", {"10.1.2.3"});
  CHECK(eval("IpAddressIfExists", "aws:SourceIp", {"10.0.0.0/8"}, ctx) == kT);
}

TEST_CASE("condition ForAnyValue needs one request value to satisfy the operator") {
  FakeContext ctx;
  ctx.set("aws:TagKeys", {"env", "owner"});
  CHECK(eval("ForAnyValue:StringEquals", "aws:TagKeys", {"owner", "cost"}, ctx) == kT);
  CHECK(eval("ForAnyValue:StringEquals", "aws:TagKeys", {"cost"}, ctx) == kF);
  CHECK(eval("ForAnyValue:StringLike", "aws:TagKeys", {"own*"}, ctx) == kT);
  SUBCASE("negated base: some request value matches none of the policy values") {
    CHECK(eval("ForAnyValue:StringNotEquals", "aws:TagKeys", {"env"}, ctx) == kT);
    CHECK(eval("ForAnyValue:StringNotEquals", "aws:TagKeys", {"env", "owner"}, ctx) == kF);
  }
  SUBCASE("an empty request set has no value to satisfy it") {
    ctx.set("aws:TagKeys", {});
    CHECK(eval("ForAnyValue:StringEquals", "aws:TagKeys", {"env"}, ctx) == kF);
    CHECK(eval("ForAnyValue:StringNotEquals", "aws:TagKeys", {"env"}, ctx) == kF);
  }
}

TEST_CASE("condition ForAllValues needs every request value to satisfy the operator") {
  FakeContext ctx;
  ctx.set("aws:TagKeys", {"env", "owner"});
  CHECK(eval("ForAllValues:StringEquals", "aws:TagKeys", {"env", "owner", "cost"}, ctx) == kT);
  CHECK(eval("ForAllValues:StringEquals", "aws:TagKeys", {"env"}, ctx) == kF);
  CHECK(eval("ForAllValues:StringLikeIfExists", "aws:TagKeys", {"*n*"}, ctx) == kT);
  SUBCASE("negated base: no request value matches any policy value") {
    CHECK(eval("ForAllValues:StringNotEquals", "aws:TagKeys", {"cost"}, ctx) == kT);
    CHECK(eval("ForAllValues:StringNotEquals", "aws:TagKeys", {"cost", "env"}, ctx) == kF);
  }
  SUBCASE("an empty request set satisfies it vacuously") {
    ctx.set("aws:TagKeys", {});
    CHECK(eval("ForAllValues:StringEquals", "aws:TagKeys", {"env"}, ctx) == kT);
    CHECK(eval("ForAllValues:StringNotEquals", "aws:TagKeys", {"env"}, ctx) == kT);
  }
}

TEST_CASE("condition values are OR'ed with three-valued logic") {
  FakeContext ctx;
  ctx.set("kms:CallerAccount", {"111122223333"});
  ctx.set_unknown("aws:PrincipalAccount");
  const char* unknown_value = "${aws:PrincipalAccount}";
  SUBCASE("another value that matches decides it") {
    CHECK(eval("StringEquals", "kms:CallerAccount", {unknown_value, "111122223333"}, ctx) == kT);
    CHECK(eval("StringNotEquals", "kms:CallerAccount", {unknown_value, "111122223333"}, ctx) == kF);
  }
  SUBCASE("otherwise the clause is unknown") {
    CHECK(eval("StringEquals", "kms:CallerAccount", {unknown_value, "444455556666"}, ctx) == kU);
    CHECK(eval("StringNotEquals", "kms:CallerAccount", {unknown_value}, ctx) == kU);
    CHECK(eval("ForAllValues:StringEquals", "kms:CallerAccount", {unknown_value}, ctx) == kU);
  }
  SUBCASE("an absent key decides before the values are looked at") {
    CHECK(eval("StringEquals", "aws:SourceVpc", {unknown_value}, ctx) == kF);
  }
}

TEST_CASE("evaluate_conditions ANDs clauses and lists the unresolved ones") {
  FakeContext ctx;
  ctx.set("kms:CallerAccount", {"111122223333"});
  ctx.set_unknown("aws:SourceIp");
  ctx.set_unknown("aws:CurrentTime");
  const ConditionClause known_true = make_clause("StringEquals", "kms:CallerAccount", {"111122223333"});
  const ConditionClause known_false = make_clause("StringEquals", "kms:CallerAccount", {"1"});
  const ConditionClause ip = make_clause("IpAddress", "aws:SourceIp", {"10.0.0.0/8"});
  const ConditionClause time = make_clause("DateLessThan", "aws:CurrentTime", {"2030-01-01"});
  SUBCASE("no clauses") {
    auto r = evaluate_conditions({}, ctx);
    CHECK(r.value == kT);
    CHECK(r.unresolved.empty());
  }
  SUBCASE("all known true") {
    auto r = evaluate_conditions({known_true, known_true}, ctx);
    CHECK(r.value == kT);
    CHECK(r.unresolved.empty());
  }
  SUBCASE("unknown clauses are listed in order") {
    std::vector<ConditionClause> clauses{ip, known_true, time};
    auto r = evaluate_conditions(clauses, ctx);
    CHECK(r.value == kU);
    REQUIRE(r.unresolved.size() == 2);
    CHECK(r.unresolved[0] == &clauses[0]);
    CHECK(r.unresolved[1] == &clauses[2]);
  }
  SUBCASE("a false clause wins over unknown ones and clears the list") {
    auto r = evaluate_conditions({ip, known_false, time}, ctx);
    CHECK(r.value == kF);
    CHECK(r.unresolved.empty());
  }
}
