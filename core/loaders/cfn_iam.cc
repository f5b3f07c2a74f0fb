// CloudFormation IAM resources: roles and users (principals), groups, managed policies and
// AWS::IAM::Policy, with attachments by name (Roles/Users/Groups) and by ARN (ManagedPolicyArns).
#include <algorithm>

#include "core/loaders/cfn_internal.h"

namespace kmsaccess::core::cfn {
namespace {

// Inline Policies[{PolicyName, PolicyDocument}] of a role, user or group.
Result<std::vector<PolicyIndex>> inline_policies(Builder& b, const Resource& res) {
  std::vector<PolicyIndex> out;
  const JsonValue* list = prop(res, "Policies");
  if (list == nullptr || !list->is_array()) return out;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const JsonValue& item = list->items[i];
    const JsonValue* doc = item.is_object() ? item.find("PolicyDocument") : nullptr;
    if (doc == nullptr) {
      // A whole policy under !If: resolve it first (a false condition drops it).
      auto resolved = b.r.resolve_one(item);
      if (resolved && resolved->is_object() && resolved->find("PolicyDocument") != nullptr) {
        auto parsed = policy_from_json(*resolved->find("PolicyDocument"),
                                       b.t.path + pointer(res, "Policies/" + std::to_string(i)), b.options.limits);
        if (!parsed) return parsed.error();
        out.push_back(b.inv.add_policy(std::move(*parsed)));
      }
      continue;
    }
    auto index = policy_of(b, res, doc, pointer(res, "Policies/" + std::to_string(i) + "/PolicyDocument"));
    if (!index) return index.error();
    if (*index) out.push_back(**index);
  }
  return out;
}

// ManagedPolicyArns and PermissionsBoundary name policies by ARN; only the template's own
// managed policies are known here. AWS managed or pre-existing ones are noted as missing.
std::optional<PolicyIndex> managed_by_arn(Builder& b, const Resource& res, const std::string& arn,
                                          std::string_view what) {
  if (auto it = b.managed.find(arn); it != b.managed.end()) return it->second;
  b.note(NoteKind::kMissingPolicy, res.pos,
         res.id + " " + std::string(what) + " " + arn + ", which is not defined in this template; its permissions are unknown");
  return std::nullopt;
}

Result<std::vector<PolicyIndex>> entity_policies(Builder& b, const Resource& res) {
  auto policies = inline_policies(b, res);
  if (!policies) return policies.error();
  for (const auto& arn : strings_of(b, prop(res, "ManagedPolicyArns"))) {
    if (auto index = managed_by_arn(b, res, arn, "attaches")) policies->push_back(*index);
  }
  return policies;
}

std::vector<std::string> names_of(Builder& b, const Resource& res, std::string_view list) {
  return strings_of(b, prop(res, list));
}

}  // namespace

Status add_managed_policy(Builder& b, const Resource& res) {
  auto index = policy_of(b, res, prop(res, "PolicyDocument"), pointer(res, "PolicyDocument"));
  if (!index) return index.error();
  if (*index) b.managed[b.r.iam_arn(res)] = **index;
  return Ok{};
}

Status add_principal(Builder& b, const Resource& res) {
  bool user = res.type == "AWS::IAM::User";
  Principal p;
  p.kind = user ? PrincipalKind::kUser : PrincipalKind::kRole;
  p.name = b.r.iam_name(res, user ? "UserName" : "RoleName");
  p.arn = b.r.iam_arn(res);
  p.account = b.t.account;
  if (user) p.user_name = p.name;
  p.tags = tags_of(b, res);
  p.pos = b.t.where(res.pos);
  auto policies = entity_policies(b, res);
  if (!policies) return policies.error();
  p.policies = std::move(*policies);
  if (const JsonValue* boundary = prop(res, "PermissionsBoundary")) {
    // A boundary that is not in the template is noted; the principal then looks more powerful
    // than it may be, which errs towards showing access.
    p.boundary = managed_by_arn(b, res, b.r.string_of(boundary), "has the permissions boundary");
  }
  if (user) {
    for (auto& g : names_of(b, res, "Groups")) p.groups.push_back(std::move(g));
  }
  (user ? b.users : b.roles)[p.name] = b.inv.principals.size();
  b.inv.principals.push_back(std::move(p));
  return Ok{};
}

Status add_group(Builder& b, const Resource& res) {
  Group g;
  g.name = b.r.iam_name(res, "GroupName");
  g.arn = b.r.iam_arn(res);
  g.pos = b.t.where(res.pos);
  auto policies = entity_policies(b, res);
  if (!policies) return policies.error();
  g.policies = std::move(*policies);
  b.groups[g.name] = b.inv.groups.size();
  b.inv.groups.push_back(std::move(g));
  return Ok{};
}

// Roles/Users/Groups of an AWS::IAM::Policy or AWS::IAM::ManagedPolicy, by name.
Status add_policy_attachments(Builder& b, const Resource& res) {
  std::optional<PolicyIndex> index;
  if (res.type == "AWS::IAM::ManagedPolicy") {
    auto it = b.managed.find(b.r.iam_arn(res));
    if (it != b.managed.end()) index = it->second;
  } else {
    auto parsed = policy_of(b, res, prop(res, "PolicyDocument"), pointer(res, "PolicyDocument"));
    if (!parsed) return parsed.error();
    index = *parsed;
  }
  if (!index) return Ok{};
  auto attach = [&](std::string_view list, const std::map<std::string, std::size_t>& by_name, auto&& add) {
    for (const auto& name : names_of(b, res, list)) {
      auto it = by_name.find(name);
      if (it == by_name.end()) {
        b.note(NoteKind::kPartial, res.pos,
               res.id + " attaches to " + std::string(list) + " " + name + ", which is not in this template");
        continue;
      }
      add(it->second);
    }
  };
  attach("Roles", b.roles, [&](std::size_t i) { b.inv.principals[i].policies.push_back(*index); });
  attach("Users", b.users, [&](std::size_t i) { b.inv.principals[i].policies.push_back(*index); });
  attach("Groups", b.groups, [&](std::size_t i) { b.inv.groups[i].policies.push_back(*index); });
  return Ok{};
}

void add_user_to_group(Builder& b, const Resource& res) {
  std::string group = b.r.string_of(prop(res, "GroupName"));
  for (const auto& name : names_of(b, res, "Users")) {
    auto it = b.users.find(name);
    if (it == b.users.end()) {
      b.note(NoteKind::kPartial, res.pos, res.id + " adds " + name + ", which is not in this template, to " + group);
      continue;
    }
    b.inv.principals[it->second].groups.push_back(group);
  }
}

}  // namespace kmsaccess::core::cfn
