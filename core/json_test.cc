#include "core/json.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace kmsaccess::core;

namespace {

Error parse_error(std::string_view text, const JsonLimits& limits = {}) {
  auto r = parse_json(text, "t.json", limits);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

void check_error_at(std::string_view text, std::uint32_t line, std::uint32_t column) {
  Error e = parse_error(text);
  CHECK(e.pos.file == "t.json");
  CHECK(e.pos.line == line);
  CHECK(e.pos.column == column);
}

}  // namespace

TEST_CASE("json: values and keys carry the line and column of their first character") {
  const std::string_view text =
      "{\n"
      "  \"Statement\": [\n"
      "    {\"Sid\": \"A\", \"Action\": [\"kms:Decrypt\", 7]}\n"
      "  ]\n"
      "}\n";
  auto r = parse_json(text, "t.json");
  REQUIRE(r.has_value());
  CHECK(r->pos == Pos{1, 1});
  const JsonMember* statement = r->find_member("Statement");
  REQUIRE(statement != nullptr);
  CHECK(statement->key_pos == Pos{2, 3});
  CHECK(statement->value.pos == Pos{2, 16});
  const JsonValue& stmt = statement->value.items.at(0);
  CHECK(stmt.pos == Pos{3, 5});
  CHECK(stmt.members.at(0).key_pos == Pos{3, 6});
  CHECK(stmt.members.at(0).value.pos == Pos{3, 13});
  CHECK(stmt.members.at(1).key_pos == Pos{3, 18});
  const JsonValue& actions = stmt.members.at(1).value;
  CHECK(actions.pos == Pos{3, 28});
  CHECK(actions.items.at(0).pos == Pos{3, 29});
  CHECK(actions.items.at(1).pos == Pos{3, 44});
  CHECK(actions.items.at(1).text == "7");
}

TEST_CASE("json: columns count code points, not UTF-8 bytes") {
  auto r = parse_json("{\"k\u00e9y\": \"\u00e9\u00e9\", \"b\": 1}", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->members.at(1).key_pos == Pos{1, 15});
}

TEST_CASE("json: strings mixing plain runs, escapes, tabs and UTF-8 keep text and later positions") {
  auto r = parse_json("{\"a\": \"x\\\"y\\u00e9z\tq\u00e9\", \"b\": 2,\n \"c\": \"\\n\"}", "t.json");
  REQUIRE_MESSAGE(r.has_value(), (r ? "" : r.error().to_string()));
  CHECK(r->members.at(0).value.text == "x\"y\u00e9z\tq\u00e9");
  CHECK(r->members.at(1).key_pos == Pos{1, 25});
  CHECK(r->members.at(2).key_pos == Pos{2, 2});
  CHECK(r->members.at(2).value.text == "\n");
}

TEST_CASE("json: long strings keep text and columns wherever a UTF-8 character, escape or control byte falls") {
  // Plain runs are taken 8 bytes at a time; the byte that stops a run may sit anywhere in a word.
  const std::string plain(24, 'a');
  for (std::size_t at = 0; at <= plain.size(); ++at) {
    CAPTURE(at);
    const std::string head = plain.substr(0, at);
    const std::string tail = plain.substr(at);
    // `{"k": "` puts the first character of the string at column 8.
    auto utf8 = parse_json("{\"k\": \"" + head + "\u00e9" + tail + "\", \"b\": 1}", "t.json");
    REQUIRE(utf8.has_value());
    CHECK(utf8->members.at(0).value.text == head + "\u00e9" + tail);
    CHECK(utf8->members.at(1).key_pos == Pos{1, 8 + 25 + 3});

    auto escape = parse_json("{\"k\": \"" + head + "\\n" + tail + "\", \"b\": 1}", "t.json");
    REQUIRE(escape.has_value());
    CHECK(escape->members.at(0).value.text == head + "\n" + tail);
    CHECK(escape->members.at(1).key_pos == Pos{1, 8 + 26 + 3});

    check_error_at("{\"k\": \"" + head + "\x01" + tail + "\"}", 1, static_cast<std::uint32_t>(8 + at));
    auto quote = parse_json("{\"k\": \"" + head + "\", \"b\": \"" + tail + "\"}", "t.json");
    REQUIRE(quote.has_value());
    CHECK(quote->members.at(0).value.text == head);
    CHECK(quote->members.at(1).value.text == tail);
  }
}

TEST_CASE("json: json_string_size is the length append_json_string writes, for every byte") {
  for (int b = 0; b < 256; ++b) {
    const std::string s = std::string("a") + static_cast<char>(b) + "z";
    std::string written;
    append_json_string(written, s);
    CAPTURE(b);
    CHECK(json_string_size(s) == written.size());
  }
  CHECK(json_string_size("") == 2);
}

TEST_CASE("json: CRLF counts as one line break") {
  auto r = parse_json("{\r\n  \"a\": 1,\r\n\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->members.at(0).key_pos == Pos{2, 3});
  CHECK(r->members.at(1).key_pos == Pos{4, 3});
  CHECK(r->members.at(1).value.items.at(0).pos == Pos{5, 5});
  check_error_at("{\r\n  \"a\": 1,\r\n  \"b\": x\r\n}", 3, 8);
}

TEST_CASE("json: a UTF-8 byte order mark is skipped") {
  auto r = parse_json("\xEF\xBB\xBF{\n  \"a\": \"b\"\n}", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->is_object());
  CHECK(r->find("a")->text == "b");
  CHECK(r->members.at(0).key_pos == Pos{2, 3});  // lines after the first are unaffected
}

// Editors hide the BOM, so the first character after it is column 1.
TEST_CASE("json: a byte order mark takes no column") {
  auto r = parse_json("\xEF\xBB\xBF{\"a\": 1}", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->pos == Pos{1, 1});
}

TEST_CASE("json: a duplicate key is an error at the second occurrence") {
  Error e = parse_error("{\n  \"Sid\": \"a\",\n  \"Sid\": \"b\"\n}");
  CHECK(e.pos.line == 3);
  CHECK(e.pos.column == 3);
  CHECK(e.message.find("duplicate key \"Sid\" (first at line 2, column 3)") != std::string::npos);
}

TEST_CASE("json: duplicate keys are found in large objects too, at the second occurrence") {
  // Past 16 members the keys are indexed; the message must not change.
  for (int members : {3, 15, 16, 17, 2000}) {
    std::string text = "{";
    for (int i = 0; i < members; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
    text += "\"k1\": true}";
    auto r = parse_json(text, "t.json");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().to_string() ==
          "t.json:" + std::to_string(members + 1) + ":1: duplicate key \"k1\" (first at line 2, column 1)");
    text = "{";
    for (int i = 0; i < members; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",\n";
    text += "\"last\": true}";
    auto ok = parse_json(text, "t.json");
    REQUIRE(ok.has_value());
    CHECK(ok->members.size() == static_cast<std::size_t>(members) + 1);
  }
}

TEST_CASE("json: a trailing comma is an error where the closing bracket is") {
  check_error_at("{\n  \"a\": [1, 2,\n  ]\n}", 3, 3);
  check_error_at("{\n  \"a\": 1,\n}", 3, 1);
  CHECK(parse_error("[1,]").message.find("trailing comma") != std::string::npos);
}

TEST_CASE("json: bytes that are not UTF-8 are an error at the byte, naming the encoding") {
  check_error_at("{\n  \"Sid\": \"pr\xe9" "d\"\n}", 2, 13);            // Latin-1 e-acute
  check_error_at("{\"k\": \"\xc3\"}", 1, 8);                        // a truncated sequence
  check_error_at("{\"k\": \"ab\xc0\xaf\"}", 1, 10);                 // an overlong '/'
  check_error_at("{\"k\": \"\xed\xa0\x80\"}", 1, 8);                // a UTF-16 surrogate
  check_error_at("{\"k\": \"\xf4\x90\x80\x80\"}", 1, 8);           // above U+10FFFF
  check_error_at("{\"\xff\": 1}", 1, 3);                             // in a key too
  CHECK(parse_error("\"\xe9\"").message.find("UTF-8") != std::string::npos);
  // Every well-formed length still reads, with one column per character.
  auto ok = parse_json("{\"k\": \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x91x\", \"b\": 1}", "t.json");
  REQUIRE(ok.has_value());
  CHECK(ok->members.at(0).value.text == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\x91x");
  CHECK(ok->members.at(1).key_pos == Pos{1, 8 + 4 + 3});
}

TEST_CASE("json: an unterminated string is reported at its opening quote") {
  check_error_at("{\n  \"a\": \"no end", 2, 8);
  check_error_at("{\n  \"a\": \"broken\n  line\"\n}", 2, 8);
  CHECK(parse_error("\"abc").message.find("unterminated string") != std::string::npos);
}

TEST_CASE("json: nesting deeper than the limit is an error naming the option") {
  JsonLimits limits;
  limits.max_depth = 3;
  CHECK(parse_json("[[[1]]]", "t.json", limits).has_value());
  Error e = parse_error("[[[[1]]]]", limits);
  CHECK(e.pos.line == 1);
  CHECK(e.pos.column == 4);
  CHECK(e.message.find("--max-json-depth") != std::string::npos);
  // Far past the limit must still be an error, not a stack overflow.
  std::string deep(100000, '[');
  CHECK_FALSE(parse_json(deep, "t.json").has_value());
}

TEST_CASE("json: the size limit is checked before parsing") {
  JsonLimits limits;
  limits.max_bytes = 4;
  Error e = parse_error("[1, 2]", limits);
  CHECK(e.message.find("--max-file-size") != std::string::npos);
}

TEST_CASE("json: numbers keep their literal text") {
  auto r = parse_json("[0, -1, 30, 1.5, 1.477431461E9, -2e-3, 1518567315.0]", "t.json");
  REQUIRE(r.has_value());
  const char* expected[] = {"0", "-1", "30", "1.5", "1.477431461E9", "-2e-3", "1518567315.0"};
  REQUIRE(r->items.size() == 7);
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK(r->items[i].is_number());
    CHECK(r->items[i].text == expected[i]);
  }
}

TEST_CASE("json: malformed numbers are errors") {
  check_error_at("[01]", 1, 3);
  check_error_at("[1.]", 1, 4);
  check_error_at("[-]", 1, 3);
  check_error_at("[1e]", 1, 4);
  check_error_at("[+1]", 1, 2);
}

TEST_CASE("json: unicode escapes decode to UTF-8, lone surrogates to U+FFFD") {
  auto r = parse_json(R"(["\u00e9", "\u20AC", "\ud83d\ude00", "\ud800x", "\/\t\n"])", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->items.at(0).text == "\xC3\xA9");
  CHECK(r->items.at(1).text == "\xE2\x82\xAC");
  CHECK(r->items.at(2).text == "\xF0\x9F\x98\x80");
  CHECK(r->items.at(3).text == "\xEF\xBF\xBDx");
  CHECK(r->items.at(4).text == "/\t\n");
  check_error_at(R"(["\u12G4"])", 1, 7);
  check_error_at(R"(["\q"])", 1, 5);
}

TEST_CASE("json: literals and stray text") {
  auto r = parse_json("[true, false, null]", "t.json");
  REQUIRE(r.has_value());
  CHECK(r->items.at(0).boolean);
  CHECK(r->items.at(1).is_bool());
  CHECK(r->items.at(2).is_null());
  check_error_at("[tru]", 1, 2);
  check_error_at("{} x", 1, 4);
  check_error_at("", 1, 1);
  check_error_at("{\"a\" 1}", 1, 6);
  check_error_at("{a: 1}", 1, 2);
}

TEST_CASE("json: every truncated prefix of a document is an error with a position") {
  const std::string doc =
      "\xEF\xBB\xBF{\r\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\n"
      "    \"Effect\": \"Allow\", \"n\": -1.5e+3, \"b\": [true, false, null],\n"
      "    \"u\": \"\\u00e9\\ud83d\\ude00 \\\"q\\\"\", \"e\": {}, \"a\": []\n  } ]\n}";
  REQUIRE(parse_json(doc, "t.json").has_value());
  // The last byte is the closing '}', so every shorter prefix is incomplete.
  for (std::size_t n = 0; n + 1 < doc.size(); ++n) {
    CAPTURE(n);
    auto r = parse_json(std::string_view(doc).substr(0, n), "t.json");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().pos.line >= 1);
    CHECK(r.error().pos.column >= 1);
  }
}
