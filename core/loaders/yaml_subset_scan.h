// The fast YAML reader's cursor and its scalar scanning (yaml_subset_reader.cc reads the
// structure). Internal to the reader; every rule restates yaml-cpp 0.7 or declines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/source_pos.h"

namespace kmsaccess::core::yaml_subset {

// A place in the text, with yaml-cpp's line and column (bytes; a byte order mark takes none).
struct Cursor {
  std::string_view text;
  std::size_t i = 0;
  std::uint32_t line = 0;       // 0-based line of i
  std::size_t line_start = 0;   // where column 0 of the current line is

  bool at_end() const { return i >= text.size(); }
  char peek() const { return text[i]; }
  char peek_at(std::size_t k) const { return i + k < text.size() ? text[i + k] : '\0'; }
  std::size_t col() const { return i - line_start; }
  Pos here() const { return {line + 1, static_cast<std::uint32_t>(col() + 1)}; }
  // A blank, a line break or the end: what has to follow the '-' and ':' indicators.
  bool blank_or_end_at(std::size_t k) const {
    char c = peek_at(k);
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
  bool at_block_entry() const { return !at_end() && peek() == '-' && blank_or_end_at(1); }
  bool at_line_end() const { return at_end() || peek() == '\n' || peek() == '\r'; }
  // Past spaces; false at a tab, which the reader leaves to yaml-cpp.
  bool skip_spaces() {
    while (!at_end() && peek() == ' ') ++i;
    return at_end() || peek() != '\t';
  }
};

// A scalar read but not yet added to the tree (keys are looked at before they are taken).
struct Scalar {
  std::string text;
  bool quoted = false;
  Pos pos;
  std::size_t offset = 0;  // of its first character (the quote, when quoted)
};

// What ended a plain scalar: the line (or a comment), a ':' indicator, or ',' ']' '}' in flow.
enum class Stop { kLine, kColon, kFlowEnd };

// A plain scalar on one line, in block or flow context; false to decline.
bool scan_plain(Cursor& c, bool flow, Scalar& s, Stop& stop);

// A single- or double-quoted scalar on one line, every YAML escape decoded as yaml-cpp does;
// false to decline (a line break inside, an escape yaml-cpp rejects).
bool scan_quoted(Cursor& c, Scalar& s);

}  // namespace kmsaccess::core::yaml_subset
