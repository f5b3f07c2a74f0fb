// Test-only SourceReader over a folder of testdata (the production reader lives in cli/).
// Paths are relative to the root, so positions in errors stay short and machine-independent.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/source_reader.h"

namespace kmsaccess::core::testing {

class TestdataReader : public SourceReader {
 public:
  explicit TestdataReader(std::string root) : root_(std::move(root)) {}

  Result<std::string> read(std::string_view path) const override {
    std::ifstream in(full(path), std::ios::binary);
    if (!in) return make_error("cannot read " + std::string(path) + ": no such file");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  Result<std::vector<std::string>> list(std::string_view directory) const override {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(full(directory))) {
      if (e.is_regular_file()) {
        out.push_back(std::filesystem::path(directory).append(
            e.path().lexically_relative(full(directory)).generic_string()).generic_string());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  bool is_directory(std::string_view path) const override {
    return std::filesystem::is_directory(full(path));
  }

 private:
  std::string root_;
  std::filesystem::path full(std::string_view path) const {
    return std::filesystem::path(root_) / std::filesystem::path(path);
  }
};

inline std::string testdata_dir(std::string_view sub) {
  return std::string(KMSACCESS_SOURCE_DIR) + "/testdata/" + std::string(sub);
}

}  // namespace kmsaccess::core::testing
