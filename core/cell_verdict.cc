// Grants and the final verdict of one cell.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/applicable_policies.h"
#include "core/arn.h"
#include "core/cell_evaluation.h"
#include "core/principal_match.h"

namespace kmsaccess::core {
namespace {

Reason rule_reason(std::string role, std::string detail) {
  Reason r;
  r.source = ReasonSource::kRule;
  r.role = std::move(role);
  r.detail = std::move(detail);
  return r;
}

// Drops repeats, and orders each run of reasons with the same source and role by position: the
// runs follow the evaluation (key policy, identity policies, groups, ...), but inside a run the
// order would otherwise follow the order of policies in the input, and output must not.
std::vector<Reason> unique_reasons(const std::vector<Reason>& in) {
  std::vector<Reason> out;
  std::set<Reason> seen;
  for (const auto& r : in) {
    if (seen.insert(r).second) out.push_back(r);
  }
  for (auto run = out.begin(); run != out.end();) {
    auto end = std::find_if(run, out.end(), [&](const Reason& r) { return r.source != run->source || r.role != run->role; });
    std::sort(run, end);
    run = end;
  }
  return out;
}

// The place of a residual in the output order, everything but its alternative id.
auto residual_place(const ResidualCondition& r) {
  return std::tie(r.effect, r.source, r.pos, r.sid, r.op, r.key, r.values);
}

// The Allow alternatives (see outcome.h) numbered 1, 2, ... in an order that depends only on
// their conditions, not on the order of policies and statements: each alternative's conditions
// sorted and without repeats, alternatives sorted and without repeats.
std::vector<ResidualCondition> numbered_alternatives(const std::vector<ResidualCondition>& in) {
  std::map<int, std::vector<ResidualCondition>> by_id;
  for (const auto& r : in) by_id[r.alternative].push_back(r);
  auto less = [](const ResidualCondition& a, const ResidualCondition& b) { return residual_place(a) < residual_place(b); };
  auto same = [](const ResidualCondition& a, const ResidualCondition& b) { return residual_place(a) == residual_place(b); };
  std::vector<std::vector<ResidualCondition>> groups;
  for (auto& [id, group] : by_id) {
    std::sort(group.begin(), group.end(), less);
    group.erase(std::unique(group.begin(), group.end(), same), group.end());
    groups.push_back(std::move(group));
  }
  auto group_less = [&](const auto& a, const auto& b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), less);
  };
  auto group_same = [&](const auto& a, const auto& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end(), same); };
  std::sort(groups.begin(), groups.end(), group_less);
  groups.erase(std::unique(groups.begin(), groups.end(), group_same), groups.end());
  std::vector<ResidualCondition> out;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    for (auto& r : groups[i]) {
      r.alternative = static_cast<int>(i + 1);
      out.push_back(std::move(r));
    }
  }
  return out;
}

// Drops repeats, and orders each run with the same alternative and effect by source and
// position, for the same reason as unique_reasons.
std::vector<ResidualCondition> unique_residuals(const std::vector<ResidualCondition>& in) {
  std::vector<ResidualCondition> out;
  std::set<ResidualCondition> seen;
  for (const auto& r : in) {
    if (seen.insert(r).second) out.push_back(r);
  }
  auto by_place = [](const ResidualCondition& a, const ResidualCondition& b) {
    return std::tie(a.source, a.pos, a.sid, a.op, a.key, a.values) < std::tie(b.source, b.pos, b.sid, b.op, b.key, b.values);
  };
  for (auto run = out.begin(); run != out.end();) {
    auto end = std::find_if(run, out.end(), [&](const ResidualCondition& r) {
      return r.alternative != run->alternative || r.effect != run->effect;
    });
    std::sort(run, end, by_place);
    run = end;
  }
  return out;
}

