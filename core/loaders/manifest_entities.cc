// The manifest's entity lists: keys, principals, groups, SCPs and RCPs (docs/manifest.md).
#include <array>
#include <string>
#include <unordered_map>

#include "core/arn.h"
#include "core/loaders/manifest_internal.h"

namespace kmsaccess::core::manifest {
namespace {

constexpr std::array<std::string_view, 14> kKeyFields = {
    "name",      "arn",       "policy",           "manager",      "tags",
    "aliases",   "grants",    "key_spec",         "key_usage",    "origin",
    "key_state", "rotation_enabled", "multi_region", "multi_region_type"};
constexpr std::array<std::string_view, 8> kPrincipalFields = {
    "name", "arn", "policies", "groups", "boundary", "session_policy", "tags", "unique_id"};
constexpr std::array<std::string_view, 3> kGroupFields = {"name", "arn", "policies"};
constexpr std::array<std::string_view, 3> kOrgPolicyFields = {"name", "policy", "accounts"};

// Room for every entry of a list at once: a Principal or Key is large, and growing the vector
// by doubling moved each of 10,000 principals about twice.
template <typename T>
void reserve_for(std::vector<T>& out, const Field& list) {
  if (list.value.is_sequence()) out.reserve(out.size() + list.value.size());
}

template <typename Fn>
Status for_each_entry(Context& ctx, const Field& list, Fn&& load_one) {
  if (list.value.is_null()) return Ok{};
  if (!list.value.is_sequence()) {
    return make_error("'" + list.name + "' must be a list, found " + std::string(describe(list.value)),
                      list.where_value(ctx));
  }
  for (std::uint32_t i = 0; i < list.value.size(); ++i) {
    if (auto ok = load_one(list.value.item(i)); !ok) return ok;
  }
  return Ok{};
}

// Names (and ARNs) identify entities in output, so each may be declared once. The values are
// the fields' text in the YAML tree, which outlives the loading.
class Unique {
 public:
  // Sized for the whole list at once: tens of thousands of principals would otherwise rehash it
  // over a dozen times.
  Unique(std::string what, const Field& list) : what_(std::move(what)) {
    if (list.value.is_sequence()) first_line_.reserve(list.value.size());
  }
  Status add(const Context& ctx, const Field& field) {
    std::uint32_t line = field.where_value(ctx).line;
    auto [it, inserted] = first_line_.emplace(field.value.text(), line);
    if (inserted) return Ok{};
    return make_error("duplicate " + what_ + " " + field.name + " '" + field.value.text() +
                          "' (first declared at line " + std::to_string(it->second) + ")",
                      field.where_value(ctx));
  }

