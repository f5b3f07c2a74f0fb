// The compiled whole-matrix path: all actions of one (principal, key) pair at once, as bit
// masks. It must give exactly the verdicts of the reference CellEvaluation (a property test
// checks this on thousands of random inventories).
#pragma once

#include "core/compiled_inventory.h"
#include "core/evaluator.h"

namespace kmsaccess::core {

// The parts of a pair's decision that come from the principal's own policies (identity, group,
// boundary, session, SCPs). Principals with the same PrincipalPlan profile share them per key.
struct PrincipalSide {
  TriMask deny, iam, limit, scp;
};

// The parts that come from the key's side: key policy, grants and RCPs. For principals the key
// does not name, they depend only on the principal's account and kind.
struct KeySide {
  TriMask deny, direct, direct_role, account, grant_direct, grant_account;
};

class PairEvaluation {
 public:
  PairEvaluation(const CompiledInventory& compiled, const EvalOptions& options, std::size_t principal,
                 std::size_t key);
  PairMasks decide() const { return decide(principal_side(), key_side()); }
  PrincipalSide principal_side() const;
  KeySide key_side() const;
  PairMasks decide(const PrincipalSide& principal, const KeySide& key) const;

 private:
  const CompiledInventory& ci_;
  const Inventory& inv_;
  const EvalOptions& options_;
  std::uint32_t pi_;
  std::uint32_t ki_;
  const Principal& p_;
  const Key& k_;
  const PrincipalPlan& pp_;
  const KeyPlan& kp_;

  TriMask identity_statement(const StatementRef& ref) const;
  TriMask key_statement(const StatementRef& ref, PolicyPlacement placement, bool key_policy) const;
  TriMask conditions(const StatementRef& ref) const;
  TriMask direct(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy) const;
  bool principal_applies(const CompiledStatement& cs, bool for_deny) const;
  TriMask key_denies() const;
  struct KeyPolicyMasks {
    TriMask direct, direct_role, account;
  };
  KeyPolicyMasks key_policy() const;
  TriMask identity_allows(const PrincipalPlan::Part& part) const;
  TriMask identity() const;
  TriMask limits() const;
  void grants(TriMask& direct, TriMask& account) const;
  bool cross_account() const;
};

}  // namespace kmsaccess::core
