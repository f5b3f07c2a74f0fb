// The UTF-8 byte order mark, which Windows editors put before JSON and YAML files. Every reader
// skips it, and it takes no column in the positions errors report.
#pragma once

#include <cstddef>
#include <string_view>

namespace kmsaccess::core {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The number of bytes the BOM takes at the start of `text`: 3 or 0.
constexpr std::size_t bom_size(std::string_view text) {
  return text.substr(0, kUtf8Bom.size()) == kUtf8Bom ? kUtf8Bom.size() : 0;
}

// `text` without its leading BOM, if it has one.
constexpr std::string_view without_bom(std::string_view text) { return text.substr(bom_size(text)); }

}  // namespace kmsaccess::core
