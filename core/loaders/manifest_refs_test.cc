#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "core/loaders/manifest_internal.h"

using kmsaccess::core::manifest::join_plain_relative;

TEST_CASE("a plain relative policy path joins its folder exactly as std::filesystem normalises it") {
  namespace fs = std::filesystem;
  for (const char* folder : {".", "..", "../..", "a", "a/b", "/", "/abs/dir", "a/b/", "../x"}) {
    for (const char* path : {"x.json", "p/x.json", "a/b/c.json", "x y.json", "dir\\x.json", "\xC3\xA9/u.json",
                             "...json", "..x", ".x", "x.", "-", "~/x"}) {
      auto joined = join_plain_relative(folder, path);
      REQUIRE_MESSAGE(joined.has_value(), folder << " + " << path);
      fs::path full = (fs::path(fs::path(folder).lexically_normal().native()) / path).lexically_normal();
      CHECK_MESSAGE(*joined == full.generic_string(), folder << " + " << path);
    }
  }
}

TEST_CASE("paths with empty, '.' or '..' segments, or absolute ones, are left to std::filesystem") {
  for (const char* path : {"", "/abs.json", "./x.json", "../x.json", "a/../x.json", "a//x.json", "a/./x.json",
                           "a/", ".", ".."}) {
    CHECK_MESSAGE(!join_plain_relative("a/b", path).has_value(), path);
  }
}
