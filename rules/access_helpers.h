// Shared vocabulary of the access rules KMS110–KMS119: account principals, designated key
// administrators, condition lookups, action bits and engine queries over an inventory.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/action_catalog.h"
#include "core/decision.h"
#include "core/inventory.h"
#include "core/policy.h"
#include "rules/rule.h"

namespace kmsaccess::rules {

// The bit of one action by exact name ("kms:PutKeyPolicy"); 0 if the catalogue lacks it.
core::ActionMask action_named(std::string_view name);

// "123456789012" or "arn:aws:iam::123456789012:root": names an account, which in a key policy
// only lets that account's IAM policies apply. Returns the account id, or nullopt.
std::optional<std::string> account_of_root(std::string_view principal);

// Principal entries of an Allow statement other than account roots: "*", users, roles,
// services. NotPrincipal is not handled here (KMS104 reports it).
std::vector<const core::PrincipalEntry*> non_root_principals(const core::Statement& st);

// Designated key administrators: the config's key_admins when set (ARN patterns); otherwise the
// principals of a key-administrator statement, one that allows only administrative actions
// (the console's "Allow access for Key Administrators" pattern), never cryptographic use.
bool is_admin_only_statement(const core::Statement& st);
bool matches_key_admin(const std::vector<std::string>& key_admins, std::string_view arn);
bool designated_admin(const LintContext& ctx, const core::Statement& st,
                      const core::PrincipalEntry& entry);

// The first Action pattern covering any action of `mask` (for positions and messages); null
// for NotAction.
const core::ActionPattern* first_action_covering(const core::Statement& st, core::ActionMask mask);
// Where to point a finding about actions of `mask`: that pattern, else the statement.
core::Pos action_pos(const core::Statement& st, core::ActionMask mask);
std::string action_text(const core::Statement& st, core::ActionMask mask);

// The first condition clause on a key (lower-case name; a trailing '*' matches a prefix).
const core::ConditionClause* find_clause(const core::Statement& st, std::string_view key_lower);
// Bool (or String) equality to "true", not negated: the clause holds only when the key is true.
bool clause_requires_true(const core::ConditionClause& c);

// An Allow statement actually has effect only with a valid Effect.
inline bool is_allow(const core::Statement& st) {
  return st.has_effect && st.effect == core::Effect::kAllow;
}
inline bool is_deny(const core::Statement& st) {
  return st.has_effect && st.effect == core::Effect::kDeny;
}

// Finds the statement of an inventory policy that a decision reason points at.
const core::Statement* statement_at(const core::Inventory& inv, const core::SourcePos& pos);

// Declared IAM principals (users, roles, sessions): the ones the engine can fully decide.
bool is_declared_iam(const core::Principal& p);
// The ARN a key_admins pattern is compared with: a session's role, else the principal's ARN.
std::string admin_arn(const core::Principal& p);

bool may_allow(core::Verdict v);  // allow or conditional

// Calls `fn(doc, grant, label, pointer)` for every grant of every grants document.
template <typename Fn>
void for_each_grant(const LintContext& ctx, Fn&& fn) {
  for (const auto& doc : ctx.documents) {
    if (doc.kind != DocumentKind::kGrants) continue;
    for (std::size_t i = 0; i < doc.grants.size(); ++i) {
      const core::Grant& g = doc.grants[i];
      std::string label = !g.grant_id.empty() ? g.grant_id
                          : !g.name.empty()   ? g.name
                                              : "#" + std::to_string(i);
      fn(doc, g, label, "/Grants/" + std::to_string(i));
    }
  }
}
// An AWS service acting for a resource: a service principal, or a session of an AWS reserved
// role ("assumed-role/aws:ec2-infrastructure/..."; customer role names cannot contain ':').
bool is_service_grantee(const core::Grant& g);

std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ");

}  // namespace kmsaccess::rules
