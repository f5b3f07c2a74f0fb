#include "rules/kms006_unknown_condition_key.h"

#include "core/action_catalog.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS006",
    .name = "unknown-condition-key",
    .severity = Severity::kError,
    .short_description = "A kms: condition key that KMS does not define",
    .long_description =
        "A condition on a key that no request carries is never satisfied by an ordinary "
        "operator: an Allow with it grants nothing, and a Deny with it guards nothing (with "
        "...IfExists or a negated operator it matches everything). AWS does not reject unknown "
        "keys, so a typo such as kms:ViaServices goes unnoticed.",
    .help = "Use a key from the KMS condition key list, e.g. replace `\"kms:ViaServices\"` with "
            "`\"kms:ViaService\"` or `\"kms:EncryptionContext:\"` with "
            "`\"kms:EncryptionContext:Department\"`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "policy-conditions.html",
};

}  // namespace

const RuleInfo& UnknownConditionKeyRule::info() const { return kInfo; }

void UnknownConditionKeyRule::check_policy(const LintDocument& doc,
                                           const core::PolicyDocument& policy,
                                           FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    for (const auto& clause : st.conditions) {
      if (clause.key_lower.rfind("kms:", 0) != 0) continue;
      if (core::find_condition_key(clause.key)) continue;
      sink.report(doc, st, clause.key_pos, clause.key,
                  "condition key '" + clause.key + "' is not a KMS condition key");
    }
  }
}

}  // namespace kmsaccess::rules
