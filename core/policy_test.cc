#include "core/policy.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

using namespace kmsaccess::core;

namespace {

PolicyDocument parse_ok(std::string_view text, std::string_view file = "p.json") {
  auto r = parse_policy(text, file);
  if (!r) FAIL(r.error().to_string());
  return *r;
}

std::string read_testdata(const std::string& relative) {
  std::ifstream in(std::string(KMSACCESS_SOURCE_DIR) + "/testdata/" + relative, std::ios::binary);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Percent-encodes like Python's urllib.parse.quote (what IAM's encoding looks like): '*' -> %2A.
std::string url_encode(std::string_view text) {
  const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool plain = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
                 c == '_' || c == '.' || c == '~' || c == '/';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4U];
      out += hex[u & 0xFU];
    }
  }
  return out;
}

const std::string_view kSample = R"({
  "Version": "2012-10-17",
  "Id": "key-default-1",
  "Statement": [
    {
      "Sid": "Root",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "logs.amazonaws.com"},
      "Action": ["kms:Decrypt", "kms:Get*"],
      "Resource": "*",
      "Condition": {
        "StringEquals": {"kms:ViaService": ["s3.us-east-1.amazonaws.com", "ec2.us-east-1.amazonaws.com"]},
        "Bool": {"aws:SecureTransport": true},
        "NumericLessThan": {"kms:ScheduleKeyDeletionPendingWindowInDays": 30}
      }
    },
    {"Effect": "Deny", "Principal": "*", "NotAction": "kms:Decrypt", "NotResource": ["arn:aws:kms:*"]}
  ]
}
)";

const std::string_view kPretty = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
})";

}  // namespace

TEST_CASE("policy: document elements carry their positions") {
  PolicyDocument doc = parse_ok(kSample);
  CHECK(doc.file == "p.json");
  CHECK(doc.version == "2012-10-17");
  CHECK(doc.version_pos == Pos{2, 14});
  CHECK(doc.id == "key-default-1");
  CHECK(doc.id_pos == Pos{3, 9});
  CHECK(doc.statement_pos == Pos{4, 16});
  CHECK_FALSE(doc.statement_is_object);
  REQUIRE(doc.statements.size() == 2);
  CHECK(doc.statements[0].pos == Pos{5, 5});
  CHECK(doc.statements[1].pos == Pos{17, 5});
  CHECK(doc.statements[1].index == 1);
  CHECK(doc.byte_size == kSample.size());
  CHECK(doc.where(doc.statements[1].pos).to_string() == "p.json:17:5");
}

TEST_CASE("policy: statement elements carry their positions") {
  const PolicyDocument doc = parse_ok(kSample);
  const Statement& st = doc.statements.at(0);
  CHECK(st.sid == "Root");
  CHECK(st.sid_pos == Pos{6, 14});
  CHECK(st.effect == Effect::kAllow);
  CHECK(st.effect_pos == Pos{7, 17});
  CHECK(st.principal.pos == Pos{8, 20});
  REQUIRE(st.principal.entries.size() == 3);
  CHECK(st.principal.entries[0].pos == Pos{8, 29});
  CHECK(st.principal.entries[1].pos == Pos{8, 63});
  CHECK(st.principal.entries[2].pos == Pos{8, 91});
  REQUIRE(st.actions.size() == 2);
  CHECK(st.actions[0].pos == Pos{9, 18});
  CHECK(st.actions[1].pos == Pos{9, 33});
  REQUIRE(st.resources.size() == 1);
  CHECK(st.resources[0].pos == Pos{10, 19});
  CHECK(st.condition_pos == Pos{11, 20});
  const Statement& deny = doc.statements.at(1);
  CHECK(deny.effect == Effect::kDeny);
  CHECK(deny.effect_pos == Pos{17, 16});
  CHECK(deny.principal.pos == Pos{17, 37});
  CHECK(deny.actions.at(0).pos == Pos{17, 55});
  CHECK(deny.resources.at(0).pos == Pos{17, 86});
}

