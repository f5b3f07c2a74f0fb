// Reading YAML documents with yaml-cpp without its endless loop on a stray ',' (guard + first document).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace kmsaccess::core {

// Forwards every parser event to `inner`, and throws YAML::ParserException ("unexpected ','")
// when a document starts where the previous one started. yaml-cpp 0.7 reports a ',' outside a
// flow collection ("," or "[a],") as an empty document without consuming it, so YAML::LoadAll,
// or any loop over Parser::HandleNextDocument, makes empty documents until memory runs out
// (found by fuzz_manifest; fuzz/regressions/manifest/). Wrap the handler of such a loop in this.
class YamlProgressGuard : public YAML::EventHandler {
 public:
  YamlProgressGuard(YAML::EventHandler& inner, std::string_view text);

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override { inner_.OnDocumentEnd(); }
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { inner_.OnNull(mark, anchor); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override { inner_.OnAlias(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    inner_.OnScalar(mark, tag, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    inner_.OnSequenceStart(mark, tag, anchor, style);
  }
  void OnSequenceEnd() override { inner_.OnSequenceEnd(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    inner_.OnMapStart(mark, tag, anchor, style);
  }
  void OnMapEnd() override { inner_.OnMapEnd(); }
  void OnAnchor(const YAML::Mark& mark, const std::string& name) override { inner_.OnAnchor(mark, name); }

 private:
  YAML::EventHandler& inner_;
  std::string_view text_;
  std::optional<YAML::Mark> last_start_;
};

struct FirstYamlDocument {
  YAML::Node root;                          // null when the text holds no document
  std::optional<YAML::Mark> second_root;    // where a second document's root node starts
};

// YAML::LoadAll for loaders that accept one document: the first document, and where a second one
// starts so the caller can reject it with a position. Throws YAML::Exception on invalid YAML,
// including the unconsumed token above.
FirstYamlDocument load_first_yaml_document(std::string_view text);

}  // namespace kmsaccess::core
