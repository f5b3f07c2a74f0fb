// Hypothetical changes to an inventory (tag, alias, grant, policy), applied to a copy so the
// caller can diff before and after. Selectors are resolved like who-can's -k / -p.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/inventory.h"
#include "core/result.h"

namespace kmsaccess::core::impact {

enum class ChangeType : std::uint8_t {
  kTag, kUntag, kAlias, kDeleteAlias, kGrant, kRevokeGrant, kKeyPolicy, kAttachPolicy,
};

struct HypotheticalChange {
  ChangeType type = ChangeType::kTag;
  std::string key;        // key selector (every type but kAttachPolicy)
  std::string principal;  // principal selector (kGrant, kAttachPolicy)
  std::string name;       // tag key, alias name, grant id
  std::string value;      // tag value
  std::vector<std::string> operations;   // kGrant: "Decrypt" or "kms:Decrypt"
  std::optional<PolicyDocument> policy;  // kKeyPolicy, kAttachPolicy (already parsed)
  std::string source;     // the flag as the user wrote it, for messages
};

// Applies the changes in order to `inv` (a copy the caller owns). Returns one line per change
// actually made, naming the resolved entities ("tag CMK-B Project=Alpha"). A selector matching
// nothing, an unknown grant id or operation, or an alias absent for delete is an error.
Result<std::vector<std::string>> apply_changes(Inventory& inv, const std::vector<HypotheticalChange>& changes);

// Parsers for the what-if flag syntax; `source` keeps the text for messages.
Result<HypotheticalChange> parse_tag(std::string_view text);           // KEY:Tag=Value
Result<HypotheticalChange> parse_untag(std::string_view text);         // KEY:Tag
Result<HypotheticalChange> parse_alias(std::string_view text);         // alias/name=KEY
Result<HypotheticalChange> parse_delete_alias(std::string_view text);  // alias/name
Result<HypotheticalChange> parse_grant(const Inventory& inv, std::string_view text);  // KEY:PRINCIPAL:Op1,Op2
Result<HypotheticalChange> parse_revoke_grant(std::string_view text);  // KEY:GRANT_ID

// The policy text for "allow this principal everything on this key", used by escalation.
PolicyDocument allow_all_policy(std::string_view label, std::string_view principal_arn);

}  // namespace kmsaccess::core::impact
