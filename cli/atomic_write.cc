#include "cli/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace kmsaccess::cli {

namespace fs = std::filesystem;

namespace {

core::Error exists_error(const std::string& path) {
  return core::make_error(path + " exists; pass --force to overwrite it");
}

bool write_all(int fd, const std::string& content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

core::Status write_file_atomically(const std::string& path, const std::string& content, bool force) {
  const fs::path target(path);
  std::error_code ec;
  if (!force && fs::exists(target, ec)) return exists_error(path);
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  // A unique hidden name beside the target: same filesystem (rename stays atomic), and never
  // an existing user file such as "<target>.tmp".
  std::string tmp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return core::make_error("cannot create a temporary file in " + dir.string());
  const bool ok = write_all(fd, content) && ::fchmod(fd, 0644) == 0;
  if (::close(fd) != 0 || !ok) {
    fs::remove(tmp, ec);
    return core::make_error("cannot write " + path);
  }
  if (force) {
    fs::rename(tmp, target, ec);
  } else {
    fs::create_hard_link(tmp, target, ec);
    if (ec && ec != std::errc::file_exists && !fs::exists(target)) {
      // No hard links on this filesystem: fall back to rename (the exists check above stands).
      ec.clear();
      fs::rename(tmp, target, ec);
    }
  }
  std::error_code ignored;
  fs::remove(tmp, ignored);  // after a hard link, or after a failure; gone after a rename
  if (ec == std::errc::file_exists) return exists_error(path);
  if (ec) return core::make_error("cannot write " + path + ": " + ec.message());
  return core::Ok{};
}

}  // namespace kmsaccess::cli
