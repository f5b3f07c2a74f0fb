// Field access for the manifest loader: every value is read with its position, and every
// type error names the field, what was expected and what was found.
#include <string>

#include "core/arn.h"
#include "core/loaders/manifest_internal.h"

namespace kmsaccess::core::manifest {

SourcePos Context::where(const YamlRef& node) const { return SourcePos(file, node.pos()); }

Error Context::error(const YamlRef& node, std::string message) const {
  return make_error(std::move(message), where(node));
}

SourcePos Field::where_value(const Context& ctx) const {
  // An empty value's mark points at the next token, often on another line; use the key.
  if (value.is_null() || value.pos().line == 0) return ctx.where(key);
  return ctx.where(value);
}

std::string_view describe(const YamlRef& node) {
  if (node.is_map()) return "a mapping";
  if (node.is_sequence()) return "a list";
  if (node.is_scalar()) return "a string";
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

Result<Fields> Fields::read(const Context& ctx, const YamlRef& map, std::string_view what,
                            std::span<const std::string_view> known) {
  if (!map.is_map()) {
    return ctx.error(map, std::string(what) + " must be a mapping, found " + std::string(describe(map)));
  }
  Fields out;
  out.fields_.reserve(map.size());
  for (std::uint32_t i = 0; i < map.size(); ++i) {
    Field f{map.key(i), map.value(i), map.key(i).is_scalar() ? map.key(i).text() : std::string()};
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
  if (!field.value.is_scalar()) return type_error(ctx, field, "a string");
  if (field.value.text().empty()) {
    return make_error("'" + field.name + "' must not be empty", field.where_value(ctx));
  }
  return field.value.text();
}

Result<std::string> read_optional_string(const Context& ctx, const Field* field) {
  if (field == nullptr || field->value.is_null()) return std::string();
  return read_string(ctx, *field);
}

Result<bool> read_bool(const Context& ctx, const Field& field) {
  if (field.value.is_scalar()) {
    const std::string& t = field.value.text();
    if (iequals_ascii(t, "true")) return true;
    if (iequals_ascii(t, "false")) return false;
  }
  return type_error(ctx, field, "true or false");
}

Result<std::vector<std::string>> read_string_list(const Context& ctx, const Field* field) {
  std::vector<std::string> out;
  if (field == nullptr || field->value.is_null()) return out;
  if (!field->value.is_sequence()) return type_error(ctx, *field, "a list of strings");
  out.reserve(field->value.size());
  for (std::uint32_t i = 0; i < field->value.size(); ++i) {
    YamlRef item = field->value.item(i);
    if (!item.is_scalar()) {
      return ctx.error(item, "'" + field->name + "' entries must be strings, found " +
                                 std::string(describe(item)));
    }
    out.push_back(item.text());
  }
  return out;
}

Result<Tags> read_tags(const Context& ctx, const Field* field) {
  Tags out;
  if (field == nullptr || field->value.is_null()) return out;
  if (!field->value.is_map()) return type_error(ctx, *field, "a mapping of tag names to values");
  for (std::uint32_t i = 0; i < field->value.size(); ++i) {
    YamlRef key = field->value.key(i);
    YamlRef value = field->value.value(i);
    if (!key.is_scalar()) return ctx.error(key, "a tag name must be a string");
    const std::string& name = key.text();
    if (out.count(name) != 0) return ctx.error(key, "duplicate tag '" + name + "'");
    if (value.is_null()) {
      out[name] = "";  // AWS allows empty tag values
    } else if (value.is_scalar()) {
      out[name] = value.text();  // the text as written: 007 stays "007"
    } else {
      return ctx.error(value, "tag '" + name + "' must have a string value, found " +
                                  std::string(describe(value)));
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

Result<std::vector<std::string>> read_account_list(const Context& ctx, const Field* field) {
  std::vector<std::string> out;
  if (field == nullptr || field->value.is_null()) return out;
  if (!field->value.is_sequence()) {
    return make_error("'" + field->name + "' must be a list of account ids, found " +
                          std::string(describe(field->value)),
                      field->where_value(ctx));
  }
  for (std::uint32_t i = 0; i < field->value.size(); ++i) {
    YamlRef a = field->value.item(i);
    if (!a.is_scalar() || !is_account_id(a.text())) {
      return ctx.error(a, "'" + field->name + "' entries must be 12-digit AWS account ids");
    }
    out.push_back(a.text());
  }
  return out;
}

Result<std::string> require_string(const Context& ctx, const Fields& fields, const YamlRef& map,
                                   std::string_view name, std::string_view what) {
  const Field* f = fields.find(name);
  if (f == nullptr) {
    return ctx.error(map, std::string(what) + " has no '" + std::string(name) + "'");
  }
  return read_string(ctx, *f);
}

}  // namespace kmsaccess::core::manifest
