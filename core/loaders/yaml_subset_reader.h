// A fast reader for the YAML that manifests are written in; it declines everything else, and the
// caller then reads the text with yaml-cpp (about 1 MB/s), so unusual files behave as before.
#pragma once

#include <optional>
#include <string_view>

#include "core/loaders/yaml_tree.h"

namespace kmsaccess::core {

// Reads `text` into exactly the tree read_yaml_with_yaml_cpp gives (kinds, text, tags,
// positions, null spellings), or returns std::nullopt ("declined") for anything outside:
//   * one document: an optional `---` line, then a block mapping or block sequence;
//   * block mappings and sequences (also a sequence at its key's indentation), `- key: value`
//     items, empty values and items;
//   * flow `[...]` and `{...}` of scalars and flow collections, opened and closed on one line;
//   * plain scalars and single- or double-quoted scalars (every YAML escape) on one line;
//     plain `~`, `null`, `Null`, `NULL` are nulls; comments after whitespace; CRLF; a UTF-8 BOM.
// It declines anchors, aliases, tags, block scalars (`|`, `>`), multi-line scalars, `?` keys,
// `"key" : value` spacing, empty keys and flow values, more than one document, directives, `...`,
// tabs outside quotes and comments, control characters, keys over 1000 bytes, nesting deeper than
// 64, and any indentation it does not expect. Declining is always safe; accepting must be exact.
std::optional<YamlTree> read_yaml_subset(std::string_view text);

}  // namespace kmsaccess::core
