// `aws organizations` outputs: describe-policy (SCP/RCP content), list-policies (summaries only:
// gaps), list-targets-for-policy (which accounts a policy applies to), describe-organization,
// list-accounts (the member accounts).
#include <algorithm>

#include "core/arn.h"
#include "core/loaders/aws_folder_state.h"

namespace kmsaccess::core::aws {
namespace {

bool is_policy_id(std::string_view name) {
  return name.size() > 2 && name.substr(0, 2) == "p-";
}

bool wanted_type(std::string_view type) {
  return type == "SERVICE_CONTROL_POLICY" || type == "RESOURCE_CONTROL_POLICY";
}

OrgPolicyFacts* summary(FolderState& st, const Doc& d, const JsonValue& s) {
  std::string type = str_field(s, "Type");
  std::string id = str_field(s, "Id");
  if (!wanted_type(type) || id.empty()) return nullptr;  // tag, backup, AI opt-out policies
  OrgPolicyFacts& f = st.org_policies[id];
  f.id = id;
  f.type = type;
  f.name = str_field(s, "Name");
  f.arn = str_field(s, "Arn");
  if (f.file == nullptr) {
    f.file = d.file;
    f.pos = s.pos;
  }
  return &f;
}

}  // namespace

Status org_describe_policy(FolderState& st, const Doc& d) {
  const JsonValue& policy = *d.json->find("Policy");
  const JsonValue* s = policy.find("PolicySummary");
  if (s == nullptr || !s->is_object()) {
    st.report.add(NoteKind::kUnrecognisedFile, d.file->path, "organizations policy without PolicySummary");
    return Ok{};
  }
  OrgPolicyFacts* f = summary(st, d, *s);
  if (f == nullptr) {
    st.report.add(NoteKind::kIgnoredFile, d.file->path,
                  "organizations policy of type " + str_field(*s, "Type") + " does not govern KMS access");
    return Ok{};
  }
  if (const JsonValue* content = policy.find("Content"); content != nullptr && f->content == nullptr) {
    f->content = content;
    f->file = d.file;
    f->pos = content->pos;
    f->content_pointer = pointer_join(pointer_join(d.pointer, "Policy"), "Content");
  }
  return Ok{};
}

Status org_list_policies(FolderState& st, const Doc& d) {
  for (const JsonValue* s : items(d.json->find("Policies"))) summary(st, d, *s);
  return Ok{};
}

Status org_targets(FolderState& st, const Doc& d) {
  std::string id = str_field(*d.json, "PolicyId");
  if (id.empty()) id = nearest_folder_named(st, *d.file, is_policy_id);
  auto it = st.org_policies.find(id);
  if (id.empty() || it == st.org_policies.end()) {
    st.report.add(NoteKind::kUnattributedFile, d.file->path,
                  id.empty() ? "list-targets-for-policy output names no policy: put it in a folder named by the "
                               "policy id (policies/p-.../)"
                             : "targets of " + id + ", which no describe-policy or list-policies output names");
    return Ok{};
  }
  OrgPolicyFacts& f = it->second;
  f.targets_known = true;
  for (const JsonValue* t : items(d.json->find("Targets"))) {
    std::string type = str_field(*t, "Type");
    std::string target = str_field(*t, "TargetId");
    if (type == "ROOT") {
      f.targets_root = true;
    } else if (type == "ACCOUNT") {
      f.accounts.push_back(target);
    } else {
      f.other_targets.push_back(target);
    }
  }
  return Ok{};
}

Status org_describe_organization(FolderState& st, const Doc& d) {
  const JsonValue& org = *d.json->find("Organization");
  st.inv.organization_id = str_field(org, "Id");
  st.inv.management_account = str_field(org, "MasterAccountId");
  return Ok{};
}

Status org_list_accounts(FolderState& st, const Doc& d) {
  // Suspended and closing accounts are still members: SCPs keep applying to them. Each page is
  // its own file; org_finish checks that the last one is there.
  for (const JsonValue* a : items(d.json->find("Accounts"))) {
    std::string id = str_field(*a, "Id");
    if (is_account_id(id)) st.inv.organization_accounts.push_back(id);
  }
  ++st.account_pages;
  if (const JsonValue* next = d.json->find("NextToken"); next != nullptr && next->is_string()) {
    ++st.account_pages_continued;
  }
  normalize_account_set(st.inv.organization_accounts);
  return Ok{};
}

namespace {

// An account left out of the member list is read as outside the organisation (not its SCPs, and
// an aws:PrincipalOrgID other than its id), so a list with a page missing is not used at all.
void check_account_pages(FolderState& st) {
  if (st.account_pages == 0 || st.account_pages_continued < st.account_pages) return;
  st.report.add(NoteKind::kPartial, "organizations",
                "every list-accounts page ends with a NextToken, so a page is missing: the member accounts "
                "are taken as unknown");
  st.inv.organization_accounts.clear();
}

}  // namespace

Status org_finish(FolderState& st) {
  check_account_pages(st);
  for (auto& [id, f] : st.org_policies) {
    std::string where = f.file != nullptr ? f.file->path : "";
    if (f.content == nullptr) {
      st.report.add(NoteKind::kMissingPolicy, where,
                    f.type + " " + id + " (" + f.name + ") is listed but its content is unknown (run describe-policy)");
      continue;
    }
    OrgPolicy op;
    op.name = f.name.empty() ? id : f.name;
    op.pos = SourcePos(where, f.pos);
    if (f.targets_known && !f.targets_root) {
      if (!f.other_targets.empty()) {
        st.report.add(NoteKind::kPartial, where,
                      id + " is attached to organizational units whose accounts are unknown; applied only to "
                           "the accounts it is attached to directly");
      }
      if (f.accounts.empty()) continue;
      std::sort(f.accounts.begin(), f.accounts.end());
      op.accounts = f.accounts;
    } else if (!f.targets_known) {
      st.report.add(NoteKind::kPartial, where, id + " has no list-targets-for-policy output; applied to every account");
    }
    auto doc = policy_at(st, *f.content, *f.file, f.content_pointer);
    if (!doc) return doc.error();
    op.policy = st.inv.add_policy(std::move(*doc));
    (f.type == "SERVICE_CONTROL_POLICY" ? st.inv.scps : st.inv.rcps).push_back(std::move(op));
  }
  return Ok{};
}

}  // namespace kmsaccess::core::aws
