// `aws iam get-account-authorization-details`: users, groups and roles with their inline,
// attached managed and boundary policies. Pages in several files merge by ARN.
#include <algorithm>
#include <optional>

#include "core/arn.h"
#include "core/loaders/aws_folder_state.h"
#include "core/parallel.h"

namespace kmsaccess::core::aws {
namespace {

void collect(FolderState& st, const Doc& d, std::string_view list,
             std::map<std::string, IamEntity>& into) {
  const JsonValue* v = d.json->find(list);
  if (v == nullptr || !v->is_array()) return;
  for (std::size_t i = 0; i < v->items.size(); ++i) {
    const JsonValue& e = v->items[i];
    std::string arn = str_field(e, "Arn");
    if (arn.empty()) {
      st.report.add(NoteKind::kPartial, d.file->path,
                    std::string(list) + " item " + std::to_string(i) + " has no Arn; skipped");
      continue;
    }
    std::string pointer = pointer_join(pointer_join(d.pointer, list), i);
    auto [it, inserted] = into.try_emplace(arn, IamEntity{&e, d.file, pointer});
    if (!inserted && it->second.file != d.file) {
      st.report.add(NoteKind::kDuplicate, d.file->path,
                    arn + " also in " + it->second.file->path + " (overlapping pages); keeping the first");
    }
  }
}

// Reserves the policy's index; parse_pending_policies fills it.
PolicyIndex defer_policy(FolderState& st, const JsonValue& value, const ParsedFile& file, std::string pointer) {
  PolicyIndex index = st.inv.add_policy(PolicyDocument{});
  st.pending_policies.push_back({&value, &file, std::move(pointer), index});
  return index;
}

// The error is the first policy's in the order they were named, as if parsed one by one.
Status parse_pending_policies(FolderState& st) {
  auto failure = first_failure<Error>(st.pending_policies.size(), st.options.threads,
                                      [&](std::size_t i) -> std::optional<Error> {
    const FolderState::PendingPolicy& pending = st.pending_policies[i];
    auto doc = policy_at(st, *pending.value, *pending.file, pending.pointer);
    if (!doc) return doc.error();
    st.inv.policies[pending.index] = std::move(*doc);  // distinct elements: no lock
    return std::nullopt;
  });
  st.pending_policies.clear();
  if (failure) return *failure;
  return Ok{};
}

// The default version of a managed policy: IsDefaultVersion, else DefaultVersionId.
const JsonValue* default_version(const JsonValue& detail, std::size_t& index) {
  const JsonValue* versions = detail.find("PolicyVersionList");
  if (versions == nullptr || !versions->is_array()) return nullptr;
  std::string default_id = str_field(detail, "DefaultVersionId");
  for (std::size_t i = 0; i < versions->items.size(); ++i) {
    const JsonValue& v = versions->items[i];
    const JsonValue* is_default = v.find("IsDefaultVersion");
    bool yes = is_default != nullptr && is_default->is_bool() && is_default->boolean;
    if (yes || (!default_id.empty() && str_field(v, "VersionId") == default_id)) {
      index = i;
      return &v;
    }
  }
  return nullptr;
}

// A managed policy's index, reserved on first use; nullopt (noted) when not in any Policies[].
std::optional<PolicyIndex> managed_policy(FolderState& st, const std::string& arn, const IamEntity& user) {
  if (auto it = st.managed_index.find(arn); it != st.managed_index.end()) return it->second;
  auto it = st.managed.find(arn);
  std::size_t vi = 0;
  const JsonValue* version = it == st.managed.end() ? nullptr : default_version(*it->second.json, vi);
  const JsonValue* document = version == nullptr ? nullptr : version->find("Document");
  if (document == nullptr) {
    st.report.add(NoteKind::kMissingPolicy, user.file->path,
                  str_field(*user.json, "Arn") + " attaches " + arn +
                      (it == st.managed.end() ? ", which is in no Policies[] list (collect without --filter)"
                                              : ", whose default version has no Document"));
    return std::nullopt;
  }
  std::string pointer = pointer_join(pointer_join(pointer_join(it->second.pointer, "PolicyVersionList"), vi), "Document");
  PolicyIndex index = defer_policy(st, *document, *it->second.file, std::move(pointer));
  st.managed_index[arn] = index;
  return index;
}

// Inline policies (`inline_list`) and attached managed policies of a user, group or role.
std::vector<PolicyIndex> entity_policies(FolderState& st, const IamEntity& e, std::string_view inline_list) {
  std::vector<PolicyIndex> out;
  const JsonValue* list = e.json->find(inline_list);
  std::vector<const JsonValue*> inl = items(list);
  for (std::size_t i = 0; i < inl.size(); ++i) {
    const JsonValue* doc_value = inl[i]->find("PolicyDocument");
    if (doc_value == nullptr) continue;
    std::string pointer = pointer_join(pointer_join(pointer_join(e.pointer, inline_list), i), "PolicyDocument");
    out.push_back(defer_policy(st, *doc_value, *e.file, std::move(pointer)));
  }
  for (const JsonValue* attached : items(e.json->find("AttachedManagedPolicies"))) {
    if (auto index = managed_policy(st, str_field(*attached, "PolicyArn"), e)) out.push_back(*index);
  }
  return out;
}

Tags iam_tags(const JsonValue& e) {
  Tags tags;
  for (const JsonValue* t : items(e.find("Tags"))) tags[str_field(*t, "Key")] = str_field(*t, "Value");
  return tags;
}

void add_principal(FolderState& st, const IamEntity& e, PrincipalKind kind) {
  bool user = kind == PrincipalKind::kUser;
  Principal p;
  p.arn = str_field(*e.json, "Arn");
  p.kind = kind;
  p.name = str_field(*e.json, user ? "UserName" : "RoleName");
  if (auto arn = parse_arn(p.arn)) p.account = arn->account;
  if (user) p.user_name = p.name;
  p.unique_id = str_field(*e.json, user ? "UserId" : "RoleId");
  p.tags = iam_tags(*e.json);
  p.pos = SourcePos(e.file->path, e.json->pos);
  p.policies = entity_policies(st, e, user ? "UserPolicyList" : "RolePolicyList");
  if (const JsonValue* b = e.json->find("PermissionsBoundary"); b != nullptr && b->is_object()) {
    std::string boundary = str_field(*b, "PermissionsBoundaryArn");
    if (!boundary.empty()) {
      // A missing boundary is noted by managed_policy(); the principal then looks more
      // powerful than it may be, which errs towards showing access.
      p.boundary = managed_policy(st, boundary, e);
    }
  }
  for (const JsonValue* g : items(e.json->find("GroupList"))) {
    if (g->is_string()) p.groups.push_back(p.account + "/" + g->text);  // renamed in iam_finish
  }
  st.inv.principals.push_back(std::move(p));
}

}  // namespace

Status iam_authorization_details(FolderState& st, const Doc& d) {
  collect(st, d, "UserDetailList", st.users);
  collect(st, d, "GroupDetailList", st.groups);
  collect(st, d, "RoleDetailList", st.roles);
  const JsonValue* policies = d.json->find("Policies");
  if (policies != nullptr && policies->is_array()) {
    for (std::size_t i = 0; i < policies->items.size(); ++i) {
      const JsonValue& p = policies->items[i];
      std::string arn = str_field(p, "Arn");
      if (!arn.empty()) st.managed.try_emplace(arn, ManagedPolicy{&p, d.file, pointer_join(pointer_join(d.pointer, "Policies"), i)});
    }
  }
  return Ok{};
}

Status iam_finish(FolderState& st) {
  // Group names are unique per account only: qualify with the account when two accounts
  // share a name, and point users at the final name.
  std::map<std::string, std::string> group_names;  // "account/name" -> display name
  std::map<std::string, int> name_count;
  for (const auto& [arn, e] : st.groups) ++name_count[str_field(*e.json, "GroupName")];
  for (const auto& [arn, e] : st.groups) {
    Group g;
    g.arn = arn;
    std::string name = str_field(*e.json, "GroupName");
    std::string account = parse_arn(arn) ? parse_arn(arn)->account : "";
    g.name = name_count[name] > 1 ? name + "@" + account : name;
    g.pos = SourcePos(e.file->path, e.json->pos);
    g.policies = entity_policies(st, e, "GroupPolicyList");
    group_names[account + "/" + name] = g.name;
    st.inv.groups.push_back(std::move(g));
  }
  for (const auto& [arn, e] : st.users) add_principal(st, e, PrincipalKind::kUser);
  for (const auto& [arn, e] : st.roles) add_principal(st, e, PrincipalKind::kRole);
  if (auto s = parse_pending_policies(st); !s) return s;
  for (auto& p : st.inv.principals) {
    for (auto& g : p.groups) {
      auto it = group_names.find(g);
      if (it != group_names.end()) {
        g = it->second;
      } else {
        // Qualified by the user's account, so a group of the same name in another account of
        // the inputs is never taken for it.
        g = g.substr(g.find('/') + 1) + "@" + p.account;
        st.report.add(NoteKind::kMissingPolicy, "",
                      p.arn + " is in group " + g + ", which is in no GroupDetailList (its policies are unknown)");
      }
    }
  }
  return Ok{};
}

}  // namespace kmsaccess::core::aws
