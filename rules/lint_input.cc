#include "rules/lint_input.h"

#include <map>
#include <set>
#include <string>

#include "core/arn.h"
#include "core/loaders/grants_loader.h"

namespace kmsaccess::rules {
namespace {

bool looks_like_grant(const core::JsonValue& v) {
  return v.is_object() && (v.find("GranteePrincipal") != nullptr ||
                           v.find("GranteeServicePrincipal") != nullptr ||
                           v.find("Operations") != nullptr);
}

LintDocument failed(std::string_view file, DocumentKind kind, core::Error error,
                    std::size_t size) {
  LintDocument doc;
  doc.file = std::string(file);
  doc.kind = kind;
  doc.error = std::move(error);
  doc.byte_size = size;
  return doc;
}

LintDocument load_grants(const core::JsonValue& json, std::string_view file, std::size_t size) {
  auto grants = core::grants_from_json(json, file);
  if (!grants) return failed(file, DocumentKind::kGrants, grants.error(), size);
  LintDocument doc;
  doc.file = std::string(file);
  doc.kind = DocumentKind::kGrants;
  doc.grants = std::move(*grants);
  doc.byte_size = size;
  return doc;
}

LintDocument load_policy(const core::JsonValue& json, std::string_view file, std::size_t size,
                         std::optional<DocumentKind> forced) {
  // Object values keep the file's positions; their size is the compact form AWS stores.
  auto policy = core::policy_from_json(json, file);
  DocumentKind fallback = forced.value_or(DocumentKind::kIdentityPolicy);
  if (!policy) return failed(file, fallback, policy.error(), size);
  LintDocument doc;
  doc.file = std::string(file);
  doc.kind = forced ? *forced : detect_policy_kind(*policy);
  doc.byte_size = policy->byte_size != 0 ? policy->byte_size : size;
  doc.policy = std::move(*policy);
  return doc;
}

}  // namespace

ContentShape detect_shape(const core::JsonValue& value) {
  if (value.is_object()) {
    if (value.find("Statement") != nullptr || value.find("Version") != nullptr) {
      return ContentShape::kPolicy;
    }
    if (const auto* p = value.find("Policy"); p != nullptr && p->is_string()) {
      return ContentShape::kKeyPolicyOutput;
    }
    if (value.find("Grants") != nullptr || looks_like_grant(value)) return ContentShape::kGrants;
    return ContentShape::kNotAPolicy;
  }
  if (value.is_array() && !value.items.empty()) {
    const auto& first = value.items.front();
    if (looks_like_grant(first)) return ContentShape::kGrants;
    if (first.is_array() && !first.items.empty() && looks_like_grant(first.items.front())) {
      return ContentShape::kGrants;
    }
  }
  if (value.is_string()) return ContentShape::kPolicy;  // an embedded policy document
  return ContentShape::kNotAPolicy;
}

DocumentKind detect_policy_kind(const core::PolicyDocument& policy) {
  bool principal = false;
  bool other_service = false;  // "s3:*", "sts:AssumeRole": never in a key policy
  for (const auto& st : policy.statements) {
    principal = principal || st.has_principal;
    for (const auto& a : st.actions) {
      const auto colon = a.text.find(':');
      if (colon != std::string::npos && !core::iequals_ascii(a.text.substr(0, colon), "kms")) {
        other_service = true;
      }
    }
  }
  if (!principal) return DocumentKind::kIdentityPolicy;
  // A Principal with other services' actions is a resource control policy (RCP).
  return other_service ? DocumentKind::kRcp : DocumentKind::kKeyPolicy;
}

std::optional<LintDocument> load_lint_document(std::string_view text, std::string_view file,
                                               std::optional<DocumentKind> forced) {
  auto json = core::parse_json(text, file);
  if (!json) {
    return failed(file, forced.value_or(DocumentKind::kIdentityPolicy), json.error(), text.size());
  }
  ContentShape shape = detect_shape(*json);
  if (forced == DocumentKind::kGrants) return load_grants(*json, file, text.size());
  if (forced) return load_policy(*json, file, text.size(), forced);
  switch (shape) {
    case ContentShape::kGrants:
      return load_grants(*json, file, text.size());
    case ContentShape::kKeyPolicyOutput: {
      // get-key-policy output is always a key policy; its size is the embedded text's, and its
      // positions are inside the embedded text (labelled "file#/Policy").
      const core::JsonValue& inner = *json->find("Policy");
      LintDocument doc = load_policy(inner, std::string(file) + "#/Policy", inner.text.size(),
                                     DocumentKind::kKeyPolicy);
      doc.file = std::string(file);
      return doc;
    }
    case ContentShape::kPolicy:
      return load_policy(*json, file, text.size(), std::nullopt);
    case ContentShape::kNotAPolicy:
      break;
  }
  return std::nullopt;
}

std::vector<LintDocument> documents_from_inventory(const core::Inventory& inv) {
  std::map<core::PolicyIndex, std::pair<DocumentKind, std::optional<std::size_t>>> usage;
  for (const auto& scp : inv.scps) usage[scp.policy] = {DocumentKind::kScp, std::nullopt};
  for (const auto& rcp : inv.rcps) usage[rcp.policy] = {DocumentKind::kRcp, std::nullopt};
  for (std::size_t k = 0; k < inv.keys.size(); ++k) {
    if (inv.keys[k].policy) usage[*inv.keys[k].policy] = {DocumentKind::kKeyPolicy, k};
  }
  std::vector<LintDocument> docs;
  for (std::size_t i = 0; i < inv.policies.size(); ++i) {
    LintDocument doc;
    doc.policy = inv.policies[i];
    doc.file = doc.policy->file;
    doc.byte_size = doc.policy->byte_size;
    doc.kind = DocumentKind::kIdentityPolicy;
    if (auto it = usage.find(i); it != usage.end()) {
      doc.kind = it->second.first;
      doc.key = it->second.second;
    }
    docs.push_back(std::move(doc));
  }
  for (std::size_t k = 0; k < inv.keys.size(); ++k) {
    const auto& key = inv.keys[k];
    if (key.grants.empty()) continue;
    LintDocument doc;
    doc.kind = DocumentKind::kGrants;
    doc.file = key.grants.front().pos.file;
    doc.grants = key.grants;
    doc.key = k;
    docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace kmsaccess::rules
