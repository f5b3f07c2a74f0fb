// Residual conditions as alternatives: conditions with the same `alternative` must hold together,
// and any one alternative suffices. Two conditional statements that each allow are two
// alternatives, never one conjunction (which would tell a user both conditions are needed).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/evaluator.h"
#include "core/loaders/manifest_loader.h"
#include "core/outcome.h"
#include "core/source_reader.h"

namespace kmsaccess::core {
namespace {

Outcome unknown_on(std::string key) {
  Outcome o;
  o.value = Tri::kUnknown;
  ResidualCondition r;
  r.op = "StringEquals";
  r.key = std::move(key);
  o.residual.push_back(std::move(r));
  return o;
}

// The alternatives as sets of keys, in output order.
std::vector<std::vector<std::string>> groups(const std::vector<ResidualCondition>& residual) {
  std::vector<std::vector<std::string>> out;
  int current = -1;
  for (const auto& r : residual) {
    if (out.empty() || r.alternative != current) out.emplace_back();
    current = r.alternative;
    out.back().push_back(r.key);
  }
  return out;
}

TEST_CASE("either keeps each side's alternatives apart; both distributes them") {
  Outcome a_or_b = either(unknown_on("a"), unknown_on("b"));
  CHECK(a_or_b.is_unknown());
  CHECK(groups(a_or_b.residual) == std::vector<std::vector<std::string>>{{"a"}, {"b"}});
  Outcome with_c = both(a_or_b, unknown_on("c"));
  CHECK(groups(with_c.residual) == std::vector<std::vector<std::string>>{{"a", "c"}, {"b", "c"}});
  Outcome cross = both(either(unknown_on("a"), unknown_on("b")), either(unknown_on("c"), unknown_on("d")));
  CHECK(groups(cross.residual) ==
        std::vector<std::vector<std::string>>{{"a", "c"}, {"a", "d"}, {"b", "c"}, {"b", "d"}});
  CHECK(both(Outcome::truth(), a_or_b).residual.size() == 2);
  CHECK(either(a_or_b, Outcome::truth()).residual.empty());
  CHECK(both(a_or_b, Outcome::falsity()).is_false());
}

Inventory load(const std::string& user_policy, const std::string& boundary,
               const std::string& attached = "[user.json]", const std::string& second_policy = "{}") {
  MemorySourceReader reader;
  reader.files["m/key.json"] = R"({"Version":"2012-10-17","Statement":[{"Sid":"Root","Effect":"Allow",
    "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]})";
  reader.files["m/user.json"] = user_policy;
  reader.files["m/user2.json"] = second_policy;
  reader.files["m/boundary.json"] = boundary;
  reader.files["m/kmsaccess.yaml"] = R"(account: "111122223333"
region: us-east-1
keys:
  - name: k1
    arn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
    policy: key.json
principals:
  - name: alice
    arn: arn:aws:iam::111122223333:user/alice
    policies: )" + attached + R"(
    boundary: boundary.json
)";
  auto inv = load_manifest("m/kmsaccess.yaml", reader);
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().to_string()));
  return std::move(*inv);
}

constexpr const char* kViaS3 = R"({"Sid":"ViaS3","Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
  "Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}})";
constexpr const char* kContext = R"({"Sid":"WithContext","Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
  "Condition":{"StringEquals":{"kms:EncryptionContext:app":"billing"}}})";
constexpr const char* kBoundary = R"({"Version":"2012-10-17","Statement":[{"Sid":"Region","Effect":"Allow",
  "Action":"kms:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]})";

std::vector<ResidualCondition> conditions(const Inventory& inv) {
  Evaluator ev(inv);
  Decision d = ev.decide(0, 0, *find_action("kms:Decrypt"));
  CHECK(d.verdict == Verdict::kConditional);
  return d.conditions;
}

TEST_CASE("two conditional statements are two numbered alternatives, whatever their order") {
  auto policy = [](const char* first, const char* second) {
    return std::string(R"({"Version":"2012-10-17","Statement":[)") + first + "," + second + "]}";
  };
  const std::string open_boundary = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  auto both_in_one = conditions(load(policy(kViaS3, kContext), open_boundary));
  REQUIRE(both_in_one.size() == 2);
  CHECK(both_in_one[0].alternative == 1);
  CHECK(both_in_one[1].alternative == 2);
  // In two policies attached in either order: the same alternatives, numbered the same.
  auto single = [](const char* statement) {
    return std::string(R"({"Version":"2012-10-17","Statement":[)") + statement + "]}";
  };
  auto forward = conditions(load(single(kViaS3), open_boundary, "[user.json, user2.json]", single(kContext)));
  auto backward = conditions(load(single(kViaS3), open_boundary, "[user2.json, user.json]", single(kContext)));
  REQUIRE(forward.size() == 2);
  CHECK(forward[0].alternative != forward[1].alternative);
  CHECK(forward == backward);

  // A conditional boundary must hold on every alternative.
  auto bounded = conditions(load(policy(kViaS3, kContext), kBoundary));
  auto g = groups(bounded);
  REQUIRE(g.size() == 2);
  for (auto& alternative : g) {
    CHECK(alternative.size() == 2);
    CHECK(std::find(alternative.begin(), alternative.end(), "aws:SourceIp") != alternative.end());
  }
}

TEST_CASE("one Deny statement's conditions share a deny group; two Deny statements have two") {
  const std::string open_boundary = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})";
  constexpr const char* kAllow = R"({"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"})";
  constexpr const char* kOneDeny = R"({"Sid":"Both","Effect":"Deny","Action":"kms:Decrypt","Resource":"*",
    "Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"},"Bool":{"aws:SecureTransport":"false"}}})";
  constexpr const char* kTwoDenies = R"({"Sid":"Via","Effect":"Deny","Action":"kms:Decrypt","Resource":"*",
    "Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}},
    {"Sid":"Tls","Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}})";
  auto with = [&](const char* denies) {
    return conditions(load(std::string(R"({"Version":"2012-10-17","Statement":[)") + kAllow + "," + denies + "]}", open_boundary));
  };
  auto one = with(kOneDeny);
  REQUIRE(one.size() == 2);
  CHECK(one[0].effect == Effect::kDeny);
  CHECK(one[0].deny_group != 0);
  CHECK(one[0].deny_group == one[1].deny_group);  // refused only when both hold
  auto two = with(kTwoDenies);
  REQUIRE(two.size() == 2);
  CHECK(two[0].deny_group != two[1].deny_group);  // either one refuses
}

}  // namespace
}  // namespace kmsaccess::core