PrincipalSpec grantee_spec(const Grant& g) {
  PrincipalSpec spec;
  PrincipalEntry e;
  bool service = g.grantee_is_service || g.grantee.find(".amazonaws.com") != std::string::npos;
  e.type = service ? PrincipalType::kService : PrincipalType::kAws;
  e.value = g.grantee;
  spec.entries.push_back(std::move(e));
  return spec;
}

}  // namespace

Outcome CellEvaluation::grant_constraints(const Grant& g) {
  Tri holds = grant_constraints_hold(g, options_);
  if (holds == Tri::kTrue) return Outcome::truth();
  if (holds == Tri::kFalse) return Outcome::falsity();
  Outcome o;
  o.value = Tri::kUnknown;
  ResidualCondition r;
  r.effect = Effect::kAllow;
  r.op = g.has_equals ? "EncryptionContextEquals" : "EncryptionContextSubset";
  r.key = "kms:EncryptionContext";
  for (const auto& [k, v] : g.has_equals ? g.context_equals : g.context_subset) r.values.push_back(k + "=" + v);
  r.pos = g.pos;
  r.sid = g.grant_id;
  r.source = ReasonSource::kGrant;
  o.residual.push_back(std::move(r));
  return o;
}

CellEvaluation::GrantAllows CellEvaluation::grant_allows() {
  GrantAllows a;
  const bool is_retire = is_retire_grant(action_);
  for (const Grant& g : k_.grants) {
    PrincipalMatch m = match_principal(grantee_spec(g), p_);
    bool op_covered = (g.operations_mask & action_bit(action_)) != 0;
    bool retiring = false;
    bool retiring_account = false;  // a retiring account delegates through IAM, as a grantee account
    if (is_retire && !g.retiring.empty()) {
      Grant as_retiring = g;
      as_retiring.grantee = g.retiring;
      as_retiring.grantee_is_service = false;  // a RetiringServicePrincipal is known by its name
      PrincipalMatch r = match_principal(grantee_spec(as_retiring), p_);
      retiring = r.direct;
      retiring_account = !r.direct && r.account;
    }
    if (retiring_account && !(op_covered && m.direct)) {
      Reason reason;
      reason.source = ReasonSource::kGrant;
      reason.pos = g.pos;
      reason.sid = g.grant_id;
      reason.role = "retiring-principal";
      reason.detail = "grant " + (g.name.empty() ? g.grant_id : g.name) + " retirable by " + g.retiring;
      Outcome o = Outcome::truth();
      o.reasons.push_back(std::move(reason));
      a.account = either(a.account, o);
      continue;
    }
    if (!(op_covered && (m.direct || m.account)) && !retiring) continue;
    Reason reason;
    reason.source = ReasonSource::kGrant;
    reason.pos = g.pos;
    reason.sid = g.grant_id;
    reason.role = retiring && !op_covered ? "retiring-principal" : "allows";
    reason.detail = "grant " + (g.name.empty() ? g.grant_id : g.name) + " to " + g.grantee;
    // Constraints limit only operations that take an encryption context (and CreateGrant).
    const bool constrained = !retiring && (grant_constrained_mask() & action_bit(action_)) != 0;
    Outcome o = constrained ? grant_constraints(g) : Outcome::truth();
    if (o.is_false()) continue;
    o.reasons.push_back(std::move(reason));
    if (m.direct || retiring) {
      a.direct = either(a.direct, o);
    } else {
      a.account = either(a.account, o);
    }
  }
  return a;
}

