#include "core/inventory_merge.h"

#include <algorithm>
#include <map>
#include <vector>

namespace kmsaccess::core {
namespace {

Error conflict(std::string_view what, std::string_view id, const SourcePos& a, const SourcePos& b,
               std::string_view detail) {
  return make_error(std::string(what) + " " + std::string(id) + " is defined twice with different " +
                        std::string(detail) + ": " + a.to_string() + " and " + b.to_string(),
                    b);
}

// Two policies that say the same thing, wherever they were read from (positions and labels
// differ between two copies of one input).
bool same_statement(const Statement& a, const Statement& b) {
  auto same_texts = [](const auto& x, const auto& y) {
    return x.size() == y.size() &&
           std::equal(x.begin(), x.end(), y.begin(), [](const auto& p, const auto& q) { return p.text == q.text; });
  };
  auto same_principal = [](const PrincipalSpec& x, const PrincipalSpec& y) {
    return x.wildcard == y.wildcard && x.bare_form == y.bare_form && x.entries.size() == y.entries.size() &&
           std::equal(x.entries.begin(), x.entries.end(), y.entries.begin(),
                      [](const PrincipalEntry& p, const PrincipalEntry& q) { return p.type == q.type && p.value == q.value; });
  };
  auto same_clause = [&](const ConditionClause& x, const ConditionClause& y) {
    return x.operator_text == y.operator_text && x.key == y.key && same_texts(x.values, y.values);
  };
  return a.sid == b.sid && a.has_effect == b.has_effect && a.effect == b.effect &&
         a.has_principal == b.has_principal && a.not_principal == b.not_principal &&
         same_principal(a.principal, b.principal) && a.has_action == b.has_action &&
         a.not_action == b.not_action && same_texts(a.actions, b.actions) && a.has_resource == b.has_resource &&
         a.not_resource == b.not_resource && same_texts(a.resources, b.resources) &&
         a.conditions.size() == b.conditions.size() &&
         std::equal(a.conditions.begin(), a.conditions.end(), b.conditions.begin(), same_clause);
}

bool same_policy(const PolicyDocument& a, const PolicyDocument& b) {
  return a.version == b.version && a.statements.size() == b.statements.size() &&
         std::equal(a.statements.begin(), a.statements.end(), b.statements.begin(), same_statement);
}

bool same_policies(const Inventory& inv, const std::vector<PolicyIndex>& a, const std::vector<PolicyIndex>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](PolicyIndex x, PolicyIndex y) {
           return same_policy(inv.policies[x], inv.policies[y]);
         });
}

void shift(std::optional<PolicyIndex>& i, std::size_t offset) {
  if (i) *i += offset;
}
void shift(std::vector<PolicyIndex>& v, std::size_t offset) {
  for (auto& i : v) i += offset;
}

template <typename T>
Status fill(std::optional<T>& into, const std::optional<T>& from, std::string_view field,
            const Key& a, const Key& b) {
  if (!into) {
    into = from;
  } else if (from && *from != *into) {
    return conflict("key", a.arn, a.pos, b.pos, field);
  }
  return Ok{};
}

Status merge_tags(Tags& into, const Tags& from, std::string_view what, std::string_view id,
                  const SourcePos& a, const SourcePos& b) {
  for (const auto& [k, v] : from) {
    auto [it, inserted] = into.emplace(k, v);
    if (!inserted && it->second != v) return conflict(what, id, a, b, "tag " + k);
  }
  return Ok{};
}

Status merge_key(const Inventory& inv, Key& a, Key b) {
  if (a.policy && b.policy && !same_policy(inv.policies[*a.policy], inv.policies[*b.policy])) {
    return conflict("key", a.arn, a.pos, b.pos, "key policies");
  }
  if (!a.policy) a.policy = b.policy;
  for (auto f : {&Key::key_spec, &Key::key_usage, &Key::origin, &Key::key_state, &Key::multi_region_type}) {
    if (auto s = fill(a.*f, b.*f, "key metadata", a, b); !s) return s;
  }
  if (auto s = fill(a.rotation_enabled, b.rotation_enabled, "rotation status", a, b); !s) return s;
  if (auto s = fill(a.multi_region, b.multi_region, "MultiRegion", a, b); !s) return s;
  if (auto s = merge_tags(a.tags, b.tags, "key", a.arn, a.pos, b.pos); !s) return s;
  for (auto& alias : b.aliases) {
    if (std::find(a.aliases.begin(), a.aliases.end(), alias) == a.aliases.end()) a.aliases.push_back(alias);
  }
  std::sort(a.aliases.begin(), a.aliases.end());
  for (auto& g : b.grants) {
    bool seen = std::any_of(a.grants.begin(), a.grants.end(),
                            [&](const Grant& x) { return !g.grant_id.empty() && x.grant_id == g.grant_id; });
    if (!seen) a.grants.push_back(std::move(g));
  }
  if (b.manager == KeyManager::kAws) a.manager = KeyManager::kAws;
  return Ok{};
}

