#include "core/loaders/yaml_subset_scan.h"

// Restates yaml-cpp 0.7's scalar scanning (src/scantoken.cpp, scanscalar.cpp, exp.h, exp.cpp)
// for scalars on one line.
namespace kmsaccess::core::yaml_subset {
namespace {

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

// yaml-cpp's PlainScalar / PlainScalarInFlow start rules, narrowed: '-' only before a letter
// or digit, never '?' or ':'.
bool plain_can_start(const Cursor& c) {
  char ch = c.peek();
  if (std::string_view(",[]{}#&*!|>'\"%@`?: \t\r\n").find(ch) != std::string_view::npos) return false;
  return ch != '-' || is_alnum(c.peek_at(1));
}

bool scan_hex(Cursor& c, std::size_t digits, std::string& out) {
  std::uint32_t v = 0;
  for (std::size_t k = 0; k < digits; ++k) {
    if (c.at_end() || !is_hex(c.peek())) return false;
    char ch = c.peek();
    v = v * 16 + static_cast<std::uint32_t>(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
    ++c.i;
  }
  if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return false;  // yaml-cpp throws
  append_code_point(out, v);
  return true;
}

// One escape of a double-quoted scalar (exp.cpp, Escape); the cursor is at the backslash.
bool scan_escape(Cursor& c, std::string& out) {
  char e = c.peek_at(1);
  c.i += 2;
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
    case 'x': return scan_hex(c, 2, out);
    case 'u': return scan_hex(c, 4, out);
    case 'U': return scan_hex(c, 8, out);
    default: return false;  // an escaped line break, or an escape yaml-cpp rejects
  }
}

}  // namespace

bool scan_plain(Cursor& c, bool flow, Scalar& s, Stop& stop) {
  if (c.at_end() || !plain_can_start(c)) return false;
  s.pos = c.here();
  s.offset = c.i;
  s.quoted = false;
  std::size_t end = c.i;  // past the last non-blank character: trailing blanks are dropped
  while (true) {
    if (c.at_line_end()) {
      if (flow) return false;  // a flow collection has to close on its line
      stop = Stop::kLine;
      break;
    }
    char ch = c.peek();
    if (ch == '\t') return false;
    if (ch == ' ') {
      if (c.peek_at(1) == '#') {
        if (flow) return false;
        stop = Stop::kLine;
        break;
      }
      ++c.i;
      continue;
    }
    if (ch == ':' && (c.blank_or_end_at(1) ||
                      (flow && std::string_view(",]}").find(c.peek_at(1)) != std::string_view::npos))) {
      stop = Stop::kColon;
      break;
    }
    if (flow && (ch == ',' || ch == ']' || ch == '}')) {
      stop = Stop::kFlowEnd;
      break;
    }
    if (flow && (ch == '?' || ch == '[' || ch == '{')) return false;  // yaml-cpp ends the scalar there
    ++c.i;
    end = c.i;
  }
  s.text.assign(c.text.substr(s.offset, end - s.offset));
  return true;
}

bool scan_quoted(Cursor& c, Scalar& s) {
  const char quote = c.peek();
  s.pos = c.here();
  s.offset = c.i;
  s.quoted = true;
  s.text.clear();
  ++c.i;
  std::string_view stops = quote == '"' ? std::string_view("\"\\\r\n") : std::string_view("'\r\n");
  while (true) {
    std::size_t next = c.text.find_first_of(stops, c.i);
    if (next == std::string_view::npos) return false;
    s.text.append(c.text.substr(c.i, next - c.i));
    c.i = next;
    char ch = c.peek();
    if (ch == '\r' || ch == '\n') return false;  // multi-line: folding is yaml-cpp's business
    if (ch == '\\') {
      if (!scan_escape(c, s.text)) return false;
    } else if (quote == '\'' && c.peek_at(1) == '\'') {
      s.text += '\'';
      c.i += 2;
    } else {
      ++c.i;
      return true;
    }
  }
}

}  // namespace kmsaccess::core::yaml_subset
