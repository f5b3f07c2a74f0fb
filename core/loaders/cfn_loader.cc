// Reading a CloudFormation template (YAML or JSON) and setting up what its intrinsics resolve
// against: pseudo parameters, parameters, conditions, mappings and resources.
#include "core/loaders/cfn_loader.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "core/loaders/cfn_internal.h"
#include "core/loaders/yaml_documents.h"
#include "core/loaders/yaml_to_json.h"
#include "core/utf8_bom.h"

namespace kmsaccess::core {
namespace cfn {
Status build_inventory(const Template& t, Resolver& resolver, const CfnOptions& options, Inventory& inv);
}  // namespace cfn

namespace {

bool looks_like_json(std::string_view text) {
  text = without_bom(text);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

Result<JsonValue> read_yaml(std::string_view text, std::string_view path, const CfnOptions& options) {
  // yaml-cpp reports syntax errors as exceptions; they stop here, converted to positioned errors.
  try {
    FirstYamlDocument document = load_first_yaml_document(text);  // not LoadAll: see its header
    if (document.second_root) {
      return make_error("the template holds more than one YAML document ('---')",
                        SourcePos(std::string(path), yaml_pos(*document.second_root)));
    }
    YamlConvertOptions yo;
    yo.max_depth = options.limits.json.max_depth;
    yo.wrap_local_tags = true;
    return yaml_to_json(document.root, path, text, yo);
  } catch (const YAML::Exception& e) {
    Pos p = yaml_pos(e.mark);
    return make_error("invalid YAML: " + e.msg, SourcePos(std::string(path), p.line == 0 ? Pos{1, 1} : p));
  }
}

std::string option_or(const CfnOptions& o, const std::string& name, std::string fallback) {
  auto it = o.parameters.find(name);
  if (it != o.parameters.end()) return it->second;
  return fallback;  // moved out: a ?: with the const map value would copy it instead
}

void set_pseudo_parameters(cfn::Template& t, const CfnOptions& o) {
  t.account = option_or(o, "AWS::AccountId", o.default_account);
  if (t.account.empty()) {
    t.account = "123456789012";
    t.note({}, "AWS::AccountId is not known (pass --parameter AWS::AccountId=...); using the placeholder 123456789012");
  }
  t.region = option_or(o, "AWS::Region", o.default_region);
  if (t.region.empty()) {
    t.region = "us-east-1";
    t.note({}, "AWS::Region is not known (pass --parameter AWS::Region=...); using the placeholder us-east-1");
  }
  t.partition = option_or(o, "AWS::Partition", "aws");
  t.stack_name = option_or(o, "AWS::StackName", std::filesystem::path(t.path).stem().string());
}

// A list-typed parameter (CommaDelimitedList, List<...>) is a list of strings.
JsonValue parameter_value(const std::string& text, const std::string& type, Pos p) {
  if (type != "CommaDelimitedList" && type.rfind("List<", 0) != 0) return cfn::make_string(text, p);
  JsonValue list;
  list.kind = JsonValue::Kind::kArray;
  list.pos = p;
  std::size_t start = 0;
  for (std::size_t at = text.find(','); at != std::string::npos; at = text.find(',', start)) {
    list.items.push_back(cfn::make_string(text.substr(start, at - start), p));
    start = at + 1;
  }
  list.items.push_back(cfn::make_string(text.substr(start), p));
  return list;
}

void read_parameters(cfn::Template& t, const JsonValue& root, const CfnOptions& o) {
  const JsonValue* params = root.find("Parameters");
  for (const auto& m : params != nullptr && params->is_object() ? params->members : std::vector<JsonMember>{}) {
    const JsonValue* type = m.value.is_object() ? m.value.find("Type") : nullptr;
    const JsonValue* def = m.value.is_object() ? m.value.find("Default") : nullptr;
    std::string type_text = type != nullptr && type->is_string() ? type->text : "String";
    if (auto given = o.parameters.find(m.key); given != o.parameters.end()) {
      t.parameters[m.key] = parameter_value(given->second, type_text, m.key_pos);
    } else if (def != nullptr && !def->is_object() && !def->is_array() && !def->is_null()) {
      t.parameters[m.key] = parameter_value(def->text, type_text, def->pos);
    } else {
      t.parameters[m.key] = std::nullopt;
    }
  }
  for (const auto& [name, value] : o.parameters) {
    if (name.rfind("AWS::", 0) != 0 && t.parameters.count(name) == 0) {
      t.note({}, "--parameter " + name + " is not a parameter of this template; ignored");
    }
  }
}

Status read_resources(cfn::Template& t, const JsonValue& root) {
  const JsonValue* resources = root.find("Resources");
  if (resources == nullptr || !resources->is_object()) {
    return make_error("a CloudFormation template needs a Resources mapping",
                      t.where(resources != nullptr ? resources->pos : root.pos));
  }
  for (const auto& m : resources->members) {
    if (!m.value.is_object()) return make_error("resource " + m.key + " is not a mapping", t.where(m.value.pos));
    const JsonValue* type = m.value.find("Type");
    const JsonValue* props = m.value.find("Properties");
    cfn::Resource r{m.key, type != nullptr && type->is_string() ? type->text : "", &m.value,
                    props != nullptr && props->is_object() ? props : nullptr, m.key_pos};
    t.resources[m.key] = r;
  }
  for (const auto& m : resources->members) t.order.push_back(&t.resources[m.key]);
  return Ok{};
}

}  // namespace

bool is_unresolved(std::string_view value) { return value.find(kUnresolvedPrefix) != std::string_view::npos; }

Result<IacLoadResult> parse_cfn_template(std::string_view text, std::string_view path,
                                         const CfnOptions& options) {
  if (text.size() > options.limits.json.max_bytes) {
    return make_error("file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                          std::to_string(options.limits.json.max_bytes),
                      SourcePos(std::string(path), 1, 1));
  }
  auto root = looks_like_json(text) ? parse_json(text, path, options.limits.json) : read_yaml(text, path, options);
  if (!root) return root.error();
  if (!root->is_object()) {
    return make_error("a CloudFormation template is a mapping with Resources", SourcePos(std::string(path), root->pos));
  }
  IacLoadResult result;
  cfn::Template t;
  t.path = std::string(path);
  t.report = &result.report;
  set_pseudo_parameters(t, options);
  read_parameters(t, *root, options);
  if (const JsonValue* c = root->find("Conditions"); c != nullptr && c->is_object()) {
    for (const auto& m : c->members) t.conditions[m.key] = &m.value;
  }
  if (const JsonValue* m = root->find("Mappings"); m != nullptr && m->is_object()) t.mappings = m;
  if (auto s = read_resources(t, *root); !s) return s.error();
  if (const JsonValue* tr = root->find("Transform"); tr != nullptr) {
    t.note(tr->pos, "the template declares Transform; macros (and AWS::Serverless resources) are not expanded");
  }
  cfn::Resolver resolver(t);
  result.inventory.account = t.account;
  result.inventory.region = t.region;
  if (auto s = cfn::build_inventory(t, resolver, options, result.inventory); !s) return s.error();
  return result;
}

Result<IacLoadResult> load_cfn_template(std::string_view path, const SourceReader& reader,
                                        const CfnOptions& options) {
  auto text = reader.read(path);
  if (!text) return text.error();
  return parse_cfn_template(*text, path, options);
}

}  // namespace kmsaccess::core
