// Column-aligned plain-text tables with optional ANSI colour per cell.
#pragma once

#include <string>
#include <vector>

namespace kmsaccess::cli {

struct TableCell {
  std::string text;
  std::string color;  // ANSI SGR code such as "32" (green); empty for none
};

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add_row(std::vector<TableCell> row) { rows_.push_back(std::move(row)); }
  std::string render(bool color) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<TableCell>> rows_;
};

// Display width of UTF-8 text (code points; the glyphs we print are all single-width).
std::size_t display_width(const std::string& s);

// Colour of a verdict name ("allow", "conditional", "deny", "implicit-deny").
std::string verdict_color(const std::string& verdict);

}  // namespace kmsaccess::cli
