#include "core/manifest_writer.h"

#include <algorithm>
#include <map>
#include <type_traits>

#include "core/json.h"

namespace kmsaccess::core {
namespace {

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);  // a JSON string is a valid YAML double-quoted scalar
  return out;
}

std::string string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + quoted(items[i]);
  return out + "]";
}

std::string string_map(const std::map<std::string, std::string>& m) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : m) {
    out += (first ? "" : ", ") + quoted(k) + ": " + quoted(v);
    first = false;
  }
  return out + "}";
}

std::string principal_json(const PrincipalSpec& p) {
  if (p.wildcard) return "\"*\"";
  std::map<PrincipalType, std::vector<std::string>> by_type;
  for (const auto& e : p.entries) by_type[e.type].push_back(e.value);
  std::string out = "{";
  bool first = true;
  for (const auto& [type, values] : by_type) {
    std::string name(to_string(type));
    out += (first ? "" : ", ") + quoted(name) + ": " + string_list(values);
    first = false;
  }
  return out + "}";
}

std::string condition_json(const std::vector<ConditionClause>& clauses) {
  // Grouped by operator, keys in file order within it.
  std::vector<std::pair<std::string, std::string>> ops;
  for (const auto& c : clauses) {
    std::string values = "[";
    for (std::size_t i = 0; i < c.values.size(); ++i) {
      const auto& v = c.values[i];
      bool literal = v.json_kind == JsonValue::Kind::kBool || v.json_kind == JsonValue::Kind::kNumber;
      values += (i == 0 ? "" : ", ") + (literal ? v.text : quoted(v.text));
    }
    values += "]";
    std::string entry = quoted(c.key) + ": " + values;
    auto it = std::find_if(ops.begin(), ops.end(), [&](const auto& o) { return o.first == c.operator_text; });
    if (it == ops.end()) {
      ops.emplace_back(c.operator_text, entry);
    } else {
      it->second += ", " + entry;
    }
  }
  std::string out = "{";
  for (std::size_t i = 0; i < ops.size(); ++i) out += (i == 0 ? "" : ", ") + quoted(ops[i].first) + ": {" + ops[i].second + "}";
  return out + "}";
}

template <typename T>
std::string texts(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.text);
  return string_list(out);
}

std::string statement_json(const Statement& s) {
  std::string out = "{";
  auto field = [&](std::string_view name, const std::string& value) {
    out += (out.size() == 1 ? "" : ", ") + quoted(name) + ": " + value;
  };
  if (s.has_sid) field("Sid", quoted(s.sid));
  if (s.has_effect) field("Effect", quoted(to_string(s.effect)));
  if (s.has_principal) field(s.not_principal ? "NotPrincipal" : "Principal", principal_json(s.principal));
  if (s.has_action) field(s.not_action ? "NotAction" : "Action", texts(s.actions));
  if (s.has_resource) field(s.not_resource ? "NotResource" : "Resource", texts(s.resources));
  if (s.has_condition) field("Condition", condition_json(s.conditions));
  return out + "}";
}

std::string grants_json(const std::vector<Grant>& grants) {
  std::string out = "[";
  for (std::size_t i = 0; i < grants.size(); ++i) {
    const Grant& g = grants[i];
    std::string o = "{\"GrantId\": " + quoted(g.grant_id);
    if (!g.name.empty()) o += ", \"Name\": " + quoted(g.name);
    o += std::string(g.grantee_is_service ? ", \"GranteeServicePrincipal\": " : ", \"GranteePrincipal\": ") + quoted(g.grantee);
    if (!g.retiring.empty()) o += ", \"RetiringPrincipal\": " + quoted(g.retiring);
    if (!g.issuing_account.empty()) o += ", \"IssuingAccount\": " + quoted(g.issuing_account);
    o += ", \"Operations\": " + string_list(g.operations);
    std::string c;
    if (g.has_equals) c += "\"EncryptionContextEquals\": " + string_map(g.context_equals);
    if (g.has_subset) c += std::string(c.empty() ? "" : ", ") + "\"EncryptionContextSubset\": " + string_map(g.context_subset);
    if (!g.source_arn.empty()) c += std::string(c.empty() ? "" : ", ") + "\"SourceArn\": " + quoted(g.source_arn);
    if (!c.empty()) o += ", \"Constraints\": {" + c + "}";
    out += (i == 0 ? "" : ", ") + o + "}";
  }
  return out + "]";
}

std::string policy_ref(const Inventory& inv, PolicyIndex i) {
  return i < inv.policies.size() ? policy_to_json(inv.policies[i]) : "null";
}

void write_policy_list(std::string& out, const Inventory& inv, const std::vector<PolicyIndex>& list) {
  if (list.empty()) return;
  out += "    policies:\n";
  for (auto i : list) out += "      - " + policy_ref(inv, i) + "\n";
}

void write_org_policies(std::string& out, const Inventory& inv, std::string_view field,
                        const std::vector<OrgPolicy>& list) {
  if (list.empty()) return;
  out += std::string(field) + ":\n";
  for (const auto& op : list) {
    out += "  - name: " + quoted(op.name) + "\n";
    if (!op.accounts.empty()) out += "    accounts: " + string_list(op.accounts) + "\n";
    out += "    policy: " + policy_ref(inv, op.policy) + "\n";
  }
}

