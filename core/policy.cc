#include "core/policy.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/policy_elements.h"
#include "core/utf8_bom.h"

namespace kmsaccess::core {
namespace {

using policy_detail::BuildContext;
using policy_detail::error_at;
using policy_detail::quoted;
using policy_detail::type_error;

// AWS Config results wrap a policy string in another string; deeper nesting is a mistake or
// an attack, and the bound keeps recursion finite on any input.
constexpr std::size_t kMaxEmbeddingDepth = 4;


std::string_view trim(std::string_view s) {
  s = without_bom(s);
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

// IAM returns policy documents as urlencode(json) (FORMATS.md §0.2): they start with "%7B".
bool looks_url_encoded(std::string_view trimmed) {
  return trimmed.size() >= 3 && trimmed[0] == '%' && trimmed[1] == '7' &&
         (trimmed[2] == 'B' || trimmed[2] == 'b');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Line and column of a byte offset, counted as the JSON reader does (CRLF is one break,
// columns count code points) so every error in one file reads the same way.
Pos pos_at(std::string_view text, std::size_t offset) {
  Pos p{1, 1};
  std::size_t i = bom_size(text);
  for (; i < offset && i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++p.line;
      p.column = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++p.column;
    }
  }
  return p;
}

std::size_t first_bad_escape(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) return i;
    i += 2;
  }
  return text.size();
}

// A decoded document's positions are inside the decoded text, so its label says so; a label
// that already names a fragment ("path#/Policy") is kept.
std::string inner_label(const std::string& file, std::string_view fragment) {
  if (file.find('#') != std::string::npos) return file;
  return file + "#" + std::string(fragment);
}

std::size_t compact_size(const JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::kNull: return 4;
    case JsonValue::Kind::kBool: return v.boolean ? 4 : 5;
    case JsonValue::Kind::kNumber: return v.text.size();
    case JsonValue::Kind::kString: return json_string_size(v.text);
    case JsonValue::Kind::kArray: {
      std::size_t n = 2 + (v.items.empty() ? 0 : v.items.size() - 1);
      for (const JsonValue& item : v.items) n += compact_size(item);
      return n;
    }
    case JsonValue::Kind::kObject: {
      std::size_t n = 2 + (v.members.empty() ? 0 : v.members.size() - 1);
      for (const JsonMember& m : v.members) n += json_string_size(m.key) + 1 + compact_size(m.value);
      return n;
    }
  }
  return 0;
}

Status read_statements(const JsonValue& v, PolicyDocument& doc, BuildContext& ctx) {
  doc.statement_pos = v.pos;
  if (v.is_object()) {
    doc.statement_is_object = true;
    auto st = policy_detail::build_statement(v, 0, ctx);
    if (!st) return st.error();
    st->sole_object = true;
    doc.statements.push_back(std::move(*st));
    return Ok{};
  }
  if (!v.is_array()) return type_error(ctx, "an object or an array of objects", "Statement", v);
  if (v.items.empty())
    return error_at(ctx, v.pos, "Statement is empty; expected at least one statement object");
  const std::size_t limit = ctx.limits->max_statements;
  if (v.items.size() > limit) {
    return error_at(ctx, v.items[limit].pos,
                    "policy has " + std::to_string(v.items.size()) + " statements, over the limit of " +
                        std::to_string(limit) + " (raise it with --max-statements)");
  }
  for (std::size_t i = 0; i < v.items.size(); ++i) {
    auto st = policy_detail::build_statement(v.items[i], i, ctx);
    if (!st) return st.error();
    doc.statements.push_back(std::move(*st));
  }
  return Ok{};
}

Status read_top_string(const JsonValue& v, std::string_view element, std::string& out, bool& has, Pos& pos,
                       const BuildContext& ctx) {
  // YAML turns an unquoted Version: 2012-10-17 into a date, which arrives here as a non-string.
  if (!v.is_string()) return type_error(ctx, "a string", element, v);
  out = v.text;
  has = true;
  pos = v.pos;
  return Ok{};
}

Error unknown_top_level(const JsonMember& m, const BuildContext& ctx) {
  return error_at(ctx, m.key_pos,
                  "unknown top-level element " + quoted(m.key) +
                      "; expected Version, Id or Statement (names are case-sensitive)");
}

Result<PolicyDocument> build_document(const JsonValue& root, std::string file, std::size_t byte_size,
                                      const PolicyLimits& limits) {
  BuildContext ctx{file, &limits, 0};
  if (!root.is_object()) {
    return type_error(ctx, "a policy document (an object with Version and Statement)", "the policy", root);
  }
  PolicyDocument doc;
  doc.file = std::move(file);
  doc.byte_size = byte_size;
  const JsonValue* statements = nullptr;
  for (const JsonMember& m : root.members) {
    Status s = Ok{};
    if (m.key == "Version") {
      s = read_top_string(m.value, "Version", doc.version, doc.has_version, doc.version_pos, ctx);
    } else if (m.key == "Id") {
      s = read_top_string(m.value, "Id", doc.id, doc.has_id, doc.id_pos, ctx);
    } else if (m.key == "Statement") {
      statements = &m.value;
    } else {
      return unknown_top_level(m, ctx);
    }
    if (!s) return s.error();
  }
  if (statements == nullptr) {
    return error_at(ctx, root.pos, "policy has no Statement element; expected \"Statement\": [ ... ]");
  }
  if (auto s = read_statements(*statements, doc, ctx); !s) return s.error();
  return doc;
}

Result<PolicyDocument> parse_text(std::string_view text, const std::string& file, const PolicyLimits& limits,
                                  std::size_t depth);

// Records where a document's holder starts. Every level that unwraps one sets it again on the
// way out, so the outermost holder, the one in the file itself, is what remains.
Result<PolicyDocument> held_at(Result<PolicyDocument> doc, Pos holder) {
  if (doc) doc->embedded_at = holder;
  return doc;
}

Result<PolicyDocument> parse_embedded(const JsonValue& v, const std::string& label,
                                      const PolicyLimits& limits, std::size_t depth) {
  if (depth >= kMaxEmbeddingDepth) {
    return make_error(
        "policy is embedded in strings more than " + std::to_string(kMaxEmbeddingDepth) + " levels deep",
        SourcePos(label, v.pos));
  }
  return held_at(parse_text(v.text, label, limits, depth + 1), v.pos);
}

Result<PolicyDocument> parse_url_encoded(std::string_view text, std::string_view trimmed,
                                         const std::string& file, const PolicyLimits& limits,
                                         std::size_t depth) {
  std::optional<std::string> decoded = url_decode(trimmed);
  if (!decoded) {
    std::size_t bad = static_cast<std::size_t>(trimmed.data() - text.data()) + first_bad_escape(trimmed);
    return make_error("malformed %-escape in a URL-encoded policy; expected '%' followed by two hex digits",
                      SourcePos(file, pos_at(text, bad)));
  }
  std::size_t start = static_cast<std::size_t>(trimmed.data() - text.data());
  return held_at(parse_text(*decoded, inner_label(file, "url-decoded"), limits, depth + 1), pos_at(text, start));
}

Result<PolicyDocument> parse_text(std::string_view text, const std::string& file, const PolicyLimits& limits,
                                  std::size_t depth) {
  std::string_view trimmed = trim(text);
  if (looks_url_encoded(trimmed)) {
    // Check the size before decoding; parse_json owns the wording of the size error.
    if (text.size() > limits.json.max_bytes) {
      auto too_big = parse_json(text, file, limits.json);
      if (!too_big) return too_big.error();
    }
    if (depth >= kMaxEmbeddingDepth) {
      return make_error("policy is encoded more than " + std::to_string(kMaxEmbeddingDepth) + " levels deep",
                        SourcePos(file, pos_at(text, 0)));
    }
    return parse_url_encoded(text, trimmed, file, limits, depth);
  }
  auto json = parse_json(text, file, limits.json);
  if (!json) return json.error();
  if (json->is_string()) return parse_embedded(*json, inner_label(file, "embedded"), limits, depth);
  return build_document(*json, file, text.size(), limits);
}

}  // namespace

