#include "core/loaders/manifest_loader.h"

#include <array>
#include <optional>
#include <set>
#include <string>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#include "core/loaders/manifest_internal.h"
#include "core/loaders/yaml_subset_reader.h"
#include "core/loaders/yaml_to_json.h"

namespace kmsaccess::core {
namespace {

using manifest::Context;
using manifest::Field;
using manifest::Fields;

constexpr std::array<std::string_view, 9> kTopFields = {
    "version", "account", "region", "organization", "keys", "principals", "groups", "scps", "rcps"};
constexpr std::array<std::string_view, 3> kOrganizationFields = {"id", "management_account", "accounts"};

// Checked before anything else, so a manifest from a newer format says so instead of failing
// on the first field this version does not know.
Status check_version(const Context& ctx, const YamlRef& root) {
  if (!root.is_map()) return Ok{};
  for (std::uint32_t i = 0; i < root.size(); ++i) {
    if (!root.key(i).is_scalar() || root.key(i).text() != "version") continue;
    const YamlRef v = root.value(i);
    if (v.is_scalar() && v.text() == "1") continue;
    std::string found = v.is_scalar() ? "'" + v.text() + "'" : std::string(manifest::describe(v));
    Field field{root.key(i), v, "version"};
    return make_error("unsupported manifest version " + found + " (this kmsaccess reads version 1)",
                      field.where_value(ctx));
  }
  return Ok{};
}

Status load_header(Context& ctx, const Fields& top) {
  const Field* account = top.find("account");
  if (account == nullptr) return make_error("the manifest has no 'account' (the home account id)", SourcePos(ctx.file, 1, 1));
  auto account_id = manifest::read_account(ctx, *account);
  if (!account_id) return account_id.error();
  ctx.inventory.account = std::move(*account_id);
  auto region = manifest::read_optional_string(ctx, top.find("region"));
  if (!region) return region.error();
  ctx.inventory.region = std::move(*region);

  const Field* org = top.find("organization");
  if (org == nullptr || org->value.is_null()) return Ok{};
  auto f = Fields::read(ctx, org->value, "'organization'", kOrganizationFields);
  if (!f) return f.error();
  auto id = manifest::read_optional_string(ctx, f->find("id"));
  if (!id) return id.error();
  ctx.inventory.organization_id = std::move(*id);
  if (const Field* mgmt = f->find("management_account")) {
    auto mgmt_id = manifest::read_account(ctx, *mgmt);
    if (!mgmt_id) return mgmt_id.error();
    ctx.inventory.management_account = std::move(*mgmt_id);
  }
  auto members = manifest::read_account_list(ctx, f->find("accounts"));
  if (!members) return members.error();
  ctx.inventory.organization_accounts = std::move(*members);
  normalize_account_set(ctx.inventory.organization_accounts);
  return Ok{};
}

// Groups may be declared after the principals that use them, so names are checked at the end.
Status check_group_refs(const Context& ctx) {
  std::set<std::string_view> declared;
  for (const auto& g : ctx.inventory.groups) declared.insert(g.name);
  for (const auto& ref : ctx.group_refs) {
    if (declared.count(ref.text()) == 0) {
      return ctx.error(ref, "group '" + ref.text() + "' is not declared under 'groups'");
    }
  }
  return Ok{};
}

Status load_document(Context& ctx, const YamlRef& root) {
  if (root.is_null()) return make_error("the manifest is empty", SourcePos(ctx.file, 1, 1));
  if (auto ok = check_version(ctx, root); !ok) return ok;
  auto top = Fields::read(ctx, root, "the manifest", kTopFields);
  if (!top) return top.error();
  if (auto ok = load_header(ctx, *top); !ok) return ok;
  // Lists load in file order, so policy indexes and the first error reported follow the file.
  for (const Field& f : top->all()) {
    Status ok = Ok{};
    if (f.name == "keys") {
      ok = manifest::load_keys(ctx, f);
    } else if (f.name == "principals") {
      ok = manifest::load_principals(ctx, f);
    } else if (f.name == "groups") {
      ok = manifest::load_groups(ctx, f);
    } else if (f.name == "scps") {
      ok = manifest::load_org_policies(ctx, f, ctx.inventory.scps);
    } else if (f.name == "rcps") {
      ok = manifest::load_org_policies(ctx, f, ctx.inventory.rcps);
    }
    if (!ok) return ok;
  }
  return check_group_refs(ctx);
}

// yaml-cpp reports syntax errors as exceptions; they stop here, converted to positioned errors.
Result<YamlTree> read_with_yaml_cpp(std::string_view yaml_text, std::string_view path) {
  try {
    return read_yaml_with_yaml_cpp(yaml_text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops at 2000 levels (its own guard against stack overflow) with "bad file".
    Pos p = yaml_pos(e.mark);
    return make_error("invalid YAML: nested " + std::to_string(e.depth()) +
                          " levels deep (yaml-cpp's limit; a manifest needs a handful)",
                      SourcePos(std::string(path), p.line == 0 ? Pos{1, 1} : p));
  } catch (const YAML::Exception& e) {
    Pos p = yaml_pos(e.mark);
    return make_error("invalid YAML: " + e.msg, SourcePos(std::string(path), p.line == 0 ? Pos{1, 1} : p));
  }
}

}  // namespace

Result<Inventory> parse_manifest(std::string_view yaml_text, std::string_view path,
                                 const SourceReader& reader, const ManifestOptions& options) {
  if (yaml_text.size() > options.limits.json.max_bytes) {
    return make_error("file is " + std::to_string(yaml_text.size()) + " bytes, over the limit of " +
                          std::to_string(options.limits.json.max_bytes) + " (raise it with --max-file-size)",
                      SourcePos(std::string(path), 1, 1));
  }
  // Manifests as people and generators write them take the fast reader; whatever it declines
  // goes to yaml-cpp, which gives the same tree (yaml_subset_reader_diff_test.cc) about 30 times
  // slower, so unusual files load, and fail, exactly as they always have.
  std::optional<YamlTree> fast = read_yaml_subset(yaml_text);
  Result<YamlTree> tree = fast ? Result<YamlTree>(std::move(*fast)) : read_with_yaml_cpp(yaml_text, path);
  if (!tree) return tree.error();
  Inventory inventory;
  Context ctx{std::string(path), reader, options, inventory, {}, {}, {}, {}, {}};
  if (tree->documents.size() > 1) {
    return ctx.error(YamlRef(*tree, tree->documents[1]),
                     "the manifest holds more than one YAML document ('---'); use one");
  }
  if (tree->documents.empty()) return make_error("the manifest is empty", SourcePos(ctx.file, 1, 1));
  Status walked = load_document(ctx, YamlRef(*tree, tree->documents[0]));
  // Every file named before the walk stopped comes before its error in file order.
  if (auto files = manifest::read_policy_files(ctx); !files) return files.error();
  if (!walked) return walked.error();
  return inventory;
}

Result<Inventory> load_manifest(std::string_view path, const SourceReader& reader,
                                const ManifestOptions& options) {
  auto text = reader.read(path);
  if (!text) return text.error();
  return parse_manifest(*text, path, reader, options);
}

}  // namespace kmsaccess::core
