#include "core/json.h"
#include "core/utf8_bom.h"

#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace kmsaccess::core {
namespace {

class Reader {
 public:
  Reader(std::string_view text, std::string_view file, const JsonLimits& limits)
      : text_(text), file_(file), limits_(limits) {}

  Result<JsonValue> parse_document() {
    if (text_.size() > limits_.max_bytes) {
      return fail_at({1, 1}, "file is " + std::to_string(text_.size()) + " bytes, over the limit of " +
                                 std::to_string(limits_.max_bytes) + " (raise it with --max-file-size)");
    }
    i_ = bom_size(text_);  // the BOM takes no column
    skip_ws();
    if (at_end()) return fail("expected a JSON value, found end of file");
    JsonValue root;
    if (!parse_value(root, 0)) return error_;
    skip_ws();
    if (!at_end()) return fail("expected end of document after the top-level value, found " + describe_here());
    return root;
  }

 private:
  std::string_view text_;
  std::string_view file_;
  const JsonLimits& limits_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 1;
  Error error_;
  // Elements and members are gathered per nesting level and then moved once into a vector of
  // the exact size: no regrowth copies, one allocation per container, and a smaller document.
  // A deque, so a level's vector stays put while deeper levels are added.
  std::deque<std::vector<JsonValue>> item_scratch_;
  std::deque<std::vector<JsonMember>> member_scratch_;

  template <typename T>
  static std::vector<T>& scratch_at(std::deque<std::vector<T>>& levels, std::size_t depth) {
    while (levels.size() <= depth) levels.emplace_back();
    return levels[depth];
  }
  template <typename T>
  static void move_out(std::vector<T>& scratch, std::vector<T>& out) {
    out.reserve(scratch.size());
    std::move(scratch.begin(), scratch.end(), std::back_inserter(out));
    scratch.clear();
  }

  bool at_end() const { return i_ >= text_.size(); }
  char peek() const { return text_[i_]; }
  Pos here() const { return {line_, col_}; }

  void advance(std::size_t n = 1) {
    for (std::size_t k = 0; k < n && i_ < text_.size(); ++k) {
      char c = text_[i_++];
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else if (c == '\r') {
        // CRLF is one break; a lone CR also ends a line.
        if (i_ < text_.size() && text_[i_] == '\n') ++i_;
        ++line_;
        col_ = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
        ++col_;  // count code points, not UTF-8 continuation bytes
      }
    }
  }

  Error fail_at(Pos p, std::string message) {
    error_ = make_error(std::move(message), SourcePos(std::string(file_), p));
    return error_;
  }
  Error fail(std::string message) { return fail_at(here(), std::move(message)); }

  std::string describe_here() const {
    if (at_end()) return "end of file";
    unsigned char c = static_cast<unsigned char>(peek());
    if (c < 0x20 || c >= 0x7F) return "byte 0x" + hex2(c);
    return std::string("'") + static_cast<char>(c) + "'";
  }
  static std::string hex2(unsigned char c) {
    const char* digits = "0123456789abcdef";
    return {digits[c >> 4U], digits[c & 0xFU]};
  }

