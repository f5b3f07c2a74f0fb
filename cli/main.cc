// Entry point: hands argv to cli::run, the single error boundary.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return kmsaccess::cli::run(args, std::cout, std::cerr);
}
