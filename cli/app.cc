#include "cli/app.h"

#include <ostream>

namespace kmsaccess::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  (void)args;
  (void)out;
  err << "kmsaccess: not built yet\n";
  return kExitInternal;
}

}  // namespace kmsaccess::cli
