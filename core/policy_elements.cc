#include "core/policy_elements.h"

#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace kmsaccess::core::policy_detail {
namespace {

constexpr std::array<std::pair<std::string_view, PrincipalType>, 4> kPrincipalTypes{{
    {"AWS", PrincipalType::kAws},
    {"Service", PrincipalType::kService},
    {"Federated", PrincipalType::kFederated},
    {"CanonicalUser", PrincipalType::kCanonicalUser},
}};

constexpr std::array<std::string_view, 9> kStatementElements{"Sid",          "Effect",      "Principal",
                                                             "NotPrincipal", "Action",      "NotAction",
                                                             "Resource",     "NotResource", "Condition"};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::optional<PrincipalType> principal_type(std::string_view key) {
  for (const auto& [name, type] : kPrincipalTypes) {
    if (name == key) return type;  // case-sensitive, as AWS
  }
  return std::nullopt;
}

// Items of a string-or-non-empty-array-of-strings element (Action, Resource, Principal.AWS, ...).
Result<std::vector<const JsonValue*>> string_items(const JsonValue& v, std::string_view element,
                                                   const BuildContext& ctx) {
  std::vector<const JsonValue*> items;
  if (v.is_string()) {
    items.push_back(&v);
    return items;
  }
  if (!v.is_array()) return type_error(ctx, "a string or an array of strings", element, v);
  if (v.items.empty()) {
    return error_at(ctx, v.pos, std::string(element) + " is an empty array; expected at least one string");
  }
  for (const JsonValue& item : v.items) {
    if (!item.is_string()) {
      return error_at(
          ctx, item.pos,
          "expected a string in " + std::string(element) + ", found " + json_kind_name(item.kind));
    }
    items.push_back(&item);
  }
  return items;
}

Status read_principal_map(const JsonValue& v, std::string_view element, Statement& st,
                          const BuildContext& ctx) {
  if (v.members.empty()) {
    return error_at(
        ctx, v.pos,
        std::string(element) + " is an empty object; expected AWS, Service, Federated or CanonicalUser");
  }
  for (const JsonMember& m : v.members) {
    std::optional<PrincipalType> type = principal_type(m.key);
    if (!type) {
      return error_at(ctx, m.key_pos,
                      "unknown principal type " + quoted(m.key) + " in " + std::string(element) +
                          "; expected AWS, Service, Federated or CanonicalUser");
    }
    auto items = string_items(m.value, std::string(element) + "." + m.key, ctx);
    if (!items) return items.error();
    for (const JsonValue* item : *items) st.principal.entries.push_back({*type, item->text, item->pos});
  }
  return Ok{};
}

// "*", or a map of principal type to string-or-array. AWS rejects every other shape, but bare
// strings and arrays occur in real files: they are kept (bare_form) for lint to report.
Status read_principal(const JsonMember& m, Statement& st, const BuildContext& ctx) {
  const JsonValue& v = m.value;
  st.has_principal = true;
  st.not_principal = m.key == "NotPrincipal";
  st.principal.pos = v.pos;
  if (v.is_object()) return read_principal_map(v, m.key, st, ctx);
  std::string expected =
      "expected \"*\" or an object with AWS, Service, Federated or CanonicalUser for " + m.key;
  if (v.is_string() && v.text == "*") {
    st.principal.wildcard = true;
    return Ok{};
  }
  if (!v.is_string() && !v.is_array()) {
    return error_at(ctx, v.pos, expected + ", found " + json_kind_name(v.kind));
  }
  auto items = string_items(v, m.key, ctx);
  if (!items) return items.error();
  st.principal.bare_form = true;
  for (const JsonValue* item : *items) {
    if (item->text == "*") st.principal.wildcard = true;
    st.principal.entries.push_back({PrincipalType::kAws, item->text, item->pos});
  }
  return Ok{};
}

Status read_actions(const JsonMember& m, Statement& st, const BuildContext& ctx) {
  auto items = string_items(m.value, m.key, ctx);
  if (!items) return items.error();
  st.has_action = true;
  st.not_action = m.key == "NotAction";
  ActionMask mask = 0;
  bool non_kms = false;
  for (const JsonValue* item : *items) {
    st.actions.push_back({item->text, item->pos});
    mask |= match_action_pattern(item->text);
    non_kms = non_kms || pattern_matches_non_kms(item->text);
  }
  // NotAction covers every action it does not list, including every other service's.
  st.action_mask = st.not_action ? (all_actions_mask() & ~mask) : mask;
  st.matches_non_kms = st.not_action || non_kms;
  return Ok{};
}

Status read_resources(const JsonMember& m, Statement& st, const BuildContext& ctx) {
  auto items = string_items(m.value, m.key, ctx);
  if (!items) return items.error();
  st.has_resource = true;
  st.not_resource = m.key == "NotResource";
  for (const JsonValue* item : *items) st.resources.push_back({item->text, item->pos});
  return Ok{};
}

Status add_condition_value(const JsonValue& v, const std::string& key, ConditionClause& clause,
                           BuildContext& ctx) {
  if (!v.is_string() && !v.is_number() && !v.is_bool()) {
    return error_at(ctx, v.pos,
                    "expected a string, number or boolean as a value of condition key " + quoted(key) +
                        ", found " + json_kind_name(v.kind));
  }
  if (++ctx.condition_values > ctx.limits->max_condition_values) {
    return error_at(ctx, v.pos,
                    "more than " + std::to_string(ctx.limits->max_condition_values) +
                        " condition values in this policy (raise the limit with "
                        "--max-condition-values)");
  }
  std::string text = v.is_bool() ? (v.boolean ? "true" : "false") : v.text;
  clause.values.push_back({std::move(text), v.pos, v.kind});
  return Ok{};
}

Status read_operator_block(const JsonMember& op_member, ConditionOperator op, Statement& st,
                           BuildContext& ctx) {
  const JsonValue& block = op_member.value;
  if (!block.is_object()) {
    return type_error(ctx, "an object of condition keys", "condition operator " + op_member.key, block);
  }
  for (const JsonMember& key : block.members) {
    ConditionClause clause;
    clause.operator_text = op_member.key;
    clause.op = op;
    clause.operator_pos = op_member.key_pos;
    clause.key = key.key;
    clause.key_lower = ascii_lower(key.key);  // condition key names are case-insensitive in AWS
    clause.key_pos = key.key_pos;
    // An empty array is kept as a clause with no values: AWS accepts it (Access Analyzer
    // only suggests removing it) and the evaluator decides what it means.
    if (key.value.is_array()) {
      for (const JsonValue& item : key.value.items) {
        if (auto s = add_condition_value(item, key.key, clause, ctx); !s) return s.error();
      }
    } else if (auto s = add_condition_value(key.value, key.key, clause, ctx); !s) {
      return s.error();
    }
    st.conditions.push_back(std::move(clause));
  }
  return Ok{};
}

Status read_conditions(const JsonValue& v, Statement& st, BuildContext& ctx) {
  if (!v.is_object()) return type_error(ctx, "an object", "Condition", v);
  st.has_condition = true;
  st.condition_pos = v.pos;
  for (const JsonMember& m : v.members) {
    std::optional<ConditionOperator> op = parse_condition_operator(m.key);
    if (!op) {
      return error_at(ctx, m.key_pos,
                      "unknown condition operator " + quoted(m.key) +
                          " (operator names are case-sensitive, e.g. StringEquals, "
                          "ForAnyValue:StringLike, ArnLikeIfExists)");
    }
    if (auto s = read_operator_block(m, *op, st, ctx); !s) return s.error();
  }
  return Ok{};
}

Status read_effect(const JsonValue& v, Statement& st, const BuildContext& ctx) {
  if (!v.is_string()) return type_error(ctx, "a string", "Effect", v);
  if (v.text != "Allow" && v.text != "Deny") {
    return error_at(ctx, v.pos,
                    "expected \"Allow\" or \"Deny\" for Effect (case-sensitive), found " + quoted(v.text));
  }
  st.has_effect = true;
  st.effect = v.text == "Allow" ? Effect::kAllow : Effect::kDeny;
  st.effect_pos = v.pos;
  return Ok{};
}

Status read_sid(const JsonValue& v, Statement& st, const BuildContext& ctx) {
  if (!v.is_string()) return type_error(ctx, "a string", "Sid", v);
  st.has_sid = true;
  st.sid = v.text;
  st.sid_pos = v.pos;
  return Ok{};
}

Error unknown_element(const JsonMember& m, const BuildContext& ctx) {
  std::string hint;
  for (std::string_view known : kStatementElements) {
    if (ascii_lower(known) == ascii_lower(m.key))
      hint = " (did you mean \"" + std::string(known) + "\"? names are case-sensitive)";
  }
  return error_at(ctx, m.key_pos,
                  "unknown statement element " + quoted(m.key) + hint +
                      "; expected Sid, Effect, Principal, NotPrincipal, Action, "
                      "NotAction, Resource, NotResource or Condition");
}

Error conflict(const JsonMember& m, std::string_view other, const BuildContext& ctx) {
  return error_at(ctx, m.key_pos,
                  "statement has both " + std::string(other) + " and " + m.key + "; use only one of them");
}

Status read_member(const JsonMember& m, Statement& st, BuildContext& ctx) {
  const std::string& k = m.key;
  if (k == "Sid") return read_sid(m.value, st, ctx);
  if (k == "Effect") return read_effect(m.value, st, ctx);
  if (k == "Principal" || k == "NotPrincipal") {
    if (st.has_principal) return conflict(m, st.not_principal ? "NotPrincipal" : "Principal", ctx);
    return read_principal(m, st, ctx);
  }
  if (k == "Action" || k == "NotAction") {
    if (st.has_action) return conflict(m, st.not_action ? "NotAction" : "Action", ctx);
    return read_actions(m, st, ctx);
  }
  if (k == "Resource" || k == "NotResource") {
    if (st.has_resource) return conflict(m, st.not_resource ? "NotResource" : "Resource", ctx);
    return read_resources(m, st, ctx);
  }
  if (k == "Condition") return read_conditions(m.value, st, ctx);
  return unknown_element(m, ctx);
}

}  // namespace

Error error_at(const BuildContext& ctx, Pos pos, std::string message) {
  return make_error(std::move(message), SourcePos(ctx.file, pos));
}

Error type_error(const BuildContext& ctx, std::string_view expected, std::string_view element,
                 const JsonValue& found) {
  return error_at(ctx, found.pos,
                  "expected " + std::string(expected) + " for " + std::string(element) + ", found " +
                      json_kind_name(found.kind));
}

std::string quoted(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

Result<Statement> build_statement(const JsonValue& value, std::size_t index, BuildContext& ctx) {
  if (!value.is_object()) return type_error(ctx, "an object", "a statement", value);
  Statement st;
  st.index = index;
  st.pos = value.pos;
  for (const JsonMember& m : value.members) {
    if (auto s = read_member(m, st, ctx); !s) return s.error();
  }
  return st;
}

}  // namespace kmsaccess::core::policy_detail
