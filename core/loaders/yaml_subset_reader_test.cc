#include "core/loaders/yaml_subset_reader.h"

#include <string>

#include <doctest/doctest.h>

#include "core/loaders/manifest_loader.h"
#include "core/loaders/testdata_reader.h"
#include "core/loaders/yaml_to_json.h"

using namespace kmsaccess::core;

namespace {

YamlTree read(const std::string& text) {
  std::optional<YamlTree> tree = read_yaml_subset(text);
  REQUIRE_MESSAGE(tree.has_value(), "declined: " << text);
  REQUIRE(tree->documents.size() == 1);
  return std::move(*tree);
}

YamlRef root(const YamlTree& tree) { return {tree, tree.documents.at(0)}; }

// The value of the first pair whose key has this text.
YamlRef value_of(const YamlRef& map, std::string_view key) {
  REQUIRE(map.is_map());
  for (std::uint32_t i = 0; i < map.size(); ++i) {
    if (map.key(i).text() == key) return map.value(i);
  }
  FAIL("no key " << key);
  return map;
}

}  // namespace

TEST_CASE("block mappings and sequences are marked where yaml-cpp marks them") {
  YamlTree tree = read("a: 1\nlist:\n  - x\n  -   k: v\n      k2: w\nindentless:\n- y\n");
  YamlRef r = root(tree);
  CHECK(r.pos() == Pos{1, 1});
  CHECK(r.size() == 3);
  YamlRef list = value_of(r, "list");
  REQUIRE(list.is_sequence());
  CHECK(list.pos() == Pos{3, 3});  // the first '-'
  CHECK(list.item(0).pos() == Pos{3, 5});
  YamlRef item = list.item(1);
  REQUIRE(item.is_map());
  CHECK(item.pos() == Pos{4, 7});  // a mapping is marked at its first key
  CHECK(value_of(item, "k2").pos() == Pos{5, 11});
  YamlRef indentless = value_of(r, "indentless");
  REQUIRE(indentless.is_sequence());
  CHECK(indentless.pos() == Pos{7, 1});
  CHECK(indentless.item(0).text() == "y");
}

TEST_CASE("scalars keep their text and whether they were quoted") {
  YamlTree tree = read("a: 'it''s'\nb: \"\\u00e9\\t\\\"x\\\" \\x41\"\nc: 007\nd: \"007\"\ne: x#y  # note\nf: arn:aws:iam::1:root\n");
  YamlRef r = root(tree);
  CHECK(value_of(r, "a").text() == "it's");
  CHECK(value_of(r, "a").tag() == "!");
  CHECK(value_of(r, "b").text() == "\xC3\xA9\t\"x\" A");
  CHECK(value_of(r, "c").text() == "007");
  CHECK(value_of(r, "c").tag() == "?");  // plain: the loader's type checks see it unquoted
  CHECK(value_of(r, "d").tag() == "!");
  CHECK(value_of(r, "e").text() == "x#y");
  CHECK(value_of(r, "f").text() == "arn:aws:iam::1:root");
}

TEST_CASE("plain null words are nulls that keep their spelling; quoted ones are strings") {
  YamlTree tree = read("Null: ~\n'null': NULL\nk: [null, 'Null']\n");
  YamlRef r = root(tree);
  CHECK(r.key(0).is_null());
  CHECK(r.key(0).text() == "Null");
  CHECK(r.value(0).is_null());
  CHECK(r.value(0).text() == "~");
  CHECK(r.key(1).is_scalar());
  CHECK(r.value(1).text() == "NULL");
  CHECK(value_of(r, "k").item(0).is_null());
  CHECK(value_of(r, "k").item(1).is_scalar());
}

TEST_CASE("an empty value is marked at the next token, or at the end of the input") {
  YamlTree tree = read("a:\n# comment\n  \nb:\n  - \n  - x\nc:");
  YamlRef r = root(tree);
  CHECK(r.value(0).is_null());
  CHECK(r.value(0).pos() == Pos{4, 1});
  CHECK(value_of(r, "b").item(0).is_null());
  CHECK(value_of(r, "b").item(0).pos() == Pos{6, 3});
  CHECK(r.value(2).is_null());
  CHECK(r.value(2).pos() == Pos{7, 1});  // yaml-cpp's end mark: the last line, column 1
}

TEST_CASE("flow collections hold scalars and flow collections") {
  YamlTree tree = read("tags: {Project: Alpha, \"k\":\"v\"}\nlist: [ a , [b, c], {d: e}, [] ]\n");
  YamlRef r = root(tree);
  YamlRef tags = value_of(r, "tags");
  REQUIRE(tags.is_map());
  CHECK(tags.pos() == Pos{1, 7});
  CHECK(tags.size() == 2);
  CHECK(value_of(tags, "k").text() == "v");
  YamlRef list = value_of(r, "list");
  REQUIRE(list.size() == 4);
  CHECK(list.item(0).text() == "a");
  CHECK(list.item(0).pos() == Pos{2, 9});
  CHECK(list.item(1).item(1).text() == "c");
  CHECK(value_of(list.item(2), "d").pos() == Pos{2, 25});
  CHECK(list.item(3).size() == 0);
}

