#include "core/pair_evaluation.h"

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
      ki_(static_cast<std::uint32_t>(key)),
      p_(compiled.inv.principals[principal]),
      k_(compiled.inv.keys[key]),
      pp_(compiled.principal_plans[principal]),
      kp_(compiled.key_plans[key]) {}

bool PairEvaluation::cross_account() const {
  // Account numbers interned at compile time: keys' accounts are numbered, others are not.
  std::uint32_t pa = ci_.principal_key_account[pi_];
  if (pa == CompiledInventory::kNoAccount || k_.account.empty()) return false;
  return pa == CompiledInventory::kNoKeyAccount || pa != ci_.key_account[ki_];
}

// The statement evaluated from scratch, for Resource elements with policy variables.
TriMask PairEvaluation::direct(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy) const {
  TriMask out;
  for (ActionMask cls : cs.classes) {
    RequestContext ctx(inv_, options_, p_, k_, lowest_action(cls));
    ctx.set_placement(placement);
    Tri res = resource_matches(*cs.st, key_policy, k_.arn, ctx);
    if (res == Tri::kFalse) continue;
    Tri v = tri_and(res, evaluate_conditions(cs.st->conditions, ctx).value);
    if (v == Tri::kTrue) out.t |= cls;
    if (v == Tri::kUnknown) out.u |= cls;
  }
  return out;
}

TriMask PairEvaluation::conditions(const StatementRef& ref) const {
  if (ref.fixed) return ref.verdict;
  if (ref.block == ConditionMemo::kNoCondition) return all_true(ref.cs->actions);
  return ci_.conditions.verdict(ref.block, ref.local, pi_, ki_);
}

TriMask PairEvaluation::identity_statement(const StatementRef& ref) const {
  const ResourceFilter& f = ci_.filters[ref.cs->filter];
  switch (f.kind) {
    case ResourceFilter::Kind::kNone: return {};
    case ResourceFilter::Kind::kBits:
      if (!f.has_key(ki_)) return {};
      break;
    case ResourceFilter::Kind::kVariables: return direct(*ref.cs, PolicyPlacement::kIdentity, false);
    case ResourceFilter::Kind::kAll: break;
  }
  return conditions(ref);
}

TriMask PairEvaluation::key_statement(const StatementRef& ref, PolicyPlacement placement, bool key_policy) const {
  if (ref.fixed) return ref.verdict;
  switch (ref.resource) {
    case StatementRef::Resource::kNoMatch: return {};
    case StatementRef::Resource::kVariables: return direct(*ref.cs, placement, key_policy);
    case StatementRef::Resource::kMatch: break;
  }
  return conditions(ref);
}

bool PairEvaluation::principal_applies(const CompiledStatement& cs, bool for_deny) const {
  const Statement& st = *cs.st;
  if (!st.has_principal) return true;
  PrincipalMatch m = cs.principals.match(pi_, p_);
  bool listed = for_deny ? (m.direct || m.account) : m.direct;
  return st.not_principal ? !listed : listed;
}

TriMask PairEvaluation::key_denies() const {
  TriMask deny;
  for (const StatementRef& ref : kp_.denies) {
    if (!principal_applies(*ref.cs, /*for_deny=*/true)) continue;
    deny = tri_mask_or(deny, key_statement(ref, PolicyPlacement::kResource, true));
  }
  if (kp_.rcp_applies && ci_.rcp_exempt[pi_] == 0) {
    for (const StatementRef& ref : kp_.rcp_denies) {
      if (!principal_applies(*ref.cs, /*for_deny=*/true)) continue;
      deny = tri_mask_or(deny, key_statement(ref, PolicyPlacement::kIdentity, false));
    }
  }
  return deny;
}

PairEvaluation::KeyPolicyMasks PairEvaluation::key_policy() const {
  KeyPolicyMasks kp;
  if (!kp_.has_policy) {
    kp.direct = kp.account = all_unknown(key_actions_mask());
    return kp;
  }
  for (const StatementRef& ref : kp_.allows) {
    const CompiledStatement& cs = *ref.cs;
    const Statement& st = *cs.st;
    PrincipalMatch m;
    if (!st.has_principal) {
      m.direct = true;
    } else if (st.not_principal) {
      m.direct = !cs.principals.match(pi_, p_).direct;
    } else {
      m = cs.principals.match(pi_, p_);
    }
    if (!m.direct && !m.account) continue;
    TriMask o = key_statement(ref, PolicyPlacement::kResource, true);
    if (m.direct && m.by_role_arn) {
      kp.direct_role = tri_mask_or(kp.direct_role, o);
    } else if (m.direct) {
      kp.direct = tri_mask_or(kp.direct, o);
    }
    if (m.account) kp.account = tri_mask_or(kp.account, o);
  }
  return kp;
}

