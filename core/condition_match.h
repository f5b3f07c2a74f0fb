// Value comparisons behind condition evaluation: substituted patterns, wildcards, ARNs and numbers.
// Policy variables are expanded into a Pattern that remembers where each character came from, so
// ${*} stays a literal star in StringLike/ArnLike while a '*' written in the policy is a wildcard.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/condition.h"

namespace kmsaccess::core {

enum class CharOrigin : std::uint8_t {
  kPolicy,    // written in the policy: '*' and '?' are wildcards in the *Like operators
  kEscape,    // from ${*}, ${?} or ${$}: always the literal character
  kVariable,  // from a request value or a ${key, 'default'}: AWS does not say whether its '*'
              // and '?' are wildcards, so matching tries both readings and reports kUnknown if
              // they disagree
};

struct Pattern {
  std::string text;
  std::vector<CharOrigin> origin;  // one entry per byte of `text`
};

// A policy value after variable substitution.
struct ExpandedValue {
  enum class State : std::uint8_t {
    kReady,    // `pattern` holds the value
    kUnknown,  // a variable depends on request data we do not know
    kMissing,  // a variable's key is absent and has no default: the value matches nothing
  };
  State state = State::kReady;
  Pattern pattern;
};

// Expands ${...} references using `ctx`. Text that is not a well-formed reference stays literal.
ExpandedValue expand_variables(std::string_view text, const ConditionContext& ctx);
// The value as written, every character from the policy.
Pattern literal_pattern(std::string_view text);

// IAM glob ('*' any run, '?' one character) honouring each character's origin.
Tri like_match(const Pattern& pattern, std::string_view value, bool ignore_case = false);
// Substitutes policy variables in `pattern_text`, then globs it against `value`: for Resource
// elements, where ${*} must stay a literal star. A missing variable matches nothing (kFalse);
// an unknown one gives kUnknown.
Tri like_match_with_variables(std::string_view pattern_text, std::string_view value,
                              const ConditionContext& ctx);
// ArnEquals/ArnLike: six colon-separated fields matched separately, each with wildcards; the
// resource field keeps its colons. A value or pattern that is not six fields never matches.
Tri arn_like_match(const Pattern& pattern, std::string_view value);

// Decimal numbers as NumericEquals and friends accept them: "30", "-2", "1.5", "1e3".
struct Number {
  bool integral = false;  // no fraction or exponent, and fits in int64: compared exactly
  std::int64_t integer = 0;
  double real = 0;
};
std::optional<Number> parse_number(std::string_view text);
std::partial_ordering compare_numbers(const Number& a, const Number& b);

}  // namespace kmsaccess::core
