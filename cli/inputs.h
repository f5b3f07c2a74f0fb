// The input options every analysing command shares (-m, --from-aws, --cfn, --tf, ...) and the
// function that turns them into one Inventory.
#pragma once

#include <string>
#include <vector>

#include "core/inventory.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace CLI {
class App;
}

namespace kmsaccess::cli {

struct InputOptions {
  std::string manifest;                 // -m/--manifest; default kmsaccess.yaml in the cwd
  std::vector<std::string> from_aws;    // --from-aws DIR (repeatable)
  std::vector<std::string> cfn;         // --cfn TEMPLATE (repeatable)
  std::vector<std::string> tf;          // --tf PLAN.json (repeatable)
  std::vector<std::string> parameters;  // --parameter k=v for CloudFormation
  bool allow_outside_paths = false;
};

void add_input_options(CLI::App& command, InputOptions& options);

// Loads every input named and merges them; with none named, loads ./kmsaccess.yaml.
core::Result<core::Inventory> load_inventory(const InputOptions& options,
                                             const core::SourceReader& reader);

}  // namespace kmsaccess::cli
