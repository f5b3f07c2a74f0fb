#include "core/query.h"

#include "core/arn.h"

namespace kmsaccess::core {
namespace {

bool matches(std::string_view selector, std::string_view value) {
  return wildcard_match(selector, value, /*ignore_case=*/false);
}

bool key_matches(const Key& k, std::string_view sel) {
  if (matches(sel, k.name) || matches(sel, k.arn) || (!k.key_id.empty() && matches(sel, k.key_id))) {
    return true;
  }
  for (const auto& alias : k.aliases) {
    if (matches(sel, alias) || ("alias/" + std::string(sel)) == alias) return true;
    // An alias ARN names the key in the same account and region.
    if (sel.find(":alias/") != std::string_view::npos && sel.size() > alias.size() &&
        sel.substr(sel.size() - alias.size()) == alias && sel.find(k.account) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

template <typename Items, typename Match>
Result<std::vector<std::size_t>> select(const Items& items, const std::vector<std::string>& selectors,
                                        std::string_view what, Match match) {
  std::vector<std::size_t> out;
  if (selectors.empty()) {
    for (std::size_t i = 0; i < items.size(); ++i) out.push_back(i);
    return out;
  }
  std::vector<bool> chosen(items.size(), false);
  for (const auto& sel : selectors) {
    bool any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (match(items[i], sel)) {
        chosen[i] = true;
        any = true;
      }
    }
    if (!any) return make_error("no " + std::string(what) + " matches '" + sel + "'");
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (chosen[i]) out.push_back(i);
  }
  return out;
}

ActionMask names_mask(std::initializer_list<std::string_view> names) {
  ActionMask m = 0;
  for (auto n : names) m |= match_action_pattern(n);
  return m;
}

}  // namespace

Result<std::vector<std::size_t>> select_keys(const Inventory& inv, const std::vector<std::string>& selectors) {
  return select(inv.keys, selectors, "key", [](const Key& k, const std::string& s) { return key_matches(k, s); });
}

Result<std::vector<std::size_t>> select_principals(const Inventory& inv,
                                                   const std::vector<std::string>& selectors) {
  return select(inv.principals, selectors, "principal", [](const Principal& p, const std::string& s) {
    return matches(s, p.name) || matches(s, p.arn) || iequals_ascii(s, p.arn);
  });
}

ActionMask encrypt_decrypt_mask() {
  return names_mask({"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                     "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
                     "kms:GenerateDataKeyPairWithoutPlaintext"});
}

ActionMask admin_actions_mask() {
  return names_mask({"kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
                     "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
                     "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                     "kms:RotateKeyOnDemand"}) &
         key_actions_mask();
}

Result<ActionMask> select_actions(const std::vector<std::string>& selectors, ActionMask fallback) {
  if (selectors.empty()) return fallback & key_actions_mask();
  ActionMask mask = 0;
  for (const auto& sel : selectors) {
    ActionMask m = 0;
    if (sel == "encrypt-decrypt") {
      m = encrypt_decrypt_mask();
    } else if (sel == "crypto") {
      m = crypto_actions_mask();
    } else if (sel == "admin") {
      m = admin_actions_mask();
    } else if (sel == "key" || sel == "all") {
      m = key_actions_mask();
    } else {
      std::string pattern = sel.find(':') == std::string::npos ? "kms:" + sel : sel;
      m = match_action_pattern(pattern) & key_actions_mask();
      if (m == 0) {
        if (match_action_pattern(pattern) != 0) {
          return make_error("'" + sel + "' names only actions that are not authorised against a key");
        }
        return make_error("no KMS action matches '" + sel + "'");
      }
    }
    mask |= m;
  }
  return mask;
}

}  // namespace kmsaccess::core
