// Structural facts about policy statements shared by the access rules KMS100–KMS109: account
// principals, the public "*" principal, the key's own account, and which condition clauses
// actually pin the caller to known accounts. Pure functions over the policy model.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/action_catalog.h"
#include "core/decision.h"
#include "core/inventory.h"
#include "core/policy.h"
#include "rules/rule.h"

// A nested namespace: the KMS110–KMS119 helpers live beside these in kmsaccess::rules.
namespace kmsaccess::rules::access {

// A statement with a valid Effect of Allow / Deny (one without Effect never applies).
bool is_allow(const core::Statement& st);
bool is_deny(const core::Statement& st);

// The account an account principal names: "123456789012" or "arn:aws:iam::123456789012:root".
std::optional<std::string> root_account(std::string_view principal);
// The account of any AWS principal value (root, bare id, user/role/session ARN); nullopt for
// "*", service names and unique ids.
std::optional<std::string> principal_account(std::string_view principal);

// Where a Principal element (not NotPrincipal) names anyone: "Principal": "*" or an AWS entry
// "*" (also inside a list). nullopt when it does not.
std::optional<core::Pos> anyone_pos(const core::Statement& st);

// The key's own account: the inventory key's account for a manifest key policy; for a loose file
// the account root given kms:* without conditions (AWS's default statement), else the most
// common account among the policy's root principals (first seen wins a tie), else among all its
// AWS principals. Empty when the policy names no account at all.
std::string own_account(const LintContext& ctx, const LintDocument& doc);
bool is_trusted(const LintContext& ctx, std::string_view account);

// Condition keys that pin the caller (or the resource on whose behalf a service calls) to an
// account, an organization or specific principals (KMS101).
std::span<const std::string_view> perimeter_keys();
// Condition keys about the calling principal only (KMS103: ViaService needs one of these).
std::span<const std::string_view> caller_keys();

// Does this clause, in an Allow, limit requests to the values it names? Only positive
// StringEquals/Like and ArnEquals/Like on one of `keys`, with no value that matches anything
// ("*", an ARN whose account is a wildcard, a bare policy variable). IfExists restricts only
// keys present in every request (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalArn).
bool clause_restricts(const core::ConditionClause& c, std::span<const std::string_view> keys);
const core::ConditionClause* restricting_clause(const core::Statement& st,
                                                std::span<const std::string_view> keys);
// A Deny of "*" for every action in `mask` unless one of `keys` has the listed values
// (StringNotEquals aws:PrincipalOrgID ...): the data-perimeter pattern, which restricts an Allow
// of "*" as well as a condition on the Allow itself would.
bool deny_guard_covers(const core::PolicyDocument& policy, core::ActionMask mask,
                       std::span<const std::string_view> keys);

// An Allow of "*" that nothing limits to known accounts (KMS101; KMS108 leaves it to KMS101).
bool unrestricted_public(const core::PolicyDocument& policy, const core::Statement& st);

// "kms:Decrypt, kms:Encrypt and 3 more": short, deterministic action lists for messages.
std::string summarize_actions(core::ActionMask mask, std::size_t shown = 3);
std::string join(const std::vector<std::string>& parts, std::string_view sep = ", ");

// Where a decision reason points: the lint document with that file and, for a policy, the
// statement at that position (null when the reason is a grant or not in ctx.documents).
struct Located {
  const LintDocument* doc = nullptr;
  const core::Statement* statement = nullptr;
  std::string pointer;  // JSON pointer of the statement or "/Grants/<i>"
  std::string label;    // Sid, grant id or pointer
};
Located locate(const LintContext& ctx, const core::SourcePos& pos);
// Reports a finding at a decision reason's position, labelled by what is found there.
void report_at_reason(const LintContext& ctx, FindingSink& sink, const core::Reason& reason,
                      std::string value, std::string message);

// Declared IAM identities of the inventory (users, roles, sessions): what the engine decides
// fully, as opposed to pseudo-principals.
bool is_declared_identity(const core::Principal& p);

}  // namespace kmsaccess::rules::access