Status merge_principal(const Inventory& inv, Principal& a, Principal b) {
  if (!a.policies.empty() && !b.policies.empty() && !same_policies(inv, a.policies, b.policies)) {
    return conflict("principal", a.arn, a.pos, b.pos, "policies");
  }
  if (a.boundary && b.boundary && !same_policy(inv.policies[*a.boundary], inv.policies[*b.boundary])) {
    return conflict("principal", a.arn, a.pos, b.pos, "permissions boundaries");
  }
  if (a.policies.empty()) a.policies = std::move(b.policies);
  if (!a.boundary) a.boundary = b.boundary;
  if (a.unique_id.empty()) a.unique_id = b.unique_id;
  for (auto& g : b.groups) {
    if (std::find(a.groups.begin(), a.groups.end(), g) == a.groups.end()) a.groups.push_back(g);
  }
  return merge_tags(a.tags, b.tags, "principal", a.arn, a.pos, b.pos);
}

void fill_string(std::string& into, const std::string& from) {
  if (into.empty()) into = from;
}

}  // namespace

Status merge_inventory(Inventory& into, Inventory from) {
  const std::size_t offset = into.policies.size();
  for (auto& p : from.policies) into.policies.push_back(std::move(p));
  std::map<std::string, std::size_t> keys;
  for (std::size_t i = 0; i < into.keys.size(); ++i) keys[into.keys[i].arn] = i;
  for (auto& k : from.keys) {
    shift(k.policy, offset);
    auto it = keys.find(k.arn);
    if (it == keys.end()) {
      keys[k.arn] = into.keys.size();
      into.keys.push_back(std::move(k));
    } else if (auto s = merge_key(into, into.keys[it->second], std::move(k)); !s) {
      return s;
    }
  }
  std::map<std::string, std::size_t> principals;
  for (std::size_t i = 0; i < into.principals.size(); ++i) principals[into.principals[i].arn] = i;
  for (auto& p : from.principals) {
    shift(p.policies, offset);
    shift(p.boundary, offset);
    shift(p.session_policy, offset);
    auto it = principals.find(p.arn);
    if (it == principals.end()) {
      principals[p.arn] = into.principals.size();
      into.principals.push_back(std::move(p));
    } else if (auto s = merge_principal(into, into.principals[it->second], std::move(p)); !s) {
      return s;
    }
  }
  for (auto& g : from.groups) {
    shift(g.policies, offset);
    auto same = [&](const Group& x) { return g.arn.empty() || x.arn.empty() ? x.name == g.name : x.arn == g.arn; };
    auto it = std::find_if(into.groups.begin(), into.groups.end(), same);
    if (it == into.groups.end()) {
      into.groups.push_back(std::move(g));
    } else if (!it->policies.empty() && !g.policies.empty() && !same_policies(into, it->policies, g.policies)) {
      return conflict("group", g.arn.empty() ? g.name : g.arn, it->pos, g.pos, "policies");
    } else if (it->policies.empty()) {
      it->policies = std::move(g.policies);
    }
  }
  // The same organisation policy read twice (two regions' folders hold one organisations/
  // output each) is kept once.
  auto add_org_policies = [&](std::vector<OrgPolicy>& to, std::vector<OrgPolicy>& list) {
    for (auto& o : list) {
      o.policy += offset;
      bool seen = std::any_of(to.begin(), to.end(), [&](const OrgPolicy& x) {
        return x.name == o.name && x.accounts == o.accounts && same_policy(into.policies[x.policy], into.policies[o.policy]);
      });
      if (!seen) to.push_back(std::move(o));
    }
  };
  add_org_policies(into.scps, from.scps);
  add_org_policies(into.rcps, from.rcps);
  fill_string(into.account, from.account);
  fill_string(into.region, from.region);
  fill_string(into.organization_id, from.organization_id);
  fill_string(into.management_account, from.management_account);
  into.organization_accounts.insert(into.organization_accounts.end(), from.organization_accounts.begin(),
                                    from.organization_accounts.end());
  normalize_account_set(into.organization_accounts);
  return Ok{};
}

namespace {

// Renames every entity whose name collides, first with `qualifier(e)`, then with its ARN.
template <typename T, typename Q>
void unique_names(std::vector<T>& entities, Q qualifier) {
  for (int round = 0; round < 2; ++round) {
    // Entities sharing a name are neighbours once sorted by name (no string copies: this runs
    // on every load, over tens of thousands of principals).
    std::vector<std::size_t> order(entities.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return entities[a].name < entities[b].name; });
    std::vector<bool> shared(entities.size(), false);
    bool any_shared = false;
    for (std::size_t i = 1; i < order.size(); ++i) {
      if (entities[order[i]].name == entities[order[i - 1]].name) {
        shared[order[i]] = shared[order[i - 1]] = true;
        any_shared = true;
      }
    }
    if (!any_shared) return;  // the usual case: names are unique already, so no second round
    for (std::size_t i = 0; i < entities.size(); ++i) {
      if (!shared[i]) continue;
      auto& e = entities[i];
      e.name = round == 0 ? e.name + "@" + qualifier(e) : (e.arn.empty() ? e.name : e.arn);
    }
  }
}

}  // namespace

void assign_unique_names(Inventory& inv) {
  unique_names(inv.keys, [](const Key& k) { return k.region; });
  unique_names(inv.principals, [](const Principal& p) { return p.account; });
  // Groups are not renamed here: principals refer to them by name (the AWS loader already
  // qualifies names two accounts share).
}

}  // namespace kmsaccess::core
