#include "core/loaders/yaml_documents.h"
#include "core/utf8_bom.h"

#include <sstream>
#include <vector>


namespace kmsaccess::core {
namespace {


// Where each document's root node starts: the mark YAML::Node::Mark() gives that root.
class RootMarks : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> roots;

  void OnDocumentStart(const YAML::Mark& /*mark*/) override { at_root_ = true; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { root(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { root(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {
    root(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                       YAML::EmitterStyle::value /*style*/) override {
    root(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    root(mark);
  }
  void OnMapEnd() override {}

 private:
  bool at_root_ = false;

  void root(const YAML::Mark& mark) {
    if (at_root_) roots.push_back(mark);
    at_root_ = false;
  }
};

}  // namespace

YamlProgressGuard::YamlProgressGuard(YAML::EventHandler& inner, std::string_view text)
    : inner_(inner), text_(text) {
  // Mark::pos counts bytes after a byte order mark.
  text_ = without_bom(text_);
}

void YamlProgressGuard::OnDocumentStart(const YAML::Mark& mark) {
  // Every real document consumes at least one token, so two cannot start at one place.
  if (last_start_ && last_start_->pos == mark.pos) {
    const auto at = static_cast<std::size_t>(mark.pos < 0 ? 0 : mark.pos);
    const char c = at < text_.size() ? text_[at] : '\0';
    const bool printable = c > ' ' && c < 0x7f;
    throw YAML::ParserException(mark, printable ? "unexpected '" + std::string(1, c) + "'" : "unexpected token");
  }
  last_start_ = mark;
  inner_.OnDocumentStart(mark);
}

FirstYamlDocument load_first_yaml_document(std::string_view text) {
  const std::string owned(text);
  RootMarks marks;
  {
    std::istringstream stream(owned);
    YAML::Parser parser(stream);
    YamlProgressGuard guard(marks, text);
    // Three documents at most: a stuck token shows as two documents starting at one place, and
    // that can only happen after one good document.
    for (int i = 0; i < 3 && parser.HandleNextDocument(guard); ++i) {
    }
  }
  FirstYamlDocument out;
  out.root = YAML::Load(owned);  // one document: Load never loops
  if (marks.roots.size() > 1) out.second_root = marks.roots[1];
  return out;
}

}  // namespace kmsaccess::core
