// Which policies take part in a decision for a (principal, key) pair, shared by the reference
// evaluation and the compiled whole-matrix path so both read the same set.
#pragma once

#include <vector>

#include "core/decision.h"
#include "core/inventory.h"
#include "core/request_context.h"

namespace kmsaccess::core {

struct PolicyUse {
  PolicyIndex policy = 0;
  ReasonSource source = ReasonSource::kKeyPolicy;
  PolicyPlacement placement = PolicyPlacement::kIdentity;
  bool has_principal_element = false;  // key policies and RCPs name principals
};

// A service-linked role (path /aws-service-role/, name AWSServiceRoleFor...) or one of its
// sessions: SCPs and RCPs never restrict these (AWS Organizations User Guide, SCPs and RCPs).
bool is_service_linked_role(const Principal& p);
// Whether RCPs can restrict this principal's requests at all (not service-linked roles).
bool rcps_can_apply_to(const Principal& p);
// kms:RetireGrant is not effective in a key policy or an RCP: who may retire a grant is set by
// the grant (retiring principal, grantee) and by IAM (KMS Developer Guide, "Retiring and
// revoking grants").
bool is_retire_grant(std::size_t action);
ActionMask retire_grant_mask();

std::vector<PolicyUse> identity_policy_uses(const Inventory& inv, const Principal& p);
std::vector<PolicyUse> scp_uses(const Inventory& inv, const Principal& p);
std::vector<PolicyUse> rcp_uses(const Inventory& inv, const Principal& p, const Key& k);
// Every policy whose Deny statements apply: key policy, identity, boundary, session, SCPs, RCPs.
std::vector<PolicyUse> all_policy_uses(const Inventory& inv, const Principal& p, const Key& k);

// Resource element against the key's ARN (variables substituted; a key policy's missing
// Resource reads as "this key").
Tri resource_matches(const Statement& st, bool key_policy, const std::string& key_arn,
                     const ConditionContext& ctx);

// A grant's encryption-context constraints against --context values.
Tri grant_constraints_hold(const Grant& g, const EvalOptions& options);

}  // namespace kmsaccess::core
