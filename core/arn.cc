#include "core/arn.h"

#include <cctype>

namespace kmsaccess::core {

std::optional<Arn> parse_arn(std::string_view text) {
  if (text.substr(0, 4) != "arn:") return std::nullopt;
  std::string_view rest = text.substr(4);
  std::string_view parts[4];
  for (auto& part : parts) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    part = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  if (parts[0].empty() || parts[1].empty()) return std::nullopt;
  return Arn{std::string(parts[0]), std::string(parts[1]), std::string(parts[2]),
             std::string(parts[3]), std::string(rest)};
}

bool is_account_id(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_iam_unique_id(std::string_view text) {
  if (text.size() < 16 || text.size() > 32 || text[0] != 'A') return false;
  for (std::size_t i = 1; i < 4; ++i) {
    if (text[i] < 'A' || text[i] > 'Z') return false;
  }
  for (char c : text.substr(4)) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

namespace {
char fold(char c, bool ignore_case) {
  return ignore_case ? lower_ascii(c) : c;
}
}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view value, bool ignore_case) {
  // Classic greedy matcher with one backtrack point: O(|pattern| * |value|) worst case,
  // no recursion, so crafted patterns cannot overflow the stack.
  std::size_t p = 0;
  std::size_t v = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_v = 0;
  while (v < value.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_v = v;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || fold(pattern[p], ignore_case) == fold(value[v], ignore_case))) {
      ++p;
      ++v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++star_v;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace kmsaccess::core
