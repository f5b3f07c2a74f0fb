#include "core/loaders/grants_loader.h"

#include <string>

#include "core/action_catalog.h"
#include "core/arn.h"

namespace kmsaccess::core {
namespace {

// Field names are matched ignoring case: AWS output is PascalCase, CloudTrail's requestParameters
// and some documentation copies are camelCase ("encryptionContextEquals", FORMATS.md section 2).
const JsonValue* field(const JsonValue& object, std::string_view name) {
  return object.find_ignore_case(name);
}

Error type_error(std::string_view file, const JsonValue& value, std::string_view what,
                 std::string_view expected) {
  return make_error(std::string(what) + " must be " + std::string(expected) + ", found " +
                        json_kind_name(value.kind),
                    SourcePos(std::string(file), value.pos));
}

// An optional string field: absent and null read as empty.
Result<std::string> optional_string(const JsonValue& grant, std::string_view name,
                                    std::string_view file) {
  const JsonValue* v = field(grant, name);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return type_error(file, *v, name, "a string");
  return v->text;
}

// An encryption context constraint: a map of string to string. YAML-inlined grants may carry
// unquoted numbers or booleans ("subscriberId: 123456789012"); their literal text is the value.
Status read_context(const JsonValue& value, std::string_view name, std::string_view file,
                    std::map<std::string, std::string>& out) {
  if (value.is_null()) return Ok{};
  if (!value.is_object()) return type_error(file, value, name, "an object of strings");
  for (const auto& m : value.members) {
    const JsonValue& v = m.value;
    if (v.is_string() || v.is_number()) {
      out[m.key] = v.text;
    } else if (v.is_bool()) {
      out[m.key] = v.boolean ? "true" : "false";
    } else {
      return type_error(file, v, std::string(name) + " value '" + m.key + "'", "a string");
    }
  }
  return Ok{};
}

Status read_constraints(const JsonValue& value, std::string_view file, Grant& grant) {
  if (value.is_null()) return Ok{};
  if (!value.is_object()) return type_error(file, value, "Constraints", "an object");
  if (const JsonValue* eq = field(value, "EncryptionContextEquals"); eq != nullptr && !eq->is_null()) {
    grant.has_equals = true;
    if (auto ok = read_context(*eq, "EncryptionContextEquals", file, grant.context_equals); !ok) {
      return ok.error();
    }
  }
  if (const JsonValue* sub = field(value, "EncryptionContextSubset"); sub != nullptr && !sub->is_null()) {
    grant.has_subset = true;
    if (auto ok = read_context(*sub, "EncryptionContextSubset", file, grant.context_subset); !ok) {
      return ok.error();
    }
  }
  auto source_arn = optional_string(value, "SourceArn", file);
  if (!source_arn) return source_arn.error();
  grant.source_arn = std::move(*source_arn);
  return Ok{};
}

Status read_operations(const JsonValue& grant_json, std::string_view file, Grant& grant) {
  const JsonValue* ops = field(grant_json, "Operations");
  if (ops == nullptr) {
    return make_error("grant has no Operations", SourcePos(std::string(file), grant_json.pos));
  }
  if (!ops->is_array()) return type_error(file, *ops, "Operations", "an array of strings");
  for (const auto& op : ops->items) {
    if (!op.is_string()) return type_error(file, op, "an operation", "a string");
    std::string_view name = op.text;
    if (name.size() > 4 && iequals_ascii(name.substr(0, 4), "kms:")) name.remove_prefix(4);
    auto index = find_action("kms:" + std::string(name));
    if (!index || (grant_operations_mask() & action_bit(*index)) == 0) {
      return make_error("unknown grant operation '" + op.text +
                            "' (expected a CreateGrant operation such as Decrypt or GenerateDataKey)",
                        SourcePos(std::string(file), op.pos));
    }
    grant.operations.push_back(op.text);
    grant.operations_mask |= action_bit(*index);
  }
  return Ok{};
}

// Exactly one of the plain and service forms (GranteePrincipal / GranteeServicePrincipal).
Result<std::string> read_principal(const JsonValue& grant_json, std::string_view plain,
                                   std::string_view service, std::string_view file,
                                   bool& is_service) {
  auto a = optional_string(grant_json, plain, file);
  if (!a) return a.error();
  auto b = optional_string(grant_json, service, file);
  if (!b) return b.error();
  if (!a->empty() && !b->empty()) {
    return make_error("grant has both " + std::string(plain) + " and " + std::string(service),
                      SourcePos(std::string(file), grant_json.pos));
  }
  is_service = !b->empty();
  return is_service ? std::move(*b) : std::move(*a);
}

}  // namespace

Result<Grant> grant_from_json(const JsonValue& value, std::string_view file) {
  if (!value.is_object()) return type_error(file, value, "a grant", "an object");
  Grant grant;
  grant.pos = SourcePos(std::string(file), value.pos);

  auto grant_id = optional_string(value, "GrantId", file);
  if (!grant_id) return grant_id.error();
  grant.grant_id = std::move(*grant_id);
  auto name = optional_string(value, "Name", file);
  if (!name) return name.error();
  grant.name = std::move(*name);

  auto grantee = read_principal(value, "GranteePrincipal", "GranteeServicePrincipal", file,
                                grant.grantee_is_service);
  if (!grantee) return grantee.error();
  if (grantee->empty()) {
    return make_error("grant has no GranteePrincipal or GranteeServicePrincipal", grant.pos);
  }
  grant.grantee = std::move(*grantee);
  bool retiring_is_service = false;
  auto retiring = read_principal(value, "RetiringPrincipal", "RetiringServicePrincipal", file,
                                 retiring_is_service);
  if (!retiring) return retiring.error();
  grant.retiring = std::move(*retiring);

  if (auto ok = read_operations(value, file, grant); !ok) return ok.error();
  if (const JsonValue* constraints = field(value, "Constraints")) {
    if (auto ok = read_constraints(*constraints, file, grant); !ok) return ok.error();
  }
  auto issuing = optional_string(value, "IssuingAccount", file);
  if (!issuing) return issuing.error();
  grant.issuing_account = std::move(*issuing);
  // KeyId and CreationDate are ignored: the manifest says which key a grant belongs to, and
  // CreationDate comes in several shapes (ISO-8601, epoch seconds as a number).
  return grant;
}

namespace {

Status append_grants(const JsonValue& value, std::string_view file, bool allow_nested,
                     std::vector<Grant>& out) {
  if (value.is_object()) {
    auto grant = grant_from_json(value, file);
    if (!grant) return grant.error();
    out.push_back(std::move(*grant));
    return Ok{};
  }
  if (value.is_array() && allow_nested) {
    // Scanners keep one inner array per key (FORMATS.md section 2, real/cloudsploit__*).
    for (const auto& item : value.items) {
      if (auto ok = append_grants(item, file, false, out); !ok) return ok.error();
    }
    return Ok{};
  }
  return type_error(file, value, "a grant", "an object");
}

}  // namespace

Result<std::vector<Grant>> grants_from_json(const JsonValue& value, std::string_view file) {
  std::vector<Grant> out;
  const JsonValue* list = &value;
  if (value.is_object()) {
    const JsonValue* grants = field(value, "Grants");
    if (grants == nullptr) {
      // A single grant object.
      auto grant = grant_from_json(value, file);
      if (!grant) return grant.error();
      out.push_back(std::move(*grant));
      return out;
    }
    if (!grants->is_array()) return type_error(file, *grants, "Grants", "an array of grants");
    list = grants;
  } else if (!value.is_array()) {
    return type_error(file, value, "a grants document",
                      "an object ({\"Grants\": [...]} or one grant) or an array of grants");
  }
  for (const auto& item : list->items) {
    if (auto ok = append_grants(item, file, list == &value, out); !ok) return ok.error();
  }
  return out;
}

}  // namespace kmsaccess::core
