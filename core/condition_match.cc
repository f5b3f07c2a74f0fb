// Pattern, ARN and number comparisons for condition operators (see condition_match.h).
#include "core/condition_match.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <system_error>

#include "core/arn.h"

namespace kmsaccess::core {
namespace {

Tri to_tri(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

char fold(char c, bool ignore_case) {
  return ignore_case ? lower_ascii(c) : c;
}

bool acts_as_wildcard(CharOrigin origin, bool variables_are_wild) {
  switch (origin) {
    case CharOrigin::kPolicy: return true;
    case CharOrigin::kEscape: return false;
    case CharOrigin::kVariable: return variables_are_wild;
  }
  return false;
}

// Greedy glob with one backtrack point, as in wildcard_match (core/arn.cc): no recursion and
// O(|pattern| * |value|) at worst.
bool glob(std::string_view text, std::span<const CharOrigin> origin, std::string_view value,
          bool ignore_case, bool variables_are_wild) {
  auto is = [&](std::size_t i, char c) {
    return text[i] == c && acts_as_wildcard(origin[i], variables_are_wild);
  };
  std::size_t p = 0;
  std::size_t v = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_v = 0;
  while (v < value.size()) {
    if (p < text.size() && is(p, '*')) {
      star = p++;
      star_v = v;
    } else if (p < text.size() &&
               (is(p, '?') || fold(text[p], ignore_case) == fold(value[v], ignore_case))) {
      ++p;
      ++v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++star_v;
    } else {
      return false;
    }
  }
  while (p < text.size() && is(p, '*')) ++p;
  return p == text.size();
}

// True when some character's wildcard status depends on how substituted values are read.
bool has_ambiguous_wildcard(const Pattern& pattern) {
  for (std::size_t i = 0; i < pattern.text.size(); ++i) {
    if (pattern.origin[i] == CharOrigin::kVariable &&
        (pattern.text[i] == '*' || pattern.text[i] == '?')) {
      return true;
    }
  }
  return false;
}

// Runs `match(variables_are_wild)` under both readings when they could differ.
template <typename Match>
Tri both_readings(const Pattern& pattern, Match&& match) {
  bool literal = match(false);
  if (!has_ambiguous_wildcard(pattern)) return to_tri(literal);
  return literal == match(true) ? to_tri(literal) : Tri::kUnknown;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Tri like_match(const Pattern& pattern, std::string_view value, bool ignore_case) {
  std::span<const CharOrigin> origin(pattern.origin);
  return both_readings(pattern, [&](bool wild) {
    return glob(pattern.text, origin, value, ignore_case, wild);
  });
}

Tri like_match_with_variables(std::string_view pattern_text, std::string_view value,
                              const ConditionContext& ctx) {
  ExpandedValue e = expand_variables(pattern_text, ctx);
  switch (e.state) {
    case ExpandedValue::State::kMissing: return Tri::kFalse;
    case ExpandedValue::State::kUnknown: return Tri::kUnknown;
    case ExpandedValue::State::kReady: break;
  }
  return like_match(e.pattern, value);
}

Tri arn_like_match(const Pattern& pattern, std::string_view value) {
  auto arn = parse_arn(value);
  if (!arn) return Tri::kFalse;
  const std::array<std::string_view, 6> fields{"arn",       arn->partition, arn->service,
                                               arn->region, arn->account,   arn->resource};
  // Split the pattern at its first five colons; colons are never wildcards.
  std::array<std::size_t, 7> cut{};
  std::size_t found = 0;
  for (std::size_t i = 0; i < pattern.text.size() && found < 5; ++i) {
    if (pattern.text[i] == ':') cut[++found] = i + 1;
  }
  if (found < 5) return Tri::kFalse;
  cut[6] = pattern.text.size() + 1;
  std::string_view text(pattern.text);
  std::span<const CharOrigin> origin(pattern.origin);
  return both_readings(pattern, [&](bool wild) {
    for (std::size_t f = 0; f < 6; ++f) {
      std::size_t begin = cut[f];
      std::size_t len = cut[f + 1] - 1 - begin;
      if (!glob(text.substr(begin, len), origin.subspan(begin, len), fields[f], false, wild)) {
        return false;
      }
    }
    return true;
  });
}

std::optional<Number> parse_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  bool integral = true;
  if (i < text.size() && text[i] == '.') {
    integral = false;
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    integral = false;
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < text.size() && is_digit(text[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;

  // from_chars rejects a leading '+'.
  std::string_view body = text.front() == '+' ? text.substr(1) : text;
  const char* end = body.data() + body.size();
  Number n;
  auto real = std::from_chars(body.data(), end, n.real);
  if (real.ec != std::errc{} || real.ptr != end || !std::isfinite(n.real)) return std::nullopt;
  if (integral) {
    auto whole = std::from_chars(body.data(), end, n.integer);
    n.integral = whole.ec == std::errc{} && whole.ptr == end;
  }
  return n;
}

std::partial_ordering compare_numbers(const Number& a, const Number& b) {
  if (a.integral && b.integral) return a.integer <=> b.integer;
  return a.real <=> b.real;
}

}  // namespace kmsaccess::core
