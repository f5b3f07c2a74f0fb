// The body of every libFuzzer target: run one entry function, abort on a broken invariant so
// libFuzzer saves the input (crashes and sanitizer reports stop it by themselves).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace kmsaccess::fuzz {

inline int run_entry(std::string (*entry)(std::string_view), const std::uint8_t* data, std::size_t size) {
  std::string problem = entry(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}

}  // namespace kmsaccess::fuzz
