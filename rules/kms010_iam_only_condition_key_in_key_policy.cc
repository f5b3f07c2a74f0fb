#include "rules/kms010_iam_only_condition_key_in_key_policy.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS010",
    .name = "iam-only-condition-key-in-key-policy",
    .severity = Severity::kWarning,
    .short_description = "A condition key that only works in IAM policies, used in a key policy",
    .long_description =
        "KMS evaluates aws:ResourceTag/* and kms:ResourceAliases only in IAM policies; attribute-"
        "based access control with tags and aliases is designed for identity policies. In a key "
        "policy the condition does not restrict the way the author expects, so the statement "
        "either grants nothing or guards nothing.",
    .help = "Move the tag or alias condition into the IAM policy of the principals, e.g. an "
            "identity policy statement with `\"Resource\": \"arn:aws:kms:*:111122223333:key/*\"` and "
            "`\"Condition\": {\"StringEquals\": {\"aws:ResourceTag/Project\": \"Alpha\"}}`; in the "
            "key policy, keep the root statement that lets IAM policies apply.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/abac.html",
};

bool iam_only(std::string_view key_lower) {
  return key_lower.rfind("aws:resourcetag/", 0) == 0 || key_lower == "kms:resourcealiases";
}

}  // namespace

const RuleInfo& IamOnlyConditionKeyInKeyPolicyRule::info() const { return kInfo; }

void IamOnlyConditionKeyInKeyPolicyRule::check_policy(const LintDocument& doc,
                                                      const core::PolicyDocument& policy,
                                                      FindingSink& sink) const {
  if (!is_key_policy(doc)) return;
  for (const auto& st : policy.statements) {
    for (const auto& clause : st.conditions) {
      if (!iam_only(clause.key_lower)) continue;
      sink.report(doc, st, clause.key_pos, clause.key,
                  "condition key " + clause.key + " is for IAM policies; in a key policy it "
                  "does not restrict as intended");
    }
  }
}

}  // namespace kmsaccess::rules
