// Policy files are read and parsed on several threads; the inventory and the error reported
// must not depend on how many.
#include <doctest/doctest.h>

#include <string>

#include "bench/inventory_generator.h"
#include "core/loaders/manifest_loader.h"
#include "core/testing/load_files.h"

using namespace kmsaccess::core;

namespace {

Result<Inventory> load_with(const MemorySourceReader& reader, unsigned threads) {
  ManifestOptions options;
  options.threads = threads;
  return load_manifest("inv/kmsaccess.yaml", reader, options);
}

using testing::inventory_text;

std::string principal(char name, std::string_view policies) {
  return std::string("  - name: ") + name + "\n    arn: arn:aws:iam::111122223333:role/" + name +
         "\n    policies: [" + std::string(policies) + "]\n";
}

constexpr const char* kPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]})";

// 60 good files, so the worker threads are busy well past the first bad file.
MemorySourceReader with_good_files() {
  MemorySourceReader reader;
  for (int i = 0; i < 60; ++i) reader.files["inv/ok" + std::to_string(i) + ".json"] = kPolicy;
  reader.files["inv/bad1.json"] = "{\"Version\": \"2012-10-17\",\n \"Statement\": [}";
  reader.files["inv/bad2.json"] = "{\"Statement\": 7,";
  return reader;
}

std::string good_list() {
  std::string out;
  for (int i = 0; i < 60; ++i) out += (i == 0 ? "" : ", ") + std::string("ok") + std::to_string(i) + ".json";
  return out;
}

}  // namespace

TEST_CASE("a generated inventory loads the same on 1, 2 and 4 threads") {
  kmsaccess::bench::GenOptions gen;
  gen.principals = 300;
  gen.keys = 40;
  gen.seed = 7;
  MemorySourceReader reader;
  for (const auto& [path, body] : kmsaccess::bench::generate_inventory(gen).files) reader.files["inv/" + path] = body;
  auto one = load_with(reader, 1);
  REQUIRE_MESSAGE(one, one.error().to_string());
  REQUIRE(one->policies.size() > 100);
  const std::string expected = inventory_text(*one);
  for (unsigned threads : {2U, 4U}) {
    auto many = load_with(reader, threads);
    REQUIRE_MESSAGE(many, many.error().to_string());
    CHECK(inventory_text(*many) == expected);
  }
}

TEST_CASE("the first bad policy file in manifest order is reported on any number of threads") {
  MemorySourceReader reader = with_good_files();
  // bad1.json is named before bad2.json and before the manifest's own error (an unknown field).
  reader.files["inv/kmsaccess.yaml"] = "account: \"111122223333\"\nprincipals:\n" +
                                       principal('A', good_list() + ", bad1.json") + principal('B', "bad2.json") +
                                       "  - name: C\n    arn: arn:aws:iam::111122223333:role/C\n    colour: blue\n";
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    auto inv = load_with(reader, threads);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().pos.file == "inv/bad1.json");
    CHECK(inv.error().pos.line == 2);
  }
}

TEST_CASE("a manifest error before any bad file is reported, not the bad file named after it") {
  MemorySourceReader reader = with_good_files();
  reader.files["inv/kmsaccess.yaml"] = "account: \"111122223333\"\nprincipals:\n" + principal('A', good_list()) +
                                       "  - name: C\n    arn: arn:aws:iam::111122223333:role/C\n    colour: blue\n" +
                                       principal('B', "bad2.json");
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    auto inv = load_with(reader, threads);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().pos.file == "inv/kmsaccess.yaml");
    CHECK(inv.error().message.find("colour") != std::string::npos);
  }
}

TEST_CASE("a policy file that cannot be read is reported at the manifest value naming it") {
  MemorySourceReader reader = with_good_files();
  reader.files["inv/kmsaccess.yaml"] =
      "account: \"111122223333\"\nprincipals:\n" + principal('A', good_list() + ", absent.json, bad1.json");
  for (unsigned threads : {1U, 4U}) {
    CAPTURE(threads);
    auto inv = load_with(reader, threads);
    REQUIRE_FALSE(inv);
    CHECK(inv.error().pos.file == "inv/kmsaccess.yaml");
    CHECK(inv.error().pos.line == 5);
    CHECK(inv.error().message.find("absent.json") != std::string::npos);
  }
}
