// The KMS action catalogue (generated at build time from data/kms-actions.tsv) and action masks.
// 56 actions fit in one 64-bit mask, so a statement's Action element becomes one integer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kmsaccess::core {

using ActionMask = std::uint64_t;

enum class ResourceScope : std::uint8_t { kKey, kAliasAndKey, kNone };
enum class CrossAccount : std::uint8_t { kYes, kNo, kNotApplicable };

struct ActionInfo {
  std::string_view name;            // "kms:Decrypt"
  std::string_view access_level;    // "Write", "Permissions management, Write", ...
  ResourceScope resources;
  CrossAccount cross_account;
  std::string_view condition_keys;  // comma-separated, as in the table
};

// Every KMS action, sorted by name; an action's index is its bit in an ActionMask.
std::span<const ActionInfo> kms_actions();
std::size_t kms_action_count();
inline ActionMask action_bit(std::size_t index) { return ActionMask{1} << index; }

// Index of an exact action name ("kms:Decrypt"; AWS matches action names case-insensitively).
std::optional<std::size_t> find_action(std::string_view name);

// Actions a pattern from an Action element covers ("kms:*", "kms:Get*", "*", "KMS:decrypt").
// Non-KMS patterns ("s3:*") cover no KMS action.
ActionMask match_action_pattern(std::string_view pattern);

// True when the pattern could match some action of another service ("*", "iam:Put*").
bool pattern_matches_non_kms(std::string_view pattern);

ActionMask all_actions_mask();
ActionMask key_actions_mask();          // actions authorised against a key ARN
ActionMask cross_account_mask();        // actions another account's principals can be allowed
ActionMask grant_operations_mask();     // operations a grant may allow
ActionMask crypto_actions_mask();       // the encrypt/decrypt-class operations (matrix default)
ActionMask grant_constrained_mask();    // operations a grant's encryption-context constraint limits

// Does this action's request carry the KMS-specific condition key (lower-case, e.g.
// "kms:encryptioncontext:foo", "kms:grantisforawsresource")? Global aws: keys are not listed.
bool action_has_condition_key(std::size_t action, std::string_view key_lower);

// Condition keys AWS defines for KMS (data/kms-condition-keys.tsv): key pattern and type.
struct ConditionKeyInfo {
  std::string_view key;   // "kms:EncryptionContext:${EncryptionContextKey}"
  std::string_view type;  // "String", "ArrayOfString", "Bool", "Numeric", "Date", "ARN"
};
std::span<const ConditionKeyInfo> kms_condition_keys();
// The catalogue entry a concrete key belongs to (case-insensitive; ${...} matches any suffix).
std::optional<ConditionKeyInfo> find_condition_key(std::string_view key);

// Renders a mask as action names, sorted; "kms:*" when every action is present.
std::vector<std::string> mask_to_names(ActionMask mask);

}  // namespace kmsaccess::core
