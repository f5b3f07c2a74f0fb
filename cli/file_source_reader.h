// The real SourceReader: files from disk, with a size limit, and sorted recursive listings.
#pragma once

#include <cstddef>

#include "core/source_reader.h"

namespace kmsaccess::cli {

class FileSourceReader : public core::SourceReader {
 public:
  explicit FileSourceReader(std::size_t max_bytes = 64U * 1024U * 1024U) : max_bytes_(max_bytes) {}

  core::Result<std::string> read(std::string_view path) const override;
  // Paths are `directory` + "/" + the relative path, so a relative directory gives relative paths.
  core::Result<std::vector<std::string>> list(std::string_view directory) const override;
  bool is_directory(std::string_view path) const override;

 private:
  std::size_t max_bytes_;
};

}  // namespace kmsaccess::cli
