// Random policy statements for the compiled-path property test, drawn from pools that read every
// context-key scope (principal, key, action, fixed), alone and combined, through plain keys and
// policy variables, and that repeat identical statements so memoised Condition blocks are shared.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/inventory_generator.h"

namespace kmsaccess::core::testing {

// What a clause reads. The test tallies these on the generator side, so its coverage claims do not
// rest on the classification it is checking (context_scope()).
enum ReadBits : unsigned {
  kReadsPrincipal = 1U,
  kReadsKey = 2U,              // key values in every policy (account, region, key spec, ...)
  kReadsKeyIdentityOnly = 4U,  // aws:ResourceTag, kms:ResourceAliases: absent in key policies
  kReadsAction = 8U,
  kReadsFixed = 16U,
};

struct ClauseTemplate {
  std::string_view op;
  std::string_view key;
  std::string_view values;  // JSON text
  unsigned reads;
};

constexpr unsigned kP = kReadsPrincipal, kK = kReadsKey, kR = kReadsKeyIdentityOnly, kA = kReadsAction,
                   kF = kReadsFixed;

// AWS allows only some variables in some places; the engine must still agree with itself.
inline constexpr ClauseTemplate kClauses[] = {
    {"ArnLike", "aws:PrincipalArn", R"("arn:aws:iam::111122223333:role/App*")", kP},
    {"ArnLike", "aws:PrincipalArn", R"(["arn:aws:iam::*:user/*", "arn:aws:iam::444455556666:role/*"])", kP},
    {"ArnNotLike", "aws:PrincipalArn", R"("arn:aws:iam::111122223333:role/Admin")", kP},
    {"ArnLike", "aws:PrincipalArn", R"("arn:aws:iam::${aws:PrincipalAccount}:role/*")", kP},
    {"ArnEquals", "aws:PrincipalArn", R"("arn:aws:iam::111122223333:user/alice")", kP},
    {"ArnNotLikeIfExists", "aws:PrincipalArn", R"("arn:aws:iam::*:role/Worker")", kP},
    {"StringEquals", "aws:PrincipalTag/team", R"("payments")", kP},
    {"StringEqualsIfExists", "aws:PrincipalTag/team", R"(["payments", "data"])", kP},
    {"StringNotEquals", "aws:PrincipalTag/team", R"("data")", kP},
    {"Null", "aws:PrincipalTag/team", R"("true")", kP},
    {"Null", "aws:PrincipalTag/team", R"("false")", kP},
    {"StringLike", "aws:PrincipalTag/team", R"("pay${*}")", kP},
    {"StringEquals", "aws:PrincipalAccount", R"("111122223333")", kP},
    {"StringNotEquals", "kms:CallerAccount", R"("444455556666")", kP},
    {"StringEquals", "kms:CallerAccount", R"("${aws:PrincipalAccount}")", kP},
    {"StringEquals", "aws:PrincipalOrgID", R"("o-exampleorg")", kP},
    {"StringNotEqualsIfExists", "aws:PrincipalOrgID", R"("o-exampleorg")", kP},
    {"StringEquals", "aws:PrincipalType", R"("User")", kP},
    {"StringEquals", "aws:PrincipalType", R"(["AssumedRole", "Account"])", kP},
    {"StringLike", "aws:username", R"(["a*", "${aws:PrincipalTag/team}"])", kP},
    {"StringEquals", "aws:username", R"("${aws:username}")", kP},
    {"StringLike", "aws:userid", R"(["AIDA*", "AROA*:*"])", kP},
    {"StringNotLike", "aws:userid", R"("*:${aws:username, 'nobody'}")", kP},
    {"Bool", "aws:PrincipalIsAWSService", R"("true")", kP},
    {"Bool", "aws:PrincipalIsAWSService", R"(false)", kP},
    {"StringEquals", "aws:PrincipalServiceName", R"("logs.amazonaws.com")", kP},
    {"StringEquals", "aws:SourceAccount", R"("111122223333")", kP},
    {"StringEqualsIfExists", "aws:SourceAccount", R"("${aws:ResourceAccount}")", kP | kK},
    {"StringEquals", "aws:ResourceTag/env", R"("prod")", kR},
    {"StringEquals", "aws:ResourceTag/env", R"("${aws:PrincipalTag/team}")", kR | kP},
    {"StringNotEqualsIfExists", "aws:ResourceTag/env", R"("dev")", kR},
    {"Null", "aws:ResourceTag/env", R"("false")", kR},
    {"ForAnyValue:StringLike", "kms:ResourceAliases", R"("alias/app-*")", kR},
    {"ForAllValues:StringLike", "kms:ResourceAliases", R"(["alias/app-*", "alias/${aws:username}*"])", kR | kP},
    {"StringEquals", "aws:ResourceAccount", R"("111122223333")", kK},
    {"StringEquals", "aws:ResourceAccount", R"("${aws:PrincipalAccount}")", kK | kP},
    {"StringNotEquals", "aws:ResourceOrgID", R"("${aws:PrincipalOrgID}")", kK | kP},
    {"StringEquals", "aws:ResourceOrgID", R"("o-exampleorg")", kK},
    {"StringEquals", "aws:RequestedRegion", R"("us-east-1")", kK},
    {"StringEquals", "kms:KeySpec", R"("SYMMETRIC_DEFAULT")", kK},
    {"StringEquals", "kms:KeyUsage", R"("ENCRYPT_DECRYPT")", kK},
    {"StringEqualsIfExists", "kms:KeyOrigin", R"("AWS_KMS")", kK},
    {"Bool", "kms:MultiRegion", R"("true")", kK},
    {"StringEquals", "aws:PrincipalTag/team", R"("${aws:ResourceTag/env}")", kP | kR},
    {"StringEquals", "kms:ViaService", R"("s3.us-east-1.amazonaws.com")", kA},
    {"StringLike", "kms:ViaService", R"("*.${aws:RequestedRegion}.amazonaws.com")", kA | kK},
    {"Null", "kms:ViaService", R"("true")", kA},
    {"Null", "kms:ViaService", R"("false")", kA},
    {"StringEquals", "kms:EncryptionContext:dept", R"("IT")", kA},
    {"StringEquals", "kms:EncryptionContext:dept", R"("${aws:PrincipalTag/team}")", kA | kP},
    {"ForAllValues:StringEquals", "kms:EncryptionContextKeys", R"(["dept", "app"])", kA},
    {"ForAnyValue:StringEquals", "kms:EncryptionContextKeys", R"("dept")", kA},
    {"Bool", "kms:GrantIsForAWSResource", R"("true")", kA},
    {"ForAllValues:StringEquals", "kms:GrantOperations", R"(["Decrypt", "Encrypt", "RetireGrant"])", kA},
    {"StringEquals", "aws:RequestTag/env", R"("prod")", kA},
    {"ForAnyValue:StringEquals", "aws:TagKeys", R"("env")", kA},
    {"StringEqualsIfExists", "aws:RequestTag/env", R"("${aws:ResourceTag/env}")", kA | kR},
    {"IpAddress", "aws:SourceIp", R"("10.0.0.0/8")", kF},
    {"NotIpAddress", "aws:SourceIp", R"(["192.0.2.0/24"])", kF},
    {"DateLessThan", "aws:CurrentTime", R"("2030-01-01T00:00:00Z")", kF},
    {"StringEquals", "ec2:Region", R"("us-east-1")", kF},
    {"BoolIfExists", "aws:SecureTransport", R"("true")", kF},
};

inline constexpr std::string_view kActions[] = {
    R"("Action": "kms:*")",
    R"("Action": "kms:Decrypt")",
    R"("Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"])",
    R"("Action": "kms:Get*")",
    R"("Action": "kms:*Grant*")",
    R"("Action": ["kms:CreateGrant", "kms:RetireGrant"])",
    R"("Action": ["kms:TagResource", "kms:UntagResource"])",
    R"("Action": "kms:Describe*")",
    R"("Action": "kms:ReEncrypt*")",
    R"("Action": "*")",
    R"("Action": "s3:GetObject")",
    R"("Action": ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"])",
    R"("NotAction": "kms:Decrypt")",
    R"("NotAction": ["kms:*Key*", "s3:*"])",
};

enum class PolicySide : std::uint8_t { kIdentity, kKeyPolicy, kRcp };

// Statements with a Condition, by the side whose memo numbers them (0: identity side, i.e.
// identity, group, boundary, session and SCP statements; 1: key side, i.e. key policies and RCPs)
// and by the request values they read.
struct ScopeTally {
  std::array<std::size_t, 2> principal_only{}, key_only{}, principal_and_key{}, action{}, fixed_only{};
  void add(PolicySide side, unsigned reads) {
    std::size_t s = side == PolicySide::kIdentity ? 0 : 1;
    bool principal = (reads & kReadsPrincipal) != 0;
    bool key = (reads & kReadsKey) != 0 || ((reads & kReadsKeyIdentityOnly) != 0 && side != PolicySide::kKeyPolicy);
    if (principal && key) ++principal_and_key[s];
    if (principal && !key) ++principal_only[s];
    if (key && !principal) ++key_only[s];
    if ((reads & kReadsAction) != 0) ++action[s];
    if (!principal && !key && (reads & kReadsAction) == 0) ++fixed_only[s];
  }
};

// The names of one inventory that statements may mention.
struct Vocabulary {
  std::vector<std::string> key_arns;
  std::vector<std::string> principal_values;  // JSON strings: ARNs, account ids, unique ids
};

class StatementDrawer {
 public:
  StatementDrawer(bench::Rng& rng, const Vocabulary& vocab, ScopeTally& tally)
      : rng_(rng), vocab_(vocab), tally_(tally) {}

  // A policy document of `count` statements; about a third of them repeat earlier statements of the same
  // side, so identical Condition blocks occur in several policies and keys.
  std::string document(PolicySide side, std::size_t count, unsigned deny_percent, std::string prefix = {}) {
    std::string out = R"({"Version": "2012-10-17", "Statement": [)" + prefix;
    for (std::size_t i = 0; i < count; ++i) {
      if (i != 0 || !prefix.empty()) out += ",\n  ";
      auto& shared = shared_[static_cast<std::size_t>(side)];
      std::pair<std::string, unsigned> st;
      if (!shared.empty() && rng_.chance(35)) {
        st = shared[rng_.below(shared.size())];
      } else {
        st = fresh(side, deny_percent);
        shared.push_back(st);
      }
      if (st.second != 0) tally_.add(side, st.second);
      out += st.first;
    }
    return out + "]}\n";
  }

 private:
  bench::Rng& rng_;
  const Vocabulary& vocab_;
  ScopeTally& tally_;
  std::array<std::vector<std::pair<std::string, unsigned>>, 3> shared_;

  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[rng_.below(v.size())];
  }

  std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

  std::string principal_value() {
    switch (rng_.below(10)) {
      case 0: return R"("*")";
      case 1: return R"({"Service": "logs.amazonaws.com"})";
      case 2: return R"({"Service": ["s3.amazonaws.com", "dynamodb.amazonaws.com"]})";
      case 3: return R"({"Federated": "arn:aws:sts::111122223333:federated-user/fed"})";
      case 4: {
        std::string first = pick(vocab_.principal_values);  // draws in a fixed order
        return R"({"AWS": [)" + first + ", " + pick(vocab_.principal_values) + "]}";
      }
      case 5: return rng_.chance(20) ? pick(vocab_.principal_values) : R"({"AWS": "*"})";  // bare form
      default: return R"({"AWS": )" + pick(vocab_.principal_values) + "}";
    }
  }

  std::string resource(PolicySide side) {
    const std::string& key = pick(vocab_.key_arns);
    if (side != PolicySide::kIdentity && rng_.chance(70)) return R"("Resource": "*")";
    switch (rng_.below(18)) {
      case 0: return {};  // no Resource element
      case 1: return R"("Resource": )" + quoted(key);
      case 2: return R"("Resource": )" + quoted(key.substr(0, key.size() - 4) + "ABCD");  // key ids end in abcd
      case 3: return R"("Resource": "arn:aws:kms:*:111122223333:key/*")";
      case 4: return R"("Resource": "arn:aws:kms:*:444455556666:key/*")";
      case 5: return R"("Resource": "arn:aws:kms:us-east-1:*:key/*")";
      case 6: return R"("Resource": "arn:aws:kms:eu-west-1:111122223333:*")";
      case 7: return R"("Resource": ["arn:aws:kms:us-east-1:111122223333:alias/app-data", )" + quoted(key) + "]";
      case 8: return R"("Resource": "arn:aws:kms:us-east-1:111122223333:alias/app-data")";
      case 9: return R"("Resource": "arn:aws:kms:*:${aws:PrincipalAccount}:key/*")";
      case 10: return R"("Resource": "arn:aws:kms:*:*:key/${aws:PrincipalTag/team}-*")";
      case 11: return R"("Resource": ["arn:aws:kms:*:*:key/${aws:username, 'x'}*", "arn:aws:kms:eu-*"])";
      case 12: return R"("NotResource": )" + quoted(key);
      case 13: return R"("NotResource": "arn:aws:kms:*:444455556666:*")";
      case 14:
        return R"("NotResource": ["arn:aws:kms:*:111122223333:key/${*}", )"
               R"("arn:aws:kms:*:${aws:ResourceAccount}:key/*"])";
      case 15:
        return rng_.chance(50) ? R"("Resource": "arn:aws:kms:us-east-1:11112222333?:key/*")"
                               : R"("Resource": "arn:aws:kms:?u-west-1:444455556666:key/*")";
      default: return R"("Resource": "*")";
    }
  }

  // A Condition element of 1-3 clauses, grouped by operator; `reads` collects what they read.
  std::string condition(unsigned& reads) {
    std::size_t clauses = rng_.chance(35) ? 2 : 1;
    if (rng_.chance(10)) ++clauses;
    std::map<std::string_view, std::vector<const ClauseTemplate*>> by_op;
    std::set<std::pair<std::string_view, std::string_view>> used;
    for (std::size_t i = 0; i < clauses; ++i) {
      const ClauseTemplate& c = kClauses[rng_.below(std::size(kClauses))];
      if (!used.insert({c.op, c.key}).second) continue;  // a JSON object cannot repeat a key
      by_op[c.op].push_back(&c);
      reads |= c.reads;
    }
    std::string out = R"("Condition": {)";
    bool first_op = true;
    for (const auto& [op, list] : by_op) {
      if (!first_op) out += ", ";
      first_op = false;
      out += quoted(op) + ": {";
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) out += ", ";
        out += quoted(list[i]->key) + ": " + std::string(list[i]->values);
      }
      out += "}";
    }
    return out + "}";
  }

  std::pair<std::string, unsigned> fresh(PolicySide side, unsigned deny_percent) {
    std::string st = rng_.chance(deny_percent) ? R"({"Effect": "Deny")" : R"({"Effect": "Allow")";
    // Key policies and RCPs without Principal, and identity statements with one, are invalid (lint
    // reports them) but load; both paths must still read them alike.
    bool principal = side == PolicySide::kIdentity ? rng_.chance(3) : !rng_.chance(3);
    if (principal) {
      bool star = side == PolicySide::kRcp && rng_.chance(70);
      st += rng_.chance(15) ? R"(, "NotPrincipal": )" : R"(, "Principal": )";
      st += star ? R"("*")" : principal_value();
    }
    st += ", " + std::string(kActions[rng_.below(std::size(kActions))]);
    if (std::string r = resource(side); !r.empty()) st += ", " + r;
    unsigned reads = 0;
    if (rng_.chance(2)) {
      st += R"(, "Condition": {})";
    } else if (rng_.chance(60)) {
      st += ", " + condition(reads);
    }
    return {st + "}", reads};
  }
};

}  // namespace kmsaccess::core::testing
