#include "rules/kms015_action_without_key_resource.h"

#include "core/action_catalog.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS015",
    .name = "action-without-key-resource",
    .severity = Severity::kWarning,
    .short_description = "A key policy names an action that is never authorised against a key "
                         "(kms:CreateKey, kms:ListKeys, kms:ListAliases, custom key store actions...)",
    .long_description =
        "Some KMS actions have no key resource: CreateKey, ListKeys, ListAliases, GenerateRandom, "
        "ListRetirableGrants and the custom key store actions are authorised by IAM policies "
        "alone. A key policy is consulted only for requests on its key, so naming these actions "
        "there allows nothing and, in a Deny, guards nothing. The statement reads as if it "
        "controlled key creation or listing in the account; it does not.",
    .help = "Move the action to an IAM policy (with `\"Resource\": \"*\"`), or to an SCP to deny it "
            "account-wide; keep only key actions in the key policy.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
};

}  // namespace

const RuleInfo& ActionWithoutKeyResourceRule::info() const { return kInfo; }

void ActionWithoutKeyResourceRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                                FindingSink& sink) const {
  if (!is_key_policy(doc)) return;
  const core::ActionMask key_actions = core::key_actions_mask();
  for (const auto& st : policy.statements) {
    if (st.not_action) continue;
    // Only entries that cover KMS actions and none with a key: "kms:*" or "kms:List*" also
    // cover key actions and are fine.
    for (const auto& action : st.actions) {
      const core::ActionMask covered = core::match_action_pattern(action.text);
      if (covered == 0 || (covered & key_actions) != 0) continue;
      const bool single = (covered & (covered - 1)) == 0;
      sink.report(doc, st, action.pos, action.text,
                  std::string(single ? "" : "every action of ") + "'" + action.text +
                      "' is authorised without a key, so a key policy cannot " +
                      (st.effect == core::Effect::kDeny ? "deny" : "allow") + " it; use an IAM policy");
    }
  }
}

}  // namespace kmsaccess::rules
