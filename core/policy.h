// The policy document model (key, identity, SCP, RCP, boundary and session policies) and its parser.
// Every element carries its position so findings and explanations can point at it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/action_catalog.h"
#include "core/condition_operator.h"
#include "core/json.h"
#include "core/result.h"

namespace kmsaccess::core {

enum class Effect : std::uint8_t { kAllow, kDeny };
std::string_view to_string(Effect e);

enum class PrincipalType : std::uint8_t { kAws, kService, kFederated, kCanonicalUser };
std::string_view to_string(PrincipalType t);

struct PrincipalEntry {
  PrincipalType type = PrincipalType::kAws;
  std::string value;  // "*", an ARN, a bare account id, a unique id (AIDA...), a service name
  Pos pos;
};

struct PrincipalSpec {
  bool wildcard = false;                // "Principal": "*"
  // A bare string other than "*" or a bare array ("Principal": ["a", "*"]). AWS rejects these;
  // real files contain them, so they are read as AWS entries and lint reports them.
  bool bare_form = false;
  std::vector<PrincipalEntry> entries;  // map form, flattened in file order
  Pos pos;                              // the value of Principal/NotPrincipal
};

struct ActionPattern {
  std::string text;
  Pos pos;
};

struct ResourcePattern {
  std::string text;
  Pos pos;
};

struct ConditionValue {
  std::string text;  // JSON booleans and numbers are kept as their literal text ("true", "30")
  Pos pos;
  JsonValue::Kind json_kind = JsonValue::Kind::kString;
};

struct ConditionClause {
  std::string operator_text;  // as written
  ConditionOperator op;
  Pos operator_pos;
  std::string key;            // as written
  std::string key_lower;      // condition key names are case-insensitive
  Pos key_pos;
  std::vector<ConditionValue> values;
};

struct Statement {
  std::size_t index = 0;  // position in the Statement array
  Pos pos;                // the statement object's '{'
  bool sole_object = false;  // "Statement": { ... } rather than an array (pointer "/Statement")
  std::string sid;
  bool has_sid = false;
  Pos sid_pos;
  bool has_effect = false;  // a statement without Effect is invalid (lint reports it); never applies
  Effect effect = Effect::kAllow;
  Pos effect_pos;

  bool has_principal = false;  // Principal or NotPrincipal present
  bool not_principal = false;
  PrincipalSpec principal;

  bool has_action = false;
  bool not_action = false;
  std::vector<ActionPattern> actions;
  ActionMask action_mask = 0;    // KMS actions this statement covers (NotAction already inverted)
  bool matches_non_kms = false;  // also covers actions of other services (iam:*, "*", NotAction)

  bool has_resource = false;
  bool not_resource = false;
  std::vector<ResourcePattern> resources;

  bool has_condition = false;
  Pos condition_pos;
  std::vector<ConditionClause> conditions;

  // "/Statement/2" (or "/Statement" for the single-object form): a stable JSON pointer.
  std::string json_pointer() const;
  // Sid if present, else the JSON pointer; used in messages and suppressions.
  std::string label() const;
};

struct PolicyDocument {
  std::string file;  // label used in positions: a path, or "path#/Policy" for embedded documents
  std::string version;
  bool has_version = false;
  Pos version_pos;
  std::string id;
  bool has_id = false;
  Pos id_pos;
  bool statement_is_object = false;
  Pos statement_pos;
  std::vector<Statement> statements;
  std::size_t byte_size = 0;  // of the source text (key policies are limited to 32 KB)
  // Embedded documents ("path#..." labels, whose positions are inside the decoded text): where
  // the outermost string or text holding the document starts in the file itself, for reports
  // that must point at a line of the real file (SARIF).
  std::optional<Pos> embedded_at;

  SourcePos where(Pos p) const { return SourcePos(file, p); }
};

struct PolicyLimits {
  JsonLimits json;
  std::size_t max_statements = 1000;
  std::size_t max_condition_values = 1000;
};

// Parses a policy from text. Accepts a BOM, CRLF, a single Statement object, string-or-array
// values, and a document that is itself a JSON string (embedded policy) or URL-encoded.
Result<PolicyDocument> parse_policy(std::string_view text, std::string_view file,
                                    const PolicyLimits& limits = {});

// Builds a policy from an already-parsed JSON value. A string value is decoded (URL-encoding
// or embedded JSON) and parsed as a document of its own, labelled "<file>#<pointer>".
// `file` may carry the member's pointer ("path#/Policy"); without one the label is
// "path#embedded". An object value keeps the outer file's positions, so its label drops the
// "#..." part; its byte_size is the length of its compact re-serialisation.
Result<PolicyDocument> policy_from_json(const JsonValue& value, std::string_view file,
                                        const PolicyLimits& limits = {});

// Decodes %XX escapes (and '+' is left alone: IAM documents use %20). nullopt if malformed.
std::optional<std::string> url_decode(std::string_view text);

}  // namespace kmsaccess::core
