// Its own executable: the heap is tuned at process start, as main() does, before the test
// framework has grown it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <vector>
#include <sstream>
#include <string>

#include "cli/heap_tuning.h"

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

kmsaccess::cli::HugePageAdvice g_advice;
std::size_t g_parked_before = 0;  // bytes left in fastbins by small frees, before the setting
bool g_coalesced = false;
std::size_t g_parked_after = 0;

// Frees many small blocks (more than the per-thread cache holds) and returns the bytes glibc
// keeps in fastbins afterwards: unmerged free blocks.
std::size_t parked_after_small_frees() {
  std::vector<void*> blocks(512);
  for (auto& b : blocks) b = std::malloc(48);
  for (auto* b : blocks) std::free(b);
#if defined(__linux__) && defined(__GLIBC__)
  return mallinfo2().fsmblks;
#else
  return 0;
#endif
}

std::string read_file(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The line of /proc/self/maps for the mapping that contains `address` ("... [heap]" for brk).
std::string mapping_at(std::uintptr_t address) {
  std::istringstream maps(read_file("/proc/self/maps"));
  std::string line;
  while (std::getline(maps, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> lo >> dash >> hi && lo <= address && address < hi) return line;
  }
  return "";
}

// The VmFlags line of the mapping that contains `address`, from /proc/self/smaps.
std::string vm_flags_at(std::uintptr_t address) {
  std::istringstream smaps(read_file("/proc/self/smaps"));
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> lo >> dash >> hi && dash == '-' && line.find(':') > line.find(' ')) {
      inside = lo <= address && address < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool sanitized() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
  return true;
#endif
#endif
  return false;
}

}  // namespace

TEST_CASE("the heap is advised for huge pages exactly when the kernel waits to be asked") {
  const std::string mode = read_file("/sys/kernel/mm/transparent_hugepage/enabled");
  CAPTURE(mode);
  CAPTURE(g_advice.skipped);
  if (g_advice.size == 0) {
    CHECK_FALSE(g_advice.skipped.empty());
    // Only a sanitizer's allocator, a kernel that does not wait to be asked, or strict overcommit
    // (the reserve may be refused) explains it.
    const bool strict_overcommit = read_file("/proc/sys/vm/overcommit_memory").rfind('2', 0) == 0;
    CHECK((sanitized() || strict_overcommit || mode.find("[madvise]") == std::string::npos));
    return;
  }
  CHECK(g_advice.skipped.empty());
  CHECK(mode.find("[madvise]") != std::string::npos);
  CHECK(g_advice.size >= (std::size_t{64} << 20U));
  CHECK(g_advice.begin % (std::uintptr_t{2} << 20U) == 0);
  // "hg": the kernel recorded MADV_HUGEPAGE on the heap mapping, at both ends of the range.
  CHECK(vm_flags_at(g_advice.begin).find(" hg") != std::string::npos);
  CHECK(vm_flags_at(g_advice.begin + g_advice.size - 1).find(" hg") != std::string::npos);
}

TEST_CASE("buffers above the mmap threshold are served from the reserved heap, not separate mappings") {
  if (g_advice.size == 0) return;  // nothing advised: the test above says why
  for (std::size_t size : {std::size_t{200} << 10U, std::size_t{4} << 20U}) {
    CAPTURE(size);
    void* buffer = std::malloc(size);
    REQUIRE(buffer != nullptr);
    CHECK(mapping_at(reinterpret_cast<std::uintptr_t>(buffer)).find("[heap]") != std::string::npos);
    std::free(buffer);
  }
}

TEST_CASE("the advised heap still allocates and frees normally") {
  std::string grown;
  for (int i = 0; i < 200000; ++i) grown += "policy ";
  CHECK(grown.size() == 1400000);
  auto* blocks = new std::string[10000];
  for (int i = 0; i < 10000; ++i) blocks[i] = std::string(100, static_cast<char>('a' + i % 26));
  CHECK(blocks[9999][0] == 'a' + 9999 % 26);
  delete[] blocks;
}

TEST_CASE("small frees merge at once instead of waiting in fastbins for a sweep") {
  CAPTURE(g_parked_before);
  CAPTURE(g_parked_after);
  if (sanitized()) return;  // a sanitizer's allocator replaces glibc's, and its statistics
  REQUIRE(g_coalesced);
  CHECK(g_parked_before > 0);  // the check below can see fastbins in use
  CHECK(g_parked_after == 0);
  CHECK(parked_after_small_frees() == 0);
  CHECK(kmsaccess::cli::tune_heap().small_frees_coalesced);  // what main() calls does the same
  CHECK(parked_after_small_frees() == 0);
}

int main(int argc, char** argv) {
  // tune_heap()'s two steps one by one, to see the heap between them.
  g_advice = kmsaccess::cli::advise_heap_huge_pages();
  g_parked_before = parked_after_small_frees();
  g_coalesced = kmsaccess::cli::coalesce_small_frees();
  g_parked_after = parked_after_small_frees();
  doctest::Context context(argc, argv);
  return context.run();
}
