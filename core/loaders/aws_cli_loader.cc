#include "core/loaders/aws_cli_loader.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <utility>

#include "core/inventory_merge.h"
#include "core/loaders/aws_folder_state.h"
#include "core/parallel.h"

namespace kmsaccess::core {

std::string_view to_string(NoteKind kind) {
  switch (kind) {
    case NoteKind::kUnrecognisedFile: return "unrecognised";
    case NoteKind::kIgnoredFile: return "ignored";
    case NoteKind::kUnattributedFile: return "unattributed";
    case NoteKind::kMissingPolicy: return "missing-policy";
    case NoteKind::kUnattachedAlias: return "unattached-alias";
    case NoteKind::kDuplicate: return "duplicate";
    case NoteKind::kPartial: return "partial";
    case NoteKind::kNoKeyPolicy: return "no-key-policy";
  }
  return "unknown";
}

std::string LoadNote::to_string() const { return file.empty() ? message : file + ": " + message; }

namespace aws {
namespace {

enum class Shape {
  kUnknown, kIgnored, kListKeys, kDescribeKey, kKeyPolicy, kBarePolicy, kListKeyPolicies,
  kGrants, kAliases, kTags, kRotation, kIamDetails, kOrgDescribePolicy, kOrgListPolicies,
  kOrgTargets, kOrganization, kOrgAccounts, kCallerIdentity,
};

bool has(const JsonValue& v, std::string_view key) { return v.find(key) != nullptr; }

bool array_of_objects_with(const JsonValue* v, std::string_view key) {
  if (v == nullptr || !v->is_array()) return false;
  return std::all_of(v->items.begin(), v->items.end(),
                     [&](const JsonValue& i) { return i.is_object() && has(i, key); });
}

// Decides from the fields present which AWS output `v` is; `why` explains kUnknown/kIgnored.
Shape classify(const JsonValue& v, std::string& why) {
  if (!v.is_object()) {
    why = std::string("top-level ") + json_kind_name(v.kind) + " is not an AWS CLI output";
    return Shape::kUnknown;
  }
  if (has(v, "KeyMetadata")) return Shape::kDescribeKey;
  if (array_of_objects_with(v.find("Keys"), "KeyId")) return Shape::kListKeys;
  if (const JsonValue* p = v.find("Policy")) {
    if (p->is_string()) return Shape::kKeyPolicy;
    if (p->is_object() && (has(*p, "Content") || has(*p, "PolicySummary"))) return Shape::kOrgDescribePolicy;
  }
  if (has(v, "Statement")) return Shape::kBarePolicy;
  if (has(v, "PolicyNames")) return Shape::kListKeyPolicies;
  if (v.find("Grants") != nullptr && v.find("Grants")->is_array()) return Shape::kGrants;
  if (array_of_objects_with(v.find("Aliases"), "AliasName")) return Shape::kAliases;
  if (array_of_objects_with(v.find("Tags"), "TagKey")) return Shape::kTags;
  if (has(v, "KeyRotationEnabled")) return Shape::kRotation;
  if (has(v, "UserDetailList") || has(v, "GroupDetailList") || has(v, "RoleDetailList") ||
      array_of_objects_with(v.find("Policies"), "PolicyVersionList")) {
    return Shape::kIamDetails;
  }
  if (array_of_objects_with(v.find("Policies"), "Type")) return Shape::kOrgListPolicies;
  if (array_of_objects_with(v.find("Targets"), "TargetId")) return Shape::kOrgTargets;
  if (const JsonValue* o = v.find("Organization"); o != nullptr && o->is_object()) return Shape::kOrganization;
  if (array_of_objects_with(v.find("Accounts"), "Id")) return Shape::kOrgAccounts;
  if (has(v, "Account") && has(v, "Arn") && has(v, "UserId")) return Shape::kCallerIdentity;
  if (has(v, "Role") || has(v, "User")) {
    why = "iam get-role/get-user output lacks the attached policies; use iam get-account-authorization-details";
    return Shape::kIgnored;
  }
  if (has(v, "Results") && has(v, "QueryInfo")) {
    why = "AWS Config query results are not supported yet; use the kms/iam CLI outputs";
    return Shape::kIgnored;
  }
  why = "not a recognised AWS CLI output (top-level fields:";
  for (std::size_t i = 0; i < v.members.size() && i < 5; ++i) why += " " + v.members[i].key;
  why += ")";
  return Shape::kUnknown;
}

bool is_json_file(std::string_view path) {
  return path.size() > 5 && path.substr(path.size() - 5) == ".json";
}

struct Classified {
  Doc doc;
  Shape shape;
};

// Unwraps placebo recordings and expands top-level arrays (several outputs in one file).
void collect_docs(FolderState& st, const ParsedFile& file, std::vector<Classified>& out) {
  Doc d{&file, &file.root, ""};
  if (d.json->is_object() && has(*d.json, "status_code") && has(*d.json, "data")) {
    d.json = d.json->find("data");
    d.pointer = "/data";
  }
  if (d.json->is_array() && !d.json->items.empty()) {
    std::vector<Classified> parts;
    for (std::size_t i = 0; i < d.json->items.size(); ++i) {
      std::string why;
      Doc item{&file, &d.json->items[i], pointer_join(d.pointer, i)};
      Shape s = classify(*item.json, why);
      if (s == Shape::kUnknown || s == Shape::kIgnored) {
        st.report.add(s == Shape::kUnknown ? NoteKind::kUnrecognisedFile : NoteKind::kIgnoredFile,
                      file.path, "item " + std::to_string(i) + ": " + why);
        continue;
      }
      parts.push_back({item, s});
    }
    out.insert(out.end(), parts.begin(), parts.end());
    return;
  }
  std::string why;
  Shape s = classify(*d.json, why);
  if (s == Shape::kUnknown) st.report.add(NoteKind::kUnrecognisedFile, file.path, why);
  if (s == Shape::kIgnored) st.report.add(NoteKind::kIgnoredFile, file.path, why);
  if (s != Shape::kUnknown && s != Shape::kIgnored) out.push_back({d, s});
}

Status caller_identity(FolderState& st, const Doc& d) {
  std::string account = str_field(*d.json, "Account");
  if (!account.empty()) st.caller_accounts.push_back(account);
  return Ok{};
}

// Phase 1 names keys, IAM entities and org policies; phase 2 attributes per-key outputs,
// which may need a key named by a file that sorts after them.
Status run_phase(FolderState& st, const Classified& c, int phase) {
  const Doc& d = c.doc;
  if (phase == 1) {
    switch (c.shape) {
      case Shape::kListKeys: return kms_list_keys(st, d);
      case Shape::kDescribeKey: return kms_describe_key(st, d);
      case Shape::kAliases: return kms_aliases(st, d);
      case Shape::kGrants: return kms_grants_register(st, d);
      case Shape::kIamDetails: return iam_authorization_details(st, d);
      case Shape::kOrgDescribePolicy: return org_describe_policy(st, d);
      case Shape::kOrgListPolicies: return org_list_policies(st, d);
      case Shape::kOrganization: return org_describe_organization(st, d);
      case Shape::kOrgAccounts: return org_list_accounts(st, d);
      case Shape::kCallerIdentity: return caller_identity(st, d);
      default: return Ok{};
    }
  }
  switch (c.shape) {
    case Shape::kGrants: return kms_grants_attach(st, d);
    case Shape::kKeyPolicy: return kms_key_policy(st, d, false);
    case Shape::kBarePolicy: return kms_key_policy(st, d, true);
    case Shape::kTags: return kms_tags(st, d);
    case Shape::kRotation: return kms_rotation(st, d);
    case Shape::kListKeyPolicies: return kms_list_key_policies(st, d);
    case Shape::kOrgTargets: return org_targets(st, d);
    default: return Ok{};
  }
}

// The paginated outputs, by name, for notes; nullptr for outputs that are not paginated here
// (list-accounts has its own check, which also drops the incomplete list).
const char* paginated_output(Shape s) {
  switch (s) {
    case Shape::kListKeys: return "kms list-keys";
    case Shape::kGrants: return "kms list-grants";
    case Shape::kAliases: return "kms list-aliases";
    case Shape::kTags: return "kms list-resource-tags";
    case Shape::kIamDetails: return "iam get-account-authorization-details";
    case Shape::kOrgListPolicies: return "organizations list-policies";
    case Shape::kOrgTargets: return "organizations list-targets-for-policy";
    default: return nullptr;
  }
}

// A page that says another follows: KMS "Truncated"/"NextMarker", IAM "IsTruncated",
// Organizations "NextToken".
bool says_more_follow(const JsonValue& v) {
  auto flag = [&](std::string_view key) {
    const JsonValue* f = v.find(key);
    return f != nullptr && f->is_bool() && f->boolean;
  };
  auto token = [&](std::string_view key) {
    const JsonValue* t = v.find(key);
    return t != nullptr && t->is_string() && !t->text.empty();
  };
  return flag("Truncated") || flag("IsTruncated") || token("NextMarker") || token("NextToken");
}

// When every page of one output in a folder says another follows, the last page is missing:
// grants, aliases or policies on it would be silently absent, so it is a `partial` gap.
void note_missing_pages(FolderState& st, const std::vector<Classified>& docs) {
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> pages;  // -> (all, continued)
  for (const auto& c : docs) {
    const char* name = paginated_output(c.shape);
    if (name == nullptr) continue;
    auto& [all, continued] = pages[{c.doc.file->folder, name}];
    ++all;
    if (says_more_follow(*c.doc.json)) ++continued;
  }
  for (const auto& [where, counts] : pages) {
    if (counts.second < counts.first) continue;
    st.report.add(NoteKind::kPartial, where.first,
                  "every " + where.second + " page here says more follow, so the last page is missing: what it "
                  "holds is not in the inventory");
  }
}

// kmsaccess-collect's errors.txt: "file<TAB>command<TAB>exit N<TAB>message" per failed call.
// Each is a gap (e.g. a key policy denied), so it is shown next to the inventory.
void note_collector_errors(FolderState& st, std::string_view text) {
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    auto tab = line.find('\t');
    if (line.empty() || tab == std::string_view::npos) continue;
    auto last = line.rfind('\t');
    st.report.add(NoteKind::kPartial, st.dir + "/" + std::string(line.substr(0, tab)),
                  "not collected: " + std::string(line.substr(last + 1)));
  }
}

// The home account: the one sts get-caller-identity named, else the most common account.
std::string home_account(const FolderState& st) {
  std::map<std::string, int> counts;
  for (const auto& a : st.caller_accounts) counts[a] += 1000;
  for (const auto& k : st.inv.keys) ++counts[k.account];
  for (const auto& p : st.inv.principals) ++counts[p.account];
  std::string best;
  int best_count = 0;
  for (const auto& [account, n] : counts) {  // map order: ties go to the smallest id
    if (!account.empty() && n > best_count) {
      best = account;
      best_count = n;
    }
  }
  return best;
}

}  // namespace
}  // namespace aws

