#include "cli/file_source_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>
#include <system_error>

namespace kmsaccess::cli {

namespace fs = std::filesystem;

core::Result<std::string> FileSourceReader::read(std::string_view path) const {
  // POSIX calls rather than iostreams: one open, one fstat and one read per file matter when a
  // manifest names thousands of policy files.
  std::string p(path);
  auto failed = [&](int error) { return core::make_error("cannot read " + p + ": " + std::strerror(error)); };
  auto over_limit = [&](std::uint64_t size) {
    return core::make_error("cannot read " + p + ": " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(max_bytes_) + " (raise it with --max-file-size)");
  };
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failed(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return failed(errno);
  if (S_ISDIR(st.st_mode)) return core::make_error("cannot read " + p + ": is a directory");
  auto expected = static_cast<std::uint64_t>(st.st_size);
  if (expected > max_bytes_) return over_limit(expected);
  // A regular file is done once it has given the size fstat saw: no last read() only to meet the
  // end, one system call in five over thousands of policy files. Pipes, /proc files (size 0) and
  // files that grow while read report no final size, so those are read to the end, within the limit.
  const bool sized = S_ISREG(st.st_mode) && expected > 0;
  std::string out(static_cast<std::size_t>(expected) + 1, '\0');
  std::size_t used = 0;
  while (true) {
    if (used == out.size()) {
      if (used > max_bytes_) return over_limit(used);
      out.resize(std::max<std::size_t>(out.size() * 2, 4096));
    }
    ssize_t n = ::read(fd, out.data() + used, out.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed(errno);
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (sized && used == expected) break;
  }
  if (used > max_bytes_) return over_limit(used);
  out.resize(used);
  return out;
}

core::Result<std::vector<std::string>> FileSourceReader::list(std::string_view directory) const {
  std::string dir(directory);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  std::vector<std::string> out;
  // Symbolic links are followed (shared dumps and git-annex store files as links), each
  // directory once, so a link back up the tree cannot loop. Files keep the path of the link.
  // Entries are visited in name order, so which path a directory reached twice is listed under
  // does not depend on the file system's order.
  std::set<std::pair<std::uintmax_t, std::uintmax_t>> seen_dirs;  // (device, inode)
  auto first_visit = [&](const std::string& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return true;
    return seen_dirs.emplace(static_cast<std::uintmax_t>(st.st_dev), static_cast<std::uintmax_t>(st.st_ino)).second;
  };
  first_visit(dir);
  std::vector<std::string> pending{dir};  // depth first; each folder's entries pushed in reverse
  while (!pending.empty()) {
    const std::string folder = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return core::make_error("cannot list " + folder + ": " + ec.message());
    std::sort(names.begin(), names.end());
    std::vector<std::string> subfolders;
    for (const auto& name : names) {
      std::string path = folder;
      path += '/';
      path += name;
      if (fs::is_directory(path, ec)) {
        if (first_visit(path)) subfolders.push_back(path);
      } else if (fs::is_regular_file(path, ec)) {
        out.push_back(path);
      }
    }
    pending.insert(pending.end(), subfolders.rbegin(), subfolders.rend());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool FileSourceReader::is_directory(std::string_view path) const {
  std::error_code ec;
  return fs::is_directory(std::string(path), ec);
}

}  // namespace kmsaccess::cli
