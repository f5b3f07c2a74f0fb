// CloudFormation string and list functions (Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
// Fn::FindInMap) and the names and ARNs the template's own resources will have.
#include <cstdlib>

#include "core/loaders/cfn_internal.h"

namespace kmsaccess::core::cfn {
namespace {

std::vector<const JsonValue*> list_args(const JsonValue& arg) {
  std::vector<const JsonValue*> out;
  if (arg.is_array()) {
    for (const auto& item : arg.items) out.push_back(&item);
  }
  return out;
}

JsonValue make_list(Pos p) {
  JsonValue v;
  v.kind = JsonValue::Kind::kArray;
  v.pos = p;
  return v;
}

bool is_pseudo_or_policy_variable(std::string_view var) {
  // ${aws:username} in a Sub is IAM's policy variable, not a CloudFormation reference.
  return var.find(':') != std::string_view::npos && var.rfind("AWS::", 0) != 0;
}

}  // namespace


Values Resolver::sub(const JsonValue& arg, Pos p) {
  const JsonValue* text_value = &arg;
  const JsonValue* vars = nullptr;
  if (arg.is_array()) {
    if (arg.items.empty() || arg.items.size() > 2) {
      return {unresolved("Sub", "?", p, "Fn::Sub takes a string or [string, {variables}]")};
    }
    text_value = &arg.items[0];
    if (arg.items.size() == 2 && arg.items[1].is_object()) vars = &arg.items[1];
  }
  if (!text_value->is_string()) return {unresolved("Sub", "?", p, "Fn::Sub needs a string")};
  const std::string& in = text_value->text;
  std::string out;
  std::size_t i = 0;
  while (i < in.size()) {
    std::size_t open = in.find("${", i);
    std::size_t close = open == std::string::npos ? open : in.find('}', open);
    if (close == std::string::npos) {
      out += in.substr(i);
      break;
    }
    out += in.substr(i, open - i);
    std::string var = in.substr(open + 2, close - open - 2);
    i = close + 1;
    if (!var.empty() && var[0] == '!') {
      out += "${" + var.substr(1) + "}";  // ${!Literal} escapes
    } else if (const JsonValue* given = vars != nullptr ? vars->find(var) : nullptr) {
      auto s = scalar(*given);
      out += s ? *s : std::string(kUnresolvedPrefix) + "Sub:" + var + "}";
    } else if (is_pseudo_or_policy_variable(var)) {
      out += "${" + var + "}";
    } else {
      std::size_t dot = var.find('.');
      Values v = dot == std::string::npos ? ref(make_string(var, text_value->pos), text_value->pos)
                                          : get_att(var.substr(0, dot), var.substr(dot + 1), text_value->pos);
      auto s = v.size() == 1 ? scalar(v[0]) : std::nullopt;
      out += s ? *s : std::string(kUnresolvedPrefix) + "Sub:" + var + "}";
    }
  }
  return {make_string(out, p)};
}

Values Resolver::join(const JsonValue& arg, Pos p) {
  auto parts = list_args(arg);
  if (parts.size() != 2) return {unresolved("Join", "?", p, "Fn::Join takes [delimiter, [values]]")};
  std::string delimiter = string_of(parts[0]);
  auto list = resolve_one(*parts[1]);
  if (!list || !list->is_array()) return {unresolved("Join", "?", p, "Fn::Join of a list that is not known")};
  std::string out;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const JsonValue& item = list->items[i];
    if (item.is_object() || item.is_array()) return {unresolved("Join", "?", p, "Fn::Join of a non-string value")};
    out += (i > 0 ? delimiter : "") + item.text;
  }
  return {make_string(out, p)};
}

Values Resolver::select(const JsonValue& arg, Pos p) {
  auto parts = list_args(arg);
  if (parts.size() != 2) return {unresolved("Select", "?", p, "Fn::Select takes [index, [values]]")};
  std::string index_text = string_of(parts[0]);
  auto list = resolve_one(*parts[1]);
  char* end = nullptr;
  unsigned long index = std::strtoul(index_text.c_str(), &end, 10);
  if (index_text.empty() || *end != '\0' || !list || !list->is_array() || index >= list->items.size()) {
    return {unresolved("Select", index_text, p, "Fn::Select " + index_text + " of a list that is not known")};
  }
  JsonValue v = list->items[index];
  v.pos = p;
  return {v};
}

Values Resolver::split(const JsonValue& arg, Pos p) {
  auto parts = list_args(arg);
  if (parts.size() != 2) return {unresolved("Split", "?", p, "Fn::Split takes [delimiter, string]")};
  std::string delimiter = string_of(parts[0]);
  auto text = scalar(*parts[1]);
  if (!text || delimiter.empty()) return {unresolved("Split", "?", p, "Fn::Split of a string that is not known")};
  JsonValue out = make_list(p);
  std::size_t start = 0;
  for (std::size_t at = text->find(delimiter); at != std::string::npos; at = text->find(delimiter, start)) {
    out.items.push_back(make_string(text->substr(start, at - start), p));
    start = at + delimiter.size();
  }
  out.items.push_back(make_string(text->substr(start), p));
  return {out};
}

Values Resolver::find_in_map(const JsonValue& arg, Pos p) {
  auto parts = list_args(arg);
  if (parts.size() < 3) return {unresolved("FindInMap", "?", p, "Fn::FindInMap takes [map, key, key]")};
  std::string path = string_of(parts[0]) + "/" + string_of(parts[1]) + "/" + string_of(parts[2]);
  const JsonValue* v = t_.mappings;
  for (std::size_t i = 0; i < 3 && v != nullptr; ++i) v = v->is_object() ? v->find(string_of(parts[i])) : nullptr;
  if (v == nullptr) return {unresolved("FindInMap", path, p, "Fn::FindInMap " + path + " is not in Mappings")};
  return resolve(*v);
}

std::string Resolver::key_arn(const Resource& r) const {
  return "arn:" + t_.partition + ":kms:" + t_.region + ":" + t_.account + ":key/" + key_id(r);
}

std::string Resolver::iam_name(const Resource& r, std::string_view name_property) {
  const JsonValue* named = r.properties != nullptr ? r.properties->find(name_property) : nullptr;
  std::string guard = "name:" + r.id;
  if (named == nullptr || in_progress_.count(guard) > 0) return r.id;
  in_progress_.insert(guard);
  std::string name = string_of(named);
  in_progress_.erase(guard);
  return name.empty() ? r.id : name;
}

std::string Resolver::iam_arn(const Resource& r) {
  std::string kind = r.type == "AWS::IAM::Role"    ? "role"
                     : r.type == "AWS::IAM::User"  ? "user"
                     : r.type == "AWS::IAM::Group" ? "group"
                                                   : "policy";
  std::string property = r.type == "AWS::IAM::Role"    ? "RoleName"
                         : r.type == "AWS::IAM::User"  ? "UserName"
                         : r.type == "AWS::IAM::Group" ? "GroupName"
                                                       : "ManagedPolicyName";
  std::string path = r.properties != nullptr ? string_of(r.properties->find("Path")) : "";
  if (path.empty() || path.front() != '/') path = "/" + path;
  if (path.back() != '/') path += "/";
  return "arn:" + t_.partition + ":iam::" + t_.account + ":" + kind + path + iam_name(r, property);
}

}  // namespace kmsaccess::core::cfn