Result<AwsLoadResult> load_aws_cli_folder(std::string_view dir, const SourceReader& reader,
                                          const AwsLoadOptions& options) {
  if (!reader.is_directory(dir)) return make_error("--from-aws " + std::string(dir) + ": not a directory");
  auto listed = reader.list(dir);
  if (!listed) return listed.error();
  aws::FolderState st;
  st.dir = std::string(dir);
  st.options = options;
  // JSON files are read and parsed on several threads; the first failure in listing order is
  // the one reported, as when they are read one by one.
  std::vector<std::optional<Result<JsonValue>>> parsed(listed->size());
  for_each_index(listed->size(), options.threads, [&](std::size_t i) {
    const std::string& path = (*listed)[i];
    if (path == st.dir + "/errors.txt" || !aws::is_json_file(path)) return;
    auto text = reader.read(path);
    parsed[i] = text ? parse_json(*text, path, options.limits.json) : Result<JsonValue>(text.error());
  });
  std::deque<aws::ParsedFile> files;  // stable addresses: handlers keep pointers into them
  for (std::size_t i = 0; i < listed->size(); ++i) {
    const std::string& path = (*listed)[i];
    if (path == st.dir + "/errors.txt") {
      auto text = reader.read(path);
      if (!text) return text.error();
      aws::note_collector_errors(st, *text);
      continue;
    }
    if (!parsed[i]) continue;  // not a JSON file
    if (!*parsed[i]) return parsed[i]->error();
    auto slash = path.rfind('/');
    files.push_back({path, slash == std::string::npos ? "" : path.substr(0, slash), std::move(**parsed[i])});
    parsed[i].reset();
  }
  if (files.empty() && st.report.notes.empty()) {
    // An empty or mistaken folder would otherwise answer "nobody has access", exit 0.
    return make_error("--from-aws " + std::string(dir) +
                      ": no JSON file in this folder or below (expected AWS CLI outputs, see docs/inputs.md)");
  }
  std::vector<aws::Classified> docs;
  for (const auto& f : files) aws::collect_docs(st, f, docs);
  aws::note_missing_pages(st, docs);
  for (int phase = 1; phase <= 2; ++phase) {
    for (const auto& c : docs) {
      auto status = aws::run_phase(st, c, phase);
      if (!status) return status.error();
    }
  }
  aws::kms_finish(st);
  if (auto s = aws::iam_finish(st); !s) return s.error();
  if (auto s = aws::org_finish(st); !s) return s.error();
  st.inv.account = aws::home_account(st);
  std::map<std::string, int> regions;
  for (const auto& k : st.inv.keys) ++regions[k.region];
  if (regions.size() == 1) st.inv.region = regions.begin()->first;
  assign_unique_names(st.inv);
  return AwsLoadResult{std::move(st.inv), std::move(st.report)};
}

}  // namespace kmsaccess::core
