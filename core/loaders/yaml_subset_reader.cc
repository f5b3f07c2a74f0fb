#include "core/loaders/yaml_subset_reader.h"

#include <cstdint>
#include <string>
#include <utility>

// Every rule here restates what yaml-cpp 0.7 does for the same input (src/scanner.cpp,
// scantoken.cpp, scanscalar.cpp, exp.h, singledocparser.cpp); where its behaviour is subtle the
// reader declines instead. yaml_subset_reader_diff_test.cc compares the two on many inputs.
namespace kmsaccess::core {
namespace {

using Kind = YamlNode::Kind;

constexpr std::size_t kMaxDepth = 64;
// yaml-cpp drops a simple key longer than 1024 characters (simplekey.cpp, VerifySimpleKey).
constexpr std::size_t kMaxKeyBytes = 1000;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_null_word(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }
bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// yaml-cpp's UTF-8 encoding of an escaped code point (exp.cpp, Escape).
void append_code_point(std::string& out, std::uint32_t v) {
  auto byte = [&](std::uint32_t b) { out += static_cast<char>(b); };
  if (v <= 0x7F) {
    byte(v);
  } else if (v <= 0x7FF) {
    byte(0xC0 + (v >> 6));
    byte(0x80 + (v & 0x3F));
  } else if (v <= 0xFFFF) {
    byte(0xE0 + (v >> 12));
    byte(0x80 + ((v >> 6) & 0x3F));
    byte(0x80 + (v & 0x3F));
  } else {
    byte(0xF0 + (v >> 18));
    byte(0x80 + ((v >> 12) & 0x3F));
    byte(0x80 + ((v >> 6) & 0x3F));
    byte(0x80 + (v & 0x3F));
  }
}

// A scalar read but not yet added to the tree (keys are looked at before they are taken).
struct Scalar {
  std::string text;
  bool quoted = false;
  Pos pos;
  std::size_t offset = 0;
};

// What ended a plain scalar: the line (or a comment), a ':' indicator, or ',' ']' '}' in flow.
enum class Stop { kLine, kColon, kFlowEnd };

class SubsetReader {
 public:
  explicit SubsetReader(std::string_view text) : text_(text) {}

  std::optional<YamlTree> read() {
    if (!check_characters()) return std::nullopt;
    tree_.nodes.reserve(text_.size() / 32 + 16);
    tree_.links.reserve(text_.size() / 32 + 16);
    if (!skip_to_content() || at_end()) return std::nullopt;  // an empty stream is yaml-cpp's call
    std::uint32_t root = 0;
    if (!parse_block_collection(col(), 0, root) || !at_end()) return std::nullopt;
    tree_.documents.push_back(root);
    return std::move(tree_);
  }

 private:
  struct State {
    std::size_t i;
    std::uint32_t line;
    std::size_t line_start;
  };

  std::string_view text_;
  std::size_t i_ = 0;
  std::uint32_t line_ = 0;       // 0-based line of i_
  std::size_t line_start_ = 0;   // where column 0 of the current line is
  bool document_start_allowed_ = true;
  YamlTree tree_;
  std::vector<std::uint32_t> scratch_;  // children of the collections being read, innermost last

