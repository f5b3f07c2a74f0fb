#include "rules/kms100_missing_root_enablement.h"

#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS100",
    .name = "missing-root-enablement",
    .severity = Severity::kWarning,
    .short_description =
        "A key policy without the statement that lets the account's IAM policies apply",
    .long_description =
        "IAM policies grant access to a KMS key only when the key policy allows the key's "
        "account (\"arn:aws:iam::111122223333:root\" or \"111122223333\") all KMS actions; AWS's "
        "default key policy starts with that statement. Without it, no IAM policy in the "
        "account can grant access to the key, only the principals the key policy names can use "
        "or manage it, and if they are deleted the key becomes unmanageable until AWS Support "
        "intervenes. A root statement limited to some actions or by conditions enables IAM only "
        "for those. AWS managed keys (policy Id \"auto-...\") are exempt: AWS writes their "
        "policies without this statement and nobody can change them. For a loose file the key's "
        "account is unknown, so a kms:* statement for any account root counts.",
    .help = "Add AWS's default statement, with the key's own account: `{\"Sid\": \"Enable IAM "
            "User Permissions\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": "
            "\"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-default.html#key-policy-default-allow-root-enable-iam",
    .needs_evaluator = true,
};

// The account's IAM policies apply fully: an unconditional Allow of every KMS action to the
// account root (of `account`, or of any account when it is unknown).
bool enables_iam(const core::Statement& st, const std::string& account) {
  if (!access::is_allow(st) || !st.has_principal || st.not_principal) return false;
  if (st.action_mask != core::all_actions_mask() || !st.conditions.empty()) return false;
  for (const auto& e : st.principal.entries) {
    if (e.type != core::PrincipalType::kAws) continue;
    auto root = access::root_account(e.value);
    if (root && (account.empty() || *root == account)) return true;
  }
  return false;
}

bool aws_managed(const LintContext& ctx, const LintDocument& doc) {
  if (ctx.inventory != nullptr && doc.key && *doc.key < ctx.inventory->keys.size()) {
    return ctx.inventory->keys[*doc.key].manager == core::KeyManager::kAws;
  }
  // AWS managed key policies carry Ids like "auto-ebs-2", "auto-workmail-1".
  return doc.policy->has_id && doc.policy->id.rfind("auto-", 0) == 0;
}

}  // namespace

const RuleInfo& MissingRootEnablementRule::info() const { return kInfo; }

void MissingRootEnablementRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (!is_key_policy(doc) || !doc.policy || doc.policy->statements.empty()) continue;
    if (aws_managed(ctx, doc)) continue;
    // Only a manifest tells the key's account; a loose file accepts any account root.
    const std::string account =
        ctx.inventory != nullptr && doc.key ? access::own_account(ctx, doc) : std::string();
    bool found = false;
    for (const auto& st : doc.policy->statements) found = found || enables_iam(st, account);
    if (found) continue;
    const std::string root =
        account.empty() ? std::string("the account root") : "arn:aws:iam::" + account + ":root";
    const auto& first = doc.policy->statements.front();
    core::Pos where = doc.policy->statement_pos.line != 0 ? doc.policy->statement_pos : first.pos;
    sink.report_at(core::SourcePos(doc.file, where), "", "/Statement", root,
                   "no statement allows " + root +
                       " kms:* without conditions; IAM policies cannot grant access to this key");
  }
}

}  // namespace kmsaccess::rules
