// Turns the template's KMS and IAM resources into inventory entities: keys (with the default key
// policy when KeyPolicy is absent), aliases, roles, users, groups and their policies.
#include <algorithm>

#include "core/loaders/cfn_internal.h"

namespace kmsaccess::core::cfn {

const JsonValue* prop(const Resource& res, std::string_view name) {
  return res.properties != nullptr ? res.properties->find(name) : nullptr;
}

std::string pointer(const Resource& res, std::string_view rest) {
  return "#/Resources/" + res.id + "/Properties/" + std::string(rest);
}

static std::optional<bool> bool_of(Builder& b, const JsonValue* v) {
  if (v == nullptr) return std::nullopt;
  std::string s = b.r.string_of(v);
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

static std::optional<std::string> opt_string(Builder& b, const JsonValue* v) {
  std::string s = b.r.string_of(v);
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::vector<std::string> strings_of(Builder& b, const JsonValue* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  auto list = b.r.resolve_one(*v);
  if (!list) return out;
  if (!list->is_array()) return {list->text};
  for (const auto& item : list->items) {
    if (item.is_string()) out.push_back(item.text);
  }
  return out;
}

Tags tags_of(Builder& b, const Resource& res) {
  Tags tags;
  const JsonValue* v = prop(res, "Tags");
  auto list = v != nullptr ? b.r.resolve_one(*v) : std::nullopt;
  if (!list || !list->is_array()) return tags;
  for (const auto& t : list->items) {
    const JsonValue* key = t.is_object() ? t.find("Key") : nullptr;
    const JsonValue* value = t.is_object() ? t.find("Value") : nullptr;
    if (key != nullptr && key->is_string()) tags[key->text] = value != nullptr ? value->text : "";
  }
  return tags;
}

// A policy document property: nullopt (noted) when it cannot be known before deployment.
Result<std::optional<PolicyIndex>> policy_of(Builder& b, const Resource& res, const JsonValue* value,
                                             const std::string& where) {
  auto resolved = value != nullptr ? b.r.resolve_one(*value) : std::nullopt;
  const JsonValue* statement = resolved && resolved->is_object() ? resolved->find("Statement") : nullptr;
  bool symbolic = resolved && resolved->is_string() && is_unresolved(resolved->text);
  if (!resolved || symbolic || (statement != nullptr && statement->is_string() && is_unresolved(statement->text))) {
    b.t.note(value != nullptr ? value->pos : res.pos,
             res.id + ": the policy document is not known before deployment (" + where + "); not loaded");
    return {std::nullopt};
  }
  auto doc = policy_from_json(*resolved, b.t.path + where, b.options.limits);
  if (!doc) return doc.error();
  return {b.inv.add_policy(std::move(*doc))};
}

namespace {

// AWS's default key policy ("key-default-1"): the account root gets kms:*, enabling IAM policies.
Result<PolicyIndex> default_key_policy(Builder& b, const Resource& res) {
  std::string text = R"({"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions",)"
                     R"("Effect":"Allow","Principal":{"AWS":"arn:)" + b.t.partition + ":iam::" + b.t.account +
                     R"(:root"},"Action":"kms:*","Resource":"*"}]})";
  auto doc = parse_policy(text, b.t.path + "#/Resources/" + res.id + "(default key policy)", b.options.limits);
  if (!doc) return doc.error();
  return b.inv.add_policy(std::move(*doc));
}

