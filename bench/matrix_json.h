// The `kmsaccess matrix --format json` document (schema kmsaccess/matrix/v1), streamed in 1 MiB
// chunks: byte-identical to the CLI's nlohmann dump(2), without a DOM of millions of cells.
#pragma once

#include <iosfwd>

#include "core/matrix.h"

namespace kmsaccess::bench {

// Returns the number of bytes written.
std::size_t write_matrix_json(const core::Matrix& m, const core::Inventory& inv, std::ostream& sink);

}  // namespace kmsaccess::bench
