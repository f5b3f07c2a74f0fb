// Entry point: hands argv to cli::run, the single error boundary.
#include <iostream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/heap_tuning.h"

int main(int argc, char** argv) {
  kmsaccess::cli::tune_heap();  // before anything grows the heap
  std::vector<std::string> args(argv + 1, argv + argc);
  return kmsaccess::cli::run(args, std::cout, std::cerr);
}