 private:
  std::string what_;
  std::unordered_map<std::string_view, std::uint32_t> first_line_;  // looked up, never walked
};

Status read_key_arn(const Context& ctx, const Field& field, Key& key) {
  auto text = read_string(ctx, field);
  if (!text) return text.error();
  auto arn = parse_arn(*text);
  std::string_view resource = arn ? std::string_view(arn->resource) : std::string_view();
  if (!arn || arn->service != "kms" || arn->region.empty() || !is_account_id(arn->account) ||
      resource.substr(0, 4) != "key/" || resource.size() == 4) {
    return make_error("'arn' must be a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/ID), found '" +
                          *text + "'",
                      field.where_value(ctx));
  }
  key.arn = *text;
  key.account = arn->account;
  key.region = arn->region;
  key.key_id = std::string(resource.substr(4));
  return Ok{};
}

Status read_key_metadata(const Context& ctx, const Fields& f, Key& key) {
  using Slot = std::optional<std::string> Key::*;
  const std::pair<std::string_view, Slot> strings[] = {
      {"key_spec", &Key::key_spec},   {"key_usage", &Key::key_usage},
      {"origin", &Key::origin},       {"key_state", &Key::key_state},
      {"multi_region_type", &Key::multi_region_type}};
  for (const auto& [name, slot] : strings) {
    if (const Field* field = f.find(name); field != nullptr && !field->value.is_null()) {
      auto value = read_string(ctx, *field);
      if (!value) return value.error();
      key.*slot = std::move(*value);
    }
  }
  if (const Field* field = f.find("rotation_enabled")) {
    auto value = read_bool(ctx, *field);
    if (!value) return value.error();
    key.rotation_enabled = *value;
  }
  if (const Field* field = f.find("multi_region")) {
    auto value = read_bool(ctx, *field);
    if (!value) return value.error();
    key.multi_region = *value;
  }
  return Ok{};
}

Status load_key(Context& ctx, const YamlRef& node, Unique& names, Unique& arns) {
  auto f = Fields::read(ctx, node, "a key", kKeyFields);
  if (!f) return f.error();
  Key key;
  key.pos = ctx.where(node);
  auto name = require_string(ctx, *f, node, "name", "key");
  if (!name) return name.error();
  key.name = std::move(*name);
  if (auto ok = names.add(ctx, *f->find("name")); !ok) return ok;
  const Field* arn = f->find("arn");
  if (arn == nullptr) return ctx.error(node, "key '" + key.name + "' has no 'arn'");
  if (auto ok = read_key_arn(ctx, *arn, key); !ok) return ok;
  if (auto ok = arns.add(ctx, *arn); !ok) return ok;

  if (const Field* policy = f->find("policy"); policy != nullptr && !policy->value.is_null()) {
    auto index = load_policy_ref(ctx, *policy, policy->value);
    if (!index) return index.error();
    key.policy = *index;  // no policy: left unknown, a gap the analysis reports
  }
  if (const Field* manager = f->find("manager")) {
    auto text = read_string(ctx, *manager);
    if (!text) return text.error();
    if (iequals_ascii(*text, "CUSTOMER")) {
      key.manager = KeyManager::kCustomer;
    } else if (iequals_ascii(*text, "AWS")) {
      key.manager = KeyManager::kAws;
    } else {
      return make_error("'manager' must be CUSTOMER or AWS, found '" + *text + "'",
                        manager->where_value(ctx));
    }
  }
  auto tags = read_tags(ctx, f->find("tags"));
  if (!tags) return tags.error();
  key.tags = std::move(*tags);
  auto aliases = read_string_list(ctx, f->find("aliases"));
  if (!aliases) return aliases.error();
  key.aliases = std::move(*aliases);
  if (auto ok = read_key_metadata(ctx, *f, key); !ok) return ok;
  if (const Field* grants = f->find("grants")) {
    auto list = load_grants_ref(ctx, *grants, key);
    if (!list) return list.error();
    key.grants = std::move(*list);
  }
  ctx.inventory.keys.push_back(std::move(key));
  return Ok{};
}

// user/PATH/NAME, role/PATH/NAME and root in IAM; assumed-role/ROLE/SESSION and
// federated-user/NAME in STS (IAM User Guide, "IAM identifiers", ARN formats).
bool classify_arn(const Arn& arn, Principal& p) {
  std::string_view r = arn.resource;
  auto last_segment = [](std::string_view s) { return s.substr(s.rfind('/') + 1); };
  if (arn.service == "iam") {
    if (r == "root") {
      p.kind = PrincipalKind::kRoot;
      return true;
    }
    if (r.substr(0, 5) == "user/" && !last_segment(r).empty() && r.size() > 5) {
      p.kind = PrincipalKind::kUser;
      p.user_name = std::string(last_segment(r));
      return true;
    }
    if (r.substr(0, 5) == "role/" && !last_segment(r).empty() && r.size() > 5) {
      p.kind = PrincipalKind::kRole;
      return true;
    }
    return false;
  }
  if (arn.service != "sts") return false;
  if (r.substr(0, 13) == "assumed-role/") {
    std::string_view rest = r.substr(13);
    auto slash = rest.find('/');
    if (slash == 0 || slash == std::string_view::npos || slash + 1 == rest.size()) return false;
    p.kind = PrincipalKind::kAssumedRole;
    // A session ARN does not carry the role's path, so the role ARN is stored without one.
    p.role_arn = "arn:" + arn.partition + ":iam::" + arn.account + ":role/" + std::string(rest.substr(0, slash));
    return true;
  }
  if (r.substr(0, 15) == "federated-user/" && r.size() > 15) {
    p.kind = PrincipalKind::kFederatedUser;
    return true;
  }
  return false;
}

Status read_principal_arn(const Context& ctx, const Field& field, Principal& p) {
  auto text = read_string(ctx, field);
  if (!text) return text.error();
  auto arn = parse_arn(*text);
  if (!arn || !arn->region.empty() || !is_account_id(arn->account) || !classify_arn(*arn, p)) {
    return make_error("'arn' must be an IAM user, role or account root ARN, or an STS assumed-role "
                      "or federated-user ARN, found '" + *text + "'",
                      field.where_value(ctx));
  }
  p.arn = *text;
  p.account = arn->account;
  return Ok{};
}

Status load_principal(Context& ctx, const YamlRef& node, Unique& names, Unique& arns) {
  auto f = Fields::read(ctx, node, "a principal", kPrincipalFields);
  if (!f) return f.error();
  Principal p;
  p.pos = ctx.where(node);
  auto name = require_string(ctx, *f, node, "name", "principal");
  if (!name) return name.error();
  p.name = std::move(*name);
  if (auto ok = names.add(ctx, *f->find("name")); !ok) return ok;
  const Field* arn = f->find("arn");
  if (arn == nullptr) return ctx.error(node, "principal '" + p.name + "' has no 'arn'");
  if (auto ok = read_principal_arn(ctx, *arn, p); !ok) return ok;
  if (auto ok = arns.add(ctx, *arn); !ok) return ok;

  auto policies = load_policy_list(ctx, f->find("policies"));
  if (!policies) return policies.error();
  p.policies = std::move(*policies);
  auto groups = read_string_list(ctx, f->find("groups"));
  if (!groups) return groups.error();
  p.groups = std::move(*groups);
  if (const Field* groups_field = f->find("groups"); groups_field != nullptr && groups_field->value.is_sequence()) {
    for (std::uint32_t i = 0; i < groups_field->value.size(); ++i) ctx.group_refs.push_back(groups_field->value.item(i));
  }
  for (auto [field_name, slot] : {std::pair{"boundary", &p.boundary}, std::pair{"session_policy", &p.session_policy}}) {
    if (const Field* field = f->find(field_name); field != nullptr && !field->value.is_null()) {
      auto index = load_policy_ref(ctx, *field, field->value);
      if (!index) return index.error();
      *slot = *index;
    }
  }
  auto tags = read_tags(ctx, f->find("tags"));
  if (!tags) return tags.error();
  p.tags = std::move(*tags);
  auto unique_id = read_optional_string(ctx, f->find("unique_id"));
  if (!unique_id) return unique_id.error();
  p.unique_id = std::move(*unique_id);
  ctx.inventory.principals.push_back(std::move(p));
  return Ok{};
}

}  // namespace

Status load_keys(Context& ctx, const Field& field) {
  Unique names("key", field), arns("key", field);
  reserve_for(ctx.inventory.keys, field);
  return for_each_entry(ctx, field, [&](const YamlRef& n) { return load_key(ctx, n, names, arns); });
}

Status load_principals(Context& ctx, const Field& field) {
  Unique names("principal", field), arns("principal", field);
  reserve_for(ctx.inventory.principals, field);
  return for_each_entry(ctx, field,
                        [&](const YamlRef& n) { return load_principal(ctx, n, names, arns); });
}

Status load_groups(Context& ctx, const Field& field) {
  Unique names("group", field);
  return for_each_entry(ctx, field, [&](const YamlRef& node) -> Status {
    auto f = Fields::read(ctx, node, "a group", kGroupFields);
    if (!f) return f.error();
    Group g;
    g.pos = ctx.where(node);
    auto name = require_string(ctx, *f, node, "name", "group");
    if (!name) return name.error();
    g.name = std::move(*name);
    if (auto ok = names.add(ctx, *f->find("name")); !ok) return ok;
    auto arn = read_optional_string(ctx, f->find("arn"));
    if (!arn) return arn.error();
    g.arn = std::move(*arn);
    auto policies = load_policy_list(ctx, f->find("policies"));
    if (!policies) return policies.error();
    g.policies = std::move(*policies);
    ctx.inventory.groups.push_back(std::move(g));
    return Ok{};
  });
}

Status load_org_policies(Context& ctx, const Field& field, std::vector<OrgPolicy>& out) {
  Unique names(field.name == "scps" ? "SCP" : "RCP", field);
  return for_each_entry(ctx, field, [&](const YamlRef& node) -> Status {
    auto f = Fields::read(ctx, node, "an organization policy", kOrgPolicyFields);
    if (!f) return f.error();
    OrgPolicy op;
    op.pos = ctx.where(node);
    auto name = require_string(ctx, *f, node, "name", "organization policy");
    if (!name) return name.error();
    op.name = std::move(*name);
    if (auto ok = names.add(ctx, *f->find("name")); !ok) return ok;
    const Field* policy = f->find("policy");
    if (policy == nullptr) return ctx.error(node, "organization policy '" + op.name + "' has no 'policy'");
    auto index = load_policy_ref(ctx, *policy, policy->value);
    if (!index) return index.error();
    op.policy = *index;
    auto accounts = read_account_list(ctx, f->find("accounts"));
    if (!accounts) return accounts.error();
    op.accounts = std::move(*accounts);
    out.push_back(std::move(op));
    return Ok{};
  });
}

}  // namespace kmsaccess::core::manifest
