#include "core/compiled_inventory.h"

#include <algorithm>
#include <map>

#include "core/arn.h"
#include "core/condition.h"

namespace kmsaccess::core {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// Keys whose presence depends on the action (the request carries them only for some actions);
// mirrors RequestContext::lookup.
bool action_dependent(std::string_view key) {
  static constexpr std::string_view kResourceKeys[] = {
      "kms:keyspec", "kms:customermasterkeyspec", "kms:keyusage", "kms:customermasterkeyusage",
      "kms:keyorigin", "kms:multiregion", "kms:multiregionkeytype", "kms:calleraccount",
      "kms:resourcealiases"};
  if (starts_with(key, "aws:requesttag/") || key == "aws:tagkeys") return true;
  if (!starts_with(key, "kms:")) return false;
  return std::find(std::begin(kResourceKeys), std::end(kResourceKeys), key) == std::end(kResourceKeys);
}

bool uses_variables(const Statement& st) {
  for (const auto& r : st.resources) {
    if (has_policy_variable(r.text)) return true;
  }
  for (const auto& c : st.conditions) {
    for (const auto& v : c.values) {
      if (has_policy_variable(v.text)) return true;
    }
  }
  return false;
}

// Splits `actions` into groups that see the same presence of every action-dependent key.
std::vector<ActionMask> action_classes(const Statement& st, ActionMask actions) {
  std::vector<ActionMask> classes;
  if (actions == 0) return classes;
  std::vector<std::string> keys;
  for (const auto& c : st.conditions) {
    if (action_dependent(c.key_lower)) keys.push_back(c.key_lower);
  }
  bool per_action = uses_variables(st) || keys.size() > 64;
  if (keys.empty() && !per_action) return {actions};
  std::map<std::uint64_t, ActionMask> by_signature;
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    if ((actions & action_bit(a)) == 0) continue;
    std::uint64_t signature = per_action ? a : 0;
    if (!per_action) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (action_has_condition_key(a, keys[i])) signature |= std::uint64_t{1} << i;
      }
    }
    by_signature[signature] |= action_bit(a);
  }
  for (const auto& [sig, mask] : by_signature) classes.push_back(mask);
  return classes;
}

std::string role_key(std::string_view role_arn) {
  auto arn = parse_arn(role_arn);
  if (!arn || !starts_with(arn->resource, "role/")) return {};
  std::string_view res = arn->resource;
  return arn->account + "/" + std::string(res.substr(res.rfind('/') + 1));
}

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

PrincipalMatch CompiledPrincipals::match(std::uint32_t principal, const Principal& p) const {
  PrincipalMatch m;
  m.wildcard = wildcard;
  m.direct = wildcard || std::binary_search(direct.begin(), direct.end(), principal);
  m.by_role_arn = std::binary_search(by_role_arn.begin(), by_role_arn.end(), principal);
  if (p.kind != PrincipalKind::kService && p.kind != PrincipalKind::kAnyone &&
      std::find(accounts.begin(), accounts.end(), p.account) != accounts.end()) {
    if (p.kind == PrincipalKind::kRoot || p.kind == PrincipalKind::kAccount) {
      m.direct = true;
    } else {
      m.account = true;
    }
  }
  return m;
}

CompiledInventory::CompiledInventory(const Inventory& inventory) : inv(inventory) {
  index_principals();
  policies.resize(inv.policies.size());
  std::vector<bool> is_key_policy(inv.policies.size(), false);
  std::vector<bool> has_principals(inv.policies.size(), false);
  for (const auto& k : inv.keys) {
    if (k.policy) is_key_policy[*k.policy] = true;
  }
  for (const auto& r : inv.rcps) has_principals[r.policy] = true;
  for (std::size_t i = 0; i < inv.policies.size(); ++i) {
    for (const auto& st : inv.policies[i].statements) {
      CompiledStatement cs = compile_statement(inv.policies[i], st, is_key_policy[i]);
      if (is_key_policy[i] || has_principals[i]) cs.principals = compile_principals(st.principal);
      policies[i].statements.push_back(std::move(cs));
    }
  }
  for (const auto& k : inv.keys) {
    auto& g = grantees.emplace_back();
    auto& r = retirers.emplace_back();
    for (const auto& grant : k.grants) {
      auto spec = [](const std::string& who, bool service) {
        PrincipalSpec s;
        bool svc = service || who.find(".amazonaws.com") != std::string::npos;
        s.entries.push_back({svc ? PrincipalType::kService : PrincipalType::kAws, who, {}});
        return s;
      };
      g.push_back(compile_principals(spec(grant.grantee, grant.grantee_is_service)));
      r.push_back(grant.retiring.empty() ? CompiledPrincipals{} : compile_principals(spec(grant.retiring, false)));
    }
  }
}

