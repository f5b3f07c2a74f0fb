// CloudFormation intrinsic functions, short form (`!Sub`, wrapped as {"!Sub": ...} by the YAML
// reader) and long form ({"Fn::Sub": ...}), resolved against parameters, pseudo parameters,
// conditions, mappings and the template's own resources. Unknowable values become
// "${Unresolved:...}" strings with a note at their position.
#include <algorithm>

#include "core/loaders/cfn_internal.h"

namespace kmsaccess::core::cfn {

JsonValue make_string(std::string text, Pos p) {
  JsonValue v;
  v.kind = JsonValue::Kind::kString;
  v.text = std::move(text);
  v.pos = p;
  return v;
}

void Template::note(Pos p, std::string message) const {
  if (report == nullptr) return;
  LoadNote n{NoteKind::kPartial, where(p).to_string(), std::move(message)};
  // A value resolved twice (a role's name for its name and for its ARN) is noted once.
  if (std::find(report->notes.begin(), report->notes.end(), n) == report->notes.end()) report->notes.push_back(n);
}

namespace {

// "!GetAtt" -> "Fn::GetAtt", "!Ref" -> "Ref"; long-form names are kept.
std::string canonical(std::string_view key) {
  if (key.empty() || key[0] != '!') return std::string(key);
  std::string_view name = key.substr(1);
  if (name == "Ref" || name == "Condition") return std::string(name);
  return "Fn::" + std::string(name);
}

bool is_intrinsic(const JsonValue& v) {
  if (!v.is_object() || v.members.size() != 1) return false;
  const std::string& k = v.members[0].key;
  return k == "Ref" || k.rfind("Fn::", 0) == 0 || (k.size() > 1 && k[0] == '!');
}

std::string text_of(const JsonValue& v) {
  return v.is_string() || v.is_number() || v.is_bool() ? v.text : std::string();
}

std::vector<const JsonValue*> args_of(const JsonValue& arg) {
  std::vector<const JsonValue*> out;
  if (arg.is_array()) {
    for (const auto& item : arg.items) out.push_back(&item);
  } else {
    out.push_back(&arg);
  }
  return out;
}

bool is_deny_statement(const JsonValue& v) {
  const JsonValue* effect = v.is_object() ? v.find("Effect") : nullptr;
  return effect != nullptr && effect->is_string() && effect->text == "Deny";
}

}  // namespace


JsonValue Resolver::unresolved(std::string_view what, std::string_view detail, Pos p, std::string why) {
  t_.note(p, std::move(why));
  return make_string(std::string(kUnresolvedPrefix) + std::string(what) + ":" + std::string(detail) + "}", p);
}

Values Resolver::resolve(const JsonValue& v) {
  if (is_intrinsic(v)) return intrinsic(v.members[0], v);
  if (v.is_object()) return resolve_object(v);
  if (v.is_array()) return resolve_array(v);
  return {v};
}

Values Resolver::resolve_array(const JsonValue& v) {
  JsonValue out;
  out.kind = JsonValue::Kind::kArray;
  out.pos = v.pos;
  for (const auto& item : v.items) {
    for (auto& r : resolve(item)) out.items.push_back(std::move(r));
  }
  return {out};
}

Values Resolver::resolve_object(const JsonValue& v) {
  JsonValue out;
  out.kind = JsonValue::Kind::kObject;
  out.pos = v.pos;
  for (const auto& m : v.members) {
    auto value = resolve_one(m.value);
    if (value) out.members.push_back(JsonMember{m.key, m.key_pos, std::move(*value)});
  }
  return {out};
}

std::optional<JsonValue> Resolver::resolve_one(const JsonValue& v) {
  Values values = resolve(v);
  if (values.empty()) return std::nullopt;
  if (values.size() == 1) return std::move(values[0]);
  // Alternatives of an unknown Fn::If: strings and lists of strings become one list (a Resource,
  // Action or principal list then covers both); anything else keeps the first branch.
  JsonValue list;
  list.kind = JsonValue::Kind::kArray;
  list.pos = v.pos;
  for (auto& alt : values) {
    if (alt.is_array()) {
      for (auto& item : alt.items) list.items.push_back(std::move(item));
    } else if (alt.is_string()) {
      list.items.push_back(std::move(alt));
    } else {
      t_.note(v.pos, "the branches of an unknown Fn::If are not lists of strings; kept the first branch");
      return std::move(values[0]);
    }
  }
  return list;
}

std::string Resolver::string_of(const JsonValue* v) {
  if (v == nullptr) return "";
  auto s = scalar(*v);
  return s ? *s : "";
}

std::optional<std::string> Resolver::scalar(const JsonValue& v) {
  Values values = resolve(v);
  if (values.size() != 1) return std::nullopt;
  const JsonValue& r = values[0];
  if (!r.is_array()) {
    if (r.is_object() || r.is_null()) return std::nullopt;
    return text_of(r);
  }
  std::string joined;  // a list parameter used where a string is expected: CloudFormation joins it
  for (std::size_t i = 0; i < r.items.size(); ++i) joined += (i > 0 ? "," : "") + text_of(r.items[i]);
  return joined;
}

Values Resolver::intrinsic(const JsonMember& fn, const JsonValue& whole) {
  const std::string name = canonical(fn.key);
  const JsonValue& arg = fn.value;
  const Pos p = whole.pos;
  if (name == "Ref") return ref(arg, p);
  if (name == "Fn::GetAtt") {
    if (arg.is_string()) {
      std::size_t dot = arg.text.find('.');
      return get_att(arg.text.substr(0, dot), dot == std::string::npos ? "" : arg.text.substr(dot + 1), p);
    }
    auto parts = args_of(arg);
    if (parts.size() == 2) return get_att(string_of(parts[0]), string_of(parts[1]), p);
    return {unresolved("GetAtt", "?", p, "Fn::GetAtt takes \"Resource.Attribute\" or [Resource, Attribute]")};
  }
  if (name == "Fn::Sub") return sub(arg, p);
  if (name == "Fn::Join") return join(arg, p);
  if (name == "Fn::Select") return select(arg, p);
  if (name == "Fn::Split") return split(arg, p);
  if (name == "Fn::FindInMap") return find_in_map(arg, p);
  if (name == "Fn::If") return fn_if(arg, p);
  if (name == "Fn::Base64") return resolve(arg);
  if (name == "Fn::ImportValue") {
    std::string what = string_of(&arg);
    return {unresolved("ImportValue", what, p,
                       "Fn::ImportValue " + what + " is another stack's output, unknown before deployment")};
  }
  if (name == "Fn::Transform") {
    std::string macro = arg.is_object() ? string_of(arg.find("Name")) : "";
    return {unresolved("Transform", macro, p,
                       "Fn::Transform (macro " + macro + ") cannot be expanded; what it produces is unknown")};
  }
  if (name == "Condition" || name == "Fn::Equals" || name == "Fn::Not" || name == "Fn::And" || name == "Fn::Or") {
    auto b = evaluate(whole);
    if (!b) return {unresolved("Condition", name, p, name + " cannot be decided without parameter values")};
    JsonValue out;
    out.kind = JsonValue::Kind::kBool;
    out.boolean = *b;
    out.text = *b ? "true" : "false";
    out.pos = p;
    return {out};
  }
  return {unresolved("Fn", name, p, name + " is not evaluated by kmsaccess")};
}

Values Resolver::ref(const JsonValue& arg, Pos p) {
  std::string name = string_of(&arg);
  if (name == "AWS::NoValue") return {};
  if (name == "AWS::AccountId") return {make_string(t_.account, p)};
  if (name == "AWS::Region") return {make_string(t_.region, p)};
  if (name == "AWS::Partition") return {make_string(t_.partition, p)};
  if (name == "AWS::StackName") return {make_string(t_.stack_name, p)};
  if (name == "AWS::URLSuffix") return {make_string("amazonaws.com", p)};
  if (name == "AWS::StackId" || name == "AWS::NotificationARNs") {
    return {unresolved("Ref", name, p, name + " is known only after deployment")};
  }
  if (auto it = t_.parameters.find(name); it != t_.parameters.end()) {
    if (!it->second) {
      return {unresolved("Parameter", name, p,
                         "parameter " + name + " has no value and no Default (pass --parameter " + name + "=...)")};
    }
    JsonValue v = *it->second;
    v.pos = p;
    for (auto& item : v.items) item.pos = p;
    return {v};
  }
  auto it = t_.resources.find(name);
  if (it == t_.resources.end()) {
    return {unresolved("Ref", name, p, "Ref " + name + " names no parameter or resource of the template")};
  }
  const Resource& r = it->second;
  if (r.type == "AWS::KMS::Key" || r.type == "AWS::KMS::ReplicaKey") return {make_string(key_id(r), p)};
  if (r.type == "AWS::KMS::Alias") return {make_string(iam_name(r, "AliasName"), p)};
  if (r.type == "AWS::IAM::Role") return {make_string(iam_name(r, "RoleName"), p)};
  if (r.type == "AWS::IAM::User") return {make_string(iam_name(r, "UserName"), p)};
  if (r.type == "AWS::IAM::Group") return {make_string(iam_name(r, "GroupName"), p)};
  if (r.type == "AWS::IAM::ManagedPolicy") return {make_string(iam_arn(r), p)};
  return {unresolved("Ref", name, p, "Ref " + name + " (" + r.type + ") is known only after deployment")};
}

Values Resolver::get_att(std::string_view resource, std::string_view attribute, Pos p) {
  std::string what = std::string(resource) + "." + std::string(attribute);
  auto it = t_.resources.find(std::string(resource));
  if (it == t_.resources.end()) {
    return {unresolved("GetAtt", what, p, "Fn::GetAtt " + what + " names no resource of the template")};
  }
  const Resource& r = it->second;
  bool key = r.type == "AWS::KMS::Key" || r.type == "AWS::KMS::ReplicaKey";
  if (key && attribute == "Arn") return {make_string(key_arn(r), p)};
  if (key && attribute == "KeyId") return {make_string(key_id(r), p)};
  bool iam = r.type == "AWS::IAM::Role" || r.type == "AWS::IAM::User" || r.type == "AWS::IAM::Group";
  if ((iam && attribute == "Arn") || (r.type == "AWS::IAM::ManagedPolicy" && attribute == "PolicyArn")) {
    return {make_string(iam_arn(r), p)};
  }
  return {unresolved("GetAtt", what, p, "Fn::GetAtt " + what + " is known only after deployment")};
}

Values Resolver::fn_if(const JsonValue& arg, Pos p) {
  auto parts = args_of(arg);
  if (parts.size() != 3) return {unresolved("If", "?", p, "Fn::If takes [condition, value if true, value if false]")};
  std::string name = string_of(parts[0]);
  auto decided = condition(name, p);
  if (decided) return resolve(*decided ? *parts[1] : *parts[2]);
  // Sound for who-can: whatever either branch grants may exist. A Deny kept this way may not
  // exist at deployment, so it is noted: it could hide access.
  t_.note(p, "condition " + name + " is unknown: both branches of Fn::If are kept");
  Values out = resolve(*parts[1]);
  for (auto& v : resolve(*parts[2])) out.push_back(std::move(v));
  for (const auto& v : out) {
    if (is_deny_statement(v)) {
      t_.note(v.pos, "Deny statement kept although condition " + name +
                         " is unknown; if it is false this Deny does not exist");
    }
  }
  return out;
}

std::optional<bool> Resolver::condition(std::string_view name, Pos where) {
  std::string key(name);
  if (auto it = condition_cache_.find(key); it != condition_cache_.end()) return it->second;
  auto def = t_.conditions.find(key);
  if (def == t_.conditions.end() || in_progress_.count("condition:" + key) > 0) {
    t_.note(where, "condition " + key + (def == t_.conditions.end() ? " is not defined" : " refers to itself"));
    return std::nullopt;
  }
  in_progress_.insert("condition:" + key);
  auto value = evaluate(*def->second);
  in_progress_.erase("condition:" + key);
  condition_cache_[key] = value;
  return value;
}

std::optional<bool> Resolver::evaluate(const JsonValue& v) {
  if (v.is_bool()) return v.boolean;
  if (v.is_string()) return condition(v.text, v.pos);
  if (!v.is_object() || v.members.size() != 1) return std::nullopt;
  const std::string name = canonical(v.members[0].key);
  const JsonValue& arg = v.members[0].value;
  auto parts = args_of(arg);
  if (name == "Condition") return condition(string_of(&arg), v.pos);
  if (name == "Fn::Equals") {
    if (parts.size() != 2) return std::nullopt;
    auto a = scalar(*parts[0]);
    auto b = scalar(*parts[1]);
    if (!a || !b || is_unresolved(*a) || is_unresolved(*b)) return std::nullopt;
    return *a == *b;
  }
  if (name == "Fn::Not") {
    auto inner = parts.size() == 1 ? evaluate(*parts[0]) : std::nullopt;
    return inner ? std::optional<bool>(!*inner) : std::nullopt;
  }
  if (name == "Fn::And" || name == "Fn::Or") {
    bool is_and = name == "Fn::And";
    bool unknown = false;
    for (const JsonValue* part : parts) {
      auto b = evaluate(*part);
      if (!b) unknown = true;
      else if (*b != is_and) return !is_and;  // a false in And, a true in Or decides
    }
    return unknown ? std::nullopt : std::optional<bool>(is_and);
  }
  return std::nullopt;
}

}  // namespace kmsaccess::core::cfn
