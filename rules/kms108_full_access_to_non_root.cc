#include "rules/kms108_full_access_to_non_root.h"

#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS108",
    .name = "full-access-to-non-root",
    .severity = Severity::kWarning,
    .short_description = "kms:* to a principal other than the account root",
    .long_description =
        "AWS's default key policy gives kms:* only to the account root, and that statement "
        "grants nothing by itself: it lets the account's IAM policies decide. kms:* (or \"*\", "
        "or an Action list that adds up to every KMS action) for a user, role or service "
        "principal gives it every current and future KMS action on the key at once — "
        "cryptographic use, grants, key policy changes and deletion — with no IAM policy "
        "involved. Split the access into administrator and user statements with the actions "
        "each needs. An unrestricted Principal \"*\" is reported by KMS101 instead.",
    .help = "Give the principal only the actions it needs, as the console's key policy does: "
            "`\"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", \"kms:ReEncrypt*\", "
            "\"kms:GenerateDataKey*\", \"kms:DescribeKey\"]` for a key user; keep kms:* for "
            "`\"arn:aws:iam::111122223333:root\"`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
    .needs_evaluator = true,
};

}  // namespace

const RuleInfo& FullAccessToNonRootRule::info() const { return kInfo; }

void FullAccessToNonRootRule::check_policy(const LintDocument& doc,
                                           const core::PolicyDocument& policy,
                                           FindingSink& sink) const {
  if (!is_key_policy(doc)) return;
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) || !st.has_principal || st.not_principal) continue;
    // A bare principal string ("foo") names nobody: AWS rejects the policy before it applies.
    if (st.action_mask != core::all_actions_mask() || st.principal.bare_form) continue;
    const bool public_reported = access::unrestricted_public(policy, st);  // KMS101's finding
    if (st.principal.wildcard && !public_reported) {
      sink.report(doc, st, st.principal.pos, "*",
                  "kms:* is allowed to \"*\" (limited by its conditions), not only to the "
                  "account root");
    }
    for (const auto& e : st.principal.entries) {
      if (e.type == core::PrincipalType::kAws && access::root_account(e.value)) continue;
      if (e.value == "*" && public_reported) continue;
      sink.report(doc, st, e.pos, e.value,
                  "kms:* is allowed to \"" + e.value +
                      "\": every KMS action on the key, not only the account root's");
    }
  }
}

}  // namespace kmsaccess::rules
