// Does a Principal element name this principal, and how? The "how" matters: an account
// principal only enables IAM policies, and boundaries limit a role ARN but not a user ARN.
#pragma once

#include <cstdint>

#include "core/inventory.h"
#include "core/policy.h"

namespace kmsaccess::core {

struct PrincipalMatch {
  bool direct = false;      // names this principal (or "*")
  bool by_role_arn = false; // direct through the role ARN of a role or one of its sessions
  bool wildcard = false;    // direct through "*"
  bool account = false;     // names the principal's account (root or bare account id)
};

// Matches a statement's Principal element (not NotPrincipal) against a principal.
PrincipalMatch match_principal(const PrincipalSpec& spec, const Principal& p);

// For NotPrincipal: is the principal listed (so the statement does NOT apply to it)?
// Listing a role also lists its sessions, which errs towards applying fewer denies.
bool principal_listed(const PrincipalSpec& spec, const Principal& p);

}  // namespace kmsaccess::core