Decision CellEvaluation::decide() {
  Decision d;
  const ActionInfo& info = kms_actions()[action_];
  if (info.resources == ResourceScope::kNone) {
    d.reasons.push_back(rule_reason("not-a-key-action", std::string(info.name) + " is not authorised against a key"));
    return d;
  }
  Denies denies = explicit_denies();
  if (!denies.certain.empty()) {
    d.verdict = Verdict::kDeny;
    d.reasons = unique_reasons(denies.certain);
    return d;
  }
  if (cross_account() && info.cross_account != CrossAccount::kYes) {
    d.reasons.push_back(rule_reason("cross-account", std::string(info.name) +
                                                         " cannot be used on another account's key"));
    return d;
  }
  KeyPolicyAllows kp = key_policy_allows();
  Outcome iam = identity_allows();
  Outcome limits = both(limit_of(p_.boundary, ReasonSource::kBoundary, "permissions-boundary"),
                        limit_of(p_.session_policy, ReasonSource::kSessionPolicy, "session-policy"));
  GrantAllows grants = grant_allows();
  // RCPs only deny (explicit_denies): AWS allows no Allow in an RCP but its RCPFullAWSAccess.
  Outcome guard = guardrail(applicable_scps(), "scp");

  std::vector<std::pair<std::string, Outcome>> paths;
  if (!cross_account()) {
    paths.emplace_back("key-policy", kp.direct);
    paths.emplace_back("key-policy", both(kp.direct_role, limits));
    paths.emplace_back("key-policy+iam", both(kp.account, both(iam, limits)));
  } else {
    // Across accounts both sides must allow: the key policy (naming the principal or its
    // account) and an identity policy in the caller's account.
    Outcome key_side = either(either(kp.direct, kp.direct_role), kp.account);
    paths.emplace_back("key-policy+iam", both(key_side, both(iam, limits)));
  }
  paths.emplace_back("grant", grants.direct);
  paths.emplace_back("grant+iam", both(grants.account, both(iam, limits)));

  Outcome allow;
  std::set<std::string> via_true;
  std::set<std::string> via_unknown;
  for (auto& [via, path] : paths) {
    Outcome guarded = both(path, guard);
    if (guarded.is_false()) continue;
    if (guarded.is_unknown()) {
      via_unknown.insert(via);
    } else {
      via_true.insert(via);
    }
    allow = either(allow, guarded);
  }

  if (allow.is_false()) {
    d.reasons = unique_reasons(denies.possible_reasons);
    if (iam.is_true() && kp.account.is_false() && !cross_account()) {
      for (auto r : iam.reasons) {
        r.role = "ineffective";
        d.reasons.push_back(r);
      }
      d.reasons.push_back(rule_reason("not-enabled", "the key policy of " + k_.name +
                                                         " does not enable IAM policies for account " +
                                                         p_.account));
    }
    if (!kp.account.is_false() && iam.is_false()) {
      for (const auto& r : kp.account.reasons) d.reasons.push_back(r);
      d.reasons.push_back(rule_reason("no-identity-allow", "no identity policy of " + p_.name + " allows " +
                                                               std::string(info.name)));
    }
    if (limits.is_false() && (!kp.direct_role.is_false() || !iam.is_false())) {
      d.reasons.push_back(rule_reason("limited", "the permissions boundary or session policy does not allow " +
                                                     std::string(info.name)));
    }
    if (guard.is_false()) {
      d.reasons.push_back(rule_reason("guardrail", "no SCP that applies allows " + std::string(info.name)));
    }
    d.reasons = unique_reasons(d.reasons);
    return d;
  }
  bool certain = allow.is_true() && denies.possible.empty();
  d.verdict = certain ? Verdict::kAllow : Verdict::kConditional;
  const auto& via = allow.is_true() ? via_true : via_unknown;
  d.via.assign(via.begin(), via.end());
  std::vector<Reason> reasons = allow.reasons;
  reasons.insert(reasons.end(), denies.possible_reasons.begin(), denies.possible_reasons.end());
  d.reasons = unique_reasons(reasons);
  std::vector<ResidualCondition> conditions;
  if (!allow.is_true()) conditions = numbered_alternatives(allow.residual);
  conditions.insert(conditions.end(), denies.possible.begin(), denies.possible.end());
  d.conditions = unique_residuals(conditions);
  return d;
}

}  // namespace kmsaccess::core
