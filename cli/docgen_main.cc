// kmsaccess-docgen: writes the man page or a completion script from the CLI definition.
// Usage: kmsaccess-docgen man|bash|zsh|fish OUT  (a build tool; not installed)
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/app.h"
#include "cli/cli_docs.h"
#include "cli/command.h"
#include "cli/file_source_reader.h"

int main(int argc, char** argv) {
  using namespace kmsaccess::cli;
  if (argc != 3) {
    std::cerr << "usage: kmsaccess-docgen man|bash|zsh|fish OUT\n";
    return kExitUsage;
  }
  const std::string what = argv[1];
  std::ostringstream sink;
  FileSourceReader reader;
  CommandContext ctx{sink, sink, reader};
  auto app = make_app(ctx);
  const std::string text = what == "man" ? render_man_page(*app, KMSACCESS_VERSION) : render_completion(*app, what);
  if (text.empty()) {
    std::cerr << "kmsaccess-docgen: unknown output '" << what << "'\n";
    return kExitUsage;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "kmsaccess-docgen: cannot write " << argv[2] << "\n";
    return kExitUsage;
  }
  return kExitOk;
}
