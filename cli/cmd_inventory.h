// `kmsaccess inventory`: what was loaded (counts, entities, gaps), and --write-manifest.
#pragma once

#include <string>

#include "cli/command.h"
#include "cli/inputs.h"

namespace kmsaccess::cli {

struct InventoryCommandOptions {
  InputOptions inputs;
  std::string format = "text";  // text | json
  std::string write_manifest;   // path of a kmsaccess.yaml to write, or empty
  bool force = false;           // overwrite an existing --write-manifest file
};

// Runs the command with options already parsed; returns the exit code (0, or 2 on input errors).
int run_inventory(const InventoryCommandOptions& options, CommandContext& ctx);

}  // namespace kmsaccess::cli
