#include "rules/kms110_put_key_policy_beyond_admins.h"

#include <map>
#include <set>
#include <tuple>

#include "core/evaluator.h"
#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS110",
    .name = "put-key-policy-beyond-admins",
    .severity = Severity::kWarning,
    .short_description = "A principal other than the designated admins can PutKeyPolicy",
    .long_description =
        "kms:PutKeyPolicy replaces the key policy, so whoever holds it controls every other "
        "permission on the key: it can grant itself Decrypt, remove the administrators or lock "
        "the key. Only the account root (which lets IAM policies apply) and the designated key "
        "administrators should hold it. Designated administrators are the ARNs listed under "
        "`key_admins` in .kmsaccess.yaml; without that list, the principals of a key "
        "administrator statement (one allowing only administrative actions, as the console's "
        "\"Allow access for Key Administrators\") count as designated. With a manifest, the engine "
        "also finds principals that reach PutKeyPolicy through their identity policies.",
    .help = "Give kms:PutKeyPolicy only to the key administrators, in a statement of their own, "
            "and list them in .kmsaccess.yaml:\n\n"
            "```yaml\nkey_admins:\n  - arn:aws:iam::111122223333:role/KeyAdmin\n```\n\n"
            "Application roles get the cryptographic actions they use (`kms:Decrypt`, ...), "
            "never `kms:*` or `kms:Put*`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-default.html#key-policy-default-allow-administrators",
    .needs_evaluator = true,
};

// Key policy statements that name a non-admin principal directly.
void check_key_policies(const LintContext& ctx, core::ActionMask put, FindingSink& sink) {
  for (const auto& doc : ctx.documents) {
    if (!doc.policy || !is_key_policy(doc)) continue;
    for (const auto& st : doc.policy->statements) {
      if (!is_allow(st) || (st.action_mask & put) == 0) continue;
      if (st.has_principal && !st.not_principal && st.principal.wildcard) {  // "Principal": "*"
        sink.report(doc, st, st.principal.pos, "*",
                    "\"*\" can kms:PutKeyPolicy (through \"" + action_text(st, put) +
                        "\") and is not a designated key administrator");
      }
      for (const auto* entry : non_root_principals(st)) {
        if (designated_admin(ctx, st, *entry)) continue;
        sink.report(doc, st, entry->pos, entry->value,
                    "\"" + entry->value + "\" can kms:PutKeyPolicy (through \"" +
                        action_text(st, put) + "\") and is not a designated key administrator");
      }
    }
  }
}

// Declared principals that reach PutKeyPolicy through an identity policy (key-policy+iam).
void check_identity_paths(const LintContext& ctx, core::ActionMask put, FindingSink& sink) {
  const core::Inventory& inv = *ctx.inventory;
  const auto action = core::find_action("kms:PutKeyPolicy");
  if (!action) return;
  // (statement position, principal) -> keys, so one statement reports each principal once.
  std::map<std::tuple<core::SourcePos, std::string>, std::set<std::string>> hits;
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    const auto& principal = inv.principals[p];
    if (!is_declared_iam(principal)) continue;
    if (matches_key_admin(ctx.key_admins, admin_arn(principal))) continue;
    for (std::size_t k = 0; k < inv.keys.size(); ++k) {
      const core::PairMasks masks = ctx.evaluator->decide_pair(p, k);  // fast path first
      if (((masks.allow | masks.conditional) & put) == 0) continue;
      const core::Decision d = ctx.evaluator->decide(p, k, *action);
      if (!may_allow(d.verdict)) continue;
      for (const auto& r : d.reasons) {
        if (r.role != "allows" || (r.source != core::ReasonSource::kIdentityPolicy &&
                                   r.source != core::ReasonSource::kGroupPolicy)) {
          continue;
        }
        const core::Statement* st = statement_at(inv, r.pos);
        if (ctx.key_admins.empty() && st != nullptr && is_admin_only_statement(*st)) continue;
        hits[{r.pos, principal.arn}].insert(inv.keys[k].name);
      }
    }
  }
  for (const auto& [where, keys] : hits) {
    const auto& [pos, arn] = where;
    const core::Statement* st = statement_at(inv, pos);
    std::vector<std::string> names(keys.begin(), keys.end());
    sink.report_at(pos, st != nullptr ? st->label() : "", st != nullptr ? st->json_pointer() : "",
                   arn,
                   "\"" + arn + "\" can kms:PutKeyPolicy on " + join(names) +
                       " through this identity policy statement and is not a designated key "
                       "administrator");
  }
}

}  // namespace

const RuleInfo& PutKeyPolicyBeyondAdminsRule::info() const { return kInfo; }

void PutKeyPolicyBeyondAdminsRule::check(const LintContext& ctx, FindingSink& sink) const {
  const core::ActionMask put = action_named("kms:PutKeyPolicy");
  check_key_policies(ctx, put, sink);
  if (ctx.inventory != nullptr && ctx.evaluator != nullptr) check_identity_paths(ctx, put, sink);
}

}  // namespace kmsaccess::rules