TEST_CASE("comments, CRLF, a byte order mark and a leading --- do not move positions") {
  YamlTree tree = read("\xEF\xBB\xBF--- # start\r\n# c\r\nkey: 1 # note\r\nb: x\r\n");
  YamlRef r = root(tree);
  CHECK(r.pos() == Pos{3, 1});
  CHECK(value_of(r, "key").pos() == Pos{3, 6});
  CHECK(value_of(r, "b").text() == "x");
}

TEST_CASE("duplicate keys are kept in file order, as yaml-cpp keeps them") {
  YamlTree tree = read("a: 1\na: 2\n");
  REQUIRE(root(tree).size() == 2);
  CHECK(root(tree).value(1).text() == "2");
}

TEST_CASE("the subset reader declines what it cannot read with certainty") {
  const std::string long_key(1001, 'k');
  for (const std::string& text : {
           std::string("a: &x 1\nb: *x\n"), std::string("a: !!str 1\n"), std::string("a: !Ref x\n"),
           std::string("a: |\n  x\n"), std::string("a: >\n  x\n"), std::string("a: b\n  c\n"),
           std::string("a: \"b\n  c\"\n"), std::string("? a\n: b\n"), std::string("a: 1\n---\nb: 2\n"),
           std::string("a: 1\n...\n"), std::string("%YAML 1.2\n---\na: 1\n"), std::string("a:\tb\n"),
           std::string("a:\n\tb: 1\n"), std::string("a: [x,\n  y]\n"), std::string("\"a\" : b\n"),
           std::string(": x\n"), std::string("a: {b: }\n"), std::string("a: [b: c]\n"), std::string("a: [b,]\n"),
           long_key + ": v\n", std::string("hello\n"), std::string(""), std::string("# only a comment\n"),
           std::string("a: b\x01\n"), std::string("a: 1\rb: 2\n"), std::string("\xFF\xFE" "a\0:\0 \0" "1\0", 10),
           std::string("a: \"\\q\"\n"), std::string("a: \"\\uD800\"\n"), std::string("a: 1\n b: 2\n"),
           std::string("- - x\n"), std::string("a: \"x\"y\n"), std::string("a: [x] y\n"), std::string("a: b: c\n"),
           std::string("a:\n  b\n"), std::string("-\n  a: 1\n"), std::string("a: x #c\n  y: 1\n")}) {
    CHECK_MESSAGE(!read_yaml_subset(text).has_value(), text);
  }
}

TEST_CASE("nesting deeper than 64 levels is declined, and never overflows the stack") {
  auto nested = [](std::size_t depth) { return "a: " + std::string(depth, '[') + std::string(depth, ']') + "\n"; };
  CHECK(read_yaml_subset(nested(64)).has_value());
  CHECK_FALSE(read_yaml_subset(nested(65)).has_value());
  CHECK_FALSE(read_yaml_subset(nested(1'000'000)).has_value());
  std::string block;
  for (std::size_t level = 0; level < 200; ++level) block += std::string(level, ' ') + "k:\n";
  CHECK_FALSE(read_yaml_subset(block).has_value());
}

TEST_CASE("an inline document in the tree converts to JSON keeping null-looking keys") {
  YamlTree tree = read("Condition:\n  Null: {k: true}\n  ~: 1\n");
  auto json = yaml_to_json(root(tree), "m.yaml", 64);
  REQUIRE_MESSAGE(json, json.error().to_string());
  const JsonValue* condition = json->find("Condition");
  REQUIRE(condition != nullptr);
  REQUIRE(condition->members.size() == 2);
  CHECK(condition->members[0].key == "Null");
  CHECK(condition->members[1].key == "~");
  CHECK(condition->members[0].value.find("k")->is_bool());
}

TEST_CASE("a manifest the subset reader declines loads through yaml-cpp as before") {
  // An anchor and an alias: outside the subset, read by yaml-cpp.
  const std::string text =
      "account: &home '111122223333'\norganization:\n  id: o-exampleorgid\n  management_account: *home\n";
  REQUIRE_FALSE(read_yaml_subset(text).has_value());
  testing::TestdataReader reader(KMSACCESS_SOURCE_DIR);
  auto inventory = parse_manifest(text, "m.yaml", reader);
  REQUIRE_MESSAGE(inventory, inventory.error().to_string());
  CHECK(inventory->account == "111122223333");
  CHECK(inventory->management_account == "111122223333");
}
