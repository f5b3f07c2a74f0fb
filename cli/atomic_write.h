// Writing an output file (--write-manifest, --write-baseline, report --html) so that a reader
// never sees half a file and an existing file is only replaced when the user asked for it.
#pragma once

#include <string>

#include "core/result.h"

namespace kmsaccess::cli {

// Writes `content` to a fresh temporary file in the target's folder, then moves it into place:
// with `force` by rename (atomic replace); without, by hard link, which fails atomically if
// the target exists (also if it appeared after any earlier check). The error for an existing
// target is "<path> exists; pass --force to overwrite it".
core::Status write_file_atomically(const std::string& path, const std::string& content, bool force);

}  // namespace kmsaccess::cli
