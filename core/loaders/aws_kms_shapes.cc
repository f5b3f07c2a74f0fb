// `aws kms` outputs: list-keys, describe-key, list-aliases, list-grants, get-key-policy,
// list-resource-tags, get-key-rotation-status, list-key-policies.
#include <algorithm>

#include "core/arn.h"
#include "core/loaders/aws_folder_state.h"
#include "core/loaders/grants_loader.h"

namespace kmsaccess::core::aws {
namespace {

std::optional<std::string> opt_field(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.find(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return v->text;
}

std::optional<bool> bool_field(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.find(key);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->boolean;
}

// The key a per-key output belongs to: its own KeyId/KeyArn field, else the nearest folder
// named like a key id (the collector's keys/<KeyId>/ layout). Notes the file when unknown.
std::optional<std::string> attribute(FolderState& st, const Doc& d, std::string_view what) {
  std::string named = str_field(*d.json, "KeyArn");
  if (named.empty()) named = str_field(*d.json, "KeyId");
  if (named.empty()) named = nearest_folder_named(st, *d.file, is_key_id);
  if (named.empty()) {
    st.report.add(NoteKind::kUnattributedFile, d.file->path,
                  std::string(what) + " names no key: put it in a folder named by the KeyId "
                  "(keys/<KeyId>/) or add a KeyId field");
    return std::nullopt;
  }
  std::string why;
  auto arn = st.resolve_key(named, *d.file, why);
  if (!arn) st.report.add(NoteKind::kUnattributedFile, d.file->path, std::string(what) + ": " + why);
  return arn;
}

void add_alias(KeyFacts& k, const std::string& alias) {
  if (std::find(k.key.aliases.begin(), k.key.aliases.end(), alias) == k.key.aliases.end()) {
    k.key.aliases.push_back(alias);
  }
  // Predefined aliases alias/aws/<service> only ever point at AWS managed keys.
  if (!k.manager_known && alias.rfind("alias/aws/", 0) == 0) k.key.manager = KeyManager::kAws;
}

}  // namespace

Status kms_list_keys(FolderState& st, const Doc& d) {
  for (const JsonValue* entry : items(d.json->find("Keys"))) {
    std::string arn = str_field(*entry, "KeyArn");
    if (arn.empty()) {
      st.report.add(NoteKind::kPartial, d.file->path,
                    "list-keys entry " + str_field(*entry, "KeyId") + " has no KeyArn; skipped");
      continue;
    }
    KeyFacts& k = st.key_by_arn(arn, *d.file);
    if (k.key.pos.file.empty()) k.key.pos = SourcePos(d.file->path, entry->pos);
  }
  return Ok{};
}

Status kms_describe_key(FolderState& st, const Doc& d) {
  const JsonValue& m = *d.json->find("KeyMetadata");
  std::string arn = str_field(m, "Arn");
  if (!m.is_object() || arn.empty()) {
    return make_error("describe-key output without KeyMetadata.Arn", SourcePos(d.file->path, m.pos));
  }
  KeyFacts& k = st.key_by_arn(arn, *d.file);
  k.key.pos = SourcePos(d.file->path, m.pos);  // describe-key is the key's definition
  if (auto mgr = opt_field(m, "KeyManager")) {
    k.key.manager = *mgr == "AWS" ? KeyManager::kAws : KeyManager::kCustomer;
    k.manager_known = true;
  }
  k.key.key_spec = opt_field(m, "KeySpec");
  if (!k.key.key_spec) k.key.key_spec = opt_field(m, "CustomerMasterKeySpec");  // deprecated twin
  k.key.key_usage = opt_field(m, "KeyUsage");
  k.key.origin = opt_field(m, "Origin");
  k.key.key_state = opt_field(m, "KeyState");
  k.key.multi_region = bool_field(m, "MultiRegion");
  if (const JsonValue* mrc = m.find("MultiRegionConfiguration"); mrc != nullptr && mrc->is_object()) {
    k.key.multi_region_type = opt_field(*mrc, "MultiRegionKeyType");
  }
  return Ok{};
}

Status kms_aliases(FolderState& st, const Doc& d) {
  for (const JsonValue* entry : items(d.json->find("Aliases"))) {
    std::string name = str_field(*entry, "AliasName");
    std::string target = str_field(*entry, "TargetKeyId");
    std::string alias_arn = str_field(*entry, "AliasArn");
    if (name.rfind("alias/", 0) != 0 || name.size() == 6) {
      // AWS names every alias alias/<name>; anything else is a damaged or hand-edited file.
      st.report.add(NoteKind::kPartial, d.file->path,
                    "alias '" + name + "' is not named alias/<name>; skipped");
      continue;
    }
    if (target.empty()) {
      st.report.add(NoteKind::kUnattachedAlias, d.file->path, name + " points at no key");
      continue;
    }
    auto parsed = parse_arn(alias_arn);
    if (!parsed) {
      st.report.add(NoteKind::kUnattributedFile, d.file->path,
                    name + " has no AliasArn, so its key's Region and account are unknown");
      continue;
    }
    // The alias's key lives in the alias's account and Region.
    std::string key_arn = "arn:" + parsed->partition + ":kms:" + parsed->region + ":" + parsed->account +
                          ":key/" + target;
    KeyFacts& k = st.key_by_arn(key_arn, *d.file);
    if (k.key.pos.file.empty()) k.key.pos = SourcePos(d.file->path, entry->pos);
    add_alias(k, name);
  }
  return Ok{};
}

Status kms_grants_register(FolderState& st, const Doc& d) {
  for (const JsonValue* g : items(d.json->find("Grants"))) {
    std::string key = str_field(*g, "KeyId");
    if (key.rfind("arn:", 0) == 0 && key.find(":key/") != std::string::npos) st.key_by_arn(key, *d.file);
  }
  return Ok{};
}

Status kms_grants_attach(FolderState& st, const Doc& d) {
  const JsonValue& list = *d.json->find("Grants");
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const JsonValue& g = list.items[i];
    auto grant = grant_from_json(g, d.file->path);
    if (!grant) return grant.error();
    Doc one{d.file, &g, pointer_join(d.pointer, i)};
    auto arn = attribute(st, one, "grant " + grant->grant_id);
    if (!arn) continue;
    KeyFacts& k = st.key_by_arn(*arn, *d.file);
    // list-grants and list-retirable-grants overlap: a grant id is unique per key.
    bool seen = std::any_of(k.key.grants.begin(), k.key.grants.end(),
                            [&](const Grant& x) { return !x.grant_id.empty() && x.grant_id == grant->grant_id; });
    if (!seen) k.key.grants.push_back(std::move(*grant));
  }
  return Ok{};
}

Status kms_key_policy(FolderState& st, const Doc& d, bool bare) {
  auto arn = attribute(st, d, bare ? "policy document" : "get-key-policy output");
  if (!arn) return Ok{};
  const JsonValue& value = bare ? *d.json : *d.json->find("Policy");
  std::string pointer = bare ? d.pointer : pointer_join(d.pointer, "Policy");
  auto doc = policy_at(st, value, *d.file, pointer);
  if (!doc) return doc.error();
  KeyFacts& k = st.key_by_arn(*arn, *d.file);
  if (k.key.policy) {
    st.report.add(NoteKind::kDuplicate, d.file->path,
                  "second policy for " + *arn + "; keeping the one from " + k.policy_file);
    return Ok{};
  }
  k.key.policy = st.inv.add_policy(std::move(*doc));
  k.policy_file = d.file->path;
  return Ok{};
}

Status kms_tags(FolderState& st, const Doc& d) {
  auto arn = attribute(st, d, "list-resource-tags output");
  if (!arn) return Ok{};
  KeyFacts& k = st.key_by_arn(*arn, *d.file);
  for (const JsonValue* t : items(d.json->find("Tags"))) {
    std::string key = str_field(*t, "TagKey");
    if (key.empty()) key = str_field(*t, "Key");
    std::string value = str_field(*t, "TagValue");
    if (value.empty()) value = str_field(*t, "Value");
    if (!key.empty()) k.key.tags[key] = value;
  }
  return Ok{};
}

Status kms_rotation(FolderState& st, const Doc& d) {
  auto arn = attribute(st, d, "get-key-rotation-status output");
  if (!arn) return Ok{};
  st.key_by_arn(*arn, *d.file).key.rotation_enabled = bool_field(*d.json, "KeyRotationEnabled");
  return Ok{};
}

Status kms_list_key_policies(FolderState& st, const Doc& d) {
  // Only "default" exists; the policy itself comes from get-key-policy. Noted so nobody
  // mistakes the file for the policy.
  st.report.add(NoteKind::kIgnoredFile, d.file->path,
                "list-key-policies names policies but holds none; get-key-policy supplies the document");
  return Ok{};
}

void kms_finish(FolderState& st) {
  for (auto& [arn, facts] : st.keys) {
    Key key = std::move(facts.key);
    std::sort(key.aliases.begin(), key.aliases.end());
    key.name = key.aliases.empty() ? key.key_id : key.aliases.front().substr(6);  // drop "alias/" (kms_aliases keeps only such names)
    if (key.pos.file.empty()) key.pos = SourcePos(facts.folders.empty() ? "" : facts.folders.front(), Pos{});
    st.inv.keys.push_back(std::move(key));
  }
}

}  // namespace kmsaccess::core::aws
