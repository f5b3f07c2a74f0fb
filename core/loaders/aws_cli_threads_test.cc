// AWS CLI files and IAM policies are parsed on several threads; the inventory, the notes and
// the error reported must not depend on how many.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/loaders/aws_cli_loader.h"
#include "core/testing/load_files.h"

namespace kmsaccess::core {
namespace {

Result<AwsLoadResult> load_with(const MemorySourceReader& reader, unsigned threads) {
  AwsLoadOptions options;
  options.threads = threads;
  return load_aws_cli_folder("in", reader, options);
}

std::string snapshot(const AwsLoadResult& r) {
  std::string notes;
  for (const auto& note : r.report.notes) notes += note.to_string() + "\n";
  return notes + testing::inventory_text(r.inventory);
}

std::string user(int i, std::string_view inline_document) {
  const std::string name = "u" + std::to_string(i);
  return R"({"UserName":")" + name + R"(","Arn":"arn:aws:iam::111122223333:user/)" + name +
         R"(","UserPolicyList":[{"PolicyName":"p","PolicyDocument":)" + std::string(inline_document) + "}]}";
}

constexpr const char* kGood = R"({"Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}})";

}  // namespace

TEST_CASE("every recorded AWS output loads the same on 1, 2 and 4 threads") {
  MemorySourceReader reader;
  const std::filesystem::path dir = std::filesystem::path(KMSACCESS_SOURCE_DIR) / "testdata/aws/formats";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    // One folder per file, so no two outputs meet in one folder; all load in one run.
    reader.files["in/" + entry.path().stem().string() + "/" + entry.path().filename().string()] = text.str();
  }
  REQUIRE(reader.files.size() > 10);
  auto one = load_with(reader, 1);
  REQUIRE_MESSAGE(one, one.error().to_string());
  CHECK(one->inventory.policies.size() > 10);
  for (unsigned threads : {2U, 4U}) {
    auto many = load_with(reader, threads);
    REQUIRE_MESSAGE(many, many.error().to_string());
    CHECK(snapshot(*many) == snapshot(*one));
  }
}

TEST_CASE("the first malformed file in listing order is reported on any number of threads") {
  MemorySourceReader reader;
  for (int i = 0; i < 40; ++i) reader.files["in/a" + std::to_string(100 + i) + ".json"] = R"({"Keys": []})";
  reader.files["in/m.json"] = "{\"Keys\": [\n}";
  reader.files["in/z.json"] = "{";
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    auto r = load_with(reader, threads);
    REQUIRE_FALSE(r);
    CHECK(r.error().pos.file == "in/m.json");
    CHECK(r.error().pos.line == 2);
  }
}

TEST_CASE("the first bad IAM policy, groups before users before roles, is reported on any number of threads") {
  std::string users;
  for (int i = 10; i < 70; ++i) users += (users.empty() ? "" : ",\n") + user(i, i == 50 ? R"({"Statement": 7})" : kGood);
  MemorySourceReader reader;
  reader.files["in/iam/details.json"] =
      "{\"UserDetailList\": [\n" + users + "],\n\"GroupDetailList\": [\n" +
      R"({"GroupName":"g","Arn":"arn:aws:iam::111122223333:group/g","GroupPolicyList":[{"PolicyName":"p",)" +
      "\n" + R"("PolicyDocument":{"Statement":{"Effect":"Maybe","Action":"kms:Decrypt","Resource":"*"}}}]}]})";
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    auto r = load_with(reader, threads);
    REQUIRE_FALSE(r);
    CHECK(r.error().pos.file.rfind("in/iam/details.json", 0) == 0);
    CHECK(r.error().message.find("Maybe") != std::string::npos);  // the group's, not user u50's
  }
}

TEST_CASE("of two bad user policies, the one named first is reported on any number of threads") {
  std::string users;
  for (int i = 10; i < 70; ++i) {
    const char* bad = i == 20 ? R"({"Statement": 7})" : i == 65 ? R"({"Statement": "x"})" : kGood;
    users += (users.empty() ? "" : ",\n") + user(i, bad);
  }
  MemorySourceReader reader;
  reader.files["in/iam/details.json"] = "{\"UserDetailList\": [\n" + users + "]}";
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    auto r = load_with(reader, threads);
    REQUIRE_FALSE(r);
    CHECK(r.error().pos.line == 12);  // u20's line
    CHECK(r.error().message.find("found number") != std::string::npos);
  }
}

}  // namespace kmsaccess::core
