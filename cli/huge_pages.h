// Process memory tuning, at the edge: the heap is advised for transparent huge pages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kmsaccess::cli {

struct HugePageAdvice {
  std::uintptr_t begin = 0;  // the advised range of the heap, when size > 0
  std::size_t size = 0;
  std::string skipped;  // why nothing was advised, when size == 0
};

// Loading and evaluating a large inventory makes millions of small allocations: with 4 KiB
// pages, faulting them in and missing the TLB took a fifth of a whole-account load. Where the
// kernel gives huge pages only to memory that asks (THP "madvise", Debian's default), this
// reserves address space at the top of the heap and advises it, as glibc's
// glibc.malloc.hugetlb=1 tunable and the JVM's UseTransparentHugePages do. Pages are backed
// only when used. Call it first thing in main(); it never fails, it only does less.
HugePageAdvice advise_heap_huge_pages();

}  // namespace kmsaccess::cli
