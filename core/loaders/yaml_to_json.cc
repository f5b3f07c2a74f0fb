#include "core/loaders/yaml_to_json.h"
#include "core/utf8_bom.h"

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
  std::size_t offset = static_cast<std::size_t>(mark.pos) + bom_size(source);
  std::string word = null_spelling_at(source, offset);
  if (word.empty()) return std::nullopt;
  return word;
}

// How the converter reads each kind of node: yaml-cpp's YAML::Node (CloudFormation templates) and
// the manifest's YamlTree. Both give the same answers for the same YAML (yaml_tree.h).
struct YamlCppNodes {
  using Node = YAML::Node;
  std::string_view source;

  static Pos pos(const Node& n) { return yaml_pos(n.Mark()); }
  static bool is_map(const Node& n) { return n.IsMap(); }
  static bool is_sequence(const Node& n) { return n.IsSequence(); }
  static bool is_scalar(const Node& n) { return n.IsScalar(); }
  static bool is_null(const Node& n) { return n.IsNull(); }
  static const std::string& tag(const Node& n) { return n.Tag(); }
  static const std::string& text(const Node& n) { return n.Scalar(); }
  std::optional<std::string> null_key(const Node& key) const { return null_key_spelling(key, source); }
  template <typename Fn>
  static bool each_item(const Node& n, Fn&& fn) {
    for (const auto& item : n) {
      if (!fn(item)) return false;
    }
    return true;
  }
  template <typename Fn>
  static bool each_pair(const Node& n, Fn&& fn) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!fn(it->first, it->second)) return false;
    }
    return true;
  }
};

struct TreeNodes {
  using Node = YamlRef;

  static Pos pos(const Node& n) { return n.pos(); }
  static bool is_map(const Node& n) { return n.is_map(); }
  static bool is_sequence(const Node& n) { return n.is_sequence(); }
  static bool is_scalar(const Node& n) { return n.is_scalar(); }
  static bool is_null(const Node& n) { return n.is_null(); }
  static const std::string& tag(const Node& n) { return n.tag(); }
  static const std::string& text(const Node& n) { return n.text(); }
  static std::optional<std::string> null_key(const Node& key) {
    if (key.text().empty()) return std::nullopt;
    return key.text();  // the spelling kept by the tree
  }
  template <typename Fn>
  static bool each_item(const Node& n, Fn&& fn) {
    for (std::uint32_t i = 0; i < n.size(); ++i) {
      if (!fn(n.item(i))) return false;
    }
    return true;
  }
  template <typename Fn>
  static bool each_pair(const Node& n, Fn&& fn) {
    for (std::uint32_t i = 0; i < n.size(); ++i) {
      if (!fn(n.key(i), n.value(i))) return false;
    }
    return true;
  }
};

template <typename Nodes>
class Converter {
 public:
  using Node = typename Nodes::Node;

  Converter(Nodes nodes, std::string_view file, std::size_t max_depth, std::size_t max_values,
            bool wrap_local_tags = false)
      : nodes_(nodes), file_(file), max_depth_(max_depth), max_values_(max_values),
        wrap_local_tags_(wrap_local_tags) {}

  bool convert(const Node& node, Pos fallback, std::size_t depth, JsonValue& out, bool tag_taken = false) {
    out.pos = Nodes::pos(node);
    if (out.pos.line == 0 || Nodes::is_null(node)) out.pos = fallback;  // empty values have no mark
    if (wrap_local_tags_ && !tag_taken && is_local_tag(Nodes::tag(node))) {
      out.kind = JsonValue::Kind::kObject;
      JsonMember member{Nodes::tag(node), out.pos, {}};
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
    if (Nodes::is_map(node)) return convert_map(node, depth, out);
    if (Nodes::is_sequence(node)) {
      out.kind = JsonValue::Kind::kArray;
      return Nodes::each_item(node, [&](const Node& item) {
        JsonValue v;
        if (!convert(item, out.pos, depth + 1, v)) return false;
        out.items.push_back(std::move(v));
        return true;
      });
    }
    if (Nodes::is_scalar(node)) {
      convert_scalar(Nodes::text(node), Nodes::tag(node), out);
      return true;
    }
    out.kind = JsonValue::Kind::kNull;
    return true;
  }

  Error error() const { return error_; }

 private:
  Nodes nodes_;
  std::string_view file_;
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

  bool convert_map(const Node& node, std::size_t depth, JsonValue& out) {
    out.kind = JsonValue::Kind::kObject;
    return Nodes::each_pair(node, [&](const Node& key, const Node& value) {
      JsonMember member;
      member.key_pos = Nodes::pos(key);
      if (Nodes::is_scalar(key)) {
        member.key = Nodes::text(key);
      } else if (auto spelled = Nodes::is_null(key) ? nodes_.null_key(key) : std::nullopt) {
        member.key = *spelled;  // `Null:` is the condition operator, not a null
      } else {
        return fail(member.key_pos, "a mapping key must be a string");
      }
      if (const JsonMember* first = out.find_member(member.key)) {
        return fail(member.key_pos, "duplicate key '" + member.key + "' (first at line " +
                                        std::to_string(first->key_pos.line) + ")");
      }
      if (!convert(value, member.key_pos, depth + 1, member.value)) return false;
      out.members.push_back(std::move(member));
      return true;
    });
  }

  static void convert_scalar(const std::string& text, const std::string& tag, JsonValue& out) {
    out.kind = JsonValue::Kind::kString;
    out.text = text;
    if (tag != "?") return;  // quoted ("!") or explicitly tagged: keep the text
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
  Converter<YamlCppNodes> converter(YamlCppNodes{source}, file, max_depth, max_values);
  JsonValue out;
  if (!converter.convert(node, {}, 0, out)) return converter.error();
  return out;
}

Result<JsonValue> yaml_to_json(const YAML::Node& node, std::string_view file, std::string_view source,
                               const YamlConvertOptions& options) {
  Converter<YamlCppNodes> converter(YamlCppNodes{source}, file, options.max_depth, options.max_values,
                                    options.wrap_local_tags);
  JsonValue out;
  if (!converter.convert(node, {}, 0, out)) return converter.error();
  return out;
}

Result<JsonValue> yaml_to_json(const YamlRef& node, std::string_view file, std::size_t max_depth,
                               std::size_t max_values) {
  Converter<TreeNodes> converter(TreeNodes{}, file, max_depth, max_values);
  JsonValue out;
  if (!converter.convert(node, {}, 0, out)) return converter.error();
  return out;
}

}  // namespace kmsaccess::core
