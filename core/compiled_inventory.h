// The inventory compiled once for fast whole-matrix evaluation: principals indexed by ARN, role
// and account; statements with their action masks and action classes; Resource elements as key
// bitsets; Condition blocks memoised per principal and key class (core/condition_memo.h); and,
// per principal and per key, the flat lists of statements that can take part in its decisions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/compiled_masks.h"
#include "core/condition_memo.h"
#include "core/evaluator.h"
#include "core/inventory.h"
#include "core/principal_match.h"
#include "core/request_context.h"

namespace kmsaccess::core {

// Which principals a Principal element (or a grantee) names, precomputed.
struct CompiledPrincipals {
  bool wildcard = false;
  std::vector<std::uint32_t> direct;       // sorted principal indices named directly
  std::vector<std::uint32_t> by_role_arn;  // sorted subset of `direct` named through a role ARN
  std::vector<std::string> accounts;       // accounts named as account principals
  PrincipalMatch match(std::uint32_t principal, const Principal& p) const;
};

// The keys an identity-side statement's Resource element can match, decided once per key.
struct ResourceFilter {
  enum class Kind : std::uint8_t { kAll, kNone, kBits, kVariables };
  Kind kind = Kind::kAll;
  std::vector<std::uint64_t> bits;  // kBits: bit k set when the statement applies to key k
  std::int32_t account = -1;        // kBits: the key account whose keys are exactly `bits`
  bool has_key(std::size_t key) const { return ((bits[key >> 6] >> (key & 63)) & 1U) != 0; }
};

struct CompiledStatement {
  const PolicyDocument* doc = nullptr;
  const Statement* st = nullptr;
  ActionMask actions = 0;                // KMS key actions covered (0 without Effect)
  std::vector<ActionMask> classes;       // actions that see identical condition-key presence
  bool allow = false;
  bool deny = false;
  CompiledPrincipals principals;         // for statements with a Principal element
  std::uint32_t filter = 0;              // identity side: index into CompiledInventory::filters
};

struct CompiledPolicy {
  std::vector<CompiledStatement> statements;
};

// A statement as one principal or one key uses it.
struct StatementRef {
  enum class Resource : std::uint8_t { kMatch, kNoMatch, kVariables };
  const CompiledStatement* cs = nullptr;
  std::uint32_t block = ConditionMemo::kNoCondition;
  std::uint32_t local = 0;                // the owner's class in the block
  Resource resource = Resource::kMatch;   // key side: the Resource element against this key
  bool fixed = false;                     // key side: the verdict is the same for every principal
  TriMask verdict;                        // ... and this is it
};

// Everything about a principal that does not depend on the key. Statements whose verdict is the
// same for every key (Resource "*" and no key-dependent condition) are folded into the `fixed`
// masks once; the lists hold the rest.
struct PrincipalPlan {
  struct Part {
    TriMask fixed;
    std::vector<StatementRef> refs;
    std::vector<StatementRef> fixed_refs;  // folded into `fixed` once the memo is complete
  };
  Part denies;    // identity, group, boundary, session and SCP Deny statements
  Part iam;       // identity and group Allow statements
  Part boundary;
  Part session;
  Part scp;       // SCP Allow statements
  bool has_boundary = false;
  bool has_session = false;
  bool scp_has_allow = false;
};

// Everything about a key that does not depend on the principal.
struct KeyPlan {
  bool has_policy = false;
  std::vector<StatementRef> allows;  // key policy
  std::vector<StatementRef> denies;  // key policy
  bool rcp_applies = false;          // for principals that are not service-linked roles
  std::vector<StatementRef> rcp_denies;  // RCPs only deny: their Allow is AWS's RCPFullAWSAccess
  // Principals some statement or grant of this key names directly (sorted). For every other
  // principal the key side of a decision depends only on its account and kind, unless some
  // statement's verdict differs between principals (`per_principal`).
  std::vector<std::uint32_t> named;
  bool per_principal = false;
  // Otherwise the key side is shared by principals with the same account and kind and the same
  // classes in these blocks (statements whose conditions read principal values).
  std::vector<const std::vector<std::uint32_t>*> class_of;
  std::vector<std::uint32_t> class_counts;
  std::uint32_t side_count = 0;  // account/kind classes x the blocks' class counts
  // Principals with an identity-side statement whose Resource names this key among others
  // (sorted). The principal side of every other principal is shared by its profile.
  std::vector<std::uint32_t> touched;
};

class CompiledInventory {
 public:
  CompiledInventory(const Inventory& inv, const EvalOptions& options);

  const Inventory& inv;
  std::vector<CompiledPolicy> policies;               // parallel to inv.policies
  std::vector<ResourceFilter> filters;
  std::vector<PrincipalPlan> principal_plans;         // parallel to inv.principals
  // Principals with the same profile have the same statements and condition classes, apart from
  // statements whose Resource lists particular keys; for keys no such statement names (see
  // KeyPlan::touched), the principal side of their decisions is equal.
  // Profiles are per key account, since statements on "every key of account A" are common.
  std::vector<std::uint32_t> principal_profile;       // principal x key_account_count
  std::uint32_t profile_count = 0;
  std::vector<std::uint32_t> key_account;             // parallel to inv.keys: account index
  std::uint32_t key_account_count = 0;
  static constexpr std::uint32_t kNoKeyAccount = 0xffffffffU;  // an account no key is in
  static constexpr std::uint32_t kNoAccount = 0xfffffffeU;     // the principal's account is unknown
  // Parallel to inv.principals, same numbering. Read for every cell, so the whole-matrix loop
  // never touches the Principal itself (a cache miss per cell took 60% of the final decision).
  std::vector<std::uint32_t> principal_key_account;
  std::uint32_t profile_of(std::uint32_t principal, std::uint32_t key) const {
    return principal_profile[principal * key_account_count + key_account[key]];
  }
  // Principals with the same account and kind match the same unnamed Principal elements.
  std::vector<std::uint32_t> principal_account_kind;  // parallel to inv.principals
  std::vector<std::uint8_t> rcp_exempt;               // 1: no RCP applies (service-linked roles)
  std::uint32_t account_kind_count = 0;
  std::vector<KeyPlan> key_plans;                     // parallel to inv.keys
  std::vector<std::vector<CompiledPrincipals>> grantees;   // per key, per grant
  std::vector<std::vector<CompiledPrincipals>> retirers;   // per key, per grant
  ConditionMemo conditions;

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_arn_;      // lower-case ARN
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_role_;     // account/role-name
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_unique_;   // unique id
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_service_;  // lower-case service
  std::unordered_map<std::string, std::vector<std::uint32_t>> keys_by_arn_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> keys_by_account_;
  std::unordered_map<std::string, std::uint32_t> filter_ids_;
  std::vector<std::vector<std::uint64_t>> account_bits_;  // per key account index

  void index_principals();
  CompiledPrincipals compile_principals(const PrincipalSpec& spec) const;
  CompiledStatement compile_statement(const PolicyDocument& doc, const Statement& st);
  std::uint32_t compile_filter(const Statement& st);
  void plan_principal(std::uint32_t principal);
  void plan_key(std::uint32_t key);
  void assign_profiles();
  void fold_fixed_verdicts();
  void index_key_sides();
  StatementRef identity_ref(const CompiledStatement& cs, std::uint32_t principal);
  StatementRef key_ref(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy, std::uint32_t key);
};

}  // namespace kmsaccess::core
