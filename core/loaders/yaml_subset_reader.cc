#include "core/loaders/yaml_subset_reader.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "core/loaders/yaml_subset_scan.h"
#include "core/utf8_bom.h"

// Every rule here restates what yaml-cpp 0.7 does for the same input (src/scanner.cpp,
// singledocparser.cpp; scalars in yaml_subset_scan.cc); where its behaviour is subtle the reader
// declines instead. yaml_subset_reader_diff_test.cc compares the two on many inputs.
namespace kmsaccess::core {
namespace {

using Kind = YamlNode::Kind;
using yaml_subset::Cursor;
using yaml_subset::Scalar;
using yaml_subset::Stop;

constexpr std::size_t kMaxDepth = 64;
// yaml-cpp drops a simple key longer than 1024 characters (simplekey.cpp, VerifySimpleKey).
constexpr std::size_t kMaxKeyBytes = 1000;

bool is_null_word(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

class SubsetReader : private Cursor {
 public:
  explicit SubsetReader(std::string_view input) { text = input; }

  std::optional<YamlTree> read() {
    std::size_t lines = 0;
    if (!check_characters(lines)) return std::nullopt;
    // Manifests hold two to five nodes a line (one-line {...} tags), about one per 12-14 bytes;
    // growing the vectors moved every string. Unused capacity is address space, never touched.
    const std::size_t expected = std::max(3 * lines, text.size() / 8) + 16;
    tree_.nodes.reserve(expected);
    tree_.links.reserve(expected);
    if (!skip_to_content() || at_end()) return std::nullopt;  // an empty stream is yaml-cpp's call
    std::uint32_t root = 0;
    if (!parse_block_collection(col(), 0, root) || !at_end()) return std::nullopt;
    tree_.documents.push_back(root);
    return std::move(tree_);
  }

 private:
  bool document_start_allowed_ = true;
  YamlTree tree_;
  std::vector<std::uint32_t> scratch_;  // children of the collections being read, innermost last

  Cursor save() const { return *this; }
  void restore(const Cursor& saved) { static_cast<Cursor&>(*this) = saved; }

  // UTF-8 only (yaml-cpp guesses other encodings from NULs and byte order marks), and no
  // control characters: yaml-cpp reads 0x04 as the end of input. CR only before LF.
  bool check_characters(std::size_t& lines) {
    if (bom_size(text) != 0) {
      i = line_start = bom_size(text);  // the byte order mark takes no column
    } else if (!text.empty()) {
      auto first = static_cast<unsigned char>(text[0]);
      if (first == 0xEF || first == 0xFE || first == 0xFF) return false;
    }
    for (std::size_t k = i; k < text.size(); ++k) {
      auto c = static_cast<unsigned char>(text[k]);
      if (c >= 0x20 || c == '\t') continue;
      if (c == '\n') {
        ++lines;
        continue;
      }
      if (c == '\r' && k + 1 < text.size() && text[k + 1] == '\n') continue;
      return false;
    }
    return true;
  }

  // Past blanks, comments and line breaks to the next token, or the end of the input. Only
  // called where a '#' starts a comment (line start, or after a blank).
  bool skip_to_content() {
    while (true) {
      if (!skip_spaces()) return false;
      if (at_end()) return true;
      char c = peek();
      if (c == '#') {
        while (!at_line_end()) ++i;
      } else if (c == '\r') {
        ++i;
      } else if (c == '\n') {
        ++i;
        ++line;
        line_start = i;
      } else if (col() == 0 && (c == '%' || text.substr(i, 3) == "---" || text.substr(i, 3) == "...")) {
        if (!document_start_allowed_ || text.substr(i, 3) != "---" || !blank_or_end_at(3)) return false;
        i += 3;  // the optional `---` before the document; nothing may follow it on its line
        document_start_allowed_ = false;
        if (!skip_spaces() || !(at_line_end() || (peek() == '#' && text[i - 1] == ' '))) return false;
      } else {
        document_start_allowed_ = false;
        return true;
      }
    }
  }

  // After a value on its line: blanks, maybe a comment, the line break; then the next line must
  // not be indented past `indent` (for a plain scalar that would be a continuation line).
  bool end_of_line(std::size_t indent) {
    std::size_t before = i;
    if (!skip_spaces()) return false;
    if (!at_line_end() && !(peek() == '#' && i > before)) return false;
    if (!skip_to_content()) return false;
    return at_end() || col() <= indent;
  }

  std::uint32_t add_node(Kind kind, Pos pos, std::string_view tag) {
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
      tree_.nodes[id].text = null_spelling_at(text, s.offset);
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
      Pos pos{line + 1, static_cast<std::uint32_t>(closed_at_end ? end_col + 1 : 1)};
      std::uint32_t id = add_node(Kind::kNull, pos, "");
      tree_.nodes[id].text = null_spelling_at(text, text.size());
      return id;
    }
    std::uint32_t id = add_node(Kind::kNull, here(), "");
    tree_.nodes[id].text = null_spelling_at(text, i);
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

  // A mapping key and its ':' (followed by a blank or the end), on one line.
  bool read_key(Scalar& key, bool flow) {
    if (at_end()) return false;
    if (peek() == '"' || peek() == '\'') {
      if (!scan_quoted(*this, key) || at_end() || peek() != ':') return false;
    } else {
      Stop stop = Stop::kLine;
      if (!scan_plain(*this, flow, key, stop) || stop != Stop::kColon) return false;
    }
    if (i - key.offset > kMaxKeyBytes) return false;
    ++i;
    if (flow) return key.quoted || peek_at(0) == ' ';  // "k":v is JSON-style; k: v otherwise
    return at_end() || peek() == ' ' || peek() == '\n' || peek() == '\r';
  }

  bool at_key() {
    Cursor saved = save();
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
      if (!scan_quoted(*this, s)) return false;
      out = add_scalar(s);
    } else {
      Scalar s;
      Stop stop = Stop::kLine;
      if (!scan_plain(*this, false, s, stop) || stop != Stop::kLine) return false;
      out = add_scalar(s);
    }
    return end_of_line(indent);
  }

  bool parse_block_sequence(std::size_t indent, std::size_t depth, bool indentless, std::uint32_t& out) {
    if (depth > kMaxDepth) return false;
    out = add_node(Kind::kSequence, here(), "?");
    std::size_t first = scratch_.size();
    while (true) {
      ++i;  // the '-'
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
      if (!scan_quoted(*this, s)) return false;
    } else {
      Stop stop = Stop::kLine;
      if (!scan_plain(*this, true, s, stop) || stop != Stop::kFlowEnd) return false;
    }
    out = add_scalar(s);
    return true;
  }

  bool parse_flow(std::size_t depth, std::uint32_t& out) {
    if (depth > kMaxDepth) return false;
    const bool is_map = peek() == '{';
    const char close = is_map ? '}' : ']';
    out = add_node(is_map ? Kind::kMap : Kind::kSequence, here(), "?");
    ++i;
    std::size_t first = scratch_.size();
    skip_spaces();
    if (!at_end() && peek() == close) {
      ++i;
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
        ++i;
        break;
      }
      if (peek() != ',') return false;  // also `[k: v]`, a single-pair mapping
      ++i;
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