Status add_key(Builder& b, const Resource& res) {
  Key k;
  k.name = res.id;
  k.key_id = b.r.key_id(res);
  k.arn = b.r.key_arn(res);
  k.account = b.t.account;
  k.region = b.t.region;
  k.pos = b.t.where(res.pos);
  if (const JsonValue* policy = prop(res, "KeyPolicy")) {
    auto index = policy_of(b, res, policy, pointer(res, "KeyPolicy"));
    if (!index) return index.error();
    k.policy = *index;
  } else {
    auto index = default_key_policy(b, res);
    if (!index) return index.error();
    k.policy = *index;
  }
  k.tags = tags_of(b, res);
  k.rotation_enabled = bool_of(b, prop(res, "EnableKeyRotation"));
  k.key_spec = opt_string(b, prop(res, "KeySpec"));
  k.key_usage = opt_string(b, prop(res, "KeyUsage"));
  k.origin = opt_string(b, prop(res, "Origin"));
  if (auto enabled = bool_of(b, prop(res, "Enabled"))) k.key_state = *enabled ? "Enabled" : "Disabled";
  if (res.type == "AWS::KMS::ReplicaKey") {
    k.multi_region = true;
    k.multi_region_type = "REPLICA";
  } else {
    k.multi_region = bool_of(b, prop(res, "MultiRegion"));
    if (k.multi_region.value_or(false)) k.multi_region_type = "PRIMARY";
  }
  b.inv.keys.push_back(std::move(k));
  return Ok{};
}

void add_alias(Builder& b, const Resource& res) {
  std::string name = b.r.string_of(prop(res, "AliasName"));
  std::string target = b.r.string_of(prop(res, "TargetKeyId"));
  auto it = std::find_if(b.inv.keys.begin(), b.inv.keys.end(),
                         [&](const Key& k) { return !target.empty() && (k.key_id == target || k.arn == target); });
  if (it == b.inv.keys.end()) {
    b.note(NoteKind::kUnattachedAlias, res.pos,
           res.id + ": alias " + name + " targets " + (target.empty() ? "no key" : target) +
               ", which is not a key of this template; not attached");
    return;
  }
  it->aliases.push_back(name);
}

// Whether the resource is created: a false Condition skips it, an unknown one keeps it (noted).
bool created(Builder& b, const Resource& res) {
  const JsonValue* c = res.json->find("Condition");
  if (c == nullptr || !c->is_string()) return true;
  auto holds = b.r.condition(c->text, c->pos);
  if (holds && !*holds) return false;
  if (!holds) {
    b.t.note(res.pos, res.id + " exists only if condition " + c->text + " holds, which is unknown; included");
  }
  return true;
}

bool is_key(const Resource& res) { return res.type == "AWS::KMS::Key" || res.type == "AWS::KMS::ReplicaKey"; }

// The resource types this loader reads; the others are never evaluated (nor noted).
bool is_loaded(const Resource& res) {
  return is_key(res) || res.type == "AWS::KMS::Alias" || res.type.rfind("AWS::IAM::", 0) == 0;
}

}  // namespace

// Order matters: managed policies before the principals naming them in ManagedPolicyArns,
// principals and groups before the policies attaching to them by name, keys before aliases.
Status build_inventory(const Template& t, Resolver& resolver, const CfnOptions& options, Inventory& inv) {
  Builder b{t, resolver, options, inv, {}, {}, {}, {}};
  std::vector<const Resource*> live;
  for (const Resource* res : t.order) {
    if (is_loaded(*res) && created(b, *res)) live.push_back(res);
  }
  for (const Resource* res : live) {
    Status s = is_key(*res)                              ? add_key(b, *res)
               : res->type == "AWS::IAM::ManagedPolicy" ? add_managed_policy(b, *res)
                                                         : Status(Ok{});
    if (!s) return s;
  }
  for (const Resource* res : live) {
    Status s = res->type == "AWS::IAM::Role" || res->type == "AWS::IAM::User" ? add_principal(b, *res)
               : res->type == "AWS::IAM::Group"                               ? add_group(b, *res)
                                                                               : Status(Ok{});
    if (!s) return s;
  }
  for (const Resource* res : live) {
    if (res->type == "AWS::KMS::Alias") add_alias(b, *res);
    if (res->type == "AWS::IAM::UserToGroupAddition") add_user_to_group(b, *res);
    if (res->type == "AWS::IAM::Policy" || res->type == "AWS::IAM::ManagedPolicy") {
      if (auto s = add_policy_attachments(b, *res); !s) return s;
    }
  }
  return Ok{};
}

}  // namespace kmsaccess::core::cfn
