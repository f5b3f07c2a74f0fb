#include "rules/kms112_destructive_action_unguarded.h"

#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS112",
    .name = "destructive-action-unguarded",
    .severity = Severity::kWarning,
    .short_description =
        "ScheduleKeyDeletion/DisableKey/DeleteImportedKeyMaterial allowed without MFA or a deny "
        "guard",
    .long_description =
        "Deleting a KMS key destroys every ciphertext encrypted under it; disabling it or "
        "deleting its imported key material stops all use at once. AWS recommends keeping these "
        "actions to key administrators and guarding them, for example with an "
        "`aws:MultiFactorAuthPresent` condition or a Deny statement for them. The rule reports "
        "an Allow of these actions to a principal other than the account root and the designated "
        "key administrators (key policy), or in an identity policy other than an administrator-only "
        "statement, when the statement does not "
        "require MFA and the same policy has no Deny covering the action. Designated "
        "administrators are those listed under `key_admins` in .kmsaccess.yaml or, without that "
        "list, the principals of an administrator-only statement.",
    .help = "Require MFA for the destructive actions, or deny them outside a break-glass role:\n\n"
            "```json\n{\"Effect\": \"Allow\", \"Action\": [\"kms:ScheduleKeyDeletion\", "
            "\"kms:DisableKey\"],\n \"Resource\": \"*\",\n \"Condition\": {\"Bool\": "
            "{\"aws:MultiFactorAuthPresent\": \"true\"}}}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "deleting-keys-adding-permission.html",
};

core::ActionMask destructive_mask() {
  return action_named("kms:ScheduleKeyDeletion") | action_named("kms:DisableKey") |
         action_named("kms:DeleteImportedKeyMaterial");
}

// Actions some Deny of the policy covers (conditioned or not: a guard is the point).
core::ActionMask denied_in(const core::PolicyDocument& policy) {
  core::ActionMask m = 0;
  for (const auto& st : policy.statements) {
    if (is_deny(st)) m |= st.action_mask;
  }
  return m;
}

bool requires_mfa(const core::Statement& st) {
  for (const auto& c : st.conditions) {
    if (c.key_lower == "aws:multifactorauthpresent" && clause_requires_true(c)) return true;
    // NumericLessThan aws:MultiFactorAuthAge also requires a recent MFA sign-in.
    if (c.key_lower == "aws:multifactorauthage" && !c.op.if_exists &&
        c.op.base == core::BaseOperator::kNumericLessThan) {
      return true;
    }
  }
  return false;
}

// Who the statement gives the actions to, when it is a key policy: "" if only admins/roots.
std::string beneficiary(const LintContext& ctx, const core::Statement& st) {
  if (st.has_principal && st.not_principal) return "NotPrincipal";
  std::vector<std::string> names;
  for (const auto* e : non_root_principals(st)) {
    if (!designated_admin(ctx, st, *e)) names.push_back("\"" + e->value + "\"");
  }
  if (st.principal.wildcard && names.empty()) names.emplace_back("\"*\"");
  return join(names);
}

void check_policy(const LintContext& ctx, const LintDocument& doc, FindingSink& sink) {
  const core::PolicyDocument& policy = *doc.policy;
  const core::ActionMask unguarded_base = destructive_mask() & ~denied_in(policy);
  if (unguarded_base == 0) return;
  for (const auto& st : policy.statements) {
    const core::ActionMask hit = st.action_mask & unguarded_base;
    if (!is_allow(st) || hit == 0 || requires_mfa(st)) continue;
    std::string who = "by this identity policy";
    if (is_key_policy(doc)) {
      who = beneficiary(ctx, st);
      if (who.empty()) continue;
      who = "to " + who;
    } else if (ctx.key_admins.empty() && is_admin_only_statement(st)) {
      continue;  // a key-administrator policy: its holders are the designated admins
    }
    const std::string actions = join(core::mask_to_names(hit));
    sink.report(doc, st, action_pos(st, hit), actions,
                actions + " allowed " + who +
                    " without an aws:MultiFactorAuthPresent condition or a Deny guard");
  }
}

}  // namespace

const RuleInfo& DestructiveActionUnguardedRule::info() const { return kInfo; }

void DestructiveActionUnguardedRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (!doc.policy) continue;
    if (doc.kind == DocumentKind::kIdentityPolicy || is_key_policy(doc)) {
      check_policy(ctx, doc, sink);
    }
  }
}

}  // namespace kmsaccess::rules