  void skip_ws() {
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t') {  // the common case, without advance()'s line bookkeeping
        ++i_;
        ++col_;
      } else if (c == '\n' || c == '\r') {
        advance();
      } else {
        break;
      }
    }
  }

  bool parse_value(JsonValue& out, std::size_t depth) {
    out.pos = here();
    char c = peek();
    switch (c) {
      case '{': return parse_object(out, depth + 1);
      case '[': return parse_array(out, depth + 1);
      case '"': out.kind = JsonValue::Kind::kString; return parse_string(out.text);
      case 't': return parse_literal(out, "true", JsonValue::Kind::kBool, true);
      case 'f': return parse_literal(out, "false", JsonValue::Kind::kBool, false);
      case 'n': return parse_literal(out, "null", JsonValue::Kind::kNull, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number(out);
        fail("expected a JSON value (object, array, string, number, true, false or null), found " +
             describe_here());
        return false;
    }
  }

  bool parse_literal(JsonValue& out, std::string_view word, JsonValue::Kind kind, bool value) {
    if (text_.substr(i_, word.size()) != word) {
      fail("invalid literal, expected '" + std::string(word) + "'");
      return false;
    }
    advance(word.size());
    out.kind = kind;
    out.boolean = value;
    return true;
  }

  bool parse_number(JsonValue& out) {
    std::size_t start = i_;
    auto digits = [&] {
      std::size_t n = 0;
      while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
        advance();
        ++n;
      }
      return n;
    };
    if (peek() == '-') advance();
    if (at_end() || !std::isdigit(static_cast<unsigned char>(peek()))) {
      fail("invalid number: expected a digit");
      return false;
    }
    if (peek() == '0') {
      advance();
    } else {
      digits();
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (digits() == 0) {
        fail("invalid number: expected a digit after '.'");
        return false;
      }
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (digits() == 0) {
        fail("invalid number: expected a digit in the exponent");
        return false;
      }
    }
    out.kind = JsonValue::Kind::kNumber;
    out.text = std::string(text_.substr(start, i_ - start));
    return true;
  }

  static void append_utf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6U));
      s += static_cast<char>(0x80 | (cp & 0x3FU));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12U));
      s += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      s += static_cast<char>(0x80 | (cp & 0x3FU));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18U));
      s += static_cast<char>(0x80 | ((cp >> 12U) & 0x3FU));
      s += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
      s += static_cast<char>(0x80 | (cp & 0x3FU));
    }
  }

  bool parse_hex4(std::uint32_t& cp) {
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      if (at_end()) {
        fail("unterminated \\u escape");
        return false;
      }
      char h = peek();
      std::uint32_t v = 0;
      if (h >= '0' && h <= '9') {
        v = static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        v = static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        v = static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        fail("invalid \\u escape: expected 4 hex digits");
        return false;
      }
      cp = cp * 16 + v;
      advance();
    }
    return true;
  }

  // True when none of the 8 bytes at `p` ends a plain run: no '"', no '\\', no control
  // character and no byte of a multi-byte character (those move the column differently).
  static bool plain_ascii8(const char* p) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    std::uint64_t w = 0;
    std::memcpy(&w, p, sizeof w);
    auto has_zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
    const std::uint64_t stops = has_zero_byte(w ^ (kOnes * '"')) | has_zero_byte(w ^ (kOnes * '\\')) |
                                ((w - kOnes * 0x20U) & ~w & kHighs) | (w & kHighs);
    return stops == 0;
  }

  // The length of the well-formed UTF-8 sequence at the start of `s` (overlong forms,
  // surrogates and code points above U+10FFFF are not), or 0.
  static std::size_t utf8_sequence_length(std::string_view s) {
    auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0U; };
    const unsigned b0 = at(0);
    auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(i) >= lo && at(i) <= hi; };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if (b0 == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 >= 0xE1 && b0 <= 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
  }

  bool parse_string(std::string& out) {
    Pos start = here();
    advance();  // opening quote
    out.clear();
    while (true) {
      if (at_end()) {
        fail_at(start, "unterminated string (no closing '\"' before end of file)");
        return false;
      }
      char c = peek();
      if (c == '"') {
        advance();
        return true;
      }
      if (c == '\n' || c == '\r') {
        fail_at(start, "unterminated string (line break inside a string; a closing '\"' is missing)");
        return false;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        if (c == '\t') {  // literal tabs in strings are common in hand-written policies
          out += c;
          advance();
          continue;
        }
        fail("control character 0x" + hex2(static_cast<unsigned char>(c)) + " inside a string");
        return false;
      }
      if (c != '\\') {
        // A run of plain characters at once: no line breaks, so only the column moves.
        std::size_t end = i_;
        std::uint32_t columns = 0;
        while (end + 8 <= text_.size() && plain_ascii8(text_.data() + end)) {
          end += 8;
          columns += 8;
        }
        while (end < text_.size()) {
          auto b = static_cast<unsigned char>(text_[end]);
          if (b == '"' || b == '\\' || b < 0x20) break;
          if (b >= 0x80) {
            // JSON text is UTF-8 (RFC 8259); a Latin-1 or UTF-16 file would otherwise load and
            // then break every JSON output that quotes the string.
            std::size_t n = utf8_sequence_length(text_.substr(end));
            if (n == 0) {
              fail_at({line_, col_ + columns}, "invalid UTF-8 byte 0x" + hex2(b) +
                                                   " inside a string (JSON files must be UTF-8; was "
                                                   "this one saved as Latin-1 or UTF-16?)");
              return false;
            }
            end += n;
            ++columns;
            continue;
          }
          ++columns;
          ++end;
        }
        out.append(text_.data() + i_, end - i_);
        col_ += columns;
        i_ = end;
        continue;
      }
      advance();
      if (at_end()) continue;  // reported as unterminated on the next turn
      char e = peek();
      advance();
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!parse_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(i_, 2) == "\\u") {
            advance(2);
            std::uint32_t low = 0;
            if (!parse_hex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10U) + (low - 0xDC00);
            } else {
              append_utf8(out, 0xFFFD);
              cp = low;
            }
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("invalid escape '\\") + e + "' in string");
          return false;
      }
    }
  }

  bool check_depth(std::size_t depth) {
    if (depth > limits_.max_depth) {
      fail("nesting deeper than " + std::to_string(limits_.max_depth) +
           " levels (raise it with --max-json-depth)");
      return false;
    }
    return true;
  }

  bool parse_array(JsonValue& out, std::size_t depth) {
    if (!check_depth(depth)) return false;
    out.kind = JsonValue::Kind::kArray;
    advance();
    skip_ws();
    if (!at_end() && peek() == ']') {
      advance();
      return true;
    }
    std::vector<JsonValue>& items = scratch_at(item_scratch_, depth);
    while (true) {
      skip_ws();
      if (at_end()) {
        fail("unterminated array: expected a value or ']', found end of file");
        return false;
      }
      if (peek() == ']') {
        fail("trailing comma before ']' is not allowed in JSON");
        return false;
      }
      items.emplace_back();
      if (!parse_value(items.back(), depth)) return false;
      skip_ws();
      if (at_end()) {
        fail("unterminated array: expected ',' or ']', found end of file");
        return false;
      }
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == ']') {
        advance();
        move_out(items, out.items);
        return true;
      }
      fail("expected ',' or ']' after an array element, found " + describe_here());
      return false;
    }
  }

  // Objects with more members than this index their keys, so a crafted object with a million
  // members costs a million lookups rather than half a trillion comparisons.
  static constexpr std::size_t kIndexFrom = 16;
  using KeyIndex = std::unordered_map<std::string, std::size_t>;

  // Among the first `count` members.
  static const JsonMember* find_duplicate(const std::vector<JsonMember>& members, std::size_t count,
                                          const std::string& key, const KeyIndex& seen) {
    if (!seen.empty()) {
      auto it = seen.find(key);
      return it == seen.end() ? nullptr : &members[it->second];
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (members[i].key == key) return &members[i];
    }
    return nullptr;
  }

  bool parse_object(JsonValue& out, std::size_t depth) {
    if (!check_depth(depth)) return false;
    KeyIndex seen;  // filled only once the object reaches kIndexFrom members
    out.kind = JsonValue::Kind::kObject;
    advance();
    skip_ws();
    if (!at_end() && peek() == '}') {
      advance();
      return true;
    }
    std::vector<JsonMember>& members = scratch_at(member_scratch_, depth);
    while (true) {
      skip_ws();
      if (at_end()) {
        fail("unterminated object: expected '\"' or '}', found end of file");
        return false;
      }
      if (peek() == '}') {
        fail("trailing comma before '}' is not allowed in JSON");
        return false;
      }
      if (peek() != '"') {
        fail("expected '\"' to start an object key, found " + describe_here());
        return false;
      }
      // Parsed in place: the member is moved once, into the object's exact-size vector.
      JsonMember& member = members.emplace_back();
      const std::size_t before = members.size() - 1;
      member.key_pos = here();
      if (!parse_string(member.key)) return false;
      if (const JsonMember* first = find_duplicate(members, before, member.key, seen)) {
        fail_at(member.key_pos, "duplicate key \"" + member.key + "\" (first at line " +
                                    std::to_string(first->key_pos.line) + ", column " +
                                    std::to_string(first->key_pos.column) + ")");
        return false;
      }
      skip_ws();
      if (at_end() || peek() != ':') {
        fail("expected ':' after object key \"" + member.key + "\", found " + describe_here());
        return false;
      }
      advance();
      skip_ws();
      if (at_end()) {
        fail("expected a value after ':', found end of file");
        return false;
      }
      if (!parse_value(member.value, depth)) return false;
      if (!seen.empty() || before + 1 == kIndexFrom) {
        if (seen.empty()) {
          for (std::size_t i = 0; i < before; ++i) seen.emplace(members[i].key, i);
        }
        seen.emplace(member.key, before);
      }
      skip_ws();
      if (at_end()) {
        fail("unterminated object: expected ',' or '}', found end of file");
        return false;
      }
      if (peek() == ',') {
        advance();
        continue;
      }
      if (peek() == '}') {
        advance();
        move_out(members, out.members);
        return true;
      }
      fail("expected ',' or '}' after an object member, found " + describe_here());
      return false;
    }
  }
};

