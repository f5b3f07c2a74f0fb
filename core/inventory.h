// Everything kmsaccess knows about an account (or several): keys, principals, groups, policies,
// grants and guardrails. Owned in one place; entities refer to policies by index.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/action_catalog.h"
#include "core/policy.h"
#include "core/source_pos.h"

namespace kmsaccess::core {

using PolicyIndex = std::size_t;
using Tags = std::map<std::string, std::string>;

struct Grant {
  std::string grant_id;
  std::string name;
  std::string grantee;            // GranteePrincipal or GranteeServicePrincipal
  bool grantee_is_service = false;
  std::string retiring;           // RetiringPrincipal / RetiringServicePrincipal, may be empty
  std::vector<std::string> operations;  // as written ("Decrypt")
  ActionMask operations_mask = 0;
  bool has_equals = false;
  std::map<std::string, std::string> context_equals;  // EncryptionContextEquals
  bool has_subset = false;
  std::map<std::string, std::string> context_subset;  // EncryptionContextSubset
  std::string source_arn;         // Constraints.SourceArn
  std::string issuing_account;
  SourcePos pos;
};

enum class KeyManager : std::uint8_t { kCustomer, kAws };

struct Key {
  std::string name;     // display name, unique
  std::string arn;
  std::string account;  // from the ARN
  std::string region;
  std::string key_id;
  std::optional<PolicyIndex> policy;  // nullopt: policy unknown (a gap, reported by inventory)
  KeyManager manager = KeyManager::kCustomer;
  Tags tags;
  std::vector<std::string> aliases;   // "alias/app-data"
  std::vector<Grant> grants;
  std::optional<std::string> key_spec, key_usage, origin, key_state, multi_region_type;
  std::optional<bool> rotation_enabled;
  std::optional<bool> multi_region;
  SourcePos pos;  // where the key was declared
};

enum class PrincipalKind : std::uint8_t {
  kUser, kRole, kAssumedRole, kFederatedUser, kRoot,
  kAccount,   // pseudo: any principal of an account not described in the inventory
  kService,   // pseudo: an AWS service principal
  kAnyone,    // pseudo: "*"
};
std::string_view to_string(PrincipalKind k);

struct Principal {
  std::string name;     // display name (the ARN for pseudo-principals)
  std::string arn;      // for kAccount: the account root ARN; for kService: the service name
  PrincipalKind kind = PrincipalKind::kUser;
  std::string account;
  std::string role_arn;   // kAssumedRole: the role the session belongs to
  std::string user_name;  // aws:username for users
  std::string unique_id;  // aws:userid / AIDA..., AROA... when known
  std::vector<PolicyIndex> policies;
  std::vector<std::string> groups;
  std::optional<PolicyIndex> boundary;
  std::optional<PolicyIndex> session_policy;
  Tags tags;
  bool pseudo = false;
  SourcePos pos;
};

struct Group {
  std::string name;
  std::string arn;
  std::vector<PolicyIndex> policies;
  SourcePos pos;
};

struct OrgPolicy {
  std::string name;
  PolicyIndex policy = 0;
  std::vector<std::string> accounts;  // empty: every account
  SourcePos pos;
};

// Whether an account belongs to the inventory's AWS Organization.
enum class OrgMembership : std::uint8_t {
  kMember,   // the home or management account, or listed in organization.accounts
  kOutside,  // organization.accounts is given and does not list it
  kUnknown,  // no member list was given
};

struct Inventory {
  std::string account;  // home account
  std::string region;
  std::string organization_id;     // aws:PrincipalOrgID / aws:ResourceOrgID when known
  std::string management_account;  // exempt from SCPs
  // The organisation's member accounts (sorted, unique; see normalize_account_set). Empty means
  // unknown: then only the home and management accounts are known members.
  std::vector<std::string> organization_accounts;
  std::vector<PolicyDocument> policies;
  std::vector<Key> keys;
  std::vector<Principal> principals;
  std::vector<Group> groups;
  std::vector<OrgPolicy> scps;
  std::vector<OrgPolicy> rcps;

  const Group* find_group(std::string_view name) const;
  PolicyIndex add_policy(PolicyDocument doc);
  OrgMembership membership(std::string_view account) const;
};

// Sorts and deduplicates a list of account ids, as Inventory::organization_accounts keeps it.
void normalize_account_set(std::vector<std::string>& accounts);

// Adds pseudo-principals for every principal named by a key policy or grant but not declared
// (other accounts, services, "*"), so external and public access is never hidden, and completes
// assumed-role sessions from their declared role (ARN with path, policies, boundary and tags
// the session does not declare). Idempotent.
void add_pseudo_principals(Inventory& inv);

// Sorts keys by name and principals by name so output never depends on input order.
void sort_inventory(Inventory& inv);

}  // namespace kmsaccess::core