TriMask PairEvaluation::identity_allows(const PrincipalPlan::Part& part) const {
  TriMask any = part.fixed;
  for (const StatementRef& ref : part.refs) any = tri_mask_or(any, identity_statement(ref));
  return any;
}

TriMask PairEvaluation::identity() const {
  if (p_.kind == PrincipalKind::kRoot) return all_true(key_actions_mask());
  if (p_.kind == PrincipalKind::kService) return {};
  if (p_.pseudo || p_.kind == PrincipalKind::kAccount || p_.kind == PrincipalKind::kAnyone) {
    return all_unknown(key_actions_mask());
  }
  return identity_allows(pp_.iam);
}

TriMask PairEvaluation::limits() const {
  TriMask boundary = pp_.has_boundary ? identity_allows(pp_.boundary) : all_true(key_actions_mask());
  TriMask session = pp_.has_session ? identity_allows(pp_.session) : all_true(key_actions_mask());
  return tri_mask_and(boundary, session);
}

void PairEvaluation::grants(TriMask& direct, TriMask& account) const {
  const ActionMask retire = retire_grant_mask();
  for (std::size_t g = 0; g < k_.grants.size(); ++g) {
    const Grant& grant = k_.grants[g];
    if (!grant.retiring.empty()) {
      // A retiring account delegates to its principals through IAM, as for a grantee account.
      PrincipalMatch r = ci_.retirers[ki_][g].match(pi_, p_);
      if (r.direct) {
        direct.t |= retire;
      } else if (r.account) {
        account.t |= retire;
      }
    }
    ActionMask ops = grant.operations_mask & key_actions_mask();
    if (ops == 0) continue;
    PrincipalMatch m = ci_.grantees[ki_][g].match(pi_, p_);
    if (!m.direct && !m.account) continue;
    // Constraints limit only operations that take an encryption context (and CreateGrant).
    const ActionMask constrained = ops & grant_constrained_mask();
    Tri holds = grant_constraints_hold(grant, options_);
    TriMask o = all_true(ops & ~constrained);
    if (holds == Tri::kTrue) o.t |= constrained;
    if (holds == Tri::kUnknown) o.u |= constrained;
    if (m.direct) {
      direct = tri_mask_or(direct, o);
    } else {
      account = tri_mask_or(account, o);
    }
  }
  direct.u &= ~direct.t;
}

PrincipalSide PairEvaluation::principal_side() const {
  PrincipalSide side;
  side.deny = identity_allows(pp_.denies);  // the same OR over statements
  side.iam = identity();
  side.limit = limits();
  side.scp = pp_.scp_has_allow ? identity_allows(pp_.scp) : all_true(key_actions_mask());
  return side;
}

KeySide PairEvaluation::key_side() const {
  KeySide side;
  side.deny = key_denies();
  KeyPolicyMasks kp = key_policy();
  side.direct = kp.direct;
  side.direct_role = kp.direct_role;
  side.account = kp.account;
  grants(side.grant_direct, side.grant_account);
  // kms:RetireGrant: neither the key policy nor an RCP decides it. The key's account delegates
  // it to its principals through IAM alone, once the key has a grant to retire.
  const ActionMask retire = retire_grant_mask();
  for (TriMask* m : {&side.deny, &side.direct, &side.direct_role, &side.account}) {
    m->t &= ~retire;
    m->u &= ~retire;
  }
  if (!k_.grants.empty() && !cross_account()) side.account.t |= retire;
  return side;
}

PairMasks PairEvaluation::decide(const PrincipalSide& ps, const KeySide& ks) const {
  const ActionMask key_actions = key_actions_mask();
  TriMask deny = tri_mask_or(ps.deny, ks.deny);
  const TriMask& iam = ps.iam;
  const TriMask& limit = ps.limit;
  const TriMask& guard = ps.scp;  // RCPs only deny (key_denies)

  TriMask paths;
  const bool cross = cross_account();
  if (!cross) {
    paths = tri_mask_or(paths, ks.direct);
    paths = tri_mask_or(paths, tri_mask_and(ks.direct_role, limit));
    paths = tri_mask_or(paths, tri_mask_and(ks.account, tri_mask_and(iam, limit)));
  } else {
    TriMask key_side = tri_mask_or(tri_mask_or(ks.direct, ks.direct_role), ks.account);
    paths = tri_mask_or(paths, tri_mask_and(key_side, tri_mask_and(iam, limit)));
  }
  paths = tri_mask_or(paths, ks.grant_direct);
  paths = tri_mask_or(paths, tri_mask_and(ks.grant_account, tri_mask_and(iam, limit)));
  TriMask allow = tri_mask_and(paths, guard);

  PairMasks out;
  out.deny = deny.t & key_actions;
  ActionMask open = key_actions & ~deny.t;
  if (cross) open &= cross_account_mask();
  out.allow = allow.t & open & ~deny.u;
  out.conditional = (allow.t | allow.u) & open & ~out.allow;
  return out;
}

}  // namespace kmsaccess::core
