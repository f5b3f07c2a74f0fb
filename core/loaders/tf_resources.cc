// Planned KMS resources (aws_kms_key, aws_kms_key_policy, aws_kms_alias, aws_kms_grant) turned
// into inventory keys; IAM resources are in tf_iam.cc.
#include <algorithm>

#include "core/arn.h"
#include "core/loaders/grants_loader.h"
#include "core/loaders/tf_internal.h"

namespace kmsaccess::core::tf {

std::optional<std::size_t> find_address(const std::map<std::string, std::size_t>& by_address,
                                        const std::string& address) {
  if (auto it = by_address.find(address); it != by_address.end()) return it->second;
  std::optional<std::size_t> only;
  for (const auto& [a, index] : by_address) {
    if (strip_indexes(a) != address) continue;
    if (only) return std::nullopt;  // several instances: which one is meant is not known here
    only = index;
  }
  return only;
}

std::optional<std::size_t> target(const Resource& r, std::string_view field,
                                  const std::map<std::string, std::size_t>& by_address,
                                  const std::function<std::optional<std::size_t>(const std::string&)>& by_value) {
  if (auto value = string_value(r, field); value && !value->empty()) {
    if (auto found = by_value(*value)) return found;
  }
  for (const auto& address : references(r, field)) {
    if (auto found = find_address(by_address, address)) return found;
  }
  return std::nullopt;
}

Result<std::optional<PolicyIndex>> policy_attribute(Builder& b, const Resource& r, const JsonValue* value,
                                                    std::string_view what) {
  if (value == nullptr || !value->is_string() || value->text.empty()) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": " + std::string(what) +
                                               " is known only after apply; not loaded");
    return {std::nullopt};
  }
  auto doc = policy_from_json(*value, b.plan.path + "#" + r.address, b.options.limits);
  if (!doc) return doc.error();
  return {b.inv.add_policy(std::move(*doc))};
}

Tags tags_of(const Resource& r) {
  Tags tags;
  const JsonValue* v = r.values->find("tags");
  if (v == nullptr || !v->is_object()) return tags;
  for (const auto& m : v->members) {
    if (m.value.is_string()) tags[m.key] = m.value.text;
  }
  return tags;
}

