#include "cli/diff_inputs.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli/inputs.h"
#include "core/loaders/iac_detect.h"

extern char** environ;

namespace kmsaccess::cli {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifestName = "kmsaccess.yaml";

// A directory under the system temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "kmsaccess-diff-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs a program without a shell; stdout goes to `out_file` (or nowhere), stderr to `err_file`.
core::Status run_program(const std::vector<std::string>& args, const std::string& out_file, const std::string& err_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.empty() ? "/dev/null" : out_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return core::make_error("cannot run " + args[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return core::Ok{};
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  std::string message = text.str();
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
  std::string command = args[0];
  for (std::size_t i = 1; i < args.size() && command.find(' ') == std::string::npos; ++i) {
    if (args[i][0] != '-' && (i == 0 || args[i - 1] != "-C")) command += " " + args[i];  // "git archive"
  }
  return core::make_error(command + " failed" + (message.empty() ? "" : ": " + message));
}

core::Result<core::Inventory> load_path(const std::string& path, const core::SourceReader& reader) {
  InputOptions options;
  std::error_code ec;
  if (!fs::exists(path, ec)) return core::make_error("no such file or folder: " + path);
  if (!fs::is_directory(path, ec)) {
    // A template or plan goes to its loader (a pull request changes those too), any other file
    // is a manifest.
    auto text = reader.read(path);
    const core::IacKind iac = text ? core::detect_iac(*text) : core::IacKind::kNone;
    if (iac == core::IacKind::kCloudFormation) {
      options.cfn.push_back(path);
    } else if (iac == core::IacKind::kTerraformPlan) {
      options.tf.push_back(path);
    } else {
      options.manifest = path;
    }
  } else if (fs::exists(fs::path(path) / kManifestName, ec)) {
    options.manifest = (fs::path(path) / kManifestName).string();
  } else {
    options.from_aws.push_back(path);
  }
  return load_inventory(options, reader);
}

// Extracts `repo_path` (relative to the repository root) at `rev` into `dir`.
struct Repo {
  std::string top;     // the work tree's root
  std::string prefix;  // the current directory relative to it, with a trailing '/' or empty
};

core::Status extract(const Repo& repo, const std::string& rev, const std::string& repo_path, const std::string& dir) {
  std::string tar = dir + "/.archive.tar", err = dir + "/.stderr";
  std::vector<std::string> archive{"git", "-C", repo.top, "archive", "--format=tar", "-o", tar, rev, "--",
                                   repo_path.empty() ? "." : repo_path};
  if (auto s = run_program(archive, "", err); !s) return s;
  std::string root = dir + "/tree";
  fs::create_directories(root);
  return run_program({"tar", "-xf", tar, "-C", root}, "", err);
}

core::Result<Repo> find_repo(const std::string& scratch) {
  std::string out = scratch + "/.repo";
  if (auto s = run_program({"git", "rev-parse", "--show-toplevel", "--show-prefix"}, out, scratch + "/.stderr"); !s) {
    return s.error();
  }
  std::ifstream in(out);
  Repo repo;
  std::getline(in, repo.top);
  std::getline(in, repo.prefix);
  return repo;
}

core::Result<core::Inventory> load_revision(std::string_view spec, const core::SourceReader& reader) {
  auto colon = spec.find(':');
  std::string rev(spec.substr(0, colon)), path(spec.substr(colon + 1));
  TempDir tmp;
  if (tmp.path().empty()) return core::make_error("cannot create a temporary directory");
  auto repo = find_repo(tmp.path());
  if (!repo) return repo.error();
  const std::string& prefix = repo->prefix;
  std::string full = fs::path(prefix + path).lexically_normal().generic_string();
  if (!full.empty() && full.back() == '/') full.pop_back();
  if (auto s = extract(*repo, rev, full, tmp.path()); !s) return s.error();
  std::string root = tmp.path() + "/tree/";
  // A manifest's policy files come from the same revision: extract its whole folder.
  std::error_code ec;
  if (fs::is_regular_file(root + full, ec)) {
    std::string folder = fs::path(full).parent_path().generic_string();
    if (auto s = extract(*repo, rev, folder, tmp.path()); !s) return s.error();
  }
  auto inv = load_path(root + full, reader);
  if (!inv) {
    core::Error e = inv.error();
    if (e.pos.file.rfind(root, 0) == 0) e.pos.file = std::string(spec.substr(0, colon + 1)) + e.pos.file.substr(std::min(e.pos.file.size(), root.size() + prefix.size()));
    return e;
  }
  relabel_sources(*inv, root + prefix, "");
  return inv;
}

void relabel(std::string& label, std::string_view from, std::string_view to) {
  if (label.rfind(from, 0) == 0) label = std::string(to) + label.substr(from.size());
}

}  // namespace

void relabel_sources(core::Inventory& inv, std::string_view from, std::string_view to) {
  for (auto& p : inv.policies) relabel(p.file, from, to);
  for (auto& k : inv.keys) {
    relabel(k.pos.file, from, to);
    for (auto& g : k.grants) relabel(g.pos.file, from, to);
  }
  for (auto& p : inv.principals) relabel(p.pos.file, from, to);
  for (auto& g : inv.groups) relabel(g.pos.file, from, to);
  for (auto& o : inv.scps) relabel(o.pos.file, from, to);
  for (auto& o : inv.rcps) relabel(o.pos.file, from, to);
}

core::Result<core::Inventory> load_diff_side(std::string_view spec, const core::SourceReader& reader) {
  std::error_code ec;
  auto colon = spec.find(':');
  bool revision = colon != std::string_view::npos && colon > 0 && !fs::exists(std::string(spec), ec);
  if (revision) return load_revision(spec, reader);
  return load_path(std::string(spec), reader);
}

}  // namespace kmsaccess::cli
