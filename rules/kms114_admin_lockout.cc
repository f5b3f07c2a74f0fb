#include "rules/kms114_admin_lockout.h"

#include <algorithm>
#include <set>

#include "core/arn.h"
#include "core/evaluator.h"
#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS114",
    .name = "admin-lockout",
    .severity = Severity::kError,
    .short_description = "A Deny locks every administrator out of the key",
    .long_description =
        "An explicit Deny overrides every Allow, including the account root's. A key policy "
        "Deny of kms:PutKeyPolicy that applies to everyone makes the key policy impossible to "
        "change: the key becomes unmanageable until AWS Support restores access. The rule "
        "reports a key policy Deny covering PutKeyPolicy (`kms:*`, `kms:Put*`, ...) to `\"*\"` or "
        "to the key's own account without any condition. With a manifest, it also reports a Deny "
        "that exempts only named principals (`NotPrincipal`, or `aws:PrincipalArn` with a "
        "negated operator) when the engine finds that none of them, and nobody else in the "
        "inventory, can still call PutKeyPolicy on the key.",
    .help = "Exempt the key administrators from the Deny, and make sure they keep "
            "kms:PutKeyPolicy:\n\n"
            "```json\n{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"kms:*\", "
            "\"Resource\": \"*\",\n \"Condition\": {\"ArnNotEquals\": {\"aws:PrincipalArn\": "
            "\"arn:aws:iam::111122223333:role/KeyAdmin\"}}}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-default.html#prevent-unmanageable-key",
};

// The key's account: from the inventory, else the accounts the policy's Allow statements
// enable (a key policy's root-enablement statement names its own account).
std::set<std::string> home_accounts(const LintContext& ctx, const LintDocument& doc) {
  std::set<std::string> out;
  if (ctx.inventory != nullptr && doc.key) {
    out.insert(ctx.inventory->keys[*doc.key].account);
    return out;
  }
  for (const auto& st : doc.policy->statements) {
    if (!is_allow(st) || !st.has_principal || st.not_principal) continue;
    for (const auto& e : st.principal.entries) {
      if (auto account = account_of_root(e.value)) out.insert(*account);
    }
  }
  return out;
}

// "*", or the key's own account: the Deny then applies to every principal that could manage it.
std::string broad_principal(const core::Statement& st, const std::set<std::string>& home) {
  if (!st.has_principal || st.not_principal) return "";
  if (st.principal.wildcard) return "*";
  for (const auto& e : st.principal.entries) {
    if (e.type != core::PrincipalType::kAws) continue;
    if (e.value == "*") return "*";
    if (auto account = account_of_root(e.value); account && home.contains(*account)) {
      return e.value;
    }
  }
  return "";
}

// The ARN patterns a conditioned or NotPrincipal Deny exempts, when that is all it does.
std::optional<std::vector<std::string>> exempted_only(const core::Statement& st) {
  std::vector<std::string> out;
  if (st.has_principal && st.not_principal) {
    for (const auto& e : st.principal.entries) out.push_back(e.value);
    return st.conditions.empty() ? std::optional(out) : std::nullopt;
  }
  if (st.conditions.empty()) return std::nullopt;
  for (const auto& c : st.conditions) {
    const bool negated_match = core::is_negated(c.op.base) && c.op.set == core::SetOperator::kNone;
    if (c.key_lower != "aws:principalarn" || !negated_match) return std::nullopt;
    for (const auto& v : c.values) out.push_back(v.text);
  }
  return out;
}

// The engine's view: the exempted ARNs are all declared, and nobody can PutKeyPolicy.
bool engine_says_locked(const LintContext& ctx, std::size_t key,
                        const std::vector<std::string>& exempted) {
  const core::Inventory& inv = *ctx.inventory;
  for (const auto& pattern : exempted) {
    const bool declared = std::any_of(inv.principals.begin(), inv.principals.end(), [&](const auto& p) {
      return !p.pseudo && core::wildcard_match(pattern, p.arn);
    });
    if (!declared) return false;  // an exempted principal we cannot decide: maybe an admin
  }
  const core::ActionMask put = action_named("kms:PutKeyPolicy");
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    const core::PairMasks m = ctx.evaluator->decide_pair(p, key);
    if (((m.allow | m.conditional) & put) != 0) return false;
  }
  return true;
}

void check_document(const LintContext& ctx, const LintDocument& doc, FindingSink& sink) {
  const core::ActionMask put = action_named("kms:PutKeyPolicy");
  const auto home = home_accounts(ctx, doc);
  for (const auto& st : doc.policy->statements) {
    if (!is_deny(st) || (st.action_mask & put) == 0) continue;
    const std::string action = action_text(st, put);
    if (const std::string who = broad_principal(st, home); !who.empty() && st.conditions.empty()) {
      sink.report(doc, st, action_pos(st, put), action,
                  "Deny of \"" + action + "\" to \"" + who +
                      "\" without a condition: nobody can call kms:PutKeyPolicy, so the key "
                      "policy can never be changed again");
      continue;
    }
    if (ctx.inventory == nullptr || ctx.evaluator == nullptr || !doc.key) continue;
    auto exempted = exempted_only(st);
    if (!exempted || !engine_says_locked(ctx, *doc.key, *exempted)) continue;
    sink.report(doc, st, action_pos(st, put), action,
                "Deny of \"" + action + "\" exempts only " +
                    (exempted->empty() ? std::string("nobody") : join(*exempted)) +
                    ", and no principal in the inventory can call kms:PutKeyPolicy on " +
                    ctx.inventory->keys[*doc.key].name + ": the key is locked");
  }
}

}  // namespace

const RuleInfo& AdminLockoutRule::info() const { return kInfo; }

void AdminLockoutRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (doc.policy && is_key_policy(doc)) check_document(ctx, doc, sink);
  }
}

}  // namespace kmsaccess::rules
