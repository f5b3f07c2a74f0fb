// Positions in source files: every parsed element remembers where it came from.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace kmsaccess::core {

// Line and column inside one document, 1-based; 0 means "unknown".
struct Pos {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  auto operator<=>(const Pos&) const = default;
};

// A position with the file it belongs to, for errors and explanations.
struct SourcePos {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  SourcePos() = default;
  SourcePos(std::string f, Pos p) : file(std::move(f)), line(p.line), column(p.column) {}
  SourcePos(std::string f, std::uint32_t l, std::uint32_t c) : file(std::move(f)), line(l), column(c) {}

  // "file:line:col", dropping the parts that are unknown.
  std::string to_string() const;
  auto operator<=>(const SourcePos&) const = default;
};

}  // namespace kmsaccess::core
