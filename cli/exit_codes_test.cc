// The exit-code contract (docs/exit-codes.md) over the real dispatcher: every command has a
// tested exit 2, every command that can fail a gate a tested exit 1 (both as testdata/cli goldens,
// run by command_golden_test.cc), and an exception escaping any command is exit 3 with the
// bug-report message and nothing on stdout.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "cli/app.h"
#include "cli/command.h"
#include "cli/file_source_reader.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;

// Commands whose gate can fail: lint findings, diff/what-if --fail-on, escalation paths found.
const std::set<std::string> kCommandsWithExit1 = {"diff", "escalation", "lint", "what-if"};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string first_line(const fs::path& p) {
  std::istringstream in(slurp(p));
  std::string line;
  std::getline(in, line);
  return line;
}

std::vector<std::string> command_names() {
  std::ostringstream out, err;
  const FileSourceReader reader;
  CommandContext ctx{out, err, reader};
  auto app = make_app(ctx);
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

// Reads through the real file reader, but throws once a policy file is asked for: a fault
// after the manifest has been parsed, in the middle of loading.
template <typename Fault>
class FaultyReader : public core::SourceReader {
 public:
  explicit FaultyReader(Fault fault) : fault_(std::move(fault)) {}
  core::Result<std::string> read(std::string_view path) const override {
    if (path.size() > 5 && path.substr(path.size() - 5) == ".json") fault_(path);
    return files_.read(path);
  }
  core::Result<std::vector<std::string>> list(std::string_view directory) const override {
    return files_.list(directory);
  }
  bool is_directory(std::string_view path) const override { return files_.is_directory(path); }

 private:
  Fault fault_;
  FileSourceReader files_;
};

template <typename Fault>
FaultyReader<Fault> faulty(Fault fault) {
  return FaultyReader<Fault>(std::move(fault));
}

constexpr const char* kBugReport =
    "This is a bug in kmsaccess; please report it with the command and inputs that caused it.\n";

}  // namespace

TEST_CASE("every command has an exit-2 golden, and each gated command an exit-1 golden") {
  const fs::path cases = fs::path(KMSACCESS_SOURCE_DIR) / "testdata/cli";
  std::map<std::string, std::set<std::string>> codes;  // command -> exit codes with a golden
  for (const auto& e : fs::directory_iterator(cases)) {
    if (!fs::exists(e.path() / "args") || !fs::exists(e.path() / "expected.code")) continue;
    codes[first_line(e.path() / "args")].insert(first_line(e.path() / "expected.code"));
  }
  const std::vector<std::string> names = command_names();
  REQUIRE(names.size() >= 10);
  for (const std::string& name : names) {
    CAPTURE(name);
    CHECK_MESSAGE(codes[name].count("2") == 1, "no testdata/cli case runs '", name, "' to exit 2");
    if (kCommandsWithExit1.count(name) != 0) {
      CHECK_MESSAGE(codes[name].count("1") == 1, "no testdata/cli case runs '", name, "' to exit 1");
    }
  }
  for (const std::string& name : kCommandsWithExit1) {
    CHECK_MESSAGE(std::find(names.begin(), names.end(), name) != names.end(), name, " is not a command");
  }
}

TEST_CASE("an exception escaping a command is exit 3 with a bug-report message and no stdout") {
  const fs::path root(KMSACCESS_SOURCE_DIR);
  REQUIRE(chdir(root.c_str()) == 0);
  SUBCASE("std::exception") {
    auto reader = faulty([](std::string_view path) {
      throw std::runtime_error("injected fault reading " + std::string(path));
    });
    std::ostringstream out, err;
    const int code = run({"matrix", "-m", "testdata/cmk-example/kmsaccess.yaml"}, out, err, reader);
    CHECK(code == kExitInternal);
    CHECK(code == 3);
    CHECK(err.str().rfind("kmsaccess: internal error: injected fault reading testdata/cmk-example/", 0) == 0);
    CHECK(err.str().find(kBugReport) != std::string::npos);
    CHECK(out.str().empty());
  }
  SUBCASE("not a std::exception") {
    auto reader = faulty([](std::string_view) { throw 42; });
    std::ostringstream out, err;
    const int code = run({"who-can", "-m", "testdata/cmk-example/kmsaccess.yaml", "--format", "json"}, out, err, reader);
    CHECK(code == 3);
    CHECK(err.str() == std::string("kmsaccess: internal error: unknown exception\n") + kBugReport);
    CHECK(out.str().empty());
  }
  SUBCASE("the same command without the fault succeeds") {
    auto reader = faulty([](std::string_view) {});
    std::ostringstream out, err;
    CHECK(run({"matrix", "-m", "testdata/cmk-example/kmsaccess.yaml"}, out, err, reader) == 0);
    CHECK_FALSE(out.str().empty());
  }
}

}  // namespace kmsaccess::cli