template <typename T>
void optional_line(std::string& out, std::string_view name, const std::optional<T>& v) {
  if (!v) return;
  if constexpr (std::is_same_v<T, bool>) {
    out += "    " + std::string(name) + ": " + (*v ? "true" : "false") + "\n";
  } else {
    out += "    " + std::string(name) + ": " + quoted(*v) + "\n";
  }
}

void write_keys(std::string& out, const Inventory& inv) {
  if (inv.keys.empty()) return;
  out += "keys:\n";
  for (const auto& k : inv.keys) {
    out += "  - name: " + quoted(k.name) + "\n    arn: " + quoted(k.arn) + "\n";
    out += std::string("    manager: ") + (k.manager == KeyManager::kAws ? "AWS" : "CUSTOMER") + "\n";
    if (!k.aliases.empty()) out += "    aliases: " + string_list(k.aliases) + "\n";
    if (!k.tags.empty()) out += "    tags: " + string_map(k.tags) + "\n";
    optional_line(out, "key_spec", k.key_spec);
    optional_line(out, "key_usage", k.key_usage);
    optional_line(out, "origin", k.origin);
    optional_line(out, "key_state", k.key_state);
    optional_line(out, "multi_region", k.multi_region);
    optional_line(out, "multi_region_type", k.multi_region_type);
    optional_line(out, "rotation_enabled", k.rotation_enabled);
    if (k.policy) out += "    policy: " + policy_ref(inv, *k.policy) + "\n";
    if (!k.grants.empty()) out += "    grants: " + grants_json(k.grants) + "\n";
  }
}

void write_principals(std::string& out, const Inventory& inv) {
  bool any = false;
  for (const auto& p : inv.principals) {
    if (p.pseudo) continue;  // derived again from policies and grants on load
    if (!any) out += "principals:\n";
    any = true;
    out += "  - name: " + quoted(p.name) + "\n    arn: " + quoted(p.arn) + "\n";
    if (!p.unique_id.empty()) out += "    unique_id: " + quoted(p.unique_id) + "\n";
    // Only declared groups: a manifest naming an undeclared group does not load. A group the
    // inputs named without describing it stays a comment (its policies were unknown).
    std::vector<std::string> declared;
    for (const auto& g : p.groups) {
      if (inv.find_group(g) != nullptr) {
        declared.push_back(g);
      } else {
        out += "    # group " + quoted(g) + " is not in the inputs: its policies are unknown\n";
      }
    }
    if (!declared.empty()) out += "    groups: " + string_list(declared) + "\n";
    if (!p.tags.empty()) out += "    tags: " + string_map(p.tags) + "\n";
    write_policy_list(out, inv, p.policies);
    if (p.boundary) out += "    boundary: " + policy_ref(inv, *p.boundary) + "\n";
    if (p.session_policy) out += "    session_policy: " + policy_ref(inv, *p.session_policy) + "\n";
  }
}

}  // namespace

std::string policy_to_json(const PolicyDocument& doc) {
  std::string out = "{";
  if (doc.has_version) out += "\"Version\": " + quoted(doc.version) + ", ";
  if (doc.has_id) out += "\"Id\": " + quoted(doc.id) + ", ";
  // Keep the single-object form: statement labels ("/Statement" vs "/Statement/0") depend on it.
  if (doc.statement_is_object && doc.statements.size() == 1) {
    return out + "\"Statement\": " + statement_json(doc.statements[0]) + "}";
  }
  out += "\"Statement\": [";
  for (std::size_t i = 0; i < doc.statements.size(); ++i) {
    out += (i == 0 ? "" : ", ") + statement_json(doc.statements[i]);
  }
  return out + "]}";
}

std::string write_manifest(const Inventory& inv) {
  std::string out = "# kmsaccess manifest (docs/manifest.md), written by kmsaccess inventory --write-manifest\n";
  out += "version: 1\n";
  out += "account: " + quoted(inv.account) + "\n";
  if (!inv.region.empty()) out += "region: " + quoted(inv.region) + "\n";
  if (!inv.organization_id.empty() || !inv.management_account.empty() || !inv.organization_accounts.empty()) {
    out += "organization:\n";
    if (!inv.organization_id.empty()) out += "  id: " + quoted(inv.organization_id) + "\n";
    if (!inv.management_account.empty()) out += "  management_account: " + quoted(inv.management_account) + "\n";
    if (!inv.organization_accounts.empty()) {
      out += "  accounts:\n";
      for (const auto& a : inv.organization_accounts) out += "    - " + quoted(a) + "\n";
    }
  }
  write_keys(out, inv);
  write_principals(out, inv);
  if (!inv.groups.empty()) {
    out += "groups:\n";
    for (const auto& g : inv.groups) {
      out += "  - name: " + quoted(g.name) + "\n";
      if (!g.arn.empty()) out += "    arn: " + quoted(g.arn) + "\n";
      write_policy_list(out, inv, g.policies);
    }
  }
  write_org_policies(out, inv, "scps", inv.scps);
  write_org_policies(out, inv, "rcps", inv.rcps);
  return out;
}

}  // namespace kmsaccess::core
