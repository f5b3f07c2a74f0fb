// Field access for the manifest loader: every value is read with its position, and every
// type error names the field, what was expected and what was found.
#include <string>

#include "core/arn.h"
#include "core/loaders/manifest_internal.h"
#include "core/loaders/yaml_to_json.h"

namespace kmsaccess::core::manifest {

SourcePos Context::where(const YAML::Node& node) const { return SourcePos(file, yaml_pos(node.Mark())); }

Error Context::error(const YAML::Node& node, std::string message) const {
  return make_error(std::move(message), where(node));
}

SourcePos Field::where_value(const Context& ctx) const {
  // An empty value's mark points at the next token, often on another line; use the key.
  if (value.IsNull() || yaml_pos(value.Mark()).line == 0) return ctx.where(key);
  return ctx.where(value);
}

std::string_view describe(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsScalar()) return "a string";
  return "nothing";
}

namespace {

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

Error type_error(const Context& ctx, const Field& field, std::string_view expected) {
  return make_error("'" + field.name + "' must be " + std::string(expected) + ", found " +
                        std::string(describe(field.value)),
                    field.where_value(ctx));
}

}  // namespace

Result<Fields> Fields::read(const Context& ctx, const YAML::Node& map, std::string_view what,
                            std::span<const std::string_view> known) {
  if (!map.IsMap()) {
    return ctx.error(map, std::string(what) + " must be a mapping, found " + std::string(describe(map)));
  }
  Fields out;
  for (auto it = map.begin(); it != map.end(); ++it) {
    Field f{it->first, it->second, it->first.IsScalar() ? it->first.Scalar() : std::string()};
    bool is_known = false;
    for (auto k : known) is_known = is_known || k == f.name;
    if (!is_known) {
      return ctx.error(f.key, "unknown field '" + f.name + "' in " + std::string(what) +
                                  " (expected one of: " + join(known) + ")");
    }
    if (const Field* first = out.find(f.name)) {
      return ctx.error(f.key, "duplicate field '" + f.name + "' (first at line " +
                                  std::to_string(ctx.where(first->key).line) + ")");
    }
    out.fields_.push_back(std::move(f));
  }
  return out;
}

const Field* Fields::find(std::string_view name) const {
  for (const auto& f : fields_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<std::string> read_string(const Context& ctx, const Field& field) {
  if (!field.value.IsScalar()) return type_error(ctx, field, "a string");
  if (field.value.Scalar().empty()) {
    return make_error("'" + field.name + "' must not be empty", field.where_value(ctx));
  }
  return field.value.Scalar();
}

Result<std::string> read_optional_string(const Context& ctx, const Field* field) {
  if (field == nullptr || field->value.IsNull()) return std::string();
  return read_string(ctx, *field);
}

Result<bool> read_bool(const Context& ctx, const Field& field) {
  if (field.value.IsScalar()) {
    const std::string& t = field.value.Scalar();
    if (iequals_ascii(t, "true")) return true;
    if (iequals_ascii(t, "false")) return false;
  }
  return type_error(ctx, field, "true or false");
}

Result<std::vector<std::string>> read_string_list(const Context& ctx, const Field* field) {
  std::vector<std::string> out;
  if (field == nullptr || field->value.IsNull()) return out;
  if (!field->value.IsSequence()) return type_error(ctx, *field, "a list of strings");
  for (const auto& item : field->value) {
    if (!item.IsScalar()) {
      return ctx.error(item, "'" + field->name + "' entries must be strings, found " +
                                 std::string(describe(item)));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

Result<Tags> read_tags(const Context& ctx, const Field* field) {
  Tags out;
  if (field == nullptr || field->value.IsNull()) return out;
  if (!field->value.IsMap()) return type_error(ctx, *field, "a mapping of tag names to values");
  for (auto it = field->value.begin(); it != field->value.end(); ++it) {
    if (!it->first.IsScalar()) return ctx.error(it->first, "a tag name must be a string");
    const std::string name = it->first.Scalar();
    if (out.count(name) != 0) return ctx.error(it->first, "duplicate tag '" + name + "'");
    if (it->second.IsNull()) {
      out[name] = "";  // AWS allows empty tag values
    } else if (it->second.IsScalar()) {
      out[name] = it->second.Scalar();  // the text as written: 007 stays "007"
    } else {
      return ctx.error(it->second, "tag '" + name + "' must have a string value, found " +
                                       std::string(describe(it->second)));
    }
  }
  return out;
}

Result<std::string> read_account(const Context& ctx, const Field& field) {
  // The scalar text, never a number: 000011112222 keeps its leading zeros.
  auto text = read_string(ctx, field);
  if (!text) return text;
  if (!is_account_id(*text)) {
    return make_error("'" + field.name + "' must be a 12-digit AWS account id, found '" + *text + "'",
                      field.where_value(ctx));
  }
  return text;
}

Result<std::string> require_string(const Context& ctx, const Fields& fields, const YAML::Node& map,
                                   std::string_view name, std::string_view what) {
  const Field* f = fields.find(name);
  if (f == nullptr) {
    return ctx.error(map, std::string(what) + " has no '" + std::string(name) + "'");
  }
  return read_string(ctx, *f);
}

}  // namespace kmsaccess::core::manifest
