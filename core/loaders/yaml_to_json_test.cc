#include "core/loaders/yaml_to_json.h"

#include <doctest/doctest.h>

using namespace kmsaccess::core;

namespace {

Result<JsonValue> convert(const std::string& yaml, std::size_t max_values = 1'000'000) {
  return yaml_to_json(YAML::Load(yaml), "m.yaml", yaml, 64, max_values);
}

const JsonValue& member(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.find(key);
  REQUIRE_MESSAGE(v != nullptr, std::string(key));
  return *v;
}

}  // namespace

TEST_CASE("plain scalars read as JSON would read the same text") {
  auto json = convert("a: 2012-10-17\nb: true\nc: False\nd: 30\ne: 012345678901\nf: -1.5e3\ng: ~\nh: yes\ni:\n");
  REQUIRE_MESSAGE(json, json.error().to_string());
  CHECK(member(*json, "a").is_string());
  CHECK(member(*json, "a").text == "2012-10-17");
  CHECK(member(*json, "b").is_bool());
  CHECK(member(*json, "b").text == "true");
  CHECK(member(*json, "c").is_bool());
  CHECK_FALSE(member(*json, "c").boolean);
  CHECK(member(*json, "d").is_number());
  CHECK(member(*json, "d").text == "30");
  CHECK(member(*json, "e").is_string());  // a leading zero is not a JSON number: text kept
  CHECK(member(*json, "e").text == "012345678901");
  CHECK(member(*json, "f").is_number());
  CHECK(member(*json, "g").is_null());
  CHECK(member(*json, "h").is_string());  // YAML 1.1 booleans are not booleans here
  CHECK(member(*json, "i").is_null());
}

TEST_CASE("quoted scalars are always strings") {
  auto json = convert("a: 'true'\nb: \"30\"\nc: 'null'\n");
  REQUIRE_MESSAGE(json, json.error().to_string());
  CHECK(member(*json, "a").is_string());
  CHECK(member(*json, "b").is_string());
  CHECK(member(*json, "c").text == "null");
}

TEST_CASE("null-looking keys keep their spelling") {
  auto json = convert("Condition:\n  Null: {k: true}\n  'Null': 1\n");
  REQUIRE_FALSE(json);  // the quoted and unquoted spellings are the same key
  CHECK(json.error().to_string() == "m.yaml:3:3: duplicate key 'Null' (first at line 2)");
  auto flow = convert("{NULL: 1, ~: 2, null: 3}");
  REQUIRE_MESSAGE(flow, flow.error().to_string());
  REQUIRE(flow->members.size() == 3);
  CHECK(flow->members[0].key == "NULL");
  CHECK(flow->members[1].key == "~");
  CHECK(flow->members[2].key == "null");
}

TEST_CASE("positions are 1-based lines and columns of the YAML") {
  auto json = convert("Statement:\n  - Effect: Allow\n    Action: [kms:Encrypt, kms:Decrypt]\n");
  REQUIRE_MESSAGE(json, json.error().to_string());
  const JsonValue& statement = member(*json, "Statement").items.at(0);
  CHECK(statement.pos == Pos{2, 5});
  CHECK(statement.members.at(0).key_pos == Pos{2, 5});
  CHECK(member(statement, "Effect").pos == Pos{2, 13});
  CHECK(member(statement, "Action").items.at(1).pos == Pos{3, 27});
}

TEST_CASE("an empty value takes the position of its key") {
  auto json = convert("a: 1\nSid:\nb: 2\n");
  REQUIRE_MESSAGE(json, json.error().to_string());
  CHECK(member(*json, "Sid").pos == Pos{2, 1});
}

TEST_CASE("alias expansion is bounded") {
  std::string yaml = "a: &a [1, 1, 1, 1, 1, 1, 1, 1]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n";
  auto json = convert(yaml, 100);
  REQUIRE_FALSE(json);
  CHECK(json.error().message == "inline document has more than 100 values (aliases expanded)");
}

TEST_CASE("nesting deeper than the limit is an error") {
  YAML::Node node = YAML::Load("[[[[1]]]]");
  auto json = yaml_to_json(node, "m.yaml", "[[[[1]]]]", 3);
  REQUIRE_FALSE(json);
  CHECK(json.error().message == "nesting deeper than 3 levels");
}

TEST_CASE("a mapping key must be a scalar") {
  auto json = convert("? [a, b]\n: 1\n");
  REQUIRE_FALSE(json);
  CHECK(json.error().to_string() == "m.yaml:1:3: a mapping key must be a string");
}

TEST_CASE("a byte order mark and CRLF line ends do not shift null keys or positions") {
  std::string yaml = "\xEF\xBB\xBF" "a: 1\r\nCondition: {Null: {k: true}}\r\n";
  auto json = convert(yaml);
  REQUIRE_MESSAGE(json, json.error().to_string());
  const JsonMember& null_op = member(*json, "Condition").members.at(0);
  CHECK(null_op.key == "Null");
  CHECK(null_op.key_pos == Pos{2, 13});
}