TEST_CASE("policy: condition clauses keep operator, key and values with positions") {
  const PolicyDocument doc = parse_ok(kSample);
  const Statement& st = doc.statements.at(0);
  REQUIRE(st.conditions.size() == 3);
  const ConditionClause& via = st.conditions[0];
  CHECK(via.operator_text == "StringEquals");
  CHECK(via.op.base == BaseOperator::kStringEquals);
  CHECK(via.operator_pos == Pos{12, 9});
  CHECK(via.key == "kms:ViaService");
  CHECK(via.key_lower == "kms:viaservice");
  CHECK(via.key_pos == Pos{12, 26});
  REQUIRE(via.values.size() == 2);
  CHECK(via.values[0].text == "s3.us-east-1.amazonaws.com");
  CHECK(via.values[0].pos == Pos{12, 45});
  CHECK(via.values[1].pos == Pos{12, 75});
  const ConditionClause& secure = st.conditions[1];
  CHECK(secure.op.base == BaseOperator::kBool);
  REQUIRE(secure.values.size() == 1);
  CHECK(secure.values[0].text == "true");
  CHECK(secure.values[0].json_kind == JsonValue::Kind::kBool);
  CHECK(secure.values[0].pos == Pos{13, 41});
  const ConditionClause& window = st.conditions[2];
  CHECK(window.values.at(0).text == "30");
  CHECK(window.values.at(0).json_kind == JsonValue::Kind::kNumber);
  CHECK(window.values.at(0).pos == Pos{14, 75});
}

TEST_CASE("policy: operator prefixes and suffixes are parsed; an empty Condition is accepted") {
  auto doc = parse_ok(R"({"Statement": {"Effect": "Allow", "Action": "kms:*", "Condition": {
      "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "a*"}, "StringEquals": {"k": []}}}})");
  const auto& c = doc.statements.at(0).conditions;
  REQUIRE(c.size() == 2);
  CHECK(c[0].op.set == SetOperator::kForAnyValue);
  CHECK(c[0].op.if_exists);
  CHECK(c[1].values.empty());
  auto empty = parse_ok(R"({"Statement": {"Effect": "Allow", "Condition": {}}})");
  CHECK(empty.statements.at(0).has_condition);
  CHECK(empty.statements.at(0).conditions.empty());
}

TEST_CASE("policy: a single Statement object is one statement with pointer /Statement") {
  auto doc = parse_ok(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "kms:*"}})");
  CHECK(doc.statement_is_object);
  REQUIRE(doc.statements.size() == 1);
  CHECK(doc.statements[0].json_pointer() == "/Statement");
  CHECK(doc.statements[0].label() == "/Statement");
  auto arr = parse_ok(kSample);
  CHECK(arr.statements[1].json_pointer() == "/Statement/1");
  CHECK(arr.statements[0].label() == "Root");
  CHECK(arr.statements[1].label() == "/Statement/1");
}

TEST_CASE("policy: an empty Sid labels the statement by its pointer") {
  auto doc = parse_ok(R"({"Statement": [{"Sid": "", "Effect": "Allow"}]})");
  CHECK(doc.statements[0].has_sid);
  CHECK(doc.statements[0].label() == "/Statement/0");
}

TEST_CASE("policy: every principal form of FORMATS.md 0.6 that AWS accepts") {
  auto doc = parse_ok(R"({"Statement": [
    {"Principal": "*"},
    {"Principal": {"AWS": "*"}},
    {"Principal": {"AWS": ["*", "arn:aws:iam::111122223333:root"]}},
    {"Principal": {"AWS": "111122223333"}},
    {"Principal": {"AWS": ["arn:aws:iam::111122223333:role/path/to/App",
        "arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2",
        "arn:aws:sts::111122223333:assumed-role/App/session", "AROAEXAMPLEID", "AIDAEXAMPLEID"]}},
    {"Principal": {"Service": ["logs.us-east-1.amazonaws.com", "cloudtrail.amazonaws.com"]}},
    {"NotPrincipal": {"Federated": "cognito-identity.amazonaws.com", "CanonicalUser": "79a59df9"}}
  ]})");
  const auto& s = doc.statements;
  REQUIRE(s.size() == 7);
  CHECK(s[0].principal.wildcard);
  CHECK(s[0].principal.entries.empty());
  CHECK_FALSE(s[1].principal.wildcard);  // {"AWS": "*"} stays an entry; the evaluator decides
  CHECK(s[1].principal.entries.at(0).value == "*");
  CHECK(s[2].principal.entries.size() == 2);
  CHECK(s[3].principal.entries.at(0).value == "111122223333");
  CHECK(s[4].principal.entries.size() == 5);
  CHECK(s[4].principal.entries.at(3).value == "AROAEXAMPLEID");
  CHECK(s[5].principal.entries.at(1).type == PrincipalType::kService);
  CHECK(s[6].not_principal);
  CHECK(s[6].principal.entries.at(0).type == PrincipalType::kFederated);
  CHECK(s[6].principal.entries.at(1).type == PrincipalType::kCanonicalUser);
  CHECK(to_string(s[6].principal.entries.at(1).type) == "CanonicalUser");
}

