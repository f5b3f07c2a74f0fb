#include "rules/kms113_bypass_lockout_safety_check.h"

#include "core/arn.h"
#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS113",
    .name = "bypass-lockout-safety-check",
    .severity = Severity::kError,
    .short_description = "kms:BypassPolicyLockoutSafetyCheck allowed",
    .long_description =
        "CreateKey and PutKeyPolicy refuse a key policy that would stop the caller from "
        "changing the policy again, unless the request sets BypassPolicyLockoutSafetyCheck. "
        "Setting it can make a key unmanageable until AWS Support intervenes. The condition key "
        "`kms:BypassPolicyLockoutSafetyCheck` controls who may set it; AWS recommends denying it, "
        "never allowing it. The rule reports an Allow statement whose condition requires the key "
        "to be true, that is, a statement written to permit bypassing the check.",
    .help = "Remove the Allow, and deny the bypass instead:\n\n"
            "```json\n{\"Effect\": \"Deny\", \"Action\": [\"kms:CreateKey\", "
            "\"kms:PutKeyPolicy\"], \"Resource\": \"*\",\n \"Condition\": {\"Bool\": "
            "{\"kms:BypassPolicyLockoutSafetyCheck\": \"true\"}}}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "conditions-kms.html#conditions-kms-bypass-policy-lockout-safety-check",
};

}  // namespace

const RuleInfo& BypassLockoutSafetyCheckRule::info() const { return kInfo; }

void BypassLockoutSafetyCheckRule::check_policy(const LintDocument& doc,
                                                const core::PolicyDocument& policy,
                                                FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!is_allow(st)) continue;
    for (const auto& c : st.conditions) {
      if (c.key_lower != "kms:bypasspolicylockoutsafetycheck") continue;
      // IfExists also holds when the request sets the flag to true.
      const auto family = core::operator_family(c.op.base);
      if (core::is_negated(c.op.base) ||
          (family != core::OperatorFamily::kBool && family != core::OperatorFamily::kString)) {
        continue;
      }
      for (const auto& v : c.values) {
        if (!core::iequals_ascii(v.text, "true")) continue;
        sink.report(doc, st, v.pos, c.key + "=" + v.text,
                    "Allow with " + c.operator_text + " " + c.key + " \"" + v.text +
                        "\" permits bypassing the policy lockout safety check");
      }
    }
  }
}

}  // namespace kmsaccess::rules
