#include "core/action_catalog.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/arn.h"

namespace kmsaccess::core {
namespace {
#include "kms_action_table.inc"

constexpr std::size_t kActionCount = std::size(kActionTable);
static_assert(kActionCount <= 64, "KMS actions must fit in one 64-bit mask");

// Operations KMS accepts in CreateGrant (reference/README.md).
constexpr std::string_view kGrantOperations[] = {
    "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateMac",
    "kms:VerifyMac", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:Sign", "kms:Verify",
    "kms:CreateGrant", "kms:DescribeKey", "kms:GetPublicKey", "kms:RetireGrant",
    "kms:DeriveSharedSecret"};

// Cryptographic operations: what "use the key" means in the seed's grid.
constexpr std::string_view kCryptoOperations[] = {
    "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateMac",
    "kms:VerifyMac", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:Sign", "kms:Verify",
    "kms:DeriveSharedSecret"};

// Operations that take an encryption context, and CreateGrant (whose child grants must carry an
// equal or stricter constraint): the only ones a grant's EncryptionContextEquals/Subset limits.
// The KMS API Reference (GrantConstraints): "Grant constraints are not applied to operations
// that do not support an encryption context, such as ... DescribeKey or RetireGrant."
constexpr std::string_view kGrantConstrainedOperations[] = {
    "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
    "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:ReEncryptFrom",
    "kms:ReEncryptTo", "kms:CreateGrant"};

template <std::size_t N>
ActionMask mask_of(const std::string_view (&names)[N]) {
  ActionMask m = 0;
  for (auto n : names) {
    if (auto i = find_action(n)) m |= action_bit(*i);
  }
  return m;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals_ascii(s.substr(0, prefix.size()), prefix);
}
}  // namespace

std::span<const ActionInfo> kms_actions() { return {kActionTable, kActionCount}; }
std::size_t kms_action_count() { return kActionCount; }

std::optional<std::size_t> find_action(std::string_view name) {
  for (std::size_t i = 0; i < kActionCount; ++i) {
    if (iequals_ascii(kActionTable[i].name, name)) return i;
  }
  return std::nullopt;
}

namespace {

ActionMask match_uncached(std::string_view pattern) {
  // Lower-case once, then match the pre-lowered catalogue names without case folding.
  static const std::vector<std::string> lowered = [] {
    std::vector<std::string> names;
    for (const auto& a : kActionTable) names.push_back(to_lower_ascii(a.name));
    return names;
  }();
  const std::string p = to_lower_ascii(pattern);
  const bool wild = p.find_first_of("*?") != std::string::npos;
  ActionMask m = 0;
  for (std::size_t i = 0; i < kActionCount; ++i) {
    if (wild ? wildcard_match(p, lowered[i]) : p == lowered[i]) m |= action_bit(i);
  }
  return m;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

ActionMask match_action_pattern(std::string_view pattern) {
  // Policies repeat the same few spellings thousands of times: each is matched against the
  // catalogue once per thread. Bounded, so crafted input cannot grow it without limit.
  thread_local std::unordered_map<std::string, ActionMask, StringHash, std::equal_to<>> memo;
  if (auto it = memo.find(pattern); it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  ActionMask m = match_uncached(pattern);
  memo.emplace(std::string(pattern), m);
  return m;
}

bool pattern_matches_non_kms(std::string_view pattern) {
  auto colon = pattern.find(':');
  if (colon == std::string_view::npos) return pattern.find('*') != std::string_view::npos;
  std::string_view service = pattern.substr(0, colon);
  if (iequals_ascii(service, "kms")) return false;
  return service.find_first_of("*?") != std::string_view::npos || !service.empty();
}

ActionMask all_actions_mask() {
  return kActionCount == 64 ? ~ActionMask{0} : (ActionMask{1} << kActionCount) - 1;
}

ActionMask key_actions_mask() {
  static const ActionMask mask = [] {
    ActionMask m = 0;
    for (std::size_t i = 0; i < kActionCount; ++i) {
      if (kActionTable[i].resources != ResourceScope::kNone) m |= action_bit(i);
    }
    return m;
  }();
  return mask;
}

ActionMask cross_account_mask() {
  static const ActionMask mask = [] {
    ActionMask m = 0;
    for (std::size_t i = 0; i < kActionCount; ++i) {
      if (kActionTable[i].cross_account == CrossAccount::kYes) m |= action_bit(i);
    }
    return m;
  }();
  return mask;
}

ActionMask grant_operations_mask() {
  static const ActionMask mask = mask_of(kGrantOperations);
  return mask;
}
ActionMask crypto_actions_mask() {
  static const ActionMask mask = mask_of(kCryptoOperations);
  return mask;
}

ActionMask grant_constrained_mask() {
  static const ActionMask mask = mask_of(kGrantConstrainedOperations);
  return mask;
}

bool action_has_condition_key(std::size_t action, std::string_view key_lower) {
  if (action >= kActionCount) return false;
  // The KMS ABAC guide (seed 004) lists aws:RequestTag for UntagResource, which the Service
  // Authorization Reference does not: read as carried, so its value stays unknown, never absent.
  if (kActionTable[action].name == "kms:UntagResource" && starts_with_ci(key_lower, "aws:requesttag/")) return true;
  std::string_view keys = kActionTable[action].condition_keys;
  while (!keys.empty()) {
    auto comma = keys.find(',');
    std::string_view entry = keys.substr(0, comma);
    keys = comma == std::string_view::npos ? std::string_view{} : keys.substr(comma + 1);
    auto var = entry.find("${");
    if (var != std::string_view::npos) {
      if (starts_with_ci(key_lower, entry.substr(0, var)) && key_lower.size() > var) return true;
    } else if (iequals_ascii(entry, key_lower)) {
      return true;
    }
  }
  return false;
}

std::span<const ConditionKeyInfo> kms_condition_keys() {
  return {kConditionKeyTable, std::size(kConditionKeyTable)};
}

std::optional<ConditionKeyInfo> find_condition_key(std::string_view key) {
  for (const auto& info : kConditionKeyTable) {
    auto var = info.key.find("${");
    if (var == std::string_view::npos) {
      if (iequals_ascii(info.key, key)) return info;
    } else if (key.size() > var && starts_with_ci(key, info.key.substr(0, var))) {
      return info;
    }
  }
  return std::nullopt;
}

std::vector<std::string> mask_to_names(ActionMask mask) {
  std::vector<std::string> out;
  if (mask == all_actions_mask()) return {"kms:*"};
  for (std::size_t i = 0; i < kActionCount; ++i) {
    if ((mask & action_bit(i)) != 0) out.emplace_back(kActionTable[i].name);
  }
  return out;
}

}  // namespace kmsaccess::core
