// Escalation paths: principals who can change who has access to a key without holding that access
// on paper (key policy writes, grants, ABAC tags and aliases, identity-policy writes). A path is
// reported only when the hypothetical change it enables changes a decision in the evaluator.
#pragma once

#include <string>
#include <vector>

#include "core/evaluator.h"
#include "core/impact/matrix_diff.h"

namespace kmsaccess::core::impact {

struct EscalationPath {
  std::string key;          // the key whose access the change widens
  std::string key_arn;
  std::string actor;        // who can make the change
  std::string actor_arn;
  std::string permission;   // "kms:TagResource", "iam:PutRolePolicy, iam:AttachRolePolicy"
  Verdict permission_verdict = Verdict::kAllow;  // allow, or conditional on request data
  std::vector<Reason> permission_reasons;
  std::vector<ResidualCondition> permission_conditions;
  std::string change;       // "tag Project=Alpha", "grant role/ci Decrypt,Encrypt", ...
  std::vector<CellChange> gains;  // widening cells on `key`, sorted by principal and action
};

struct EscalationOptions {
  std::vector<std::size_t> keys;  // inventory key indices; empty: every key
  EvalOptions eval;               // request context the evaluators use
  unsigned threads = 1;
};

// Sorted by key, actor, permission and change.
std::vector<EscalationPath> find_escalations(const Inventory& inv, const EscalationOptions& options);

// Evaluates a principal's identity policies (its own and its groups', within its boundary) on
// any action string, e.g. "iam:PutRolePolicy" against a role ARN. Request data is unknown, so
// conditions give `conditional`. SCPs are not consulted.
Decision decide_identity_action(const Inventory& inv, std::size_t principal, std::string_view action,
                                std::string_view resource);

}  // namespace kmsaccess::core::impact
