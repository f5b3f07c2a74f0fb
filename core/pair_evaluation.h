// The compiled whole-matrix path: all actions of one (principal, key) pair at once, as bit
// masks. It must give exactly the verdicts of the reference CellEvaluation (a property test
// checks this on thousands of random inventories).
#pragma once

#include "core/applicable_policies.h"
#include "core/compiled_inventory.h"
#include "core/evaluator.h"

namespace kmsaccess::core {

class PairEvaluation {
 public:
  PairEvaluation(const CompiledInventory& compiled, const EvalOptions& options, std::size_t principal,
                 std::size_t key);
  PairMasks decide();

 private:
  const CompiledInventory& ci_;
  const Inventory& inv_;
  const EvalOptions& options_;
  std::uint32_t pi_;
  std::size_t ki_;
  const Principal& p_;
  const Key& k_;

  TriMask statement(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy) const;
  bool principal_applies(const CompiledStatement& cs, bool for_deny) const;
  TriMask denies() const;
  struct KeyPolicyMasks {
    TriMask direct, direct_role, account;
  };
  KeyPolicyMasks key_policy() const;
  TriMask allows_of(const std::vector<PolicyUse>& uses) const;
  TriMask identity() const;
  TriMask guardrail(const std::vector<PolicyUse>& uses) const;
  TriMask limit_of(const std::optional<PolicyIndex>& policy) const;
  void grants(TriMask& direct, TriMask& account) const;
  bool cross_account() const;
};

}  // namespace kmsaccess::core