namespace {

std::optional<bool> bool_value(const Resource& r, std::string_view field) {
  const JsonValue* v = r.values->find(field);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->boolean;
}

std::optional<std::size_t> key_by_value(const Builder& b, const std::string& id_or_arn) {
  for (std::size_t i = 0; i < b.inv.keys.size(); ++i) {
    if (b.inv.keys[i].key_id == id_or_arn || b.inv.keys[i].arn == id_or_arn) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> key_of(const Builder& b, const Resource& r) {
  return target(r, r.type == "aws_kms_alias" ? "target_key_id" : "key_id", b.keys,
                [&](const std::string& v) { return key_by_value(b, v); });
}

Status add_key(Builder& b, const Resource& r) {
  Key k;
  k.name = r.address;
  k.key_id = string_value(r, "key_id").value_or(r.address);
  k.account = b.plan.account;
  k.region = b.plan.region;
  k.arn = "arn:aws:kms:" + k.region + ":" + k.account + ":key/" + k.key_id;
  if (auto arn = string_value(r, "arn"); arn && parse_arn(*arn)) {
    k.arn = *arn;
    k.account = parse_arn(*arn)->account;
    k.region = parse_arn(*arn)->region;
  }
  k.pos = SourcePos(b.plan.path, r.pos);
  k.tags = tags_of(r);
  k.rotation_enabled = bool_value(r, "enable_key_rotation");
  k.key_usage = string_value(r, "key_usage");
  k.key_spec = string_value(r, "customer_master_key_spec");
  if (!k.key_spec) k.key_spec = string_value(r, "key_spec");
  k.multi_region = bool_value(r, "multi_region");
  if (auto enabled = bool_value(r, "is_enabled")) k.key_state = *enabled ? "Enabled" : "Disabled";
  if (auto policy = string_value(r, "policy"); policy && !policy->empty()) {
    auto index = policy_attribute(b, r, r.values->find("policy"), "the key policy");
    if (!index) return index.error();
    k.policy = *index;
  }
  b.keys[r.address] = b.inv.keys.size();
  b.inv.keys.push_back(std::move(k));
  return Ok{};
}

Status add_key_policy(Builder& b, const Resource& r) {
  auto key = key_of(b, r);
  if (!key) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": its key_id names no key of this plan; policy not attached");
    return Ok{};
  }
  auto index = policy_attribute(b, r, r.values->find("policy"), "the key policy");
  if (!index) return index.error();
  b.inv.keys[*key].policy = *index;
  return Ok{};
}

void add_alias(Builder& b, const Resource& r) {
  std::string name = string_value(r, "name").value_or("alias/" + r.address);
  auto key = key_of(b, r);
  if (!key) {
    b.plan.note(NoteKind::kUnattachedAlias, r.pos, r.address + ": " + name + " targets no key of this plan");
    return;
  }
  b.inv.keys[*key].aliases.push_back(name);
}

// A principal attribute: the planned value, else the ARN of the referenced role or user.
std::string principal_of(Builder& b, const Resource& r, std::string_view field) {
  if (auto v = string_value(r, field)) return *v;
  for (const auto& address : references(r, field)) {
    if (auto p = find_address(b.principals, address)) return b.inv.principals[*p].arn;
  }
  if (r.values->find(field) == nullptr && !is_unknown(r, field)) return "";
  b.plan.note(NoteKind::kPartial, r.pos, r.address + ": " + std::string(field) + " is known only after apply");
  return std::string(kUnresolvedPrefix) + "Terraform:" + r.address + "." + std::string(field) + "}";
}

// aws_kms_grant, rebuilt in list-grants shape so grants read one way whatever their source.
Status add_grant(Builder& b, const Resource& r) {
  auto key = key_of(b, r);
  if (!key) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": its key_id names no key of this plan; grant not attached");
    return Ok{};
  }
  auto field = [&](std::string name, std::string text) {
    JsonValue v;
    v.kind = JsonValue::Kind::kString;
    v.text = std::move(text);
    v.pos = r.pos;
    return JsonMember{std::move(name), r.pos, std::move(v)};
  };
  JsonValue g;
  g.kind = JsonValue::Kind::kObject;
  g.pos = r.pos;
  g.members.push_back(field("GrantId", string_value(r, "grant_id").value_or(r.address)));
  g.members.push_back(field("Name", string_value(r, "name").value_or("")));
  g.members.push_back(field("GranteePrincipal", principal_of(b, r, "grantee_principal")));
  if (std::string retiring = principal_of(b, r, "retiring_principal"); !retiring.empty()) {
    g.members.push_back(field("RetiringPrincipal", retiring));
  }
  if (const JsonValue* ops = r.values->find("operations")) g.members.push_back(JsonMember{"Operations", r.pos, *ops});
  const JsonValue* constraints = r.values->find("constraints");
  if (constraints != nullptr && constraints->is_array() && !constraints->items.empty()) {
    JsonValue c;
    c.kind = JsonValue::Kind::kObject;
    c.pos = constraints->pos;
    const JsonValue& first = constraints->items[0];
    for (auto [tf_name, aws_name] : {std::pair{"encryption_context_equals", "EncryptionContextEquals"},
                                     std::pair{"encryption_context_subset", "EncryptionContextSubset"}}) {
      const JsonValue* v = first.is_object() ? first.find(tf_name) : nullptr;
      if (v != nullptr && v->is_object()) c.members.push_back(JsonMember{aws_name, v->pos, *v});
    }
    g.members.push_back(JsonMember{"Constraints", c.pos, c});
  }
  auto grant = grant_from_json(g, b.plan.path + "#" + r.address);
  if (!grant) return grant.error();
  grant->issuing_account = b.inv.keys[*key].account;
  b.inv.keys[*key].grants.push_back(std::move(*grant));
  return Ok{};
}

// A key without a planned policy: when the configuration never sets `policy` (and no
// aws_kms_key_policy does), AWS applies the default key policy; otherwise it is unknown.
Status finish_key_policy(Builder& b, const Resource& r) {
  Key& k = b.inv.keys[b.keys[r.address]];
  if (k.policy) return Ok{};
  if (configured(r, "policy").value_or(true)) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": the key policy is known only after apply; not loaded");
    return Ok{};
  }
  std::string text = R"({"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",)"
                     R"("Effect":"Allow","Principal":{"AWS":"arn:aws:iam::)" + k.account +
                     R"(:root"},"Action":"kms:*","Resource":"*"}]})";
  auto doc = parse_policy(text, b.plan.path + "#" + r.address + "(default key policy)", b.options.limits);
  if (!doc) return doc.error();
  doc->embedded_at = r.pos;  // written by us, not in the plan: findings point at the key resource
  k.policy = b.inv.add_policy(std::move(*doc));
  b.plan.note(NoteKind::kPartial, r.pos, r.address + ": no policy is configured, so AWS applies the default key policy");
  return Ok{};
}

}  // namespace

// Order matters: keys, IAM policies and entities before what refers to them.
Status build_inventory(const Plan& plan, const TfOptions& options, Inventory& inv) {
  Builder b{plan, options, inv, {}, {}, {}, {}, {}};
  for (const auto& r : plan.resources) {
    Status s = r.type == "aws_kms_key" ? add_key(b, r) : add_iam_entity(b, r);
    if (!s) return s;
  }
  for (const auto& r : plan.resources) {
    Status s = r.type == "aws_kms_key_policy" ? add_key_policy(b, r)
               : r.type == "aws_kms_grant"    ? add_grant(b, r)
                                              : add_iam_attachment(b, r);
    if (!s) return s;
    if (r.type == "aws_kms_alias") add_alias(b, r);
  }
  for (const auto& r : plan.resources) {
    if (r.type != "aws_kms_key") continue;
    if (auto s = finish_key_policy(b, r); !s) return s;
  }
  return Ok{};
}

}  // namespace kmsaccess::core::tf
