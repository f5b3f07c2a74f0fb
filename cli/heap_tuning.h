// Process memory tuning, at the edge: glibc's heap set up for the CLI's pattern, millions of
// small blocks allocated while loading and freed together when an input is dropped.
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
// only when used. It must run before anything grows the heap (tune_heap() calls it first); it
// never fails, it only does less.
HugePageAdvice advise_heap_huge_pages();

// glibc parks freed small blocks in "fastbins" without merging them, and sweeps them all
// (malloc_consolidate) when a larger block is asked for. Freeing a parsed 30 MB AWS CLI output
// spent half its time in those sweeps: 90 ms of a 0.6 s load. With fastbins off (M_MXFAST=0,
// as GLIBC_TUNABLES=glibc.malloc.mxfast=0 does) blocks merge as they are freed: 50 ms. Small
// blocks still go through the per-thread cache first. Returns whether glibc took the setting.
bool coalesce_small_frees();

struct HeapTuning {
  HugePageAdvice huge_pages;
  bool small_frees_coalesced = false;
};

// Both of the above, in order. Call it first thing in main().
HeapTuning tune_heap();

}  // namespace kmsaccess::cli
