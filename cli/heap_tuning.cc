#include "cli/heap_tuning.h"

#include <cstdlib>  // also defines __GLIBC__, tested below

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fstream>
#endif

namespace kmsaccess::cli {

#if defined(__linux__) && defined(__GLIBC__)
HugePageAdvice advise_heap_huge_pages() {
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20U;
  constexpr int kReserve = 512 << 20;           // address space only, backed when touched
  constexpr int kDefaultTopPad = 128 << 10;     // glibc's M_TOP_PAD default
  constexpr std::size_t kProbe = std::size_t{100} << 10U;  // below the mmap threshold: from the heap
  HugePageAdvice advice;
  std::ifstream mode_file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string mode;
  if (!std::getline(mode_file, mode) || mode.find("[madvise]") == std::string::npos) {
    advice.skipped = mode.empty() ? "transparent huge pages unavailable" : "THP mode is not madvise: " + mode;
    return advice;
  }
  // Freed memory stays in the process (a CLI run is short), so the advised range is kept.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, kReserve);
  void* probe = std::malloc(kProbe);  // extends the heap by the reserve
  mallopt(M_TOP_PAD, kDefaultTopPad);  // later growth in ordinary steps
  if (probe == nullptr) {
    advice.skipped = "the heap could not be extended";
    return advice;
  }
  // Whole huge pages from the probe to the end of the heap (offsets, not integer-to-pointer casts).
  auto* const from = static_cast<char*>(probe);
  auto* const heap_end = static_cast<char*>(sbrk(0));
  const std::uintptr_t first = reinterpret_cast<std::uintptr_t>(from);
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(heap_end);
  const std::uintptr_t begin = (first + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = last & ~(kHugePage - 1);
  if (end <= begin || last < first) {
    // Under a sanitizer or another allocator the probe is not in the brk heap.
    advice.skipped = "the allocator does not use the brk heap";
  } else if (madvise(from + (begin - first), end - begin, MADV_HUGEPAGE) != 0) {
    advice.skipped = "madvise refused";
  } else {
    advice.begin = begin;
    advice.size = end - begin;
  }
  std::free(probe);  // back to the heap's top: the first allocations reuse it
  return advice;
}

bool coalesce_small_frees() { return mallopt(M_MXFAST, 0) == 1; }
#else
HugePageAdvice advise_heap_huge_pages() { return {0, 0, "not Linux with glibc"}; }
bool coalesce_small_frees() { return false; }
#endif

HeapTuning tune_heap() {
  HeapTuning tuning;
  tuning.huge_pages = advise_heap_huge_pages();  // first: it must see the heap before it grows
  tuning.small_frees_coalesced = coalesce_small_frees();
  return tuning;
}

}  // namespace kmsaccess::cli
