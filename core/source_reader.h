// Reading files behind an interface, so loaders stay pure and tests feed them from memory.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kmsaccess::core {

// Loaders may call read() from several threads at once (ManifestOptions::threads).
class SourceReader {
 public:
  virtual ~SourceReader() = default;
  // Whole file contents; the error names the path and why it could not be read.
  virtual Result<std::string> read(std::string_view path) const = 0;
  // Regular files under a directory, recursively, sorted by path (for folder inputs).
  virtual Result<std::vector<std::string>> list(std::string_view directory) const = 0;
  virtual bool is_directory(std::string_view path) const = 0;
};

// In-memory files for tests: path -> contents. Directories are implied by path prefixes.
class MemorySourceReader : public SourceReader {
 public:
  std::map<std::string, std::string> files;

  Result<std::string> read(std::string_view path) const override {
    auto it = files.find(std::string(path));
    if (it == files.end()) return make_error("cannot read " + std::string(path) + ": no such file");
    return it->second;
  }
  Result<std::vector<std::string>> list(std::string_view directory) const override {
    std::string prefix(directory);
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    std::vector<std::string> out;
    for (const auto& [path, text] : files) {
      if (path.rfind(prefix, 0) == 0) out.push_back(path);
    }
    return out;
  }
  bool is_directory(std::string_view path) const override {
    std::string prefix(path);
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    for (const auto& [p, text] : files) {
      if (p.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }
};

}  // namespace kmsaccess::core
