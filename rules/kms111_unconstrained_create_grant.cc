#include "rules/kms111_unconstrained_create_grant.h"

#include <array>

#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS111",
    .name = "unconstrained-create-grant",
    .severity = Severity::kWarning,
    .short_description = "kms:CreateGrant without kms:GrantIsForAWSResource or grant constraints",
    .long_description =
        "A grant gives its grantee permissions on the key without any policy change, and a "
        "principal allowed kms:CreateGrant can create grants for anyone, with any operations, "
        "including its own. Unless the statement limits which grants can be created, "
        "CreateGrant is as strong as every operation it can hand out. AWS recommends "
        "`kms:GrantIsForAWSResource` (only AWS services integrated with KMS create the grant, for "
        "the caller's resources) or grant conditions: `kms:GrantOperations`, "
        "`kms:GranteePrincipal`, `kms:EncryptionContext:...`/`kms:EncryptionContextKeys` or "
        "`kms:GrantConstraintType`; `kms:ViaService` (grants created only through an AWS "
        "service, as in AWS managed key policies) also counts. Not reported: statements naming only account roots (they let "
        "IAM policies apply, where the rule checks the permission itself) and statements of "
        "designated key administrators, who can already change the key policy.",
    .help = "Limit CreateGrant to grants for AWS resources, or to the grantees and operations "
            "you mean:\n\n"
            "```json\n{\"Effect\": \"Allow\", \"Action\": \"kms:CreateGrant\", \"Resource\": \"*\",\n"
            " \"Condition\": {\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}}}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "grant-authorization.html",
};

// Condition keys that limit what grant a CreateGrant request may create.
constexpr std::array<std::string_view, 6> kGrantConditionKeys{
    "kms:grantoperations", "kms:granteeprincipal", "kms:encryptioncontext:*",
    "kms:encryptioncontextkeys", "kms:grantconstrainttype", "kms:retiringprincipal"};

bool constrains_grants(const core::Statement& st) {
  if (const auto* c = find_clause(st, "kms:grantisforawsresource")) {
    if (clause_requires_true(*c)) return true;
  }
  // Only through an AWS service (AWS managed key policies): the service shapes the grant.
  if (const auto* c = find_clause(st, "kms:viaservice");
      c != nullptr && !c->op.if_exists && !core::is_negated(c->op.base)) {
    return true;
  }
  for (auto key : kGrantConditionKeys) {
    if (const auto* c = find_clause(st, key); c != nullptr && !c->op.if_exists) return true;
  }
  return false;
}

// Key administrators already control the key (PutKeyPolicy); their CreateGrant adds nothing,
// and the console's key-administrator statement ("kms:Create*") is not reported. Account roots
// only let IAM policies apply, where the grant permission itself is checked.
bool held_by_admins(const LintContext& ctx, const LintDocument& doc, const core::Statement& st) {
  if (!is_key_policy(doc)) return ctx.key_admins.empty() && is_admin_only_statement(st);
  if (!st.has_principal || st.not_principal || st.principal.wildcard) return false;
  for (const auto* e : non_root_principals(st)) {
    if (!designated_admin(ctx, st, *e)) return false;
  }
  return true;
}

}  // namespace

const RuleInfo& UnconstrainedCreateGrantRule::info() const { return kInfo; }

void UnconstrainedCreateGrantRule::check(const LintContext& ctx, FindingSink& sink) const {
  const core::ActionMask create_grant = action_named("kms:CreateGrant");
  for (const auto& doc : ctx.documents) {
    // An SCP or RCP Allow grants nothing; identity and key policies do.
    if (!doc.policy || (doc.kind != DocumentKind::kIdentityPolicy && !is_key_policy(doc))) continue;
    for (const auto& st : doc.policy->statements) {
      if (!is_allow(st) || (st.action_mask & create_grant) == 0) continue;
      if (held_by_admins(ctx, doc, st) || constrains_grants(st)) continue;
      const std::string action = action_text(st, create_grant);
      sink.report(doc, st, action_pos(st, create_grant), action,
                  "\"" + action + "\" allows kms:CreateGrant without kms:GrantIsForAWSResource "
                  "or a grant condition (kms:GrantOperations, kms:GranteePrincipal, encryption "
                  "context)");
    }
  }
}

}  // namespace kmsaccess::rules
