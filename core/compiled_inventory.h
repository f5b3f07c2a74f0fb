// The inventory compiled once for fast whole-matrix evaluation: principals indexed by ARN, role
// and account; statements with their action masks, action classes and resource pre-checks.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/inventory.h"
#include "core/principal_match.h"
#include "core/request_context.h"

namespace kmsaccess::core {

// Three-valued verdicts for all actions at once: bit set in `t` = true, in `u` = unknown.
struct TriMask {
  ActionMask t = 0;
  ActionMask u = 0;
};
inline TriMask tri_mask_and(TriMask a, TriMask b) {
  TriMask r;
  r.t = a.t & b.t;
  r.u = (a.t | a.u) & (b.t | b.u) & ~r.t;
  return r;
}
inline TriMask tri_mask_or(TriMask a, TriMask b) {
  TriMask r;
  r.t = a.t | b.t;
  r.u = (a.u | b.u) & ~r.t;
  return r;
}

// Which principals a Principal element (or a grantee) names, precomputed.
struct CompiledPrincipals {
  bool wildcard = false;
  std::vector<std::uint32_t> direct;       // sorted principal indices named directly
  std::vector<std::uint32_t> by_role_arn;  // sorted subset of `direct` named through a role ARN
  std::vector<std::string> accounts;       // accounts named as account principals
  PrincipalMatch match(std::uint32_t principal, const Principal& p) const;
};

struct CompiledStatement {
  const PolicyDocument* doc = nullptr;
  const Statement* st = nullptr;
  ActionMask actions = 0;                // KMS key actions covered
  std::vector<ActionMask> classes;       // actions that see identical condition-key presence
  bool any_resource = false;             // Resource "*" (or absent in a key policy)
  bool resource_accounts_any = true;     // some Resource pattern may match any account
  std::vector<std::string> resource_accounts;  // else: the accounts patterns can match
  CompiledPrincipals principals;         // for statements with a Principal element
};

struct CompiledPolicy {
  std::vector<CompiledStatement> statements;
};

class CompiledInventory {
 public:
  explicit CompiledInventory(const Inventory& inv);

  const Inventory& inv;
  std::vector<CompiledPolicy> policies;               // parallel to inv.policies
  std::vector<std::vector<CompiledPrincipals>> grantees;   // per key, per grant
  std::vector<std::vector<CompiledPrincipals>> retirers;   // per key, per grant

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_arn_;      // lower-case ARN
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_role_;     // account/role-name
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_unique_;   // unique id
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_service_;  // lower-case service

  void index_principals();
  CompiledPrincipals compile_principals(const PrincipalSpec& spec) const;
  CompiledStatement compile_statement(const PolicyDocument& doc, const Statement& st, bool key_policy) const;
};

}  // namespace kmsaccess::core
