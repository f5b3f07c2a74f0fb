#include "rules/kms007_operator_type_mismatch.h"

#include "rules/condition_key_types.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS007",
    .name = "operator-type-mismatch",
    .severity = Severity::kError,
    .short_description = "A condition operator whose type does not fit the condition key",
    .long_description =
        "Condition operators compare values of one type: NumericLessThan compares numbers, "
        "Bool compares true/false, DateGreaterThan compares dates. Applied to a key of another "
        "type (NumericLessThan on kms:CallerAccount, Bool on kms:ViaService) the comparison "
        "never matches, so an Allow grants nothing and a Deny guards nothing.",
    .help = "Use the operator family of the key's type, e.g. replace "
            "`\"NumericEquals\": {\"kms:CallerAccount\": \"111122223333\"}` with "
            "`\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_elements_condition_operators.html",
};

// Only clear mismatches: string operators work on every key (values are compared as text), and
// ARN operators are accepted on string keys that hold ARNs.
bool mismatch(core::OperatorFamily family, KeyType type) {
  using core::OperatorFamily;
  switch (family) {
    case OperatorFamily::kNumeric:
      return type != KeyType::kNumeric;
    case OperatorFamily::kDate:
      return type != KeyType::kDate && type != KeyType::kNumeric;
    case OperatorFamily::kBool:
      return type != KeyType::kBool;
    case OperatorFamily::kIp:
      return type != KeyType::kIp;
    case OperatorFamily::kArn:
      return type == KeyType::kNumeric || type == KeyType::kDate || type == KeyType::kBool ||
             type == KeyType::kIp;
    case OperatorFamily::kString:
    case OperatorFamily::kBinary:
    case OperatorFamily::kNull:
      return false;
  }
  return false;
}

}  // namespace

const RuleInfo& OperatorTypeMismatchRule::info() const { return kInfo; }

void OperatorTypeMismatchRule::check_policy(const LintDocument& doc,
                                            const core::PolicyDocument& policy,
                                            FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    for (const auto& clause : st.conditions) {
      auto type = condition_key_type(clause.key);
      if (!type || !mismatch(core::operator_family(clause.op.base), *type)) continue;
      sink.report(doc, st, clause.operator_pos, clause.operator_text + " " + clause.key,
                  "operator " + clause.operator_text + " does not fit " + clause.key +
                      ", a key of type " + std::string(to_string(*type)));
    }
  }
}

}  // namespace kmsaccess::rules
