#include "rules/kms011_key_policy_resource_not_star.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS011",
    .name = "key-policy-resource-not-star",
    .severity = Severity::kWarning,
    .short_description = "A key policy Resource other than \"*\"",
    .long_description =
        "In a key policy, \"Resource\": \"*\" means \"this KMS key\": the policy is attached to "
        "one key and cannot name another. A key ARN, an alias ARN or NotResource there is at "
        "best redundant and at worst matches nothing (a different key's ARN, an alias), leaving "
        "the statement without effect.",
    .help = "Write `\"Resource\": \"*\"` in every key policy statement.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-overview.html#key-policy-elements",
};

}  // namespace

const RuleInfo& KeyPolicyResourceNotStarRule::info() const { return kInfo; }

void KeyPolicyResourceNotStarRule::check_policy(const LintDocument& doc,
                                                const core::PolicyDocument& policy,
                                                FindingSink& sink) const {
  if (!is_key_policy(doc)) return;
  for (const auto& st : policy.statements) {
    for (const auto& r : st.resources) {
      if (r.text == "*" && !st.not_resource) continue;
      sink.report(doc, st, r.pos, r.text,
                  std::string(st.not_resource ? "NotResource" : "Resource") + " \"" + r.text +
                      "\" in a key policy; use \"*\" (this key)");
    }
  }
}

}  // namespace kmsaccess::rules
