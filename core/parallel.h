// Work split over a few threads. Callers keep results per index or per range, so what they
// return never depends on the number of threads or on timing.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace kmsaccess::core {

namespace parallel_detail {

// Starts up to `threads` workers running body(t); body(0) runs on the calling thread, also when
// the system refuses more threads. An exception from a worker is rethrown here once every worker
// has stopped, the lowest-numbered worker's first (std::thread would terminate the process).
template <typename Body>
void run_workers(unsigned threads, Body&& body) {
  std::vector<std::exception_ptr> failures(threads);
  auto guarded = [&](unsigned t) {
    try {
      body(t);
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) {
    try {
      workers.emplace_back(guarded, t);
    } catch (const std::system_error&) {
      break;  // fewer threads: the loops below hand their work to the threads that did start
    }
  }
  guarded(0);
  for (auto& w : workers) w.join();
  for (auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
}

}  // namespace parallel_detail

// Runs fn(begin, end, t) over [0, n) cut into `threads` contiguous ranges (fewer when n is
// smaller), for every t, even when its range is empty. For work of even cost per index, where
// each range keeps its own output.
template <typename Fn>
void for_each_range(std::size_t n, unsigned threads, Fn&& fn) {
  threads = std::max(1U, static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1))));
  if (threads == 1) {
    fn(std::size_t{0}, n, 0U);
    return;
  }
  const std::size_t per = (n + threads - 1) / threads;
  // Ranges are claimed, not assigned, so a thread the system refused leaves no range undone.
  std::atomic<unsigned> next{0};
  parallel_detail::run_workers(threads, [&](unsigned) {
    for (unsigned t = next++; t < threads; t = next++) {
      const std::size_t begin = std::min(n, t * per);
      fn(begin, std::min(n, begin + per), t);
    }
  });
}

// Runs fn(i) for every i in [0, n) on up to `threads` threads, each taking the next index when
// it is free: for work of uneven cost, such as files of different sizes.
template <typename Fn>
void for_each_index(std::size_t n, unsigned threads, Fn&& fn) {
  threads = std::max(1U, static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1))));
  if (threads == 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  parallel_detail::run_workers(threads, [&](unsigned) {
    for (std::size_t i = next++; i < n; i = next++) fn(i);
  });
}

// Runs fn(i), which returns std::optional<Failure>, for i in [0, n) as for_each_index does, and
// returns the failure of the lowest index: what a loop stopping at its first failure returns,
// whatever the number of threads. Indexes after a failure already found are not run.
template <typename Failure, typename Fn>
std::optional<Failure> first_failure(std::size_t n, unsigned threads, Fn&& fn) {
  std::vector<std::optional<Failure>> failures(n);
  std::atomic<std::size_t> lowest{n};
  for_each_index(n, threads, [&](std::size_t i) {
    if (i > lowest.load()) return;
    failures[i] = fn(i);
    if (!failures[i]) return;
    for (std::size_t seen = lowest.load(); i < seen && !lowest.compare_exchange_weak(seen, i);) {
    }
  });
  const std::size_t i = lowest.load();
  return i < n ? std::move(failures[i]) : std::nullopt;
}

}  // namespace kmsaccess::core
