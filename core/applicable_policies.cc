#include "core/applicable_policies.h"

#include <algorithm>

#include "core/arn.h"
#include "core/condition_match.h"

namespace kmsaccess::core {

bool is_service_linked_role(const Principal& p) {
  if (p.kind != PrincipalKind::kRole && p.kind != PrincipalKind::kAssumedRole) return false;
  const std::string& arn = p.kind == PrincipalKind::kAssumedRole ? p.role_arn : p.arn;
  if (arn.find(":role/aws-service-role/") != std::string::npos) return true;
  // A session ARN does not carry the role's path; the name prefix is AWS's for every such role.
  auto slash = arn.rfind('/');
  std::string_view name = slash == std::string::npos ? std::string_view{} : std::string_view(arn).substr(slash + 1);
  return name.rfind("AWSServiceRoleFor", 0) == 0;
}

bool rcps_can_apply_to(const Principal& p) { return !is_service_linked_role(p); }

ActionMask retire_grant_mask() {
  static const ActionMask mask = match_action_pattern("kms:RetireGrant");
  return mask;
}

bool is_retire_grant(std::size_t action) { return (action_bit(action) & retire_grant_mask()) != 0; }

std::vector<PolicyUse> identity_policy_uses(const Inventory& inv, const Principal& p) {
  std::vector<PolicyUse> uses;
  for (PolicyIndex i : p.policies) uses.push_back({i, ReasonSource::kIdentityPolicy, PolicyPlacement::kIdentity, false});
  for (const auto& name : p.groups) {
    if (const Group* g = inv.find_group(name)) {
      for (PolicyIndex i : g->policies) uses.push_back({i, ReasonSource::kGroupPolicy, PolicyPlacement::kIdentity, false});
    }
  }
  return uses;
}

std::vector<PolicyUse> scp_uses(const Inventory& inv, const Principal& p) {
  std::vector<PolicyUse> uses;
  // SCPs restrict the principals of member accounts; never service principals, never the
  // management account. Unlisted external accounts are only covered by SCPs that name them.
  bool exempt = p.kind == PrincipalKind::kService || p.kind == PrincipalKind::kAnyone || p.account.empty() ||
                p.account == inv.management_account || is_service_linked_role(p);
  if (exempt) return uses;
  // An SCP without accounts covers the organisation's members. With no member list, the accounts
  // of declared principals are read as members; with one, an account it does not list is outside
  // the organisation, where no SCP applies.
  OrgMembership m = inv.membership(p.account);
  bool member = m == OrgMembership::kMember || (m == OrgMembership::kUnknown && !p.pseudo);
  for (const auto& scp : inv.scps) {
    bool listed = std::find(scp.accounts.begin(), scp.accounts.end(), p.account) != scp.accounts.end();
    if (listed || (scp.accounts.empty() && member)) {
      uses.push_back({scp.policy, ReasonSource::kScp, PolicyPlacement::kIdentity, false});
    }
  }
  return uses;
}

std::vector<PolicyUse> rcp_uses(const Inventory& inv, const Principal& p, const Key& k) {
  std::vector<PolicyUse> uses;
  // RCPs restrict access to the resources of member accounts, AWS service principals' requests
  // included (the KMS guide's confused-deputy RCP), but not AWS managed keys and not requests
  // made by service-linked roles.
  if (k.manager == KeyManager::kAws || !rcps_can_apply_to(p)) return uses;
  if (!k.account.empty() && k.account == inv.management_account) return uses;
  // Keys are declared, so their accounts are read as members unless a member list leaves them out.
  bool member = inv.membership(k.account) != OrgMembership::kOutside;
  for (const auto& rcp : inv.rcps) {
    bool listed = std::find(rcp.accounts.begin(), rcp.accounts.end(), k.account) != rcp.accounts.end();
    if (listed || (rcp.accounts.empty() && member)) uses.push_back({rcp.policy, ReasonSource::kRcp, PolicyPlacement::kIdentity, true});
  }
  return uses;
}

std::vector<PolicyUse> all_policy_uses(const Inventory& inv, const Principal& p, const Key& k) {
  std::vector<PolicyUse> uses;
  if (k.policy) uses.push_back({*k.policy, ReasonSource::kKeyPolicy, PolicyPlacement::kResource, true});
  for (const auto& u : identity_policy_uses(inv, p)) uses.push_back(u);
  if (p.boundary) uses.push_back({*p.boundary, ReasonSource::kBoundary, PolicyPlacement::kIdentity, false});
  if (p.session_policy) uses.push_back({*p.session_policy, ReasonSource::kSessionPolicy, PolicyPlacement::kIdentity, false});
  for (const auto& u : scp_uses(inv, p)) uses.push_back(u);
  for (const auto& u : rcp_uses(inv, p, k)) uses.push_back(u);
  return uses;
}

Tri resource_matches(const Statement& st, bool key_policy, const std::string& key_arn, const ConditionContext& ctx) {
  // A key policy without Resource is invalid (lint reports it); read it as "this key".
  if (!st.has_resource) return key_policy ? Tri::kTrue : Tri::kFalse;
  Tri any = Tri::kFalse;
  for (const auto& r : st.resources) {
    Tri m = Tri::kFalse;
    if (r.text == "*") {
      m = Tri::kTrue;
    } else if (has_policy_variable(r.text)) {
      m = like_match_with_variables(r.text, key_arn, ctx);  // ${*} stays a literal star
    } else {
      m = wildcard_match(r.text, key_arn) ? Tri::kTrue : Tri::kFalse;
    }
    any = tri_or(any, m);
    if (any == Tri::kTrue) break;
  }
  return st.not_resource ? tri_not(any) : any;
}

Tri grant_constraints_hold(const Grant& g, const EvalOptions& options) {
  if (!g.has_equals && !g.has_subset) return Tri::kTrue;
  const auto& pairs = g.has_equals ? g.context_equals : g.context_subset;
  bool all_known = true;
  for (const auto& [k, v] : pairs) {
    auto it = options.context.find(to_lower_ascii("kms:EncryptionContext:" + k));
    if (it == options.context.end()) {
      all_known = false;
    } else if (std::find(it->second.begin(), it->second.end(), v) == it->second.end()) {
      return Tri::kFalse;  // the supplied encryption context contradicts the constraint
    }
  }
  // EncryptionContextEquals also forbids extra pairs, which --context cannot rule out.
  return all_known && !g.has_equals ? Tri::kTrue : Tri::kUnknown;
}

}  // namespace kmsaccess::core
