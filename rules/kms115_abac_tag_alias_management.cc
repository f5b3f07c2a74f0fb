#include "rules/kms115_abac_tag_alias_management.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/arn.h"
#include "core/evaluator.h"
#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS115",
    .name = "abac-tag-alias-management",
    .severity = Severity::kWarning,
    .short_description = "Non-admins can change tags/aliases that an ABAC policy depends on",
    .long_description =
        "When a policy decides access on a key's tags (`aws:ResourceTag/...`) or aliases "
        "(`kms:ResourceAliases`, `kms:RequestAlias`), permission to tag, untag or re-alias keys "
        "is an access-control permission: AWS warns that key administrators without permission "
        "to change key policies or create grants can control access to KMS keys if they can "
        "manage tags or aliases. With a manifest, the rule uses the engine: if some policy uses "
        "tags (or aliases) this way, every declared principal that can TagResource/UntagResource "
        "(or CreateAlias/UpdateAlias/DeleteAlias) on a key but cannot PutKeyPolicy on it is "
        "reported at the statement that allows it. For a loose identity policy, it reports tag "
        "or alias management allowed in a policy that also grants cryptographic access by the "
        "same kind of condition, unless `aws:TagKeys` keeps the management away from the tag "
        "keys used, or its Resource names only aliases the condition does not use.",
    .help = "Give tag and alias management only to key administrators, or limit it to tag "
            "keys no policy decides on:\n\n"
            "```json\n{\"Effect\": \"Allow\", \"Action\": [\"kms:TagResource\", "
            "\"kms:UntagResource\"], \"Resource\": \"*\",\n \"Condition\": "
            "{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"CostCenter\"]}}}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/abac.html",
    .needs_evaluator = true,
};

struct Management {
  std::string_view kind;  // "tags" or "aliases"
  core::ActionMask mask = 0;
};

std::vector<Management> management_kinds() {
  return {{"tags", action_named("kms:TagResource") | action_named("kms:UntagResource")},
          {"aliases", action_named("kms:CreateAlias") | action_named("kms:UpdateAlias") |
                          action_named("kms:DeleteAlias")}};
}

// The first clause in `policy` that decides key access on tags or aliases.
const core::ConditionClause* abac_clause(const core::PolicyDocument& policy, bool key_policy,
                                         std::string_view kind, bool crypto_only) {
  const core::ActionMask scope = crypto_only ? core::crypto_actions_mask() : core::key_actions_mask();
  for (const auto& st : policy.statements) {
    if (!st.has_effect || (st.action_mask & scope) == 0) continue;
    if (crypto_only && !is_allow(st)) continue;
    const core::ConditionClause* c = nullptr;
    if (kind == "tags" && !key_policy) c = find_clause(st, "aws:resourcetag/*");
    if (kind == "aliases") c = find_clause(st, key_policy ? "kms:requestalias" : "kms:resourcealiases");
    if (c != nullptr) return c;
  }
  return nullptr;
}

// aws:TagKeys limited (ForAllValues, not negated) to keys none of which is `tag_key`.
bool tag_keys_exclude(const core::Statement& st, std::string_view tag_key) {
  const auto* c = find_clause(st, "aws:tagkeys");
  if (c == nullptr || c->op.set != core::SetOperator::kForAllValues || core::is_negated(c->op.base)) {
    return false;
  }
  for (const auto& v : c->values) {
    if (core::wildcard_match(core::to_lower_ascii(v.text), tag_key)) return false;
  }
  return true;
}

// The statement's Resource names only aliases (alias/...) that no ABAC alias value matches.
bool aliases_exclude(const core::Statement& st, const core::ConditionClause& abac) {
  if (!st.has_resource || st.not_resource) return false;
  for (const auto& r : st.resources) {
    const auto colon = r.text.find(":alias/");
    if (colon == std::string::npos) {
      if (r.text.find(":key/") != std::string::npos) continue;  // the key half of the permission
      return false;                                              // "*" and the like: any alias
    }
    const std::string alias = r.text.substr(colon + 1);
    for (const auto& v : abac.values) {
      if (core::wildcard_match(alias, v.text) || core::wildcard_match(v.text, alias)) return false;
    }
  }
  return true;
}

