// Reading `terraform show -json` output: planned resources from every module, their unknown
// attributes (resource_changes[].change.after_unknown) and configuration expressions.
#include "core/loaders/tf_plan_loader.h"

#include <algorithm>

#include "core/loaders/tf_internal.h"

namespace kmsaccess::core {
namespace tf {
std::string strip_indexes(std::string_view address) {
  std::string out;
  int depth = 0;
  for (char c : address) {
    if (c == '[') ++depth;
    if (depth == 0) out += c;
    if (c == ']' && depth > 0) --depth;
  }
  return out;
}

namespace {

std::string join_address(std::string_view module, std::string_view rest) {
  return module.empty() ? std::string(rest) : std::string(module) + "." + std::string(rest);
}

std::string text_field(const JsonValue& obj, std::string_view key) {
  const JsonValue* v = obj.is_object() ? obj.find(key) : nullptr;
  return v != nullptr && v->is_string() ? v->text : "";
}

const JsonValue* object_field(const JsonValue* obj, std::string_view key) {
  const JsonValue* v = obj != nullptr && obj->is_object() ? obj->find(key) : nullptr;
  return v != nullptr && v->is_object() ? v : nullptr;
}

const JsonValue* array_field(const JsonValue* obj, std::string_view key) {
  const JsonValue* v = obj != nullptr && obj->is_object() ? obj->find(key) : nullptr;
  return v != nullptr && v->is_array() ? v : nullptr;
}

// configuration.root_module, recursively through module_calls: "module.m.aws_x.y" -> expressions.
void index_configuration(const JsonValue* module, const std::string& prefix,
                         std::map<std::string, const JsonValue*>& out, std::size_t depth) {
  if (module == nullptr || depth > 32) return;
  if (const JsonValue* list = array_field(module, "resources")) {
    for (const auto& r : list->items) {
      const JsonValue* e = object_field(&r, "expressions");
      if (e != nullptr) out[join_address(prefix, text_field(r, "address"))] = e;
    }
  }
  if (const JsonValue* calls = object_field(module, "module_calls")) {
    for (const auto& m : calls->members) {
      index_configuration(object_field(&m.value, "module"), join_address(prefix, "module." + m.key), out, depth + 1);
    }
  }
}

struct Indexes {
  std::map<std::string, const JsonValue*> after_unknown;  // by address
  std::map<std::string, const JsonValue*> expressions;    // by address without indexes
};

void collect(Plan& plan, const JsonValue* module, const Indexes& idx, std::size_t depth) {
  if (module == nullptr || depth > 32) return;
  std::string module_address = strip_indexes(text_field(*module, "address"));
  if (const JsonValue* list = array_field(module, "resources")) {
    for (const auto& r : list->items) {
      if (text_field(r, "mode") != "managed") continue;  // data sources are read, not created
      const JsonValue* values = object_field(&r, "values");
      if (values == nullptr) values = &r;  // no values at all: every attribute is unknown
      Resource res;
      res.address = text_field(r, "address");
      res.type = text_field(r, "type");
      res.module = module_address;
      res.values = values;
      res.pos = r.pos;
      if (auto it = idx.after_unknown.find(res.address); it != idx.after_unknown.end()) res.after_unknown = it->second;
      std::string config = join_address(module_address, res.type + "." + text_field(r, "name"));
      if (auto it = idx.expressions.find(config); it != idx.expressions.end()) res.expressions = it->second;
      plan.resources.push_back(std::move(res));
    }
  }
  if (const JsonValue* children = array_field(module, "child_modules")) {
    for (const auto& child : children->items) collect(plan, &child, idx, depth + 1);
  }
}

Status check_format(const JsonValue& root, std::string_view path) {
  const JsonValue* version = root.find("format_version");
  if (version == nullptr || !version->is_string()) {
    return make_error("not a `terraform show -json` output: no format_version", SourcePos(std::string(path), root.pos));
  }
  if (version->text.rfind("0.", 0) != 0 && version->text.rfind("1.", 0) != 0) {
    return make_error("unsupported Terraform JSON format_version " + version->text + " (0.x and 1.x are read)",
                      SourcePos(std::string(path), version->pos));
  }
  return Ok{};
}

void set_account_and_region(Plan& plan, const JsonValue& root, const TfOptions& o) {
  plan.account = o.default_account;
  if (plan.account.empty()) {
    plan.account = "123456789012";
    plan.note(NoteKind::kPartial, {}, "the account is not known (set it in a manifest); using the placeholder 123456789012");
  }
  const JsonValue* config = object_field(&root, "configuration");
  const JsonValue* region = object_field(object_field(object_field(object_field(config, "provider_config"), "aws"),
                                                      "expressions"), "region");
  plan.region = o.default_region;
  if (plan.region.empty() && region != nullptr) plan.region = text_field(*region, "constant_value");
  if (plan.region.empty()) {
    plan.region = "us-east-1";
    plan.note(NoteKind::kPartial, {}, "the region is not known (no constant provider region); using the placeholder us-east-1");
  }
}

}  // namespace

std::optional<std::string> string_value(const Resource& r, std::string_view field) {
  const JsonValue* v = r.values->find(field);
  if (v == nullptr || is_unknown(r, field) || (!v->is_string() && !v->is_number() && !v->is_bool())) return std::nullopt;
  return v->text;
}

bool is_unknown(const Resource& r, std::string_view field) {
  const JsonValue* v = r.after_unknown != nullptr ? r.after_unknown->find(field) : nullptr;
  return v != nullptr && v->is_bool() && v->boolean;
}

std::optional<bool> configured(const Resource& r, std::string_view field) {
  if (r.expressions == nullptr) return std::nullopt;
  return r.expressions->find(field) != nullptr;
}

std::vector<std::string> references(const Resource& r, std::string_view field) {
  std::vector<std::string> out;
  const JsonValue* refs = array_field(object_field(r.expressions, field), "references");
  for (const JsonValue& ref : refs != nullptr ? refs->items : std::vector<JsonValue>{}) {
    if (!ref.is_string() || ref.text.rfind("aws_", 0) != 0) continue;
    std::string plain = strip_indexes(ref.text);
    std::size_t first = plain.find('.');
    std::size_t second = first == std::string::npos ? first : plain.find('.', first + 1);
    std::string address = join_address(r.module, plain.substr(0, second));
    if (std::find(out.begin(), out.end(), address) == out.end()) out.push_back(address);
  }
  return out;
}

}  // namespace tf

Result<IacLoadResult> parse_tf_plan(std::string_view text, std::string_view path, const TfOptions& options) {
  auto root = parse_json(text, path, options.limits.json);
  if (!root) return root.error();
  if (!root->is_object()) return make_error("a Terraform plan is a JSON object", SourcePos(std::string(path), root->pos));
  if (auto s = tf::check_format(*root, path); !s) return s.error();
  IacLoadResult result;
  tf::Plan plan;
  plan.path = std::string(path);
  plan.report = &result.report;
  tf::set_account_and_region(plan, *root, options);
  tf::Indexes idx;
  if (const JsonValue* changes = tf::array_field(&*root, "resource_changes")) {
    for (const auto& c : changes->items) {
      const JsonValue* unknown = tf::object_field(tf::object_field(&c, "change"), "after_unknown");
      if (unknown != nullptr) idx.after_unknown[tf::text_field(c, "address")] = unknown;
    }
  }
  tf::index_configuration(tf::object_field(tf::object_field(&*root, "configuration"), "root_module"), "",
                          idx.expressions, 0);
  const JsonValue* planned = tf::object_field(&*root, "planned_values");
  if (planned == nullptr) planned = tf::object_field(&*root, "values");  // `terraform show -json` of a state
  if (planned == nullptr) {
    return make_error("a Terraform plan needs planned_values", SourcePos(std::string(path), root->pos));
  }
  tf::collect(plan, tf::object_field(planned, "root_module"), idx, 0);
  result.inventory.account = plan.account;
  result.inventory.region = plan.region;
  if (auto s = tf::build_inventory(plan, options, result.inventory); !s) return s.error();
  return result;
}

Result<IacLoadResult> load_tf_plan(std::string_view path, const SourceReader& reader, const TfOptions& options) {
  auto text = reader.read(path);
  if (!text) return text.error();
  return parse_tf_plan(*text, path, options);
}

}  // namespace kmsaccess::core
