// References from the manifest to other inputs: policy and grant files (resolved against the
// manifest's folder, read once each) and the same documents written inline in YAML.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>

#include "core/loaders/grants_loader.h"
#include "core/loaders/manifest_internal.h"
#include "core/loaders/yaml_to_json.h"
#include "core/parallel.h"
#include "core/policy.h"

namespace kmsaccess::core::manifest {
namespace {

namespace fs = std::filesystem;

// Lexical containment: `full` and `folder` are both normalised. Absolute and relative paths
// never contain each other (the core does not ask the operating system for the working folder).
bool is_within(const fs::path& full, const fs::path& folder) {
  if (full.is_absolute() != folder.is_absolute()) return false;
  fs::path rel = full.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

// The manifest's folder, normalised (computed on first use).
const std::string& manifest_folder(Context& ctx) {
  if (ctx.folder.empty()) {
    fs::path folder = fs::path(ctx.file).parent_path();
    if (folder.empty()) folder = ".";
    ctx.folder = folder.lexically_normal().native();
  }
  return ctx.folder;
}

PolicyIndex add_policy(Context& ctx, PolicyDocument doc) {
  // Inventory::add_policy lives in inventory.cc; appending here keeps the loader independent of it.
  ctx.inventory.policies.push_back(std::move(doc));
  return ctx.inventory.policies.size() - 1;
}

}  // namespace

std::optional<std::string> join_plain_relative(std::string_view folder, std::string_view path) {
  if (path.empty() || path.front() == '/') return std::nullopt;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return std::nullopt;  // also a final '/'
    start = end + 1;
  }
  if (folder == ".") return std::string(path);  // lexically_normal drops a leading "./"
  std::string out(folder);
  if (out.back() != '/') out += '/';
  out += path;
  return out;
}

Result<std::string> resolve_path(Context& ctx, const YamlRef& path_node) {
  if (!path_node.is_scalar() || path_node.text().empty()) {
    return ctx.error(path_node, "expected a file path, found " +
                                    std::string(path_node.is_scalar() ? "an empty string" : describe(path_node)));
  }
  if (auto it = ctx.resolved_paths.find(path_node.text()); it != ctx.resolved_paths.end()) return it->second;
  if (auto joined = join_plain_relative(manifest_folder(ctx), path_node.text())) {
    return ctx.resolved_paths.emplace(path_node.text(), std::move(*joined)).first->second;
  }
  const fs::path folder(ctx.folder);
  fs::path full = (folder / fs::path(path_node.text())).lexically_normal();
  if (!ctx.options.allow_outside_paths && !is_within(full, folder)) {
    return ctx.error(path_node, "path escapes the manifest folder; pass --allow-outside-paths to allow it (" +
                                    path_node.text() + ")");
  }
  return ctx.resolved_paths.emplace(path_node.text(), full.generic_string()).first->second;
}

Result<PolicyIndex> load_policy_ref(Context& ctx, const Field& field, const YamlRef& node) {
  if (node.is_map()) {
    // Inline: positions point into the manifest, so the document is labelled with its path.
    auto json = yaml_to_json(node, ctx.file, ctx.options.limits.json.max_depth);
    if (!json) return json.error();
    auto doc = policy_from_json(*json, ctx.file, ctx.options.limits);
    if (!doc) return doc.error();
    return add_policy(ctx, std::move(*doc));
  }
  if (!node.is_scalar()) {
    return make_error("'" + field.name + "' must be a file path or an inline policy mapping, found " +
                          std::string(describe(node)),
                      node.is_null() ? field.where_value(ctx) : ctx.where(node));
  }
  auto path = resolve_path(ctx, node);
  if (!path) return path.error();
  if (auto it = ctx.policy_files.find(*path); it != ctx.policy_files.end()) return it->second;
  PolicyIndex index = add_policy(ctx, PolicyDocument{});  // filled by read_policy_files
  ctx.pending_files.push_back({*path, node, index});
  ctx.policy_files.emplace(*path, index);
  return index;
}

Status read_policy_files(Context& ctx) {
  auto failure = first_failure<Error>(ctx.pending_files.size(), ctx.options.threads,
                                      [&](std::size_t i) -> std::optional<Error> {
    const Context::PendingFile& file = ctx.pending_files[i];
    auto text = ctx.reader.read(file.path);
    if (!text) return ctx.error(file.node, text.error().message);
    auto doc = parse_policy(*text, file.path, ctx.options.limits);
    if (!doc) return doc.error();  // already positioned inside the policy file
    ctx.inventory.policies[file.index] = std::move(*doc);  // distinct elements: no lock
    return std::nullopt;
  });
  if (failure) return *failure;
  return Ok{};
}

Result<std::vector<PolicyIndex>> load_policy_list(Context& ctx, const Field* field) {
  std::vector<PolicyIndex> out;
  if (field == nullptr || field->value.is_null()) return out;
  if (!field->value.is_sequence()) {
    return make_error("'" + field->name + "' must be a list of policy paths or inline policies, found " +
                          std::string(describe(field->value)),
                      field->where_value(ctx));
  }
  out.reserve(field->value.size());
  for (std::uint32_t i = 0; i < field->value.size(); ++i) {
    auto index = load_policy_ref(ctx, *field, field->value.item(i));
    if (!index) return index.error();
    out.push_back(*index);
  }
  return out;
}

namespace {

// A grants file may hold grants of several keys (scanner dumps keep one list per key). A grant
// whose KeyId names another key would silently widen this key's access, so it is an error.
Status check_key_ids(const JsonValue& value, const Key& key, std::string_view file) {
  if (value.is_array()) {
    for (const auto& item : value.items) {
      if (auto ok = check_key_ids(item, key, file); !ok) return ok;
    }
    return Ok{};
  }
  if (!value.is_object()) return Ok{};
  if (const JsonValue* grants = value.find_ignore_case("Grants")) return check_key_ids(*grants, key, file);
  const JsonValue* key_id = value.find_ignore_case("KeyId");
  if (key_id == nullptr || !key_id->is_string()) return Ok{};
  if (key_id->text == key.arn || key_id->text == key.key_id) return Ok{};
  return make_error("grant is for key " + key_id->text + ", not for key '" + key.name + "' (" +
                        key.arn + ")",
                    SourcePos(std::string(file), key_id->pos));
}

}  // namespace

Result<std::vector<Grant>> load_grants_ref(Context& ctx, const Field& field, const Key& key) {
  if (field.value.is_null()) return std::vector<Grant>{};
  JsonValue json;
  std::string file = ctx.file;
  if (field.value.is_scalar()) {
    auto path = resolve_path(ctx, field.value);
    if (!path) return path.error();
    auto text = ctx.reader.read(*path);
    if (!text) return ctx.error(field.value, text.error().message);
    auto parsed = parse_json(*text, *path, ctx.options.limits.json);
    if (!parsed) return parsed.error();
    json = std::move(*parsed);
    file = *path;
  } else {
    auto converted = yaml_to_json(field.value, ctx.file, ctx.options.limits.json.max_depth);
    if (!converted) return converted.error();
    json = std::move(*converted);
  }
  auto grants = grants_from_json(json, file);
  if (!grants) return grants;
  if (auto ok = check_key_ids(json, key, file); !ok) return ok.error();
  return grants;
}

}  // namespace kmsaccess::core::manifest
