// Three-valued evaluation of IAM condition clauses. Source: IAM User Guide, "Condition operators"
// (absent keys, ...IfExists, Null) and "Set operators for multivalued context keys".
#include "core/condition.h"

#include <algorithm>

#include "core/arn.h"
#include "core/condition_match.h"

namespace kmsaccess::core {

Tri tri_and(Tri a, Tri b) {
  if (a == Tri::kFalse || b == Tri::kFalse) return Tri::kFalse;
  if (a == Tri::kTrue && b == Tri::kTrue) return Tri::kTrue;
  return Tri::kUnknown;
}

Tri tri_or(Tri a, Tri b) {
  if (a == Tri::kTrue || b == Tri::kTrue) return Tri::kTrue;
  if (a == Tri::kFalse && b == Tri::kFalse) return Tri::kFalse;
  return Tri::kUnknown;
}

Tri tri_not(Tri a) {
  switch (a) {
    case Tri::kFalse: return Tri::kTrue;
    case Tri::kTrue: return Tri::kFalse;
    case Tri::kUnknown: return Tri::kUnknown;
  }
  return Tri::kUnknown;
}

std::string_view to_string(Tri t) {
  switch (t) {
    case Tri::kFalse: return "false";
    case Tri::kTrue: return "true";
    case Tri::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

Tri to_tri(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

// The operator a negated operator negates; positive operators map to themselves.
BaseOperator positive_form(BaseOperator op) {
  switch (op) {
    case BaseOperator::kStringNotEquals: return BaseOperator::kStringEquals;
    case BaseOperator::kStringNotEqualsIgnoreCase: return BaseOperator::kStringEqualsIgnoreCase;
    case BaseOperator::kStringNotLike: return BaseOperator::kStringLike;
    case BaseOperator::kNumericNotEquals: return BaseOperator::kNumericEquals;
    case BaseOperator::kDateNotEquals: return BaseOperator::kDateEquals;
    case BaseOperator::kNotIpAddress: return BaseOperator::kIpAddress;
    case BaseOperator::kArnNotEquals: return BaseOperator::kArnEquals;
    case BaseOperator::kArnNotLike: return BaseOperator::kArnLike;
    default: return op;
  }
}

// The IAM User Guide lists policy variables as supported for the String, ARN and Boolean
// operators only. Elsewhere (Numeric, Date, Binary, IP, Null) AWS does not say what a ${...}
// means, so a value that contains one compares as unknown rather than as a guess.
ExpandedValue prepare_value(const ConditionValue& value, OperatorFamily family,
                            const ConditionContext& ctx) {
  switch (family) {
    case OperatorFamily::kString:
    case OperatorFamily::kArn:
    case OperatorFamily::kBool:
      return expand_variables(value.text, ctx);
    default:
      if (has_policy_variable(value.text)) return {ExpandedValue::State::kUnknown, {}};
      return {ExpandedValue::State::kReady, literal_pattern(value.text)};
  }
}

bool is_bool_text(std::string_view s) {
  return iequals_ascii(s, "true") || iequals_ascii(s, "false");
}

Tri compare_numeric(BaseOperator op, std::string_view request, std::string_view policy) {
  auto a = parse_number(request);
  auto b = parse_number(policy);
  if (!a || !b) return Tri::kFalse;
  std::partial_ordering order = compare_numbers(*a, *b);
  switch (op) {
    case BaseOperator::kNumericEquals: return to_tri(order == 0);
    case BaseOperator::kNumericLessThan: return to_tri(order < 0);
    case BaseOperator::kNumericLessThanEquals: return to_tri(order <= 0);
    case BaseOperator::kNumericGreaterThan: return to_tri(order > 0);
    case BaseOperator::kNumericGreaterThanEquals: return to_tri(order >= 0);
    default: return Tri::kFalse;
  }
}

Tri compare_date(BaseOperator op, std::string_view request, std::string_view policy) {
  auto a = parse_date(request);
  auto b = parse_date(policy);
  if (!a || !b) return Tri::kFalse;
  switch (op) {
    case BaseOperator::kDateEquals: return to_tri(*a == *b);
    case BaseOperator::kDateLessThan: return to_tri(*a < *b);
    case BaseOperator::kDateLessThanEquals: return to_tri(*a <= *b);
    case BaseOperator::kDateGreaterThan: return to_tri(*a > *b);
    case BaseOperator::kDateGreaterThanEquals: return to_tri(*a >= *b);
    default: return Tri::kFalse;
  }
}

// One request value against one policy value, for a positive (non-negated) operator.
Tri compare_one(BaseOperator positive, std::string_view request, const ExpandedValue& policy) {
  if (policy.state == ExpandedValue::State::kMissing) return Tri::kFalse;
  if (policy.state == ExpandedValue::State::kUnknown) return Tri::kUnknown;
  const std::string& text = policy.pattern.text;
  switch (operator_family(positive)) {
    case OperatorFamily::kString:
      if (positive == BaseOperator::kStringEquals) return to_tri(request == text);
      if (positive == BaseOperator::kStringEqualsIgnoreCase) {
        return to_tri(iequals_ascii(request, text));
      }
      return like_match(policy.pattern, request);
    case OperatorFamily::kNumeric: return compare_numeric(positive, request, text);
    case OperatorFamily::kDate: return compare_date(positive, request, text);
    case OperatorFamily::kBool:
      return to_tri(is_bool_text(text) && is_bool_text(request) && iequals_ascii(request, text));
    case OperatorFamily::kBinary: return to_tri(request == text);
    case OperatorFamily::kIp: {
      bool valid = false;
      return to_tri(ip_in_cidr(request, text, valid) && valid);
    }
    case OperatorFamily::kArn: return arn_like_match(policy.pattern, request);
    case OperatorFamily::kNull: return Tri::kFalse;  // handled by evaluate_null
  }
  return Tri::kFalse;
}

// OR over the policy values: does this request value match any of them?
Tri matches_any(BaseOperator positive, std::string_view request,
                const std::vector<ExpandedValue>& policy) {
  Tri result = Tri::kFalse;
  for (const ExpandedValue& p : policy) {
    result = tri_or(result, compare_one(positive, request, p));
    if (result == Tri::kTrue) break;
  }
  return result;
}

// Null: "true" asks for the key to be absent, "false" for it to be present; OR across values.
Tri evaluate_null(bool present, const std::vector<ExpandedValue>& policy) {
  Tri result = Tri::kFalse;
  for (const ExpandedValue& p : policy) {
    Tri one = Tri::kFalse;
    if (p.state == ExpandedValue::State::kUnknown) {
      one = Tri::kUnknown;
    } else if (p.state == ExpandedValue::State::kReady) {
      if (iequals_ascii(p.pattern.text, "true")) one = to_tri(!present);
      if (iequals_ascii(p.pattern.text, "false")) one = to_tri(present);
    }
    result = tri_or(result, one);
  }
  return result;
}

// The key is certainly not in the request.
Tri evaluate_absent(const ConditionOperator& op) {
  if (op.if_exists) return Tri::kTrue;
  if (op.set == SetOperator::kForAllValues) return Tri::kTrue;  // vacuously true
  if (op.set == SetOperator::kForAnyValue) return Tri::kFalse;
  return to_tri(is_negated(op.base));
}

// The key is in the request with `request` values (IfExists then behaves as the plain operator).
Tri evaluate_present(const ConditionOperator& op, const std::vector<std::string>& request,
                     const std::vector<ExpandedValue>& policy) {
  const bool negated = is_negated(op.base);
  const BaseOperator positive = positive_form(op.base);
  switch (op.set) {
    case SetOperator::kNone: {
      // Plain operators: positive when some request value matches some policy value; negated
      // when none does.
      Tri any = Tri::kFalse;
      for (const std::string& c : request) {
        any = tri_or(any, matches_any(positive, c, policy));
        if (any == Tri::kTrue) break;
      }
      return negated ? tri_not(any) : any;
    }
    case SetOperator::kForAnyValue: {
      Tri result = Tri::kFalse;
      for (const std::string& c : request) {
        Tri m = matches_any(positive, c, policy);
        result = tri_or(result, negated ? tri_not(m) : m);
        if (result == Tri::kTrue) break;
      }
      return result;
    }
    case SetOperator::kForAllValues: {
      Tri result = Tri::kTrue;
      for (const std::string& c : request) {
        Tri m = matches_any(positive, c, policy);
        result = tri_and(result, negated ? tri_not(m) : m);
        if (result == Tri::kFalse) break;
      }
      return result;
    }
  }
  return Tri::kUnknown;
}

// The key holds one value that is none of `excluded`, and nothing else is known of it. Decided only
// where that is enough: StringEquals/StringNotEquals (any set form, IfExists) whose policy values
// are all excluded ones (or missing variables), and Null.
Tri evaluate_other_value(const ConditionOperator& op, const std::vector<std::string>& excluded,
                         const std::vector<ExpandedValue>& policy) {
  if (op.base == BaseOperator::kNull) return evaluate_null(true, policy);
  const BaseOperator positive = positive_form(op.base);
  if (positive != BaseOperator::kStringEquals) return Tri::kUnknown;
  for (const ExpandedValue& p : policy) {
    if (p.state == ExpandedValue::State::kMissing) continue;
    if (p.state != ExpandedValue::State::kReady) return Tri::kUnknown;
    if (std::find(excluded.begin(), excluded.end(), p.pattern.text) == excluded.end()) return Tri::kUnknown;
  }
  // One request value matching no policy value: the same for plain, ForAnyValue and ForAllValues.
  return to_tri(is_negated(op.base));
}

}  // namespace

Tri evaluate_clause(const ConditionClause& clause, const ConditionContext& ctx) {
  const KeyValues key = ctx.lookup(clause.key_lower);
  // Request-time data: any operator, Null and IfExists included, could go either way.
  if (key.state == KeyValues::State::kUnknown) return Tri::kUnknown;
  const bool present = key.state == KeyValues::State::kPresent;
  if (key.state == KeyValues::State::kAbsent && clause.op.base != BaseOperator::kNull) {
    return evaluate_absent(clause.op);
  }

  const OperatorFamily family = operator_family(clause.op.base);
  std::vector<ExpandedValue> policy;
  policy.reserve(clause.values.size());
  for (const ConditionValue& v : clause.values) policy.push_back(prepare_value(v, family, ctx));

  if (key.state == KeyValues::State::kAbsentOrOther) {
    // Known only where both cases agree.
    Tri absent = clause.op.base == BaseOperator::kNull ? evaluate_null(false, policy) : evaluate_absent(clause.op);
    Tri other = evaluate_other_value(clause.op, key.values, policy);
    return absent == other ? absent : Tri::kUnknown;
  }
  if (clause.op.base == BaseOperator::kNull) return evaluate_null(present, policy);
  return evaluate_present(clause.op, key.values, policy);
}

ConditionResult evaluate_conditions(const std::vector<ConditionClause>& clauses,
                                    const ConditionContext& ctx) {
  ConditionResult result;
  for (const ConditionClause& clause : clauses) {
    Tri t = evaluate_clause(clause, ctx);
    if (t == Tri::kFalse) return {Tri::kFalse, {}};
    if (t == Tri::kUnknown) result.unresolved.push_back(&clause);
  }
  result.value = result.unresolved.empty() ? Tri::kTrue : Tri::kUnknown;
  return result;
}

}  // namespace kmsaccess::core