std::string_view to_string(Effect e) { return e == Effect::kAllow ? "Allow" : "Deny"; }

std::string_view to_string(PrincipalType t) {
  switch (t) {
    case PrincipalType::kAws: return "AWS";
    case PrincipalType::kService: return "Service";
    case PrincipalType::kFederated: return "Federated";
    case PrincipalType::kCanonicalUser: return "CanonicalUser";
  }
  return "AWS";
}

std::string Statement::json_pointer() const {
  return sole_object ? std::string("/Statement") : "/Statement/" + std::to_string(index);
}

std::string Statement::label() const { return has_sid && !sid.empty() ? sid : json_pointer(); }

std::optional<std::string> url_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];  // '+' stays: IAM encodes spaces as %20, and '+' is literal in ARNs
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]);
    int lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Result<PolicyDocument> parse_policy(std::string_view text, std::string_view file,
                                    const PolicyLimits& limits) {
  return parse_text(text, std::string(file), limits, 0);
}

Result<PolicyDocument> policy_from_json(const JsonValue& value, std::string_view file,
                                        const PolicyLimits& limits) {
  std::string label(file);
  if (value.is_string()) return parse_embedded(value, inner_label(label, "embedded"), limits, 0);
  // An object's positions are the outer file's, so a "#/pointer" fragment would mislead.
  if (std::size_t hash = label.find('#'); hash != std::string::npos) label.resize(hash);
  return build_document(value, std::move(label), compact_size(value), limits);
}

}  // namespace kmsaccess::core
