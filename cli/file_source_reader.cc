#include "cli/file_source_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace kmsaccess::cli {

namespace fs = std::filesystem;

core::Result<std::string> FileSourceReader::read(std::string_view path) const {
  std::string p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) return core::make_error("cannot read " + p + ": is a directory");
  auto size = fs::file_size(p, ec);
  if (ec) return core::make_error("cannot read " + p + ": " + ec.message());
  if (size > max_bytes_) {
    return core::make_error("cannot read " + p + ": " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(max_bytes_) + " (raise it with --max-file-size)");
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return core::make_error("cannot read " + p + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return core::make_error("cannot read " + p + ": read error");
  return buffer.str();
}

core::Result<std::vector<std::string>> FileSourceReader::list(std::string_view directory) const {
  std::string dir(directory);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::error_code ec;
  std::vector<std::string> out;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) return core::make_error("cannot list " + dir + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return core::make_error("cannot list " + dir + ": " + ec.message());
    if (!it->is_regular_file(ec)) continue;
    out.push_back(dir + "/" + fs::relative(it->path(), dir, ec).generic_string());
  }
  if (ec) return core::make_error("cannot list " + dir + ": " + ec.message());
  std::sort(out.begin(), out.end());  // directory order differs between file systems
  return out;
}

bool FileSourceReader::is_directory(std::string_view path) const {
  std::error_code ec;
  return fs::is_directory(std::string(path), ec);
}

}  // namespace kmsaccess::cli
