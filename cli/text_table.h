// Column-aligned plain-text tables with optional ANSI colour per cell.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kmsaccess::cli {

struct TableCell {
  std::string text;
  std::string color;  // ANSI SGR code such as "32" (green); empty for none
};

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // Control characters in cells (from Sids, tags or names in the inputs) are shown escaped, so
  // a crafted input cannot move the cursor, recolour the terminal or forge a row.
  void add_row(std::vector<TableCell> row);
  std::string render(bool color) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<TableCell>> rows_;
};

// `s` with control characters (C0 and DEL) written as \n, \r, \t or \xNN.
std::string printable(std::string_view s);

// Display width of UTF-8 text (code points; the glyphs we print are all single-width).
std::size_t display_width(const std::string& s);

// Colour of a verdict name ("allow", "conditional", "deny", "implicit-deny").
std::string verdict_color(const std::string& verdict);

}  // namespace kmsaccess::cli