void CompiledInventory::index_principals() {
  for (std::uint32_t i = 0; i < inv.principals.size(); ++i) {
    const Principal& p = inv.principals[i];
    if (p.kind == PrincipalKind::kService) {
      by_service_[to_lower_ascii(p.arn)].push_back(i);
      continue;
    }
    if (p.kind == PrincipalKind::kAnyone) continue;
    by_arn_[to_lower_ascii(p.arn)].push_back(i);
    if (!p.unique_id.empty()) by_unique_[p.unique_id].push_back(i);
    std::string role = role_key(p.kind == PrincipalKind::kAssumedRole ? p.role_arn : p.arn);
    if (!role.empty() && (p.kind == PrincipalKind::kRole || p.kind == PrincipalKind::kAssumedRole)) {
      by_role_[role].push_back(i);
    }
  }
}

CompiledPrincipals CompiledInventory::compile_principals(const PrincipalSpec& spec) const {
  CompiledPrincipals c;
  if (spec.wildcard && !spec.bare_form) {
    c.wildcard = true;
    return c;
  }
  auto add = [](std::vector<std::uint32_t>& to, const auto& map, const std::string& k) {
    if (auto it = map.find(k); it != map.end()) to.insert(to.end(), it->second.begin(), it->second.end());
  };
  for (const auto& e : spec.entries) {
    if (e.type == PrincipalType::kService) {
      add(c.direct, by_service_, to_lower_ascii(e.value));
      continue;
    }
    if (e.type == PrincipalType::kFederated) {
      if (auto it = by_arn_.find(to_lower_ascii(e.value)); it != by_arn_.end()) {
        for (auto i : it->second) {
          if (inv.principals[i].kind == PrincipalKind::kFederatedUser) c.direct.push_back(i);
        }
      }
      continue;
    }
    if (e.type != PrincipalType::kAws) continue;
    if (e.value == "*") {
      c.wildcard = true;
      continue;
    }
    auto arn = parse_arn(e.value);
    if (is_account_id(e.value) || (arn && arn->service == "iam" && arn->resource == "root")) {
      c.accounts.push_back(is_account_id(e.value) ? e.value : arn->account);
      continue;
    }
    add(c.direct, by_unique_, e.value);
    if (!arn || e.value.find_first_of("*?") != std::string::npos) continue;
    if (auto it = by_arn_.find(to_lower_ascii(e.value)); it != by_arn_.end()) {
      for (auto i : it->second) {
        c.direct.push_back(i);
        if (inv.principals[i].kind == PrincipalKind::kRole) c.by_role_arn.push_back(i);
      }
    }
    std::string role = role_key(e.value);
    if (!role.empty()) {
      add(c.direct, by_role_, role);
      add(c.by_role_arn, by_role_, role);
    }
  }
  sort_unique(c.direct);
  sort_unique(c.by_role_arn);
  return c;
}

CompiledStatement CompiledInventory::compile_statement(const PolicyDocument& doc, const Statement& st,
                                                        bool key_policy) const {
  CompiledStatement cs;
  cs.doc = &doc;
  cs.st = &st;
  cs.actions = st.has_effect ? st.action_mask & key_actions_mask() : 0;
  cs.classes = action_classes(st, cs.actions);
  if (!st.has_resource) {
    cs.any_resource = key_policy;
    cs.resource_accounts_any = key_policy;
    return cs;
  }
  bool all_star = !st.not_resource;
  bool any_account = st.not_resource;
  for (const auto& r : st.resources) {
    all_star = all_star && r.text == "*";
    std::string_view text = r.text;
    std::size_t colons[5] = {};
    std::size_t found = 0;
    for (std::size_t i = 0; i < text.size() && found < 5; ++i) {
      if (text[i] == ':') colons[found++] = i;
    }
    // "arn:partition:service:region:ACCOUNT:..." pins the account when nothing before it is a
    // wildcard ('*' may span colons) or a variable.
    if (found < 5 || text.substr(0, colons[4]).find_first_of("*?$") != std::string_view::npos) {
      any_account = true;
    } else {
      cs.resource_accounts.emplace_back(text.substr(colons[3] + 1, colons[4] - colons[3] - 1));
    }
  }
  cs.any_resource = all_star;
  cs.resource_accounts_any = any_account;
  return cs;
}

}  // namespace kmsaccess::core
