// Turns file contents or a loaded inventory into LintDocuments: detects each file's kind
// (key policy, identity policy, grants, get-key-policy output) from its content.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/inventory.h"
#include "rules/rule.h"

namespace kmsaccess::rules {

// The shape a file's content has, before it is parsed as that shape.
enum class ContentShape : std::uint8_t {
  kPolicy,           // {"Version"..., "Statement": ...}
  kKeyPolicyOutput,  // aws kms get-key-policy: {"Policy": "<json string>"}
  kGrants,           // {"Grants": [...]} or a list of grant objects
  kNotAPolicy,       // valid JSON of some other shape (package.json, tsconfig.json, ...)
};

// Detects the shape of parsed JSON.
ContentShape detect_shape(const core::JsonValue& value);

// Key policy when any statement names a Principal (AWS requires one there and forbids it in
// identity policies and SCPs) and every action is a KMS one; RCP when a Principal comes with
// other services' actions; identity policy otherwise. SCPs cannot be told apart from identity
// policies, so they are only used when forced.
DocumentKind detect_policy_kind(const core::PolicyDocument& policy);

// Loads one file. Returns nullopt for valid JSON that is not a policy and no kind was forced
// (the caller skips it). A file that does not parse comes back with `error` set, so the
// invalid-policy rule reports it.
std::optional<LintDocument> load_lint_document(std::string_view text, std::string_view file,
                                               std::optional<DocumentKind> forced);

// Every policy and grant list of an inventory, with the kind it is used as.
std::vector<LintDocument> documents_from_inventory(const core::Inventory& inv);

}  // namespace kmsaccess::rules
