// Escalation through IAM: an actor who may write a principal's (or its group's) identity policies
// can give that principal any KMS access the key policies let IAM policies grant.
#include <algorithm>
#include <map>

#include "core/arn.h"
#include "core/condition.h"
#include "core/impact/change.h"
#include "core/impact/escalation_internal.h"

namespace kmsaccess::core::impact {
namespace {

// Nothing about the request is known: every condition is unknown.
class UnknownContext : public ConditionContext {
 public:
  KeyValues lookup(std::string_view) const override { return KeyValues::unknown(); }
};

bool any_pattern(const auto& patterns, std::string_view value, bool ignore_case) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const auto& p) { return wildcard_match(p.text, value, ignore_case); });
}

struct Tally {
  Decision decision;
  bool allow = false, maybe_allow = false, deny = false, maybe_deny = false;
};

void add_residuals(Tally& t, const PolicyDocument& doc, const Statement& st, const ConditionResult& r,
                   ReasonSource source) {
  for (const ConditionClause* c : r.unresolved) {
    ResidualCondition rc{st.effect, c->operator_text, c->key, {}, doc.where(c->key_pos), st.sid, source, 0};
    for (const auto& v : c->values) rc.values.push_back(v.text);
    t.decision.conditions.push_back(std::move(rc));
  }
}

void evaluate_document(Tally& t, const PolicyDocument& doc, ReasonSource source, std::string_view action,
                       std::string_view resource) {
  UnknownContext ctx;
  for (const auto& st : doc.statements) {
    if (!st.has_effect || st.has_principal || !st.has_action || !st.has_resource) continue;
    if (any_pattern(st.actions, action, true) == st.not_action) continue;
    if (any_pattern(st.resources, resource, false) == st.not_resource) continue;
    ConditionResult r = evaluate_conditions(st.conditions, ctx);
    if (r.value == Tri::kFalse) continue;
    bool known = r.value == Tri::kTrue;
    bool deny = st.effect == Effect::kDeny;
    (deny ? (known ? t.deny : t.maybe_deny) : (known ? t.allow : t.maybe_allow)) = true;
    std::string role = deny ? (known ? "denies" : "may-deny") : "allows";
    t.decision.reasons.push_back({source, doc.where(st.pos), st.sid, st.effect, role,
                                  std::string(action) + " on " + std::string(resource)});
    add_residuals(t, doc, st, r, source);
  }
}

Verdict verdict_of(const Tally& t) {
  if (t.deny) return Verdict::kDeny;
  if (!t.allow && !t.maybe_allow) return Verdict::kImplicitDeny;
  return t.allow && !t.maybe_deny ? Verdict::kAllow : Verdict::kConditional;
}

}  // namespace

Decision decide_identity_action(const Inventory& inv, std::size_t principal, std::string_view action,
                                std::string_view resource) {
  const Principal& p = inv.principals[principal];
  Tally t;
  for (PolicyIndex i : p.policies) evaluate_document(t, inv.policies[i], ReasonSource::kIdentityPolicy, action, resource);
  for (const auto& name : p.groups) {
    if (const Group* g = inv.find_group(name)) {
      for (PolicyIndex i : g->policies) evaluate_document(t, inv.policies[i], ReasonSource::kGroupPolicy, action, resource);
    }
  }
  Verdict v = verdict_of(t);
  if (p.boundary && (v == Verdict::kAllow || v == Verdict::kConditional)) {
    Tally b;
    evaluate_document(b, inv.policies[*p.boundary], ReasonSource::kBoundary, action, resource);
    Verdict bv = verdict_of(b);
    if (bv == Verdict::kDeny || bv == Verdict::kImplicitDeny) v = Verdict::kImplicitDeny;
    if (bv == Verdict::kConditional && v == Verdict::kAllow) v = Verdict::kConditional;
  }
  t.decision.verdict = v;
  if (v == Verdict::kAllow || v == Verdict::kConditional) t.decision.via = {"identity-policy"};
  if (v == Verdict::kImplicitDeny) t.decision.reasons.clear(), t.decision.conditions.clear();
  return t.decision;
}

