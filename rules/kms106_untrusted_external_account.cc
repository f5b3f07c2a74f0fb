#include "rules/kms106_untrusted_external_account.h"

#include <bit>
#include <set>
#include <tuple>

#include "core/evaluator.h"
#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS106",
    .name = "untrusted-external-account",
    .severity = Severity::kWarning,
    .short_description =
        "An external account not in trusted_accounts can use or manage the key",
    .long_description =
        "A key policy that names another account (its root, or a user or role in it), an Allow "
        "of \"*\" limited by kms:CallerAccount or aws:PrincipalAccount to another account, or a "
        "grant to another account's principal gives that account access to the key: its IAM "
        "policies decide who there can use it, outside your control. List the accounts you "
        "share keys with under `trusted_accounts` in .kmsaccess.yaml, or set "
        "`trust_organization: true` there to trust every member account of the manifest's "
        "organisation (`organization.accounts`), as an organisation zone of trust does. With a "
        "manifest the "
        "engine decides: every principal of another account (declared, or the pseudo-principal "
        "an account stands for) that may be allowed an action on the key is reported at the "
        "statement or grant that allows it. For a loose file the key's account is unknown and "
        "is taken to be the account of the policy's root principals (the most common one), "
        "else of its principals; a grant's own account is its issuing account.",
    .help = "Remove the external account, or trust it explicitly in .kmsaccess.yaml: "
            "`trusted_accounts: [\"444455556666\"]` (or `trust_organization: true` for the "
            "organisation's member accounts).",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-modifying-external-accounts.html",
    .needs_evaluator = true,
};

std::string external_message(std::string_view who, std::string_view account,
                             std::string_view own) {
  return std::string(who) + " of account " + std::string(account) +
         " is allowed access; it is not the key's account " + std::string(own) +
         " and not in trusted_accounts";
}

void check_policy_structure(const LintContext& ctx, const LintDocument& doc, FindingSink& sink) {
  const std::string own = access::own_account(ctx, doc);
  if (own.empty()) return;
  for (const auto& st : doc.policy->statements) {
    if (!access::is_allow(st) || !st.has_principal || st.not_principal) continue;
    for (const auto& e : st.principal.entries) {
      if (e.type != core::PrincipalType::kAws) continue;
      auto account = access::principal_account(e.value);
      if (!account || *account == own || access::is_trusted(ctx, *account)) continue;
      sink.report(doc, st, e.pos, *account, external_message("\"" + e.value + "\"", *account, own));
    }
    if (!access::anyone_pos(st)) continue;
    for (const auto& c : st.conditions) {
      if (c.key_lower != "kms:calleraccount" && c.key_lower != "aws:principalaccount") continue;
      if (!access::clause_restricts(c, access::caller_keys())) continue;
      for (const auto& v : c.values) {
        if (v.text == own || access::is_trusted(ctx, v.text)) continue;
        sink.report(doc, st, v.pos, v.text, external_message("\"*\" with " + c.key, v.text, own));
      }
    }
  }
}

void check_grants_structure(const LintContext& ctx, const LintDocument& doc, FindingSink& sink) {
  for (std::size_t i = 0; i < doc.grants.size(); ++i) {
    const core::Grant& g = doc.grants[i];
    // IssuingAccount is an account root ARN in ListGrants output, a bare id in some tools'.
    const std::string own = ctx.inventory != nullptr && doc.key
                                ? access::own_account(ctx, doc)
                                : access::principal_account(g.issuing_account).value_or("");
    auto account = g.grantee_is_service ? std::nullopt : access::principal_account(g.grantee);
    if (own.empty() || !account || *account == own || access::is_trusted(ctx, *account)) continue;
    const std::string pointer = "/Grants/" + std::to_string(i);
    sink.report_at(g.pos, !g.grant_id.empty() ? g.grant_id : pointer, pointer, *account,
                   external_message("grantee \"" + g.grantee + "\"", *account, own));
  }
}

bool external(const LintContext& ctx, const core::Principal& p, const core::Key& key) {
  using core::PrincipalKind;
  if (p.kind == PrincipalKind::kService || p.kind == PrincipalKind::kAnyone) return false;
  return !p.account.empty() && p.account != key.account && !access::is_trusted(ctx, p.account);
}

// With a manifest: every external principal the engine lets reach a key, reported where the
// key policy statement or grant that lets it in is.
void check_with_engine(const LintContext& ctx, FindingSink& sink) {
  const auto& inv = *ctx.inventory;
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>> seen;
  for (std::size_t k = 0; k < inv.keys.size(); ++k) {
    const auto& key = inv.keys[k];
    for (std::size_t p = 0; p < inv.principals.size(); ++p) {
      const auto& principal = inv.principals[p];
      if (!external(ctx, principal, key)) continue;
      auto masks = ctx.evaluator->decide_pair(p, k);
      const core::ActionMask may = masks.allow | masks.conditional;
      if (may == 0) continue;
      const std::size_t first = static_cast<std::size_t>(std::countr_zero(may));
      const auto decision = ctx.evaluator->decide(p, k, first);
      const std::string who = principal.kind == core::PrincipalKind::kAccount
                                  ? "account " + principal.account + " (any principal there)"
                                  : principal.name + " of account " + principal.account;
      const std::string message = who + " may " + access::summarize_actions(may) + " on " +
                                  key.name + "; it is not the key's account " + key.account +
                                  " and not in trusted_accounts";
      for (const auto& r : decision.reasons) {
        if (r.effect != core::Effect::kAllow || (r.role != "allows" && r.role != "enables-iam")) {
          continue;
        }
        if (r.source != core::ReasonSource::kKeyPolicy && r.source != core::ReasonSource::kGrant) {
          continue;
        }
        if (!seen.emplace(r.pos.file, r.pos.line, r.pos.column, principal.account).second) continue;
        access::report_at_reason(ctx, sink, r, principal.account, message);
      }
    }
  }
}

}  // namespace

const RuleInfo& UntrustedExternalAccountRule::info() const { return kInfo; }

void UntrustedExternalAccountRule::check(const LintContext& ctx, FindingSink& sink) const {
  const bool engine = ctx.evaluator != nullptr && ctx.inventory != nullptr;
  if (engine) check_with_engine(ctx, sink);
  for (const auto& doc : ctx.documents) {
    if (engine && doc.key) continue;  // decided by the engine above
    if (is_key_policy(doc) && doc.policy) check_policy_structure(ctx, doc, sink);
    if (doc.kind == DocumentKind::kGrants) check_grants_structure(ctx, doc, sink);
  }
}

}  // namespace kmsaccess::rules
