// The matrix as JSON, streamed in 1 MiB chunks without a DOM of millions of cells.
//  - `--format json`: schema kmsaccess/matrix/v1, pretty-printed like nlohmann's dump(2), one
//    object per non-implicit-deny cell with its action lists.
//  - `--format json-compact`: schema kmsaccess/matrix-compact/v1 for whole-organisation grids:
//    the distinct verdicts listed once, each non-implicit-deny cell as [principal, key, verdict]
//    indices, one per line. About 15 bytes a cell instead of ~440.
#pragma once

#include <iosfwd>

#include "core/matrix.h"

namespace kmsaccess::cli {

// Returns the number of bytes written.
std::size_t write_matrix_json(const core::Matrix& m, const core::Inventory& inv, std::ostream& sink);
// `threads` > 1 formats the cells in parallel (same bytes).
std::size_t write_matrix_compact_json(const core::Matrix& m, const core::Inventory& inv, std::ostream& sink,
                                      unsigned threads = 1);

}  // namespace kmsaccess::cli