namespace detail {
namespace {

struct Permission {
  std::vector<std::string> actions;
  Decision decision;  // of the first action found
};

// Which of `actions` the actor may perform on `resource`.
Permission permitted(const Search& s, std::size_t actor, std::initializer_list<std::string_view> actions,
                     std::string_view resource) {
  Permission out;
  for (auto action : actions) {
    Decision d = decide_identity_action(s.inv, actor, action, resource);
    if (!grants_access(d)) continue;
    if (out.actions.empty()) out.decision = std::move(d);
    out.actions.emplace_back(action);
  }
  return out;
}

std::vector<std::string> key_filter(const Search& s) {
  std::vector<std::string> arns;
  for (std::size_t k : s.options.keys) arns.push_back(s.inv.keys[k].arn);
  return arns;
}

void report(const Search& s, std::size_t actor, const Permission& perm, std::string change,
            const std::vector<CellChange>& gains) {
  if (perm.actions.empty() || gains.empty()) return;
  EscalationPath path;
  path.actor = s.inv.principals[actor].name;
  path.actor_arn = s.inv.principals[actor].arn;
  for (const auto& a : perm.actions) path.permission += (path.permission.empty() ? "" : ", ") + a;
  path.permission_verdict = perm.decision.verdict;
  path.permission_reasons = perm.decision.reasons;
  path.permission_conditions = perm.decision.conditions;
  path.change = std::move(change);
  add_paths(s, std::move(path), gains);
}

bool is_actor(const Principal& p) { return !p.pseudo && (!p.policies.empty() || !p.groups.empty()); }

void search_principal_targets(const Search& s, const std::vector<std::string>& keys) {
  std::map<std::size_t, std::vector<CellChange>> cache;
  for (std::size_t t = 0; t < s.inv.principals.size(); ++t) {
    const Principal& target = s.inv.principals[t];
    bool user = target.kind == PrincipalKind::kUser, role = target.kind == PrincipalKind::kRole;
    if (target.pseudo || (!user && !role)) continue;
    std::string managed = "arn:aws:iam::" + target.account + ":policy/";
    for (std::size_t a = 0; a < s.inv.principals.size(); ++a) {
      if (!is_actor(s.inv.principals[a])) continue;
      Permission perm = user ? permitted(s, a, {"iam:AttachUserPolicy", "iam:PutUserPolicy"}, target.arn)
                             : permitted(s, a, {"iam:AttachRolePolicy", "iam:PutRolePolicy"}, target.arn);
      if (perm.actions.empty() && !target.policies.empty()) perm = permitted(s, a, {"iam:CreatePolicyVersion"}, managed);
      if (perm.actions.empty()) continue;
      if (!cache.contains(t)) {
        auto mutate = [&](Inventory& inv) {
          inv.principals[t].policies.push_back(inv.add_policy(allow_all_policy("hypothetical-identity-policy.json", "")));
        };
        cache[t] = gains_after(s, mutate, keys, {target.arn});
      }
      report(s, a, perm, "attach a kms:* policy to " + target.name, cache[t]);
    }
  }
}

void search_group_targets(const Search& s, const std::vector<std::string>& keys) {
  for (std::size_t g = 0; g < s.inv.groups.size(); ++g) {
    const Group& group = s.inv.groups[g];
    std::vector<CellChange> group_gains;
    bool computed = false;
    for (std::size_t a = 0; a < s.inv.principals.size(); ++a) {
      if (!is_actor(s.inv.principals[a])) continue;
      Permission perm = permitted(s, a, {"iam:AttachGroupPolicy", "iam:PutGroupPolicy"}, group.arn);
      if (!perm.actions.empty() && !computed) {
        auto mutate = [&](Inventory& inv) {
          inv.groups[g].policies.push_back(inv.add_policy(allow_all_policy("hypothetical-identity-policy.json", "")));
        };
        group_gains = gains_after(s, mutate, keys, {});
        computed = true;
      }
      report(s, a, perm, "attach a kms:* policy to group " + group.name, group_gains);
      Permission add = permitted(s, a, {"iam:AddUserToGroup"}, group.arn);
      if (add.actions.empty() || group.policies.empty()) continue;
      for (std::size_t t = 0; t < s.inv.principals.size(); ++t) {
        const Principal& user = s.inv.principals[t];
        if (user.pseudo || user.kind != PrincipalKind::kUser) continue;
        if (std::find(user.groups.begin(), user.groups.end(), group.name) != user.groups.end()) continue;
        auto mutate = [&](Inventory& inv) { inv.principals[t].groups.push_back(group.name); };
        report(s, a, add, "add " + user.name + " to group " + group.name, gains_after(s, mutate, keys, {user.arn}));
      }
    }
  }
}

}  // namespace

void search_identity_writes(const Search& s) {
  std::vector<std::string> keys = key_filter(s);
  search_principal_targets(s, keys);
  search_group_targets(s, keys);
}

}  // namespace detail
}  // namespace kmsaccess::core::impact
