#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <thread>
#include <filesystem>
#include <fstream>

#include "cli/file_source_reader.h"
#include "cli/loaded_inputs.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;
const std::string kAws = std::string(KMSACCESS_SOURCE_DIR) + "/testdata/aws";

TEST_CASE("with no inputs and no ./kmsaccess.yaml, loading fails with the usage hint") {
  if (fs::exists("kmsaccess.yaml")) return;  // only meaningful where there is none
  FileSourceReader reader;
  auto r = load_inventory(InputOptions{}, reader);
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().message == "no inputs: pass -m FILE or --from-aws DIR (no kmsaccess.yaml here)");
}

TEST_CASE("a manifest and a folder that define the same key policy merge into one key") {
  FileSourceReader reader;
  InputOptions options;
  options.manifest = kAws + "/small-account.yaml";
  options.from_aws = {kAws + "/small-account"};
  auto r = load_inventory(options, reader);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  auto same_arn = [](const auto& k) { return k.arn == "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"; };
  CHECK(std::count_if(r->keys.begin(), r->keys.end(), same_arn) == 1);
}

TEST_CASE("a manifest and a folder that define different key policies are an error naming both") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-merge-conflict-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "kmsaccess.yaml")
      << "version: 1\naccount: \"111122223333\"\nkeys:\n"
         "  - name: other-policy\n"
         "    arn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\n"
         "    policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Principal: \"*\", Action: \"kms:*\", Resource: \"*\"}]}\n";
  FileSourceReader reader;
  InputOptions options;
  options.manifest = (dir / "kmsaccess.yaml").string();
  options.from_aws = {kAws + "/small-account"};
  auto r = load_inventory(options, reader);
  REQUIRE_FALSE(r.has_value());
  const std::string& m = r.error().message;
  CHECK(m.find("is defined twice with different key policies") != std::string::npos);
  CHECK(m.find("kmsaccess.yaml:") != std::string::npos);
  CHECK(m.find("describe-key.json:") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("two folders merge; notes from both are kept, sorted") {
  FileSourceReader reader;
  InputOptions options;
  options.from_aws = {kAws + "/small-account", kAws + "/formats"};
  auto r = load_inputs(options, reader);
  REQUIRE_MESSAGE(r.has_value(), (r.has_value() ? "" : r.error().to_string()));
  CHECK(r->inventory.keys.size() == 14);  // 2 + 12, no ARN in common
  CHECK(r->inventory.account == "111122223333");
  CHECK(std::is_sorted(r->report.notes.begin(), r->report.notes.end()));
  CHECK(std::is_sorted(r->inventory.keys.begin(), r->inventory.keys.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
}

TEST_CASE("the file reader follows symbolic links, keeps the link's path and never loops") {
  fs::path root = fs::temp_directory_path() / "kmsaccess-file-reader-links";
  fs::remove_all(root);
  fs::create_directories(root / "store" / "iam");
  fs::create_directories(root / "dump" / "kms");
  std::ofstream(root / "store" / "iam" / "details.json") << "{}";
  std::ofstream(root / "store" / "policy.json") << "{}";
  fs::create_directory_symlink(root / "store" / "iam", root / "dump" / "iam");       // a linked folder
  fs::create_symlink(root / "store" / "policy.json", root / "dump" / "kms" / "p.json");  // a linked file
  fs::create_directory_symlink(root / "dump", root / "dump" / "kms" / "up");          // a loop
  FileSourceReader reader;
  const std::string dump = (root / "dump").string();
  auto listed = reader.list(dump);
  REQUIRE(listed.has_value());
  std::vector<std::string> expected = {dump + "/iam/details.json", dump + "/kms/p.json"};
  CHECK(*listed == expected);
  // A folder reached twice is listed under the path that comes first by name, whatever order
  // the file system returns entries in.
  fs::create_directory_symlink(root / "dump" / "kms", root / "dump" / "a-kms");
  auto twice = reader.list(dump);
  REQUIRE(twice.has_value());
  std::vector<std::string> first_by_name = {dump + "/a-kms/p.json", dump + "/iam/details.json"};
  CHECK(*twice == first_by_name);
  fs::remove_all(root);
}

TEST_CASE("the file reader lists a folder recursively in sorted order and enforces its size limit") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-file-reader-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "b" / "c");
  fs::create_directories(dir / "a");
  std::ofstream(dir / "b" / "c" / "z.json") << "{}";
  std::ofstream(dir / "a" / "y.json") << "{}";
  std::ofstream(dir / "x.json") << "0123456789";
  FileSourceReader reader(5);
  auto listed = reader.list(dir.string() + "/");
  REQUIRE(listed.has_value());
  std::string d = dir.string();
  CHECK(*listed == std::vector<std::string>{d + "/a/y.json", d + "/b/c/z.json", d + "/x.json"});
  CHECK(reader.is_directory(d + "/b"));
  CHECK_FALSE(reader.is_directory(d + "/x.json"));
  CHECK(reader.read(d + "/a/y.json").value() == "{}");
  auto big = reader.read(d + "/x.json");
  REQUIRE_FALSE(big.has_value());
  CHECK(big.error().message.find("10 bytes, over the limit of 5") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("the file reader returns exact bytes and names what it cannot read") {
  fs::path dir = fs::temp_directory_path() / "kmsaccess-file-reader-bytes";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::string binary("a\0b\r\n\xEF\xBB\xBF", 8);
  std::string large(200000, 'x');  // more than one read() on some systems
  std::ofstream(dir / "binary.json", std::ios::binary) << binary;
  std::ofstream(dir / "large.json", std::ios::binary) << large;
  std::ofstream(dir / "empty.json");
  FileSourceReader reader;
  std::string d = dir.string();
  CHECK(reader.read(d + "/binary.json").value() == binary);
  CHECK(reader.read(d + "/large.json").value() == large);
  CHECK(reader.read(d + "/empty.json").value().empty());
  // A regular file whose size fstat reports as 0 is still read to its end.
  CHECK(reader.read("/proc/self/status").value().find("VmRSS:") != std::string::npos);
  auto folder = reader.read(d + "/sub");
  REQUIRE_FALSE(folder.has_value());
  CHECK(folder.error().message == "cannot read " + d + "/sub: is a directory");
  auto missing = reader.read(d + "/none.json");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().message == "cannot read " + d + "/none.json: No such file or directory");
  fs::remove_all(dir);
}

TEST_CASE("a pipe, whose size is unknown up front, is read to its end within the limit") {
  fs::path fifo = fs::temp_directory_path() / "kmsaccess-file-reader-fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The reader stops at the limit and closes the pipe; the writer must not die of SIGPIPE.
  auto previous = std::signal(SIGPIPE, SIG_IGN);
  auto feed = [&](std::string text) {
    return std::thread([&fifo, text] { std::ofstream(fifo, std::ios::binary) << text; });
  };
  std::thread writer = feed(std::string(10000, 'y'));
  auto whole = FileSourceReader().read(fifo.string());
  writer.join();
  CHECK(whole.value() == std::string(10000, 'y'));
  writer = feed(std::string(10000, 'z'));
  auto over = FileSourceReader(5000).read(fifo.string());
  writer.join();
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().message.find("over the limit of 5000") != std::string::npos);
  std::signal(SIGPIPE, previous);
  fs::remove(fifo);
}

}  // namespace
}  // namespace kmsaccess::cli
