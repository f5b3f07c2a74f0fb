// JSON documents as output text, two-space indented, one trailing newline.
#pragma once

#include <string>

namespace kmsaccess::cli {

// The readers reject text that is not UTF-8; should such a string reach an output anyway (from a
// YAML manifest, say), it is written as U+FFFD instead of failing the whole command.
template <typename Json>
std::string json_text(const Json& doc) {
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kmsaccess::cli
