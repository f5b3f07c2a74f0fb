// Test-only helpers for YamlTree: a readable dump, and the first difference between two trees.
#pragma once

#include <cstdint>
#include <string>

#include "core/loaders/yaml_tree.h"

namespace kmsaccess::core::testing {

inline const char* yaml_kind_name(YamlNode::Kind kind) {
  switch (kind) {
    case YamlNode::Kind::kNull: return "null";
    case YamlNode::Kind::kScalar: return "scalar";
    case YamlNode::Kind::kSequence: return "sequence";
    case YamlNode::Kind::kMap: return "map";
  }
  return "?";
}

inline std::string describe_yaml_node(const YamlRef& n) {
  return std::string(yaml_kind_name(n.kind())) + " " + std::to_string(n.pos().line) + ":" +
         std::to_string(n.pos().column) + " tag '" + n.tag() + "' text '" + n.text() + "' (" +
         std::to_string(n.size()) + " children)";
}

// "" when both nodes (and everything below them) agree on kind, position, text, tag and children.
// Trees from the subset reader have no aliases, so the walk is bounded by its depth limit.
inline std::string first_yaml_difference(const YamlRef& a, const YamlRef& b, const std::string& path,
                                         int depth = 0) {
  const YamlNode& x = a.node();
  const YamlNode& y = b.node();
  if (x.kind != y.kind || x.pos != y.pos || x.text != y.text || x.tag != y.tag || x.count != y.count) {
    return path + ": " + describe_yaml_node(a) + " vs " + describe_yaml_node(b);
  }
  if (depth > 200) return path + ": deeper than 200 levels";
  std::uint32_t children = x.kind == YamlNode::Kind::kMap ? 2 * x.count : x.count;
  for (std::uint32_t i = 0; i < children; ++i) {
    bool map = x.kind == YamlNode::Kind::kMap;
    YamlRef ca = map ? (i % 2 == 0 ? a.key(i / 2) : a.value(i / 2)) : a.item(i);
    YamlRef cb = map ? (i % 2 == 0 ? b.key(i / 2) : b.value(i / 2)) : b.item(i);
    std::string step = map ? (i % 2 == 0 ? "/key" : "/value") + std::to_string(i / 2) : "/" + std::to_string(i);
    std::string d = first_yaml_difference(ca, cb, path + step, depth + 1);
    if (!d.empty()) return d;
  }
  return {};
}

inline std::string first_yaml_difference(const YamlTree& a, const YamlTree& b) {
  if (a.documents.size() != b.documents.size()) {
    return "documents: " + std::to_string(a.documents.size()) + " vs " + std::to_string(b.documents.size());
  }
  for (std::size_t d = 0; d < a.documents.size(); ++d) {
    std::string diff = first_yaml_difference(YamlRef(a, a.documents[d]), YamlRef(b, b.documents[d]),
                                             "doc" + std::to_string(d));
    if (!diff.empty()) return diff;
  }
  return {};
}

}  // namespace kmsaccess::core::testing
