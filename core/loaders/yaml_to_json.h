// Turns a YAML node from the manifest (an inline policy or grant list) into a JsonValue that keeps
// the YAML line and column, so errors and findings point into the manifest.
#pragma once

#include <cstddef>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/json.h"
#include "core/loaders/yaml_tree.h"
#include "core/result.h"

namespace kmsaccess::core {

// 1-based position of a yaml-cpp mark (yaml-cpp counts from 0); {0, 0} when the mark is unset.
Pos yaml_pos(const YAML::Mark& mark);

// Scalars follow JSON's reading of the text: quoted scalars are strings; plain true/false are
// booleans, null/~/empty are null, text matching the JSON number grammar is a number (its text
// kept verbatim); every other plain scalar is a string, so `Version: 2012-10-17` stays
// "2012-10-17" and `012345678901` keeps its leading zero. Keys are always strings ('Null' too).
// yaml-cpp turns a plain `Null:` key into a null node and drops its text, so null keys are
// re-read from `source` (the YAML text) at their mark. Duplicate keys are an error, as in
// parse_json. Nesting is limited to `max_depth` and the number of values to `max_values`
// (aliases can otherwise expand a small file enormously).
Result<JsonValue> yaml_to_json(const YAML::Node& node, std::string_view file, std::string_view source,
                               std::size_t max_depth, std::size_t max_values = 1'000'000);

// The same conversion, optionally keeping local tags (CloudFormation's `!Ref x`, `!If [...]`):
// with `wrap_local_tags`, a node tagged `!Name` becomes the one-member object {"!Name": value},
// both at the node's position, so the loader can tell `!Ref x` from the string "x".
struct YamlConvertOptions {
  std::size_t max_depth = 64;
  std::size_t max_values = 1'000'000;
  bool wrap_local_tags = false;
};
Result<JsonValue> yaml_to_json(const YAML::Node& node, std::string_view file, std::string_view source,
                               const YamlConvertOptions& options);

// The same conversion from a node of a YamlTree (the manifest's), which keeps null spellings.
Result<JsonValue> yaml_to_json(const YamlRef& node, std::string_view file, std::size_t max_depth,
                               std::size_t max_values = 1'000'000);

}  // namespace kmsaccess::core
