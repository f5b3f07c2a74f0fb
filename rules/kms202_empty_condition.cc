#include "rules/kms202_empty_condition.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS202",
    .name = "empty-condition",
    .severity = Severity::kNote,
    .short_description = "An empty Condition block, or a condition key with no values",
    .long_description =
        "An empty Condition block restricts nothing, which reads as if a restriction had been "
        "intended and lost (often a template variable that rendered empty). A condition key "
        "with an empty value list never matches, so the statement never applies.",
    .help = "Either remove `\"Condition\": {}` or fill in the intended restriction, e.g. "
            "`\"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": \"111122223333\"}}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_elements_condition.html",
};

}  // namespace

const RuleInfo& EmptyConditionRule::info() const { return kInfo; }

void EmptyConditionRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                      FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (st.has_condition && st.conditions.empty()) {
      sink.report(doc, st, st.condition_pos, "Condition",
                  "statement " + st.label() + " has an empty Condition block");
    }
    for (const auto& clause : st.conditions) {
      if (!clause.values.empty()) continue;
      sink.report(doc, st, clause.key_pos, clause.operator_text + " " + clause.key,
                  "condition " + clause.operator_text + " on " + clause.key +
                      " has no values and never matches");
    }
  }
}

}  // namespace kmsaccess::rules
