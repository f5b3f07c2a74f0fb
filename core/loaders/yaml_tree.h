// A YAML stream as one flat tree with yaml-cpp's positions, tags and scalar text. The manifest
// loader reads only this; it is built by the fast subset reader (yaml_subset_reader.h) or, for
// anything that reader declines, from yaml-cpp's parser events (read_yaml_with_yaml_cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kmsaccess::core {

struct YamlNode {
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;
  // yaml-cpp's mark plus one: the node's first character (a block mapping's first key, a block
  // sequence's first '-'); an empty value is marked at the next token, or the end of the input.
  Pos pos;
  // A scalar's text after quotes and escapes. For a null, the `~`/`null`/`Null`/`NULL` written
  // at its position, else empty: yaml-cpp drops the spelling, and `Null:` is a condition operator.
  std::string text;
  // yaml-cpp's tag: "?" for a plain scalar or an untagged collection, "!" for a quoted scalar,
  // the resolved tag when one is written ("!Ref", "tag:yaml.org,2002:str"), "" for a null.
  std::string tag;
  std::uint32_t first = 0;  // the first child in YamlTree::links
  std::uint32_t count = 0;  // items of a sequence, or key/value pairs of a mapping
};

struct YamlTree {
  std::vector<YamlNode> nodes;
  // Children: a sequence's items, or a mapping's key, value, key, value... An alias is the id
  // of its anchored node, so a subtree may be reached more than once (even from inside itself).
  std::vector<std::uint32_t> links;
  std::vector<std::uint32_t> documents;  // the root of each document, in order
};

// A handle on one node of a tree; the tree has to outlive it. Cheap to copy.
class YamlRef {
 public:
  YamlRef(const YamlTree& tree, std::uint32_t id) : tree_(&tree), id_(id) {}

  const YamlNode& node() const { return tree_->nodes[id_]; }
  YamlNode::Kind kind() const { return node().kind; }
  bool is_null() const { return kind() == YamlNode::Kind::kNull; }
  bool is_scalar() const { return kind() == YamlNode::Kind::kScalar; }
  bool is_sequence() const { return kind() == YamlNode::Kind::kSequence; }
  bool is_map() const { return kind() == YamlNode::Kind::kMap; }
  const std::string& text() const { return node().text; }
  const std::string& tag() const { return node().tag; }
  Pos pos() const { return node().pos; }
  std::uint32_t size() const { return node().count; }  // items or pairs

  YamlRef item(std::uint32_t i) const { return child(i); }           // a sequence's i-th item
  YamlRef key(std::uint32_t i) const { return child(2 * i); }        // a mapping's i-th key
  YamlRef value(std::uint32_t i) const { return child(2 * i + 1); }  // and its value

 private:
  const YamlTree* tree_;
  std::uint32_t id_;

  YamlRef child(std::uint32_t i) const { return {*tree_, tree_->links[node().first + i]}; }
};

// The `~`, `null`, `Null` or `NULL` that starts at byte `offset` of `text`, or "".
std::string null_spelling_at(std::string_view text, std::size_t offset);

// Reads every document of `text` with yaml-cpp (YAML::Parser, as YAML::LoadAll does) into a tree
// equal to the YAML::Node documents LoadAll returns. Throws YAML::Exception on invalid YAML.
YamlTree read_yaml_with_yaml_cpp(std::string_view text);

}  // namespace kmsaccess::core
