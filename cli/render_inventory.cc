#include "cli/render_inventory.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/json_text.h"

namespace kmsaccess::cli {
namespace {

using json = nlohmann::ordered_json;

json policy_json(const core::Inventory& inv, std::optional<core::PolicyIndex> index) {
  if (!index || *index >= inv.policies.size()) return nullptr;
  const core::PolicyDocument& doc = inv.policies[*index];
  json statements = json::array();
  for (const auto& s : doc.statements) statements.push_back(s.label());
  return json{{"file", doc.file}, {"statements", statements}};
}

json policies_json(const core::Inventory& inv, const std::vector<core::PolicyIndex>& list) {
  json out = json::array();
  for (auto i : list) out.push_back(policy_json(inv, i));
  return out;
}

json grant_json(const core::Grant& g) {
  json out{{"grant_id", g.grant_id}, {"name", g.name}, {"grantee", g.grantee},
           {"grantee_is_service", g.grantee_is_service}, {"retiring", g.retiring},
           {"operations", g.operations}, {"issuing_account", g.issuing_account}};
  if (g.has_equals) out["encryption_context_equals"] = g.context_equals;
  if (g.has_subset) out["encryption_context_subset"] = g.context_subset;
  if (!g.source_arn.empty()) out["source_arn"] = g.source_arn;
  return out;
}

template <typename T>
json optional_json(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json key_json(const core::Inventory& inv, const core::Key& k) {
  std::vector<core::Grant> grants = k.grants;
  std::sort(grants.begin(), grants.end(), [](const auto& a, const auto& b) { return a.grant_id < b.grant_id; });
  json g = json::array();
  for (const auto& grant : grants) g.push_back(grant_json(grant));
  std::vector<std::string> aliases = k.aliases;
  std::sort(aliases.begin(), aliases.end());
  return json{{"name", k.name}, {"arn", k.arn}, {"account", k.account}, {"region", k.region},
              {"manager", k.manager == core::KeyManager::kAws ? "AWS" : "CUSTOMER"},
              {"aliases", aliases}, {"tags", k.tags}, {"grants", g}, {"policy", policy_json(inv, k.policy)},
              {"key_spec", optional_json(k.key_spec)}, {"key_usage", optional_json(k.key_usage)},
              {"key_state", optional_json(k.key_state)}, {"origin", optional_json(k.origin)},
              {"multi_region", optional_json(k.multi_region)},
              {"rotation_enabled", optional_json(k.rotation_enabled)}};
}

json principal_json(const core::Inventory& inv, const core::Principal& p) {
  std::vector<std::string> groups = p.groups;
  std::sort(groups.begin(), groups.end());
  return json{{"name", p.name}, {"arn", p.arn}, {"kind", core::to_string(p.kind)}, {"account", p.account},
              {"pseudo", p.pseudo}, {"groups", groups}, {"tags", p.tags},
              {"policies", policies_json(inv, p.policies)}, {"boundary", policy_json(inv, p.boundary)}};
}

json org_policies_json(const core::Inventory& inv, std::vector<core::OrgPolicy> list) {
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  json out = json::array();
  for (const auto& op : list) {
    out.push_back(json{{"name", op.name}, {"accounts", op.accounts}, {"policy", policy_json(inv, op.policy)}});
  }
  return out;
}

}  // namespace

InventoryCounts count_inventory(const core::Inventory& inv) {
  InventoryCounts c;
  c.keys = inv.keys.size();
  for (const auto& p : inv.principals) ++(p.pseudo ? c.pseudo_principals : c.principals);
  c.groups = inv.groups.size();
  c.policies = inv.policies.size();
  for (const auto& k : inv.keys) {
    c.grants += k.grants.size();
    c.aliases += k.aliases.size();
  }
  c.scps = inv.scps.size();
  c.rcps = inv.rcps.size();
  return c;
}

std::vector<core::LoadNote> inventory_gaps(const LoadedInputs& loaded) {
  std::vector<core::LoadNote> gaps = loaded.report.notes;
  for (const auto& k : loaded.inventory.keys) {
    if (!k.policy) {
      gaps.push_back({core::NoteKind::kNoKeyPolicy, k.pos.file, "key " + k.name + " (" + k.arn + ") has no key policy"});
    }
  }
  std::sort(gaps.begin(), gaps.end());
  return gaps;
}

std::string render_inventory_json(const LoadedInputs& loaded) {
  const core::Inventory& inv = loaded.inventory;
  InventoryCounts c = count_inventory(inv);
  json keys = json::array();
  for (const auto& k : inv.keys) keys.push_back(key_json(inv, k));
  json principals = json::array();
  for (const auto& p : inv.principals) principals.push_back(principal_json(inv, p));
  std::vector<core::Group> groups = inv.groups;
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  json g = json::array();
  for (const auto& group : groups) {
    g.push_back(json{{"name", group.name}, {"arn", group.arn}, {"policies", policies_json(inv, group.policies)}});
  }
  json gaps = json::array();
  for (const auto& n : inventory_gaps(loaded)) {
    gaps.push_back(json{{"kind", core::to_string(n.kind)}, {"file", n.file}, {"message", n.message}});
  }
  json out{{"schema", "kmsaccess/inventory/v1"},
           {"account", inv.account},
           {"region", inv.region},
           {"organization_id", inv.organization_id},
           {"management_account", inv.management_account}};
  if (!inv.organization_accounts.empty()) out["organization_accounts"] = inv.organization_accounts;
  out["counts"] = json{{"keys", c.keys}, {"principals", c.principals}, {"pseudo_principals", c.pseudo_principals},
                       {"groups", c.groups}, {"policies", c.policies}, {"grants", c.grants},
                       {"scps", c.scps}, {"rcps", c.rcps}, {"aliases", c.aliases}};
  out["keys"] = keys;
  out["principals"] = principals;
  out["groups"] = g;
  out["scps"] = org_policies_json(inv, inv.scps);
  out["rcps"] = org_policies_json(inv, inv.rcps);
  out["gaps"] = gaps;
  return json_text(out);
}

std::string render_inventory_text(const LoadedInputs& loaded) {
  const core::Inventory& inv = loaded.inventory;
  InventoryCounts c = count_inventory(inv);
  std::string out;
  if (!inv.account.empty()) out += "account     " + inv.account + "\n";
  if (!inv.organization_id.empty() || !inv.management_account.empty()) {
    std::string org = inv.organization_id.empty() ? "(id unknown)" : inv.organization_id;
    if (!inv.management_account.empty()) org += ", management account " + inv.management_account;
    if (!inv.organization_accounts.empty()) {
      org += ", " + std::to_string(inv.organization_accounts.size()) + " member accounts";
    }
    out += "organization " + org + "\n";
  }
  auto row = [&](std::string_view label, std::size_t n) {
    std::string l(label);
    l.resize(12, ' ');
    out += l + std::to_string(n) + "\n";
  };
  row("keys", c.keys);
  row("principals", c.principals);
  row("external", c.pseudo_principals);
  row("groups", c.groups);
  row("policies", c.policies);
  row("grants", c.grants);
  row("scps", c.scps);
  row("rcps", c.rcps);
  row("aliases", c.aliases);
  auto gaps = inventory_gaps(loaded);
  out += "\ngaps: " + std::to_string(gaps.size()) + (gaps.empty() ? " (none)\n" : "\n");
  for (const auto& n : gaps) out += "  " + std::string(core::to_string(n.kind)) + ": " + n.to_string() + "\n";
  return out;
}

}  // namespace kmsaccess::cli
