// load_first_yaml_document and YamlProgressGuard: one document out of yaml-cpp, never a loop.
#include <doctest/doctest.h>

#include <sstream>

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "core/loaders/yaml_documents.h"

namespace kmsaccess::core {
namespace {

// Counts documents; the guard decides when to stop.
class CountDocuments : public YAML::EventHandler {
 public:
  int documents = 0;
  void OnDocumentStart(const YAML::Mark&) override { ++documents; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// The message and 0-based position of the exception `text` raises, or "none".
std::string failure(std::string_view text) {
  try {
    load_first_yaml_document(text);
  } catch (const YAML::Exception& e) {
    return e.msg + " at " + std::to_string(e.mark.line) + ":" + std::to_string(e.mark.column);
  }
  return "none";
}

}  // namespace

TEST_CASE("a stray ',' outside a flow collection is an error at its place, not an endless loop") {
  // yaml-cpp 0.7's LoadAll allocates empty documents forever on these (fuzz/regressions/manifest/).
  CHECK(failure(",") == "unexpected ',' at 0:0");
  CHECK(failure("[a],") == "unexpected ',' at 0:3");
  CHECK(failure("\xEF\xBB\xBF,") == "unexpected ',' at 0:0");
  CHECK(failure("version: 1\nkeys: []\n") == "none");
}

TEST_CASE("the guard ends a loop over every document of a stuck parser") {
  for (const char* text : {",", "[a],", "a\n---\n,", "a: 1\n---\n[b],"}) {
    CAPTURE(text);
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    CountDocuments count;
    YamlProgressGuard guard(count, text);
    CHECK_THROWS_AS(
        [&] {
          while (parser.HandleNextDocument(guard)) {
          }
        }(),
        YAML::ParserException);
    CHECK(count.documents < 5);
  }
}

TEST_CASE("the first document is loaded and a second one is located, not loaded") {
  FirstYamlDocument two = load_first_yaml_document("a: 1\n---\nb: 2\n---\nc: 3\n");
  REQUIRE(two.root.IsMap());
  CHECK(two.root["a"].as<int>() == 1);
  REQUIRE(two.second_root.has_value());
  CHECK(two.second_root->line == 2);
  CHECK(two.second_root->column == 0);

  FirstYamlDocument one = load_first_yaml_document("- x\n- y\n");
  CHECK(one.root.size() == 2);
  CHECK_FALSE(one.second_root.has_value());

  FirstYamlDocument none = load_first_yaml_document("");
  CHECK(none.root.IsNull());
  CHECK_FALSE(none.second_root.has_value());
}

TEST_CASE("invalid YAML still raises yaml-cpp's own error") {
  CHECK(failure("a: [1, 2\n") != "none");
  CHECK(failure("a: b\n]") == "illegal flow end at 1:0");
}

}  // namespace kmsaccess::core
