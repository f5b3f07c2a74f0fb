#include "core/condition_operator.h"

#include <array>
#include <utility>

namespace kmsaccess::core {
namespace {

constexpr std::array<std::pair<std::string_view, BaseOperator>, 27> kOperators{{
    {"StringEquals", BaseOperator::kStringEquals},
    {"StringNotEquals", BaseOperator::kStringNotEquals},
    {"StringEqualsIgnoreCase", BaseOperator::kStringEqualsIgnoreCase},
    {"StringNotEqualsIgnoreCase", BaseOperator::kStringNotEqualsIgnoreCase},
    {"StringLike", BaseOperator::kStringLike},
    {"StringNotLike", BaseOperator::kStringNotLike},
    {"NumericEquals", BaseOperator::kNumericEquals},
    {"NumericNotEquals", BaseOperator::kNumericNotEquals},
    {"NumericLessThan", BaseOperator::kNumericLessThan},
    {"NumericLessThanEquals", BaseOperator::kNumericLessThanEquals},
    {"NumericGreaterThan", BaseOperator::kNumericGreaterThan},
    {"NumericGreaterThanEquals", BaseOperator::kNumericGreaterThanEquals},
    {"DateEquals", BaseOperator::kDateEquals},
    {"DateNotEquals", BaseOperator::kDateNotEquals},
    {"DateLessThan", BaseOperator::kDateLessThan},
    {"DateLessThanEquals", BaseOperator::kDateLessThanEquals},
    {"DateGreaterThan", BaseOperator::kDateGreaterThan},
    {"DateGreaterThanEquals", BaseOperator::kDateGreaterThanEquals},
    {"Bool", BaseOperator::kBool},
    {"BinaryEquals", BaseOperator::kBinaryEquals},
    {"IpAddress", BaseOperator::kIpAddress},
    {"NotIpAddress", BaseOperator::kNotIpAddress},
    {"ArnEquals", BaseOperator::kArnEquals},
    {"ArnNotEquals", BaseOperator::kArnNotEquals},
    {"ArnLike", BaseOperator::kArnLike},
    {"ArnNotLike", BaseOperator::kArnNotLike},
    {"Null", BaseOperator::kNull},
}};

}  // namespace

std::string_view base_operator_name(BaseOperator op) {
  for (const auto& [name, value] : kOperators) {
    if (value == op) return name;
  }
  return "?";
}

std::optional<ConditionOperator> parse_condition_operator(std::string_view text) {
  ConditionOperator op;
  if (text.rfind("ForAnyValue:", 0) == 0) {
    op.set = SetOperator::kForAnyValue;
    text.remove_prefix(12);
  } else if (text.rfind("ForAllValues:", 0) == 0) {
    op.set = SetOperator::kForAllValues;
    text.remove_prefix(13);
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (text.size() > kIfExists.size() && text.substr(text.size() - kIfExists.size()) == kIfExists) {
    op.if_exists = true;
    text.remove_suffix(kIfExists.size());
  }
  for (const auto& [name, value] : kOperators) {
    if (name == text) {
      op.base = value;
      if (value == BaseOperator::kNull && (op.if_exists || op.set != SetOperator::kNone)) {
        return std::nullopt;  // AWS rejects NullIfExists and set-qualified Null
      }
      return op;
    }
  }
  return std::nullopt;
}

std::string to_string(const ConditionOperator& op) {
  std::string out;
  if (op.set == SetOperator::kForAnyValue) out = "ForAnyValue:";
  if (op.set == SetOperator::kForAllValues) out = "ForAllValues:";
  out += base_operator_name(op.base);
  if (op.if_exists) out += "IfExists";
  return out;
}

bool is_negated(BaseOperator op) {
  switch (op) {
    case BaseOperator::kStringNotEquals:
    case BaseOperator::kStringNotEqualsIgnoreCase:
    case BaseOperator::kStringNotLike:
    case BaseOperator::kNumericNotEquals:
    case BaseOperator::kDateNotEquals:
    case BaseOperator::kNotIpAddress:
    case BaseOperator::kArnNotEquals:
    case BaseOperator::kArnNotLike:
      return true;
    default:
      return false;
  }
}

OperatorFamily operator_family(BaseOperator op) {
  switch (op) {
    case BaseOperator::kStringEquals:
    case BaseOperator::kStringNotEquals:
    case BaseOperator::kStringEqualsIgnoreCase:
    case BaseOperator::kStringNotEqualsIgnoreCase:
    case BaseOperator::kStringLike:
    case BaseOperator::kStringNotLike:
      return OperatorFamily::kString;
    case BaseOperator::kNumericEquals:
    case BaseOperator::kNumericNotEquals:
    case BaseOperator::kNumericLessThan:
    case BaseOperator::kNumericLessThanEquals:
    case BaseOperator::kNumericGreaterThan:
    case BaseOperator::kNumericGreaterThanEquals:
      return OperatorFamily::kNumeric;
    case BaseOperator::kDateEquals:
    case BaseOperator::kDateNotEquals:
    case BaseOperator::kDateLessThan:
    case BaseOperator::kDateLessThanEquals:
    case BaseOperator::kDateGreaterThan:
    case BaseOperator::kDateGreaterThanEquals:
      return OperatorFamily::kDate;
    case BaseOperator::kBool: return OperatorFamily::kBool;
    case BaseOperator::kBinaryEquals: return OperatorFamily::kBinary;
    case BaseOperator::kIpAddress:
    case BaseOperator::kNotIpAddress:
      return OperatorFamily::kIp;
    case BaseOperator::kArnEquals:
    case BaseOperator::kArnNotEquals:
    case BaseOperator::kArnLike:
    case BaseOperator::kArnNotLike:
      return OperatorFamily::kArn;
    case BaseOperator::kNull: return OperatorFamily::kNull;
  }
  return OperatorFamily::kString;
}

}  // namespace kmsaccess::core
