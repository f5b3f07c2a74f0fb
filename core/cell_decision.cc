// How one cell's decision is assembled from its parts (AWS policy evaluation logic, specialised
// to KMS: the key policy is the root of access; seeds 000-004).
#include <algorithm>
#include <set>

#include "core/arn.h"
#include "core/applicable_policies.h"
#include "core/cell_evaluation.h"
#include "core/principal_match.h"

namespace kmsaccess::core {
namespace {

Outcome assumed_unknown(std::string key, std::string text, ReasonSource source) {
  Outcome o;
  o.value = Tri::kUnknown;
  ResidualCondition r;
  r.effect = Effect::kAllow;
  r.op = "Requires";
  r.key = std::move(key);
  r.values.push_back(std::move(text));
  r.source = source;
  o.residual.push_back(std::move(r));
  return o;
}

Reason rule_reason(std::string role, std::string detail) {
  Reason r;
  r.source = ReasonSource::kRule;
  r.role = std::move(role);
  r.detail = std::move(detail);
  return r;
}

bool is_pseudo_identity(const Principal& p) {
  return p.pseudo || p.kind == PrincipalKind::kAccount || p.kind == PrincipalKind::kAnyone;
}

}  // namespace

CellEvaluation::Denies CellEvaluation::explicit_denies() {
  Denies d;
  int deny_groups = 0;
  for (const PolicyRef& ref : all_policies()) {
    for (const Statement& st : ref.doc->statements) {
      if (!st.has_effect || st.effect != Effect::kDeny) continue;
      if (is_retire_grant(action_) && (ref.source == ReasonSource::kKeyPolicy || ref.source == ReasonSource::kRcp)) {
        note(ref, st, "explicit-deny", "does-not-apply", "kms:RetireGrant is not effective in a key policy or an RCP");
        continue;
      }
      if (ref.has_principal_element && st.has_principal) {
        // Lenient listing for NotPrincipal: when unsure, the deny does not apply (sound).
        bool applies = st.not_principal ? !principal_listed(st.principal, p_)
                                        : [&] {
                                            PrincipalMatch m = match_principal(st.principal, p_);
                                            return m.direct || m.account;
                                          }();
        if (!applies) {
          note(ref, st, "explicit-deny", "does-not-apply", "Principal does not name " + p_.name);
          continue;
        }
      }
      Outcome o = statement_outcome(ref, st, "denies");
      if (o.is_true()) {
        d.certain.insert(d.certain.end(), o.reasons.begin(), o.reasons.end());
      } else if (o.is_unknown()) {
        ++deny_groups;
        for (auto& r : o.residual) r.deny_group = deny_groups;
        d.possible.insert(d.possible.end(), o.residual.begin(), o.residual.end());
        for (auto r : o.reasons) {
          r.role = "may-deny";
          d.possible_reasons.push_back(std::move(r));
        }
      }
    }
  }
  return d;
}

CellEvaluation::KeyPolicyAllows CellEvaluation::key_policy_allows() {
  KeyPolicyAllows a;
  if (is_retire_grant(action_)) {
    // Not effective in a key policy: the key's account delegates it through IAM alone.
    if (!k_.grants.empty() && !cross_account()) {
      a.account = Outcome::truth();
      a.account.reasons.push_back(rule_reason(
          "enables-iam", "kms:RetireGrant is not effective in a key policy; " + k_.account +
                             " delegates retiring " + k_.name + "'s grants through IAM policies"));
    }
    return a;
  }
  if (!k_.policy) {
    Outcome unknown = assumed_unknown("key-policy", "the key policy of " + k_.name + " was not loaded",
                                      ReasonSource::kKeyPolicy);
    a.direct = unknown;
    a.account = unknown;
    return a;
  }
  PolicyRef ref{&inv_.policies[*k_.policy], ReasonSource::kKeyPolicy, PolicyPlacement::kResource, true};
  for (const Statement& st : ref.doc->statements) {
    if (!st.has_effect || st.effect != Effect::kAllow) continue;
    PrincipalMatch m;
    if (!st.has_principal) {
      m.direct = m.wildcard = true;  // invalid in a key policy; read soundly as "everyone"
    } else if (st.not_principal) {
      // Allow + NotPrincipal: applies to everyone not listed (strict listing: sound).
      m.direct = m.wildcard = !match_principal(st.principal, p_).direct;
    } else {
      m = match_principal(st.principal, p_);
    }
    if (!m.direct && !m.account) {
      note(ref, st, "key-policy", "does-not-apply", "Principal does not name " + p_.name);
      continue;
    }
    Outcome o = statement_outcome(ref, st, m.direct ? "allows" : "enables-iam");
    if (m.direct && m.by_role_arn) {
      a.direct_role = either(a.direct_role, o);
    } else if (m.direct) {
      a.direct = either(a.direct, o);
    }
    if (m.account) {
      Outcome enabling = o;
      for (auto& r : enabling.reasons) r.role = "enables-iam";
      a.account = either(a.account, enabling);
    }
  }
  return a;
}

Outcome CellEvaluation::allows_of(const std::vector<PolicyRef>& refs, std::string_view stage,
                                  std::string_view role) {
  Outcome any;
  for (const PolicyRef& ref : refs) {
    for (const Statement& st : ref.doc->statements) {
      if (!st.has_effect || st.effect != Effect::kAllow) continue;
      if (ref.has_principal_element && st.has_principal && !st.not_principal &&
          !match_principal(st.principal, p_).direct) {
        note(ref, st, stage, "does-not-apply", "Principal does not name " + p_.name);
        continue;
      }
      any = either(any, statement_outcome(ref, st, role));
    }
  }
  return any;
}

Outcome CellEvaluation::identity_allows() {
  if (p_.kind == PrincipalKind::kRoot) {
    Outcome o = Outcome::truth();
    o.reasons.push_back(rule_reason("allows", "the account root user has every IAM permission"));
    return o;
  }
  if (p_.kind == PrincipalKind::kService) return Outcome::falsity();
  if (is_pseudo_identity(p_)) {
    std::string who = p_.kind == PrincipalKind::kAccount ? "a principal of account " + p_.account : p_.name;
    return assumed_unknown("identity-policy",
                           "an identity policy of " + who + " allows " +
                               std::string(kms_actions()[action_].name) + " on " + k_.arn,
                           ReasonSource::kIdentityPolicy);
  }
  return allows_of(identity_policies(), "identity-policy", "allows");
}

Outcome CellEvaluation::guardrail(const std::vector<PolicyRef>& refs, std::string_view stage) {
  // An organisation always has an allow-all policy unless replaced; when the listed policies
  // contain no Allow at all, read them as deny-only policies next to FullAWSAccess.
  bool has_allow = false;
  for (const PolicyRef& ref : refs) {
    for (const Statement& st : ref.doc->statements) has_allow = has_allow || (st.has_effect && st.effect == Effect::kAllow);
  }
  if (!has_allow) return Outcome::truth();
  return allows_of(refs, stage, "permits");
}

Outcome CellEvaluation::limit_of(const std::optional<PolicyIndex>& policy, ReasonSource source,
                                 std::string_view stage) {
  if (!policy) return Outcome::truth();
  return allows_of({PolicyRef{&inv_.policies[*policy], source, PolicyPlacement::kIdentity, false}}, stage,
                   "permits");
}

}  // namespace kmsaccess::core
