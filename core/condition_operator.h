// Condition operators of the IAM policy grammar: base operator, set prefix and IfExists suffix.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kmsaccess::core {

enum class BaseOperator : std::uint8_t {
  kStringEquals, kStringNotEquals, kStringEqualsIgnoreCase, kStringNotEqualsIgnoreCase,
  kStringLike, kStringNotLike,
  kNumericEquals, kNumericNotEquals, kNumericLessThan, kNumericLessThanEquals,
  kNumericGreaterThan, kNumericGreaterThanEquals,
  kDateEquals, kDateNotEquals, kDateLessThan, kDateLessThanEquals, kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool, kBinaryEquals, kIpAddress, kNotIpAddress,
  kArnEquals, kArnNotEquals, kArnLike, kArnNotLike,
  kNull,
};

enum class SetOperator : std::uint8_t { kNone, kForAnyValue, kForAllValues };

struct ConditionOperator {
  BaseOperator base = BaseOperator::kStringEquals;
  SetOperator set = SetOperator::kNone;
  bool if_exists = false;
  auto operator<=>(const ConditionOperator&) const = default;
};

// "ForAnyValue:StringLikeIfExists" -> {kStringLike, kForAnyValue, true}. Operator names are
// case-sensitive in AWS; nullopt for anything AWS would reject (including "NullIfExists").
std::optional<ConditionOperator> parse_condition_operator(std::string_view text);
std::string to_string(const ConditionOperator& op);
std::string_view base_operator_name(BaseOperator op);

// Negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...) are true when the key is absent.
bool is_negated(BaseOperator op);

enum class OperatorFamily : std::uint8_t { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };
OperatorFamily operator_family(BaseOperator op);

}  // namespace kmsaccess::core