  bool at_end() const { return i_ >= text_.size(); }
  char peek() const { return text_[i_]; }
  char peek_at(std::size_t k) const { return i_ + k < text_.size() ? text_[i_ + k] : '\0'; }
  std::size_t col() const { return i_ - line_start_; }
  Pos here() const { return {line_ + 1, static_cast<std::uint32_t>(col() + 1)}; }
  State save() const { return {i_, line_, line_start_}; }
  void restore(const State& s) {
    i_ = s.i;
    line_ = s.line;
    line_start_ = s.line_start;
  }
  // A blank, a line break or the end: what has to follow '-' and ':' indicators.
  bool blank_or_end_at(std::size_t k) const {
    char c = peek_at(k);
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
  bool at_block_entry() const { return !at_end() && peek() == '-' && blank_or_end_at(1); }
  bool at_line_end() const { return at_end() || peek() == '\n' || peek() == '\r'; }

  // UTF-8 only (yaml-cpp guesses other encodings from NULs and byte order marks), and no
  // control characters: yaml-cpp reads 0x04 as the end of input. CR only before LF.
  bool check_characters() {
    if (text_.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
      i_ = line_start_ = kUtf8Bom.size();  // the byte order mark takes no column
    } else if (!text_.empty()) {
      auto first = static_cast<unsigned char>(text_[0]);
      if (first == 0xEF || first == 0xFE || first == 0xFF) return false;
    }
    for (std::size_t k = i_; k < text_.size(); ++k) {
      auto c = static_cast<unsigned char>(text_[k]);
      if (c >= 0x20 || c == '\n' || c == '\t') continue;
      if (c == '\r' && k + 1 < text_.size() && text_[k + 1] == '\n') continue;
      return false;
    }
    return true;
  }

  bool skip_spaces() {
    while (!at_end() && peek() == ' ') ++i_;
    return at_end() || peek() != '\t';
  }

  // Past blanks, comments and line breaks to the next token, or the end of the input. Only
  // called where a '#' starts a comment (line start, or after a blank).
  bool skip_to_content() {
    while (true) {
      if (!skip_spaces()) return false;
      if (at_end()) return true;
      char c = peek();
      if (c == '#') {
        while (!at_line_end()) ++i_;
      } else if (c == '\r') {
        ++i_;
      } else if (c == '\n') {
        ++i_;
        ++line_;
        line_start_ = i_;
      } else if (col() == 0 && (c == '%' || text_.substr(i_, 3) == "---" || text_.substr(i_, 3) == "...")) {
        if (!document_start_allowed_ || text_.substr(i_, 3) != "---" || !blank_or_end_at(3)) return false;
        i_ += 3;  // the optional `---` before the document; nothing may follow it on its line
        document_start_allowed_ = false;
        if (!skip_spaces() || !(at_line_end() || (peek() == '#' && text_[i_ - 1] == ' '))) return false;
      } else {
        document_start_allowed_ = false;
        return true;
      }
    }
  }

  // After a value on its line: blanks, maybe a comment, the line break; then the next line must
  // not be indented past `indent` (for a plain scalar that would be a continuation line).
  bool end_of_line(std::size_t indent) {
    std::size_t before = i_;
    if (!skip_spaces()) return false;
    if (!at_line_end() && !(peek() == '#' && i_ > before)) return false;
    if (!skip_to_content()) return false;
    return at_end() || col() <= indent;
  }

  std::uint32_t add_node(Kind kind, Pos pos, const char* tag) {
    auto id = static_cast<std::uint32_t>(tree_.nodes.size());
    YamlNode& node = tree_.nodes.emplace_back();
    node.kind = kind;
    node.pos = pos;
    node.tag = tag;
    return id;
  }

  std::uint32_t add_scalar(Scalar& s) {
    if (!s.quoted && is_null_word(s.text)) {
      std::uint32_t id = add_node(Kind::kNull, s.pos, "");
      tree_.nodes[id].text = null_spelling_at(text_, s.offset);
      return id;
    }
    std::uint32_t id = add_node(Kind::kScalar, s.pos, s.quoted ? "!" : "?");
    tree_.nodes[id].text = std::move(s.text);
    return id;
  }

  // An empty value or item of the block collection at `indent`: yaml-cpp marks it at the next
  // token. At the end of the input that is the end of the last line when the collection is
  // closed there (Scanner::PopIndentToHere), else column 1 (Scanner::EndStream resets it).
  std::uint32_t add_empty_null(std::size_t indent, bool in_sequence) {
    if (at_end()) {
      std::size_t end_col = col();  // 0 after a final line break
      bool closed_at_end = indent > end_col || (indent == end_col && in_sequence);
      Pos pos{line_ + 1, static_cast<std::uint32_t>(closed_at_end ? end_col + 1 : 1)};
      std::uint32_t id = add_node(Kind::kNull, pos, "");
      tree_.nodes[id].text = null_spelling_at(text_, text_.size());
      return id;
    }
    std::uint32_t id = add_node(Kind::kNull, here(), "");
    tree_.nodes[id].text = null_spelling_at(text_, i_);
    return id;
  }

  void finish(std::uint32_t id, std::size_t first_child, std::size_t per_entry) {
    YamlNode& node = tree_.nodes[id];
    node.first = static_cast<std::uint32_t>(tree_.links.size());
    node.count = static_cast<std::uint32_t>((scratch_.size() - first_child) / per_entry);
    tree_.links.insert(tree_.links.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(first_child),
                       scratch_.end());
    scratch_.resize(first_child);
  }

  // ---- scalars ----

  // yaml-cpp's PlainScalar / PlainScalarInFlow start rules, narrowed: '-' only before a letter
  // or digit, never '?' or ':'.
  bool plain_can_start() const {
    char c = peek();
    if (std::string_view(",[]{}#&*!|>'\"%@`?: \t\r\n").find(c) != std::string_view::npos) return false;
    return c != '-' || is_alnum(peek_at(1));
  }

  bool scan_plain(bool flow, Scalar& s, Stop& stop) {
    if (at_end() || !plain_can_start()) return false;
    s.pos = here();
    s.offset = i_;
    s.quoted = false;
    std::size_t end = i_;  // past the last non-blank character
    while (true) {
      if (at_line_end()) {
        if (flow) return false;  // a flow collection has to close on its line
        stop = Stop::kLine;
        break;
      }
      char c = peek();
      if (c == '\t') return false;
      if (c == ' ') {
        if (peek_at(1) == '#') {
          if (flow) return false;
          stop = Stop::kLine;
          break;
        }
        ++i_;
        continue;
      }
      if (c == ':' && (blank_or_end_at(1) || (flow && std::string_view(",]}").find(peek_at(1)) != std::string_view::npos))) {
        stop = Stop::kColon;
        break;
      }
      if (flow && (c == ',' || c == ']' || c == '}')) {
        stop = Stop::kFlowEnd;
        break;
      }
      if (flow && (c == '?' || c == '[' || c == '{')) return false;
      ++i_;
      end = i_;
    }
    s.text.assign(text_.substr(s.offset, end - s.offset));
    return true;
  }

  bool scan_hex(std::size_t digits, std::string& out) {
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      if (at_end() || !is_hex(peek())) return false;
      char c = peek();
      v = v * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      ++i_;
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return false;  // yaml-cpp throws
    append_code_point(out, v);
    return true;
  }

  // One escape of a double-quoted scalar (exp.cpp, Escape); i_ is at the backslash.
  bool scan_escape(std::string& out) {
    char e = peek_at(1);
    i_ += 2;
    switch (e) {
      case '0': out += '\0'; return true;
      case 'a': out += '\x07'; return true;
      case 'b': out += '\x08'; return true;
      case 't': case '\t': out += '\t'; return true;
      case 'n': out += '\n'; return true;
      case 'v': out += '\x0B'; return true;
      case 'f': out += '\x0C'; return true;
      case 'r': out += '\r'; return true;
      case 'e': out += '\x1B'; return true;
      case ' ': case '"': case '\'': case '\\': case '/': out += e; return true;
      case 'N': out += '\x85'; return true;  // one byte, as yaml-cpp writes it
      case '_': out += '\xA0'; return true;
      case 'L': out += "\xE2\x80\xA8"; return true;
      case 'P': out += "\xE2\x80\xA9"; return true;
      case 'x': return scan_hex(2, out);
      case 'u': return scan_hex(4, out);
      case 'U': return scan_hex(8, out);
      default: return false;  // an escaped line break, or an escape yaml-cpp rejects
    }
  }

  bool scan_quoted(Scalar& s) {
    const char quote = peek();
    s.pos = here();
    s.offset = i_;
    s.quoted = true;
    s.text.clear();
    ++i_;
    std::string_view stops = quote == '"' ? std::string_view("\"\\\r\n") : std::string_view("'\r\n");
    while (true) {
      std::size_t next = text_.find_first_of(stops, i_);
      if (next == std::string_view::npos) return false;
      s.text.append(text_.substr(i_, next - i_));
      i_ = next;
      char c = peek();
      if (c == '\r' || c == '\n') return false;  // multi-line: folding is yaml-cpp's business
      if (c == '\\') {
        if (!scan_escape(s.text)) return false;
      } else if (quote == '\'' && peek_at(1) == '\'') {
        s.text += '\'';
        i_ += 2;
      } else {
        ++i_;
        return true;
      }
    }
  }

  // A mapping key and its ':' (followed by a blank or the end), on one line.
  bool read_key(Scalar& key, bool flow) {
    if (at_end()) return false;
    if (peek() == '"' || peek() == '\'') {
      if (!scan_quoted(key) || at_end() || peek() != ':') return false;
    } else {
      Stop stop = Stop::kLine;
      if (!scan_plain(flow, key, stop) || stop != Stop::kColon) return false;
    }
    if (i_ - key.offset > kMaxKeyBytes) return false;
    ++i_;
    if (flow) return key.quoted || peek_at(0) == ' ';  // "k":v is JSON-style; k: v otherwise
    return at_end() || peek() == ' ' || peek() == '\n' || peek() == '\r';
  }

  bool at_key() {
    State saved = save();
    Scalar key;
    bool found = read_key(key, false);
    restore(saved);
    return found;
  }

  // ---- block collections ----

  bool parse_block_collection(std::size_t indent, std::size_t depth, std::uint32_t& out) {
    if (at_block_entry()) return parse_block_sequence(indent, depth, false, out);
    if (at_key()) return parse_block_map(indent, depth, out);
    return false;
  }

  bool parse_block_map(std::size_t indent, std::size_t depth, std::uint32_t& out) {
    if (depth > kMaxDepth) return false;
    out = add_node(Kind::kMap, here(), "?");
    std::size_t first = scratch_.size();
    while (true) {
      Scalar key;
      if (!read_key(key, false)) return false;
      std::uint32_t key_id = add_scalar(key);
      std::uint32_t value_id = 0;
      if (!parse_block_value(indent, depth, value_id)) return false;
      scratch_.push_back(key_id);
      scratch_.push_back(value_id);
      if (at_end() || col() < indent) break;
      if (col() > indent || at_block_entry()) return false;
    }
    finish(out, first, 2);
    return true;
  }

  // The value after `key:` of a mapping at `indent`: on the same line, below it, or empty.
  bool parse_block_value(std::size_t indent, std::size_t depth, std::uint32_t& out) {
    if (!skip_spaces()) return false;
    if (!at_line_end() && peek() != '#') return parse_inline_node(indent, depth, out);
    if (!skip_to_content()) return false;
    if (!at_end() && col() > indent) return parse_block_collection(col(), depth + 1, out);
    if (!at_end() && col() == indent && at_block_entry()) {
      return parse_block_sequence(indent, depth + 1, true, out);  // `key:` then `- item` below it
    }
    out = add_empty_null(indent, false);
    return true;
  }

  // A value that starts on the current line, inside a block collection at `indent`.
  bool parse_inline_node(std::size_t indent, std::size_t depth, std::uint32_t& out) {
    char c = peek();
    if (c == '[' || c == '{') {
      if (!parse_flow(depth + 1, out)) return false;
    } else if (c == '"' || c == '\'') {
      Scalar s;
      if (!scan_quoted(s)) return false;
      out = add_scalar(s);
    } else {
      Scalar s;
      Stop stop = Stop::kLine;
      if (!scan_plain(false, s, stop) || stop != Stop::kLine) return false;
      out = add_scalar(s);
    }
    return end_of_line(indent);
  }

  bool parse_block_sequence(std::size_t indent, std::size_t depth, bool indentless, std::uint32_t& out) {
    if (depth > kMaxDepth) return false;
    out = add_node(Kind::kSequence, here(), "?");
    std::size_t first = scratch_.size();
    while (true) {
      ++i_;  // the '-'
      if (!skip_spaces()) return false;
      std::uint32_t item = 0;
      if (at_line_end() || peek() == '#') {
        if (!skip_to_content() || (!at_end() && col() > indent)) return false;
        item = add_empty_null(indent, true);
      } else if (at_block_entry()) {
        return false;  // `- - x`
      } else if (at_key()) {
        if (!parse_block_map(col(), depth + 1, item)) return false;
      } else if (!parse_inline_node(indent, depth, item)) {
        return false;
      }
      scratch_.push_back(item);
      if (at_end()) break;
      if (col() == indent && at_block_entry()) continue;
      if (col() < indent || (col() == indent && indentless)) break;
      return false;
    }
    finish(out, first, 1);
    return true;
  }

  // ---- flow collections ----

  bool parse_flow_node(std::size_t depth, std::uint32_t& out) {
    if (at_end()) return false;
    char c = peek();
    if (c == '[' || c == '{') return parse_flow(depth + 1, out);
    Scalar s;
    if (c == '"' || c == '\'') {
      if (!scan_quoted(s)) return false;
    } else {
      Stop stop = Stop::kLine;
      if (!scan_plain(true, s, stop) || stop != Stop::kFlowEnd) return false;
    }
    out = add_scalar(s);
    return true;
  }

  bool parse_flow(std::size_t depth, std::uint32_t& out) {
    if (depth > kMaxDepth) return false;
    const bool is_map = peek() == '{';
    const char close = is_map ? '}' : ']';
    out = add_node(is_map ? Kind::kMap : Kind::kSequence, here(), "?");
    ++i_;
    std::size_t first = scratch_.size();
    skip_spaces();
    if (!at_end() && peek() == close) {
      ++i_;
      finish(out, first, 1);
      return true;
    }
    while (true) {
      if (is_map) {
        Scalar key;
        if (!read_key(key, true)) return false;
        std::uint32_t key_id = add_scalar(key);
        skip_spaces();
        if (at_end() || peek() == ',' || peek() == '}') return false;  // an empty value
        std::uint32_t value_id = 0;
        if (!parse_flow_node(depth, value_id)) return false;
        scratch_.push_back(key_id);
        scratch_.push_back(value_id);
      } else {
        std::uint32_t item = 0;
        if (!parse_flow_node(depth, item)) return false;
        scratch_.push_back(item);
      }
      skip_spaces();
      if (at_end()) return false;
      if (peek() == close) {
        ++i_;
        break;
      }
      if (peek() != ',') return false;  // also `[k: v]`, a single-pair mapping
      ++i_;
      skip_spaces();
      if (at_end() || peek() == close) return false;  // a trailing comma
    }
    finish(out, first, is_map ? 2 : 1);
    return true;
  }
};

}  // namespace

std::optional<YamlTree> read_yaml_subset(std::string_view text) { return SubsetReader(text).read(); }

}  // namespace kmsaccess::core