bool ascii_iequals(std::string_view a, std::string_view b) {
  auto lower_ascii = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; };
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (lower_ascii(a[k]) != lower_ascii(b[k])) {
      return false;
    }
  }
  return true;
}

}  // namespace

const JsonMember* JsonValue::find_member(std::string_view key) const {
  for (const auto& m : members) {
    if (m.key == key) return &m;
  }
  return nullptr;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  const JsonMember* m = find_member(key);
  return m != nullptr ? &m->value : nullptr;
}

const JsonValue* JsonValue::find_ignore_case(std::string_view key) const {
  if (const JsonValue* exact = find(key)) return exact;
  for (const auto& m : members) {
    if (ascii_iequals(m.key, key)) return &m.value;
  }
  return nullptr;
}

const char* json_kind_name(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull: return "null";
    case JsonValue::Kind::kBool: return "boolean";
    case JsonValue::Kind::kNumber: return "number";
    case JsonValue::Kind::kString: return "string";
    case JsonValue::Kind::kArray: return "array";
    case JsonValue::Kind::kObject: return "object";
  }
  return "value";
}

Result<JsonValue> parse_json(std::string_view text, std::string_view file, const JsonLimits& limits) {
  Reader reader(text, file, limits);
  return reader.parse_document();
}

std::size_t json_string_size(std::string_view s) {
  std::size_t n = 2;
  for (char c : s) {
    switch (c) {
      case '"': case '\\': case '\n': case '\r': case '\t': n += 2; break;
      default: n += static_cast<unsigned char>(c) < 0x20 ? 6 : 1;
    }
  }
  return n;
}

void append_json_string(std::string& out, std::string_view s) {
  static const char* digits = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += digits[u >> 4U];
          out += digits[u & 0xFU];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace kmsaccess::core
