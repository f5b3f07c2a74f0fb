// Internal to the AWS CLI folder loader: the facts gathered from every file before the
// inventory is assembled, shared by the per-service shape handlers (aws_*_shapes.cc).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inventory.h"
#include "core/json.h"
#include "core/loaders/aws_cli_loader.h"
#include "core/loaders/load_report.h"
#include "core/result.h"

namespace kmsaccess::core::aws {

struct ParsedFile {
  std::string path;    // as listed by the reader; used in positions and notes
  std::string folder;  // path without the file name
  JsonValue root;      // whole document
};

// One AWS output inside a file: the whole document, an unwrapped placebo "data", or an array item.
struct Doc {
  const ParsedFile* file = nullptr;
  const JsonValue* json = nullptr;
  std::string pointer;  // JSON pointer of `json` inside the file ("" for the root)
};

struct KeyFacts {
  Key key;
  std::vector<std::string> folders;  // folders of files that named this key by ARN
  bool manager_known = false;
  std::string policy_file;           // the file its policy came from, for duplicate notes
};

struct IamEntity {
  const JsonValue* json = nullptr;
  const ParsedFile* file = nullptr;
  std::string pointer;  // "/UserDetailList/3"
};

struct ManagedPolicy {
  const JsonValue* json = nullptr;  // ManagedPolicyDetail
  const ParsedFile* file = nullptr;
  std::string pointer;
};

struct OrgPolicyFacts {
  std::string id, name, type, arn;
  const JsonValue* content = nullptr;  // Policy.Content (string), nullptr if only listed
  std::string content_pointer;
  const ParsedFile* file = nullptr;
  Pos pos;
  bool targets_known = false;
  bool targets_root = false;
  std::vector<std::string> accounts;
  std::vector<std::string> other_targets;  // OUs
};

struct FolderState {
  std::string dir;
  AwsLoadOptions options;
  Inventory inv;
  LoadReport report;
  std::map<std::string, KeyFacts> keys;  // by key ARN
  std::map<std::string, IamEntity> users, roles, groups;  // by ARN
  std::map<std::string, ManagedPolicy> managed;           // by policy ARN
  std::map<std::string, PolicyIndex> managed_index;       // parsed on first use
  std::map<std::string, OrgPolicyFacts> org_policies;     // by policy id
  std::vector<std::string> caller_accounts;               // sts get-caller-identity
  std::size_t account_pages = 0;                          // organizations list-accounts outputs
  std::size_t account_pages_continued = 0;                // ... of which end with a NextToken
  // IAM policy documents named while principals are assembled; iam_finish parses them
  // together, on options.threads threads, each into its reserved index.
  struct PendingPolicy {
    const JsonValue* value = nullptr;
    const ParsedFile* file = nullptr;
    std::string pointer;
    PolicyIndex index = 0;
  };
  std::vector<PendingPolicy> pending_policies;

  KeyFacts& key_by_arn(std::string_view arn, const ParsedFile& file);
  // A key id or ARN named by (or implied by the folder of) `file`: the ARN, or nullopt
  // with `why` filled when no key or several keys match.
  std::optional<std::string> resolve_key(std::string_view id_or_arn, const ParsedFile& file,
                                         std::string& why) const;
};

// Helpers shared by the shape handlers.
std::string str_field(const JsonValue& obj, std::string_view key);
std::vector<const JsonValue*> items(const JsonValue* value);  // array items, or a single object
std::string pointer_join(std::string_view base, std::string_view key);
std::string pointer_join(std::string_view base, std::size_t index);
bool is_key_id(std::string_view text);  // UUID or mrk-<32 hex>
// The nearest folder of `file` (below the loaded dir) whose name satisfies `pred`.
std::string nearest_folder_named(const FolderState& st, const ParsedFile& file,
                                 bool (*pred)(std::string_view));
// Parses a policy value (object, embedded string or URL-encoded string) found at `pointer`.
Result<PolicyDocument> policy_at(const FolderState& st, const JsonValue& value,
                                 const ParsedFile& file, std::string_view pointer);

// Phase 1 handlers name keys, principals and policies; phase 2 handlers attach per-key facts.
Status kms_list_keys(FolderState& st, const Doc& d);
Status kms_describe_key(FolderState& st, const Doc& d);
Status kms_aliases(FolderState& st, const Doc& d);
Status kms_grants_register(FolderState& st, const Doc& d);
Status kms_grants_attach(FolderState& st, const Doc& d);
Status kms_key_policy(FolderState& st, const Doc& d, bool bare);
Status kms_tags(FolderState& st, const Doc& d);
Status kms_rotation(FolderState& st, const Doc& d);
Status kms_list_key_policies(FolderState& st, const Doc& d);
void kms_finish(FolderState& st);

Status iam_authorization_details(FolderState& st, const Doc& d);
Status iam_finish(FolderState& st);

Status org_describe_policy(FolderState& st, const Doc& d);
Status org_list_policies(FolderState& st, const Doc& d);
Status org_targets(FolderState& st, const Doc& d);
Status org_describe_organization(FolderState& st, const Doc& d);
Status org_list_accounts(FolderState& st, const Doc& d);
Status org_finish(FolderState& st);

}  // namespace kmsaccess::core::aws
