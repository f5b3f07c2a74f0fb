#include "core/pair_evaluation.h"

#include <algorithm>

#include "core/applicable_policies.h"

namespace kmsaccess::core {
namespace {

TriMask all_true(ActionMask m) { return {m, 0}; }
TriMask all_unknown(ActionMask m) { return {0, m}; }

std::size_t lowest_action(ActionMask m) { return static_cast<std::size_t>(__builtin_ctzll(m)); }

}  // namespace

PairEvaluation::PairEvaluation(const CompiledInventory& compiled, const EvalOptions& options,
                               std::size_t principal, std::size_t key)
    : ci_(compiled),
      inv_(compiled.inv),
      options_(options),
      pi_(static_cast<std::uint32_t>(principal)),
      ki_(key),
      p_(compiled.inv.principals[principal]),
      k_(compiled.inv.keys[key]) {}

bool PairEvaluation::cross_account() const {
  return !p_.account.empty() && !k_.account.empty() && p_.account != k_.account;
}

TriMask PairEvaluation::statement(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy) const {
  if (cs.actions == 0) return {};
  // Index by account: a statement whose Resource names only other accounts costs nothing more.
  if (!cs.any_resource && !cs.resource_accounts_any &&
      std::find(cs.resource_accounts.begin(), cs.resource_accounts.end(), k_.account) == cs.resource_accounts.end()) {
    return {};
  }
  TriMask out;
  for (ActionMask cls : cs.classes) {
    RequestContext ctx(inv_, options_, p_, k_, lowest_action(cls));
    ctx.set_placement(placement);
    Tri res = cs.any_resource ? Tri::kTrue : resource_matches(*cs.st, key_policy, k_.arn, ctx);
    if (res == Tri::kFalse) continue;
    Tri v = tri_and(res, evaluate_conditions(cs.st->conditions, ctx).value);
    if (v == Tri::kTrue) out.t |= cls;
    if (v == Tri::kUnknown) out.u |= cls;
  }
  return out;
}

bool PairEvaluation::principal_applies(const CompiledStatement& cs, bool for_deny) const {
  const Statement& st = *cs.st;
  if (!st.has_principal) return true;
  PrincipalMatch m = cs.principals.match(pi_, p_);
  bool listed = for_deny ? (m.direct || m.account) : m.direct;
  return st.not_principal ? !listed : listed;
}

TriMask PairEvaluation::denies() const {
  TriMask deny;
  for (const PolicyUse& use : all_policy_uses(inv_, p_, k_)) {
    bool key_policy = use.source == ReasonSource::kKeyPolicy;
    for (const CompiledStatement& cs : ci_.policies[use.policy].statements) {
      if (!cs.st->has_effect || cs.st->effect != Effect::kDeny) continue;
      if (use.has_principal_element && !principal_applies(cs, /*for_deny=*/true)) continue;
      deny = tri_mask_or(deny, statement(cs, use.placement, key_policy));
    }
  }
  return deny;
}

PairEvaluation::KeyPolicyMasks PairEvaluation::key_policy() const {
  KeyPolicyMasks kp;
  if (!k_.policy) {
    kp.direct = kp.account = all_unknown(key_actions_mask());
    return kp;
  }
  for (const CompiledStatement& cs : ci_.policies[*k_.policy].statements) {
    const Statement& st = *cs.st;
    if (!st.has_effect || st.effect != Effect::kAllow) continue;
    PrincipalMatch m;
    if (!st.has_principal) {
      m.direct = true;
    } else if (st.not_principal) {
      m.direct = !cs.principals.match(pi_, p_).direct;
    } else {
      m = cs.principals.match(pi_, p_);
    }
    if (!m.direct && !m.account) continue;
    TriMask o = statement(cs, PolicyPlacement::kResource, true);
    if (m.direct && m.by_role_arn) {
      kp.direct_role = tri_mask_or(kp.direct_role, o);
    } else if (m.direct) {
      kp.direct = tri_mask_or(kp.direct, o);
    }
    if (m.account) kp.account = tri_mask_or(kp.account, o);
  }
  return kp;
}

TriMask PairEvaluation::allows_of(const std::vector<PolicyUse>& uses) const {
  TriMask any;
  for (const PolicyUse& use : uses) {
    for (const CompiledStatement& cs : ci_.policies[use.policy].statements) {
      const Statement& st = *cs.st;
      if (!st.has_effect || st.effect != Effect::kAllow) continue;
      if (use.has_principal_element && st.has_principal && !st.not_principal &&
          !cs.principals.match(pi_, p_).direct) {
        continue;
      }
      any = tri_mask_or(any, statement(cs, use.placement, use.source == ReasonSource::kKeyPolicy));
    }
  }
  return any;
}

TriMask PairEvaluation::identity() const {
  if (p_.kind == PrincipalKind::kRoot) return all_true(key_actions_mask());
  if (p_.kind == PrincipalKind::kService) return {};
  if (p_.pseudo || p_.kind == PrincipalKind::kAccount || p_.kind == PrincipalKind::kAnyone) {
    return all_unknown(key_actions_mask());
  }
  return allows_of(identity_policy_uses(inv_, p_));
}

TriMask PairEvaluation::guardrail(const std::vector<PolicyUse>& uses) const {
  bool has_allow = false;
  for (const PolicyUse& use : uses) {
    for (const auto& st : inv_.policies[use.policy].statements) {
      has_allow = has_allow || (st.has_effect && st.effect == Effect::kAllow);
    }
  }
  return has_allow ? allows_of(uses) : all_true(key_actions_mask());
}

TriMask PairEvaluation::limit_of(const std::optional<PolicyIndex>& policy) const {
  if (!policy) return all_true(key_actions_mask());
  return allows_of({PolicyUse{*policy, ReasonSource::kBoundary, PolicyPlacement::kIdentity, false}});
}

void PairEvaluation::grants(TriMask& direct, TriMask& account) const {
  static const ActionMask kRetire = match_action_pattern("kms:RetireGrant");
  for (std::size_t g = 0; g < k_.grants.size(); ++g) {
    const Grant& grant = k_.grants[g];
    if (!grant.retiring.empty() && ci_.retirers[ki_][g].match(pi_, p_).direct) direct.t |= kRetire;
    ActionMask ops = grant.operations_mask & key_actions_mask();
    if (ops == 0) continue;
    PrincipalMatch m = ci_.grantees[ki_][g].match(pi_, p_);
    if (!m.direct && !m.account) continue;
    Tri holds = grant_constraints_hold(grant, options_);
    if (holds == Tri::kFalse) continue;
    TriMask o = holds == Tri::kTrue ? all_true(ops) : all_unknown(ops);
    if (m.direct) {
      direct = tri_mask_or(direct, o);
    } else {
      account = tri_mask_or(account, o);
    }
  }
  direct.u &= ~direct.t;
}

PairMasks PairEvaluation::decide() {
  const ActionMask key_actions = key_actions_mask();
  TriMask deny = denies();
  KeyPolicyMasks kp = key_policy();
  TriMask iam = identity();
  TriMask limits = tri_mask_and(limit_of(p_.boundary), limit_of(p_.session_policy));
  TriMask grant_direct, grant_account;
  grants(grant_direct, grant_account);
  TriMask guard = tri_mask_and(guardrail(scp_uses(inv_, p_)), guardrail(rcp_uses(inv_, p_, k_)));

  TriMask paths;
  if (!cross_account()) {
    paths = tri_mask_or(paths, kp.direct);
    paths = tri_mask_or(paths, tri_mask_and(kp.direct_role, limits));
    paths = tri_mask_or(paths, tri_mask_and(kp.account, tri_mask_and(iam, limits)));
  } else {
    TriMask key_side = tri_mask_or(tri_mask_or(kp.direct, kp.direct_role), kp.account);
    paths = tri_mask_or(paths, tri_mask_and(key_side, tri_mask_and(iam, limits)));
  }
  paths = tri_mask_or(paths, grant_direct);
  paths = tri_mask_or(paths, tri_mask_and(grant_account, tri_mask_and(iam, limits)));
  TriMask allow = tri_mask_and(paths, guard);

  PairMasks out;
  out.deny = deny.t & key_actions;
  ActionMask open = key_actions & ~deny.t;
  if (cross_account()) open &= cross_account_mask();
  out.allow = allow.t & open & ~deny.u;
  out.conditional = (allow.t | allow.u) & open & ~out.allow;
  return out;
}

}  // namespace kmsaccess::core
