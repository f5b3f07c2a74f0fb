// A SourceReader over the real filesystem for core tests (the production one lives in cli/).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/source_reader.h"

namespace kmsaccess::core::testing {

class DiskReader : public SourceReader {
 public:
  Result<std::string> read(std::string_view path) const override {
    std::ifstream in{std::string(path), std::ios::binary};
    if (!in) return make_error("cannot read " + std::string(path));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  Result<std::vector<std::string>> list(std::string_view directory) const override {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(std::string(directory), ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  bool is_directory(std::string_view path) const override {
    return std::filesystem::is_directory(std::string(path));
  }
};

inline std::string source_path(std::string_view relative) {
  return std::string(KMSACCESS_SOURCE_DIR) + "/" + std::string(relative);
}

}  // namespace kmsaccess::core::testing
