#include "core/parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace kmsaccess::core;

TEST_CASE("for_each_range covers every index once and calls every range, even empty ones") {
  for (std::size_t n : {0U, 1U, 3U, 7U, 100U}) {
    for (unsigned threads : {0U, 1U, 2U, 3U, 8U}) {
      CAPTURE(n);
      CAPTURE(threads);
      std::vector<int> hits(n, 0);
      std::vector<unsigned> called;
      std::mutex lock;
      for_each_range(n, threads, [&](std::size_t begin, std::size_t end, unsigned t) {
        std::lock_guard<std::mutex> guard(lock);
        called.push_back(t);
        for (std::size_t i = begin; i < end; ++i) ++hits[i];
      });
      for (int h : hits) CHECK(h == 1);
      // One range per thread used: never more threads than indexes (one when there are none).
      const std::size_t used = std::max<std::size_t>(1, std::min<std::size_t>(std::max(threads, 1U), std::max<std::size_t>(n, 1)));
      CHECK(called.size() == used);
    }
  }
}

TEST_CASE("for_each_index visits every index once on any number of threads") {
  for (unsigned threads : {1U, 2U, 4U}) {
    std::vector<std::atomic<int>> hits(1000);
    for_each_index(hits.size(), threads, [&](std::size_t i) { ++hits[i]; });
    for (auto& h : hits) CHECK(h.load() == 1);
  }
}

TEST_CASE("an exception on a worker thread reaches the caller instead of ending the process") {
  for (unsigned threads : {1U, 2U, 4U}) {
    CHECK_THROWS_AS(for_each_index(100, threads,
                                   [](std::size_t i) {
                                     if (i == 97) throw std::runtime_error("boom");
                                   }),
                    std::runtime_error);
    CHECK_THROWS_AS(for_each_range(100, threads,
                                   [](std::size_t begin, std::size_t end, unsigned) {
                                     if (begin <= 97 && 97 < end) throw std::runtime_error("boom");
                                   }),
                    std::runtime_error);
  }
}

TEST_CASE("first_failure returns the lowest failing index's failure on any number of threads") {
  for (unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    std::vector<std::atomic<int>> ran(500);
    auto failure = first_failure<std::size_t>(ran.size(), threads, [&](std::size_t i) -> std::optional<std::size_t> {
      ++ran[i];
      if (i == 123 || i == 124 || i == 400) return i;
      return std::nullopt;
    });
    REQUIRE(failure.has_value());
    CHECK(*failure == 123);
    for (std::size_t i = 0; i <= 123; ++i) CHECK(ran[i].load() == 1);  // everything before it ran
    for (auto& r : ran) CHECK(r.load() <= 1);
    CHECK_FALSE(first_failure<int>(50, threads, [](std::size_t) { return std::optional<int>(); }).has_value());
  }
  CHECK_FALSE(first_failure<int>(0, 4, [](std::size_t) { return std::optional<int>(1); }).has_value());
}