void check_loose(const LintDocument& doc, FindingSink& sink) {
  const core::PolicyDocument& policy = *doc.policy;
  for (const auto& m : management_kinds()) {
    const auto* clause = abac_clause(policy, false, m.kind, true);
    if (clause == nullptr) continue;
    // "aws:resourcetag/" is 16 characters; the rest is the tag key (lower case).
    const std::string tag_key =
        clause->key_lower.substr(std::min(clause->key_lower.size(), std::size_t{16}));
    for (const auto& st : policy.statements) {
      if (!is_allow(st) || (st.action_mask & m.mask) == 0) continue;
      if (m.kind == "tags" && tag_keys_exclude(st, tag_key)) continue;
      if (m.kind == "aliases" && aliases_exclude(st, *clause)) continue;
      const std::string action = action_text(st, m.mask);
      sink.report(doc, st, action_pos(st, m.mask), action,
                  "\"" + action + "\" lets this policy's holders change the " +
                      std::string(m.kind) + " that " + clause->key + " (line " +
                      std::to_string(clause->key_pos.line) +
                      ") grants cryptographic access by; managing them is access control");
    }
  }
}

// Where some policy of the inventory decides on tags or aliases: "file:line:col key".
std::string abac_use(const std::vector<LintDocument>& docs, std::string_view kind) {
  for (const auto& doc : docs) {
    if (!doc.policy || (doc.kind != DocumentKind::kIdentityPolicy && !is_key_policy(doc))) continue;
    if (const auto* c = abac_clause(*doc.policy, is_key_policy(doc), kind, false)) {
      return c->key + " at " + doc.policy->where(c->key_pos).to_string();
    }
  }
  return "";
}

void check_inventory(const LintContext& ctx, FindingSink& sink) {
  const core::Inventory& inv = *ctx.inventory;
  const core::ActionMask put = action_named("kms:PutKeyPolicy");
  for (const auto& m : management_kinds()) {
    const std::string use = abac_use(ctx.documents, m.kind);
    if (use.empty()) continue;
    // (allowing statement, principal) -> keys
    std::map<std::tuple<core::SourcePos, std::string>, std::set<std::string>> hits;
    for (std::size_t p = 0; p < inv.principals.size(); ++p) {
      const auto& principal = inv.principals[p];
      if (!is_declared_iam(principal) || matches_key_admin(ctx.key_admins, admin_arn(principal))) {
        continue;
      }
      for (std::size_t k = 0; k < inv.keys.size(); ++k) {
        if (inv.keys[k].manager == core::KeyManager::kAws) continue;  // AWS managed: no tagging
        const core::PairMasks pm = ctx.evaluator->decide_pair(p, k);
        const core::ActionMask can = pm.allow | pm.conditional;
        if ((can & m.mask) == 0 || (can & put) != 0) continue;
        const auto names = core::mask_to_names(can & m.mask);
        const core::Decision d =
            ctx.evaluator->decide(p, k, *core::find_action(names.front()));
        for (const auto& r : d.reasons) {
          if (r.role == "allows") hits[{r.pos, principal.arn}].insert(inv.keys[k].name);
        }
      }
    }
    for (const auto& [where, keys] : hits) {
      const auto& [pos, arn] = where;
      const core::Statement* st = statement_at(inv, pos);
      sink.report_at(pos, st != nullptr ? st->label() : "", st != nullptr ? st->json_pointer() : "",
                     arn + " " + std::string(m.kind),
                     "\"" + arn + "\" can change the " + std::string(m.kind) + " of " +
                         join(std::vector<std::string>(keys.begin(), keys.end())) +
                         " through this statement but cannot kms:PutKeyPolicy; " + use +
                         " decides access on them");
    }
  }
}

}  // namespace

const RuleInfo& AbacTagAliasManagementRule::info() const { return kInfo; }

void AbacTagAliasManagementRule::check(const LintContext& ctx, FindingSink& sink) const {
  if (ctx.inventory != nullptr && ctx.evaluator != nullptr) {
    check_inventory(ctx, sink);
    return;
  }
  for (const auto& doc : ctx.documents) {
    if (doc.policy && doc.kind == DocumentKind::kIdentityPolicy) check_loose(doc, sink);
  }
}

}  // namespace kmsaccess::rules
