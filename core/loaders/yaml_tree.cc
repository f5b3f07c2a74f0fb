#include "core/loaders/yaml_tree.h"

#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "core/loaders/yaml_documents.h"
#include "core/utf8_bom.h"

namespace kmsaccess::core {
namespace {


// The same tree YAML::NodeBuilder makes (yaml-cpp 0.7 src/nodebuilder.cpp): one node per event,
// an alias is its anchored node again, and mapping pairs keep file order and duplicates.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(YamlTree& tree, std::string_view text) : tree_(tree), text_(text) {
    bom_ = bom_size(text);
  }

  void OnDocumentStart(const YAML::Mark& /*mark*/) override {
    anchors_.assign(1, 0);  // anchor ids start at 1 in every document
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    std::uint32_t id = add(mark, anchor, YamlNode::Kind::kNull, "");
    // Mark::pos counts bytes after the byte order mark.
    if (mark.pos >= 0) tree_.nodes[id].text = null_spelling_at(text_, static_cast<std::size_t>(mark.pos) + bom_);
    attach(id);
  }
  void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t anchor) override { attach(anchors_.at(anchor)); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    std::uint32_t id = add(mark, anchor, YamlNode::Kind::kScalar, tag);
    tree_.nodes[id].text = value;
    attach(id);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open_.push_back({add(mark, anchor, YamlNode::Kind::kSequence, tag), scratch_.size()});
  }
  void OnSequenceEnd() override { close(1); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open_.push_back({add(mark, anchor, YamlNode::Kind::kMap, tag), scratch_.size()});
  }
  void OnMapEnd() override { close(2); }

 private:
  struct Open {
    std::uint32_t id;
    std::size_t first_child;  // in scratch_
  };

  YamlTree& tree_;
  std::string_view text_;
  std::size_t bom_ = 0;
  std::vector<std::uint32_t> anchors_{0};
  std::vector<Open> open_;
  std::vector<std::uint32_t> scratch_;  // children of the open collections, innermost last

  std::uint32_t add(const YAML::Mark& mark, YAML::anchor_t anchor, YamlNode::Kind kind, const std::string& tag) {
    auto id = static_cast<std::uint32_t>(tree_.nodes.size());
    YamlNode node;
    node.kind = kind;
    if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
      node.pos = {static_cast<std::uint32_t>(mark.line) + 1, static_cast<std::uint32_t>(mark.column) + 1};
    }
    node.tag = tag;
    tree_.nodes.push_back(std::move(node));
    if (anchor != 0) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, 0);
      anchors_[anchor] = id;
    }
    return id;
  }

  void attach(std::uint32_t id) {
    if (open_.empty()) {
      tree_.documents.push_back(id);
    } else {
      scratch_.push_back(id);
    }
  }

  void close(std::uint32_t per_entry) {
    Open done = open_.back();
    open_.pop_back();
    YamlNode& node = tree_.nodes[done.id];
    node.first = static_cast<std::uint32_t>(tree_.links.size());
    node.count = static_cast<std::uint32_t>((scratch_.size() - done.first_child) / per_entry);
    tree_.links.insert(tree_.links.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(done.first_child),
                       scratch_.end());
    scratch_.resize(done.first_child);
    attach(done.id);
  }
};

bool is_null_word(std::string_view word) {
  return word == "~" || word == "null" || word == "Null" || word == "NULL";
}

}  // namespace

std::string null_spelling_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {};
  std::string_view rest = text.substr(offset);
  std::string_view word = rest.substr(0, rest.find_first_of(": \t\r\n,}]"));
  return is_null_word(word) ? std::string(word) : std::string();
}

YamlTree read_yaml_with_yaml_cpp(std::string_view text) {
  YamlTree tree;
  std::stringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  TreeBuilder builder(tree, text);
  // Not the builder itself: yaml-cpp 0.7 reports a stray ',' as empty documents forever.
  YamlProgressGuard guard(builder, text);
  while (parser.HandleNextDocument(guard)) {
  }
  return tree;
}

}  // namespace kmsaccess::core