TEST_CASE("policy: string and one-element array mean the same everywhere") {
  auto one = parse_ok(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": "a"}, "Action": "kms:Decrypt",
      "Resource": "*", "Condition": {"StringEquals": {"k": "v"}}}})");
  auto arr =
      parse_ok(R"({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["a"]}, "Action": ["kms:Decrypt"],
      "Resource": ["*"], "Condition": {"StringEquals": {"k": ["v"]}}}})");
  const Statement& a = one.statements[0];
  const Statement& b = arr.statements[0];
  CHECK(a.principal.entries.at(0).value == b.principal.entries.at(0).value);
  CHECK(a.action_mask == b.action_mask);
  CHECK(a.action_mask == action_bit(*find_action("kms:Decrypt")));
  CHECK(a.resources.at(0).text == b.resources.at(0).text);
  CHECK(a.conditions.at(0).values.at(0).text == b.conditions.at(0).values.at(0).text);
}

TEST_CASE("policy: action masks for Action and NotAction") {
  auto doc = parse_ok(R"({"Statement": [
    {"Action": "kms:*"}, {"Action": "*"}, {"Action": ["s3:GetObject", "kms:Get*"]},
    {"NotAction": ["kms:Decrypt", "kms:Encrypt"]}, {"NotResource": "arn:aws:s3:::b"}]})");
  const auto& s = doc.statements;
  CHECK(s[0].action_mask == all_actions_mask());
  CHECK_FALSE(s[0].matches_non_kms);
  CHECK(s[1].action_mask == all_actions_mask());
  CHECK(s[1].matches_non_kms);
  CHECK(s[2].action_mask == match_action_pattern("kms:Get*"));
  CHECK(s[2].matches_non_kms);
  ActionMask listed = action_bit(*find_action("kms:Decrypt")) | action_bit(*find_action("kms:Encrypt"));
  CHECK(s[3].not_action);
  CHECK(s[3].action_mask == (all_actions_mask() & ~listed));
  CHECK(s[3].matches_non_kms);
  CHECK(s[4].not_resource);
  CHECK_FALSE(s[4].has_action);
}

TEST_CASE("policy: missing Effect, Principal, Action, Resource and Version are not parse errors") {
  auto doc = parse_ok(R"({"Statement": [{"Sid": "x"}]})");
  const Statement& st = doc.statements.at(0);
  CHECK_FALSE(doc.has_version);
  CHECK_FALSE(st.has_effect);
  CHECK_FALSE(st.has_principal);
  CHECK_FALSE(st.has_action);
  CHECK_FALSE(st.has_resource);
  CHECK_FALSE(st.has_condition);
  CHECK(parse_ok(R"({"Version": "2008-10-17", "Statement": [{}]})").version == "2008-10-17");
  CHECK(parse_ok(R"({"Version": "yesterday", "Statement": [{}]})").has_version);
}

TEST_CASE("policy: GetKeyPolicy output holds the policy as a string") {
  auto outer = parse_json(read_testdata("corpus/formats/botocore__GetKeyPolicy.output.json"), "get.json");
  REQUIRE(outer.has_value());
  auto doc = policy_from_json(*outer->find("Policy"), "get.json#/Policy");
  REQUIRE(doc.has_value());
  CHECK(doc->file == "get.json#/Policy");
  CHECK(doc->id == "key-default-1");
  const Statement& st = doc->statements.at(0);
  CHECK(st.sid == "Enable IAM User Permissions");
  CHECK(st.sid_pos == Pos{5, 13});  // inside the decoded text, Jackson layout "Sid" : "..."
  CHECK(st.principal.entries.at(0).value == "arn:aws:iam::111122223333:root");
  CHECK(doc->byte_size == outer->find("Policy")->text.size());
  CHECK(policy_from_json(*outer->find("Policy"), "get.json")->file == "get.json#embedded");
}

TEST_CASE("policy: a document that is a JSON string is parsed from its content") {
  std::string text;
  append_json_string(text, kPretty);
  auto doc = parse_ok(text, "s.json");
  CHECK(doc.file == "s.json#embedded");
  CHECK(doc.statements.at(0).effect_pos == Pos{5, 17});
}

TEST_CASE("policy: AWS Config double-encoded results are decoded twice") {
  auto outer = parse_json(
      read_testdata("corpus/formats/custodian_placebo_config.SelectResourceConfig_kms.json"), "c.json");
  REQUIRE(outer.has_value());
  const JsonValue& item = outer->find("data")->find("Results")->items.at(0);
  auto record = parse_json(item.text, "c.json#/data/Results/0");
  REQUIRE(record.has_value());
  auto doc = policy_from_json(*record->find("supplementaryConfiguration")->find("Policy"), "c.json#/Policy");
  REQUIRE(doc.has_value());
  CHECK(doc->id == "key-consolepolicy-3");
  CHECK(doc->statements.at(0).principal.entries.at(0).value == "arn:aws:iam::644160558196:root");
}

