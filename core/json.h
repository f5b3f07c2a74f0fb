// A JSON reader that keeps the line and column of every value and object key.
// nlohmann/json 3.11 cannot report positions, so policies are read with this instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kmsaccess::core {

struct JsonMember;

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  Pos pos;                          // first character of the value
  bool boolean = false;
  std::string text;                 // string value, or the number's literal text
  std::vector<JsonValue> items;     // kArray
  std::vector<JsonMember> members;  // kObject, in file order

  bool is_null() const { return kind == Kind::kNull; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_object() const { return kind == Kind::kObject; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_bool() const { return kind == Kind::kBool; }
  bool is_number() const { return kind == Kind::kNumber; }

  // First member with exactly this key, or nullptr.
  const JsonValue* find(std::string_view key) const;
  // Member lookup ignoring ASCII case (AWS field names are case-sensitive, but some
  // documentation copies are not, e.g. "encryptionContextEquals").
  const JsonValue* find_ignore_case(std::string_view key) const;
  const JsonMember* find_member(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  Pos key_pos;
  JsonValue value;
};

const char* json_kind_name(JsonValue::Kind kind);

struct JsonLimits {
  std::size_t max_bytes = 64U * 1024U * 1024U;  // --max-file-size
  std::size_t max_depth = 64;                   // nesting of arrays and objects
};

// Parses one JSON document. A UTF-8 BOM is skipped, CRLF counts as one line break.
// Duplicate object keys are an error (AWS rejects them in policies, and a later key
// silently overriding an earlier one hides statements from reviewers).
Result<JsonValue> parse_json(std::string_view text, std::string_view file,
                             const JsonLimits& limits = {});

// Writes a JSON string literal (with quotes) for `s` into `out`.
void append_json_string(std::string& out, std::string_view s);
// The number of bytes append_json_string writes for `s`, without writing them.
std::size_t json_string_size(std::string_view s);

}  // namespace kmsaccess::core
