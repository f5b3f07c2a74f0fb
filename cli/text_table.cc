#include "cli/text_table.h"

#include <algorithm>

namespace kmsaccess::cli {

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != 0x7F) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
    }
  }
  return out;
}

void TextTable::add_row(std::vector<TableCell> row) {
  for (auto& cell : row) {
    const bool plain = std::none_of(cell.text.begin(), cell.text.end(), [](char ch) {
      const auto c = static_cast<unsigned char>(ch);
      return c < 0x20 || c == 0x7F;
    });
    if (!plain) cell.text = printable(cell.text);
  }
  rows_.push_back(std::move(row));
}

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::string verdict_color(const std::string& verdict) {
  if (verdict == "allow") return "32";
  if (verdict == "conditional") return "33";
  if (verdict == "deny") return "31";
  return "";
}

std::string TextTable::render(bool color) const {
  std::vector<std::size_t> widths(header_.size(), 0);
  for (std::size_t c = 0; c < header_.size(); ++c) widths[c] = display_width(header_[c]);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c].text));
    }
  }
  auto line = [&](const std::vector<TableCell>& cells) {
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      std::string text = cells[c].text;
      std::string pad = last ? "" : std::string(widths[c] - display_width(text) + 2, ' ');
      if (color && !cells[c].color.empty()) {
        out += "\033[" + cells[c].color + "m" + text + "\033[0m" + pad;
      } else {
        out += text + pad;
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::vector<TableCell> head;
  for (const auto& h : header_) head.push_back({h, color ? "1" : ""});
  std::string out = line(head);
  for (const auto& row : rows_) out += line(row);
  return out;
}

}  // namespace kmsaccess::cli
