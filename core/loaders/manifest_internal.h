// Shared by the manifest loader's files: the loading context, field access with positions,
// path resolution and policy/grant references. Not part of the API (see manifest_loader.h).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/inventory.h"
#include "core/loaders/manifest_loader.h"
#include "core/loaders/yaml_tree.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::core::manifest {

struct Context {
  std::string file;  // the manifest path as given; labels every position in the manifest
  const SourceReader& reader;
  const ManifestOptions& options;
  Inventory& inventory;
  std::unordered_map<std::string, PolicyIndex> policy_files;  // normalised path -> index: read once
  // Group names used by principals, checked once every group is declared (any order is fine).
  std::vector<YamlRef> group_refs;
  // A path as written -> resolved: thousands of principals name the same few managed policies,
  // and std::filesystem's lexical normalisation took a sixth of the load (docs/manifest.md).
  std::unordered_map<std::string, std::string> resolved_paths;
  std::string folder;  // the manifest's folder, normalised; computed on first use
  // Policy files named during the walk, each with the index it will fill; read and parsed
  // afterwards on options.threads threads (read_policy_files).
  struct PendingFile {
    std::string path;  // resolved
    YamlRef node;      // the manifest value naming it, for read errors
    PolicyIndex index;
  };
  std::vector<PendingFile> pending_files;

  SourcePos where(const YamlRef& node) const;
  Error error(const YamlRef& node, std::string message) const;
};

// One `name: value` entry of a mapping; the key node gives positions for empty values.
struct Field {
  YamlRef key;
  YamlRef value;
  std::string name;
  SourcePos where_value(const Context& ctx) const;  // the value, or the key when the value is empty
};

// A mapping's entries by name. Unknown and repeated names are errors at the key.
class Fields {
 public:
  static Result<Fields> read(const Context& ctx, const YamlRef& map, std::string_view what,
                             std::span<const std::string_view> known);
  const Field* find(std::string_view name) const;
  const std::vector<Field>& all() const { return fields_; }  // in file order

 private:
  std::vector<Field> fields_;
};

// "a mapping", "a list", "a string", "nothing": for "must be ..., found ..." messages.
std::string_view describe(const YamlRef& node);

Result<std::string> read_string(const Context& ctx, const Field& field);  // non-empty scalar text
Result<std::string> read_optional_string(const Context& ctx, const Field* field);
Result<bool> read_bool(const Context& ctx, const Field& field);
Result<std::vector<std::string>> read_string_list(const Context& ctx, const Field* field);
Result<Tags> read_tags(const Context& ctx, const Field* field);
Result<std::string> read_account(const Context& ctx, const Field& field);  // 12 digits, as text
// A list of 12-digit account ids, in file order; empty when the field is absent or null.
Result<std::vector<std::string>> read_account_list(const Context& ctx, const Field* field);
// A required string field; `what` names the entity for the message ("key", "principal").
Result<std::string> require_string(const Context& ctx, const Fields& fields, const YamlRef& map,
                                   std::string_view name, std::string_view what);

// Resolves a relative path against the manifest folder (lexically) and enforces the folder rule.
Result<std::string> resolve_path(Context& ctx, const YamlRef& path_node);

// `folder` (lexically normal) joined with `path` when `path` is relative with no empty, "." or
// ".." segment: then that is the string std::filesystem's lexically_normal gives, and the path
// stays inside the folder. std::nullopt for any other path (std::filesystem handles those).
std::optional<std::string> join_plain_relative(std::string_view folder, std::string_view path);

// A policy given as a path (read and parsed once per normalised path, by read_policy_files) or
// as an inline mapping (parsed now).
Result<PolicyIndex> load_policy_ref(Context& ctx, const Field& field, const YamlRef& node);

// Reads and parses every pending policy file into its index. The error is that of the first
// file in the order they were named, whatever the number of threads.
Status read_policy_files(Context& ctx);
Result<std::vector<PolicyIndex>> load_policy_list(Context& ctx, const Field* field);

// Grants given as a path to a list-grants file or inline; KeyId, when present, must name `key`.
Result<std::vector<Grant>> load_grants_ref(Context& ctx, const Field& field, const Key& key);

// The entity lists (manifest_entities.cc), appended to ctx.inventory in declaration order.
Status load_keys(Context& ctx, const Field& field);
Status load_principals(Context& ctx, const Field& field);
Status load_groups(Context& ctx, const Field& field);
Status load_org_policies(Context& ctx, const Field& field, std::vector<OrgPolicy>& out);

}  // namespace kmsaccess::core::manifest
