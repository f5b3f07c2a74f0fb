#include "rules/kms008_set_operator_on_single_valued_key.h"

#include "rules/condition_key_types.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS008",
    .name = "set-operator-on-single-valued-key",
    .severity = Severity::kWarning,
    .short_description = "ForAnyValue or ForAllValues on a single-valued condition key",
    .long_description =
        "The set qualifiers ForAnyValue and ForAllValues are for multivalued keys such as "
        "kms:EncryptionContextKeys and aws:TagKeys. On a single-valued key they change the "
        "meaning in surprising ways: ForAllValues is true when the key is absent, so "
        "`ForAllValues:StringEquals` on kms:CallerAccount in an Allow also matches requests "
        "that carry no caller account at all.",
    .help = "Drop the qualifier: replace "
            "`\"ForAnyValue:StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}` with "
            "`\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_condition-single-vs-multi-valued-context-keys.html",
};

}  // namespace

const RuleInfo& SetOperatorOnSingleValuedKeyRule::info() const { return kInfo; }

void SetOperatorOnSingleValuedKeyRule::check_policy(const LintDocument& doc,
                                                    const core::PolicyDocument& policy,
                                                    FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    for (const auto& clause : st.conditions) {
      if (clause.op.set == core::SetOperator::kNone) continue;
      auto type = condition_key_type(clause.key);
      if (!type || *type == KeyType::kArrayOfString) continue;
      sink.report(doc, st, clause.operator_pos, clause.operator_text + " " + clause.key,
                  clause.operator_text + " on single-valued key " + clause.key);
    }
  }
}

}  // namespace kmsaccess::rules
