// Planned IAM resources: aws_iam_policy, roles, users and groups (entities), then their inline
// policies, attachments and memberships, matched by planned name or ARN, else by reference.
#include <algorithm>

#include "core/loaders/tf_internal.h"

namespace kmsaccess::core::tf {
namespace {

std::string iam_arn(const Builder& b, const Resource& r, std::string_view kind, const std::string& name) {
  if (auto arn = string_value(r, "arn")) return *arn;
  std::string path = string_value(r, "path").value_or("/");
  if (path.empty() || path.front() != '/') path = "/" + path;
  if (path.back() != '/') path += "/";
  return "arn:aws:iam::" + b.plan.account + ":" + std::string(kind) + path + name;
}

std::optional<std::size_t> principal_named(const Builder& b, PrincipalKind kind, const std::string& name) {
  for (std::size_t i = 0; i < b.inv.principals.size(); ++i) {
    const Principal& p = b.inv.principals[i];
    if (p.kind == kind && (p.name == name || p.arn == name)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> group_named(const Builder& b, const std::string& name) {
  for (std::size_t i = 0; i < b.inv.groups.size(); ++i) {
    if (b.inv.groups[i].name == name || b.inv.groups[i].arn == name) return i;
  }
  return std::nullopt;
}

// A managed policy by ARN: a planned aws_iam_policy (by value or reference), else noted missing.
std::optional<PolicyIndex> managed_policy(Builder& b, const Resource& r, const std::string& arn,
                                          const std::vector<std::string>& refs) {
  for (const auto& [address, known] : b.policy_arns) {
    if (!arn.empty() && known == arn && b.policies.count(address) > 0) return b.policies[address];
  }
  for (const auto& address : refs) {
    if (auto it = b.policies.find(address); it != b.policies.end()) return it->second;
  }
  b.plan.note(NoteKind::kMissingPolicy, r.pos,
              r.address + " attaches " + (arn.empty() ? std::string("a policy known only after apply") : arn) +
                  ", which is not a policy of this plan; its permissions are unknown");
  return std::nullopt;
}

Status add_policy(Builder& b, const Resource& r) {
  std::string name = string_value(r, "name").value_or(r.address);
  b.policy_arns[r.address] = iam_arn(b, r, "policy", name);
  auto index = policy_attribute(b, r, r.values->find("policy"), "the policy");
  if (!index) return index.error();
  if (*index) b.policies[r.address] = **index;
  return Ok{};
}

// inline_policy blocks of aws_iam_role: [{name, policy}].
Status inline_policies(Builder& b, const Resource& r, Principal& p) {
  const JsonValue* list = r.values->find("inline_policy");
  if (list == nullptr || !list->is_array()) return Ok{};
  for (const auto& item : list->items) {
    const JsonValue* policy = item.is_object() ? item.find("policy") : nullptr;
    if (policy == nullptr || (policy->is_string() && policy->text.empty())) continue;  // the empty block
    auto index = policy_attribute(b, r, policy, "an inline policy");
    if (!index) return index.error();
    if (*index) p.policies.push_back(**index);
  }
  return Ok{};
}

Status add_principal(Builder& b, const Resource& r) {
  bool user = r.type == "aws_iam_user";
  Principal p;
  p.kind = user ? PrincipalKind::kUser : PrincipalKind::kRole;
  p.name = string_value(r, "name").value_or(r.address);
  p.arn = iam_arn(b, r, user ? "user" : "role", p.name);
  p.account = b.plan.account;
  if (user) p.user_name = p.name;
  p.tags = tags_of(r);
  p.pos = SourcePos(b.plan.path, r.pos);
  if (auto s = inline_policies(b, r, p); !s) return s;
  if (const JsonValue* arns = r.values->find("managed_policy_arns"); arns != nullptr && arns->is_array()) {
    for (const auto& arn : arns->items) {
      if (auto index = managed_policy(b, r, arn.text, {})) p.policies.push_back(*index);
    }
  } else if (is_unknown(r, "managed_policy_arns")) {
    for (const auto& address : references(r, "managed_policy_arns")) {
      if (auto index = managed_policy(b, r, "", {address})) p.policies.push_back(*index);
    }
  }
  if (auto boundary = string_value(r, "permissions_boundary"); boundary && !boundary->empty()) {
    p.boundary = managed_policy(b, r, *boundary, references(r, "permissions_boundary"));
  }
  b.principals[r.address] = b.inv.principals.size();
  b.inv.principals.push_back(std::move(p));
  return Ok{};
}

std::optional<std::size_t> entity_of(Builder& b, const Resource& r, std::string_view field, PrincipalKind kind) {
  return target(r, field, b.principals, [&](const std::string& v) { return principal_named(b, kind, v); });
}

std::optional<std::size_t> group_of(Builder& b, const Resource& r, std::string_view field) {
  return target(r, field, b.groups, [&](const std::string& v) { return group_named(b, v); });
}

// aws_iam_{role,user,group}_policy and _policy_attachment: the policy for the entity in `field`.
Status attach(Builder& b, const Resource& r, std::string_view field, bool inline_policy) {
  std::optional<PolicyIndex> index;
  if (inline_policy) {
    auto parsed = policy_attribute(b, r, r.values->find("policy"), "the policy");
    if (!parsed) return parsed.error();
    index = *parsed;
  } else {
    index = managed_policy(b, r, string_value(r, "policy_arn").value_or(""), references(r, "policy_arn"));
  }
  if (!index) return Ok{};
  std::optional<std::size_t> who = field == "group" ? group_of(b, r, field)
                                   : entity_of(b, r, field, field == "role" ? PrincipalKind::kRole : PrincipalKind::kUser);
  if (!who) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": its " + std::string(field) + " is not in this plan; not attached");
    return Ok{};
  }
  auto& policies = field == "group" ? b.inv.groups[*who].policies : b.inv.principals[*who].policies;
  policies.push_back(*index);
  return Ok{};
}

std::vector<std::string> list_value(const Resource& r, std::string_view field) {
  std::vector<std::string> out;
  const JsonValue* v = r.values->find(field);
  for (const auto& item : v != nullptr && v->is_array() ? v->items : std::vector<JsonValue>{}) {
    if (item.is_string()) out.push_back(item.text);
  }
  return out;
}

void add_membership(Builder& b, const Resource& r) {
  bool per_user = r.type == "aws_iam_user_group_membership";
  std::vector<std::string> groups = per_user ? list_value(r, "groups") : std::vector<std::string>{};
  if (!per_user) {
    auto g = group_of(b, r, "group");
    if (g) groups.push_back(b.inv.groups[*g].name);
  }
  std::vector<std::size_t> users;
  if (per_user) {
    if (auto u = entity_of(b, r, "user", PrincipalKind::kUser)) users.push_back(*u);
  } else {
    for (const auto& name : list_value(r, "users")) {
      if (auto u = principal_named(b, PrincipalKind::kUser, name)) users.push_back(*u);
    }
  }
  if (groups.empty() || users.empty()) {
    b.plan.note(NoteKind::kPartial, r.pos, r.address + ": its users or groups are known only after apply");
  }
  for (std::size_t u : users) {
    for (const auto& g : groups) b.inv.principals[u].groups.push_back(g);
  }
}

}  // namespace

Status add_iam_entity(Builder& b, const Resource& r) {
  if (r.type == "aws_iam_policy") return add_policy(b, r);
  if (r.type == "aws_iam_role" || r.type == "aws_iam_user") return add_principal(b, r);
  if (r.type == "aws_iam_group") {
    Group g;
    g.name = string_value(r, "name").value_or(r.address);
    g.arn = iam_arn(b, r, "group", g.name);
    g.pos = SourcePos(b.plan.path, r.pos);
    b.groups[r.address] = b.inv.groups.size();
    b.inv.groups.push_back(std::move(g));
  }
  return Ok{};
}

Status add_iam_attachment(Builder& b, const Resource& r) {
  if (r.type == "aws_iam_role_policy") return attach(b, r, "role", true);
  if (r.type == "aws_iam_user_policy") return attach(b, r, "user", true);
  if (r.type == "aws_iam_group_policy") return attach(b, r, "group", true);
  if (r.type == "aws_iam_role_policy_attachment") return attach(b, r, "role", false);
  if (r.type == "aws_iam_user_policy_attachment") return attach(b, r, "user", false);
  if (r.type == "aws_iam_group_policy_attachment") return attach(b, r, "group", false);
  if (r.type == "aws_iam_user_group_membership" || r.type == "aws_iam_group_membership") add_membership(b, r);
  return Ok{};
}

}  // namespace kmsaccess::core::tf
