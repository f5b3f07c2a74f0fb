#include "rules/kms009_for_all_values_without_null_guard.h"

#include <algorithm>

#include "core/action_catalog.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS009",
    .name = "for-all-values-without-null-guard",
    .severity = Severity::kWarning,
    .short_description = "ForAllValues in an Allow without a Null guard on the same key",
    .long_description =
        "ForAllValues is true when every value in the request is in the list, and an empty "
        "set satisfies that trivially: a request without the key (for example an Encrypt call "
        "with no encryption context) passes the condition. In an Allow this grants access the "
        "condition was meant to restrict.",
    .help = "Add a Null guard on the same key so the key must be present: "
            "`\"Null\": {\"kms:EncryptionContextKeys\": \"false\"}` next to "
            "`\"ForAllValues:StringEquals\": {\"kms:EncryptionContextKeys\": [\"Department\"]}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_condition-single-vs-multi-valued-context-keys.html",
};

// The key must be present: Null "false", or a ForAnyValue (non-negated) on the same key, which
// is false for an empty set.
bool guarded(const core::Statement& st, const core::ConditionClause& clause) {
  return std::any_of(st.conditions.begin(), st.conditions.end(), [&](const auto& other) {
    if (other.key_lower != clause.key_lower) return false;
    if (other.op.base == core::BaseOperator::kNull) {
      return std::all_of(other.values.begin(), other.values.end(),
                         [](const auto& v) { return v.text == "false"; });
    }
    return other.op.set == core::SetOperator::kForAnyValue && !core::is_negated(other.op.base) &&
           !other.op.if_exists;
  });
}

// aws:TagKeys is always in TagResource and UntagResource requests (both require tag keys), so an
// absent key cannot happen when the statement covers only those actions (AWS's own examples).
bool key_always_present(const core::Statement& st, const core::ConditionClause& clause) {
  if (clause.key_lower != "aws:tagkeys" || st.matches_non_kms || st.action_mask == 0) return false;
  core::ActionMask tagging = 0;
  for (const char* name : {"kms:TagResource", "kms:UntagResource"}) {
    if (auto i = core::find_action(name)) tagging |= core::action_bit(*i);
  }
  return (st.action_mask & ~tagging) == 0;
}

}  // namespace

const RuleInfo& ForAllValuesWithoutNullGuardRule::info() const { return kInfo; }

void ForAllValuesWithoutNullGuardRule::check_policy(const LintDocument& doc,
                                                    const core::PolicyDocument& policy,
                                                    FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!st.has_effect || st.effect != core::Effect::kAllow) continue;
    for (const auto& clause : st.conditions) {
      if (clause.op.set != core::SetOperator::kForAllValues) continue;
      if (clause.op.base == core::BaseOperator::kNull || guarded(st, clause)) continue;
      if (key_always_present(st, clause)) continue;
      sink.report(doc, st, clause.operator_pos, clause.operator_text + " " + clause.key,
                  clause.operator_text + " on " + clause.key +
                      " also matches requests without the key; add a Null guard");
    }
  }
}

}  // namespace kmsaccess::rules
