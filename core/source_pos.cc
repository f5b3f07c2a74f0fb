#include "core/source_pos.h"

namespace kmsaccess::core {

std::string SourcePos::to_string() const {
  std::string out = file;
  if (line == 0) return out;
  out += ':' + std::to_string(line);
  if (column != 0) out += ':' + std::to_string(column);
  return out;
}

}  // namespace kmsaccess::core
