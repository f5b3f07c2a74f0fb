// Internal to the evaluator: the pieces one cell's decision is assembled from.
#pragma once

#include <string>
#include <vector>

#include "core/decision.h"
#include "core/evaluator.h"
#include "core/outcome.h"
#include "core/request_context.h"

namespace kmsaccess::core {

// One policy that takes part in a decision, with its role.
struct PolicyRef {
  const PolicyDocument* doc = nullptr;
  ReasonSource source = ReasonSource::kKeyPolicy;
  PolicyPlacement placement = PolicyPlacement::kIdentity;
  bool has_principal_element = false;  // key policies and RCPs name principals
};

class CellEvaluation {
 public:
  CellEvaluation(const Inventory& inv, const EvalOptions& options, std::size_t principal,
                 std::size_t key, std::size_t action, Explanation* trace);

  Decision decide();

 private:
  const Inventory& inv_;
  const EvalOptions& options_;
  const Principal& p_;
  const Key& k_;
  std::size_t action_;
  RequestContext ctx_;
  Explanation* trace_;

  // Statement level.
  Outcome statement_outcome(const PolicyRef& ref, const Statement& st, std::string_view role);
  Tri resource_matches(const PolicyRef& ref, const Statement& st);
  void note(const PolicyRef& ref, const Statement& st, std::string_view stage, std::string_view outcome,
            std::string why);

  // Policy groups.
  std::vector<PolicyRef> identity_policies() const;
  std::vector<PolicyRef> applicable_scps() const;
  std::vector<PolicyRef> all_policies() const;

  // Parts of the decision.
  struct Denies {
    std::vector<Reason> certain;
    std::vector<ResidualCondition> possible;
    std::vector<Reason> possible_reasons;
  };
  Denies explicit_denies();
  struct KeyPolicyAllows {
    Outcome direct;       // names the principal (user ARN, session ARN, "*"): not limited by boundaries
    Outcome direct_role;  // names the role ARN: limited by boundary and session policy
    Outcome account;      // names the principal's account: enables IAM policies
  };
  KeyPolicyAllows key_policy_allows();
  Outcome allows_of(const std::vector<PolicyRef>& refs, std::string_view stage, std::string_view role);
  Outcome identity_allows();
  Outcome guardrail(const std::vector<PolicyRef>& refs, std::string_view stage);
  Outcome limit_of(const std::optional<PolicyIndex>& policy, ReasonSource source, std::string_view stage);
  struct GrantAllows {
    Outcome direct;
    Outcome account;  // grant to the principal's account root: IAM must delegate
  };
  GrantAllows grant_allows();
  Outcome grant_constraints(const Grant& g);
  bool cross_account() const;
};

}  // namespace kmsaccess::core
