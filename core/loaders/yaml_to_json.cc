#include "core/loaders/yaml_to_json.h"

#include <optional>
#include <string>

namespace kmsaccess::core {
namespace {

bool is_json_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;  // JSON allows no leading zeros, so "0123" stays a string
  } else if (digits() == 0) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// YAML 1.2 core schema spellings of booleans and null (not YAML 1.1's yes/no/on/off).
bool is_word(std::string_view s, std::string_view lower, std::string_view title,
             std::string_view upper) {
  return s == lower || s == title || s == upper;
}

// The spelling of a key yaml-cpp resolved to null (`Null`, `null`, `NULL`, `~`), read back
// from the source at the key's mark; nullopt when the text there is not one of them.
std::optional<std::string> null_key_spelling(const YAML::Node& key, std::string_view source) {
  const YAML::Mark mark = key.Mark();
  if (mark.is_null() || mark.pos < 0) return std::nullopt;
  // Mark::pos is a byte offset that does not count a UTF-8 byte order mark.
  std::size_t offset = static_cast<std::size_t>(mark.pos) + (source.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
  if (offset >= source.size()) return std::nullopt;
  std::string_view rest = source.substr(offset);
  std::string_view word = rest.substr(0, rest.find_first_of(": \t\r\n,}]"));
  if (word == "~" || is_word(word, "null", "Null", "NULL")) return std::string(word);
  return std::nullopt;
}

class Converter {
 public:
  Converter(std::string_view file, std::string_view source, std::size_t max_depth,
            std::size_t max_values, bool wrap_local_tags = false)
      : file_(file), source_(source), max_depth_(max_depth), max_values_(max_values),
        wrap_local_tags_(wrap_local_tags) {}

  bool convert(const YAML::Node& node, Pos fallback, std::size_t depth, JsonValue& out,
               bool tag_taken = false) {
    out.pos = yaml_pos(node.Mark());
    if (out.pos.line == 0 || node.IsNull()) out.pos = fallback;  // empty values have no mark
    if (wrap_local_tags_ && !tag_taken && is_local_tag(node.Tag())) {
      out.kind = JsonValue::Kind::kObject;
      JsonMember member{node.Tag(), out.pos, {}};
      if (!convert(node, out.pos, depth + 1, member.value, true)) return false;
      out.members.push_back(std::move(member));
      return true;
    }
    if (++values_ > max_values_) {
      return fail(out.pos, "inline document has more than " + std::to_string(max_values_) +
                               " values (aliases expanded)");
    }
    if (depth > max_depth_) {
      return fail(out.pos, "nesting deeper than " + std::to_string(max_depth_) + " levels");
    }
    if (node.IsMap()) return convert_map(node, depth, out);
    if (node.IsSequence()) {
      out.kind = JsonValue::Kind::kArray;
      for (const auto& item : node) {
        JsonValue v;
        if (!convert(item, out.pos, depth + 1, v)) return false;
        out.items.push_back(std::move(v));
      }
      return true;
    }
    if (node.IsScalar()) {
      convert_scalar(node, out);
      return true;
    }
    out.kind = JsonValue::Kind::kNull;
    return true;
  }

  Error error() const { return error_; }

 private:
  std::string_view file_;
  std::string_view source_;
  std::size_t max_depth_;
  std::size_t max_values_;
  bool wrap_local_tags_ = false;
  std::size_t values_ = 0;
  Error error_;

  // "!Ref", not "!" (the non-specific tag of quoted scalars) nor "tag:yaml.org,2002:str" (`!!str`).
  static bool is_local_tag(const std::string& tag) { return tag.size() > 1 && tag[0] == '!' && tag[1] != '!'; }

  bool fail(Pos p, std::string message) {
    error_ = make_error(std::move(message), SourcePos(std::string(file_), p));
    return false;
  }

  bool convert_map(const YAML::Node& node, std::size_t depth, JsonValue& out) {
    out.kind = JsonValue::Kind::kObject;
    for (auto it = node.begin(); it != node.end(); ++it) {
      JsonMember member;
      member.key_pos = yaml_pos(it->first.Mark());
      if (it->first.IsScalar()) {
        member.key = it->first.Scalar();
      } else if (auto spelled = it->first.IsNull() ? null_key_spelling(it->first, source_) : std::nullopt) {
        member.key = *spelled;  // `Null:` is the condition operator, not a null
      } else {
        return fail(member.key_pos, "a mapping key must be a string");
      }
      if (const JsonMember* first = out.find_member(member.key)) {
        return fail(member.key_pos, "duplicate key '" + member.key + "' (first at line " +
                                        std::to_string(first->key_pos.line) + ")");
      }
      if (!convert(it->second, member.key_pos, depth + 1, member.value)) return false;
      out.members.push_back(std::move(member));
    }
    return true;
  }

  static void convert_scalar(const YAML::Node& node, JsonValue& out) {
    const std::string& text = node.Scalar();
    out.kind = JsonValue::Kind::kString;
    out.text = text;
    if (node.Tag() != "?") return;  // quoted ("!") or explicitly tagged: keep the text
    if (is_word(text, "true", "True", "TRUE") || is_word(text, "false", "False", "FALSE")) {
      out.kind = JsonValue::Kind::kBool;
      out.boolean = text[0] == 't' || text[0] == 'T';
      out.text = out.boolean ? "true" : "false";
    } else if (text.empty() || text == "~" || is_word(text, "null", "Null", "NULL")) {
      out.kind = JsonValue::Kind::kNull;
      out.text.clear();
    } else if (is_json_number(text)) {
      out.kind = JsonValue::Kind::kNumber;
    }
  }
};

}  // namespace

Pos yaml_pos(const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return {};
  return {static_cast<std::uint32_t>(mark.line) + 1, static_cast<std::uint32_t>(mark.column) + 1};
}

Result<JsonValue> yaml_to_json(const YAML::Node& node, std::string_view file, std::string_view source,
                               std::size_t max_depth, std::size_t max_values) {
  Converter converter(file, source, max_depth, max_values);
  JsonValue out;
  if (!converter.convert(node, {}, 0, out)) return converter.error();
  return out;
}

Result<JsonValue> yaml_to_json(const YAML::Node& node, std::string_view file, std::string_view source,
                               const YamlConvertOptions& options) {
  Converter converter(file, source, options.max_depth, options.max_values, options.wrap_local_tags);
  JsonValue out;
  if (!converter.convert(node, {}, 0, out)) return converter.error();
  return out;
}

}  // namespace kmsaccess::core