TEST_CASE("policy: compact URL-encoded IAM documents (raw recordings) are decoded") {
  auto outer = parse_json(
      read_testdata("corpus/formats/custodian_placebo_iam.GetRole_boundary_urlencoded.json"), "r.json");
  REQUIRE(outer.has_value());
  const JsonValue* encoded = outer->find("data")->find("Role")->find("AssumeRolePolicyDocument");
  REQUIRE(encoded != nullptr);
  auto doc = policy_from_json(*encoded, "r.json#/data/Role/AssumeRolePolicyDocument");
  REQUIRE(doc.has_value());
  CHECK(doc->file == "r.json#/data/Role/AssumeRolePolicyDocument");
  const Statement& st = doc->statements.at(0);
  CHECK(st.principal.entries.at(0).type == PrincipalType::kService);
  CHECK(st.principal.entries.at(0).value == "lambda.amazonaws.com");
  CHECK(st.actions.at(0).text == "sts:AssumeRole");
  CHECK(st.effect_pos == Pos{1, 57});  // a compact document is one line
  auto raw = parse_policy(encoded->text, "trust.json");
  REQUIRE(raw.has_value());
  CHECK(raw->file == "trust.json#url-decoded");
}

TEST_CASE("policy: pretty-printed URL-encoded documents keep their lines; %2A is '*'") {
  std::string encoded = url_encode(kPretty);
  REQUIRE(encoded.find("%2A") != std::string::npos);
  for (std::string text : {encoded, "%7b" + encoded.substr(3) + "\r\n"}) {
    auto doc = parse_ok(text, "u.json");
    CHECK(doc.statements.at(0).effect_pos == Pos{5, 17});
    CHECK(doc.statements.at(0).principal.entries.at(0).value == "*");
    CHECK(doc.statements.at(0).action_mask == all_actions_mask());
    CHECK(doc.byte_size == kPretty.size());
  }
}

TEST_CASE("policy: an embedded document records where its outermost holder starts in the file") {
  // A string member: the string's position in the outer file.
  std::string member;
  append_json_string(member, kPretty);
  auto outer = parse_json("{\n  \"Policy\": " + member + "\n}", "get.json");
  REQUIRE(outer.has_value());
  auto held = policy_from_json(*outer->find("Policy"), "get.json#/Policy");
  REQUIRE(held.has_value());
  CHECK(held->embedded_at == std::optional<Pos>(Pos{2, 13}));
  // An object keeps the file's own positions: nothing to map.
  auto object = parse_json(kPretty, "p.json");
  REQUIRE(object.has_value());
  CHECK_FALSE(policy_from_json(*object, "p.json#/x")->embedded_at.has_value());
  CHECK_FALSE(parse_ok(kPretty, "plain.json").embedded_at.has_value());
  // A file that is a string holding a string holding the policy: the outer string, not the inner.
  std::string once, twice;
  append_json_string(once, kPretty);
  append_json_string(twice, once);
  CHECK(parse_ok("\n  " + twice, "s.json").embedded_at == std::optional<Pos>(Pos{2, 3}));
  // URL-encoded text: where the encoded text starts, after leading blanks.
  CHECK(parse_ok("  " + url_encode(kPretty), "u.json").embedded_at == std::optional<Pos>(Pos{1, 3}));
}

TEST_CASE("policy: url_decode handles %XX and leaves '+' alone") {
  CHECK(url_decode("%7B%22a%22%3A%2a+b%7d") == std::optional<std::string>("{\"a\":*+b}"));
  CHECK(url_decode("") == std::optional<std::string>(""));
  CHECK_FALSE(url_decode("%4").has_value());
  CHECK_FALSE(url_decode("100%").has_value());
  CHECK_FALSE(url_decode("%zz").has_value());
}

TEST_CASE("policy: an object value keeps outer positions and its compact size") {
  const std::string_view outer_text = "{\"P\": {\"Statement\": [ {\"Effect\" : \"Deny\"} ]}}";
  auto outer = parse_json(outer_text, "o.json");
  REQUIRE(outer.has_value());
  auto doc = policy_from_json(*outer->find("P"), "o.json#/P");
  REQUIRE(doc.has_value());
  CHECK(doc->file == "o.json");
  CHECK(doc->statements.at(0).effect_pos == Pos{1, 35});
  CHECK(doc->byte_size == std::string_view(R"({"Statement":[{"Effect":"Deny"}]})").size());
}
