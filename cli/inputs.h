// The input options every analysing command shares (-m, --from-aws, --cfn, --tf, ...) and the
// function that turns them into one Inventory.
#pragma once

#include <string>
#include <vector>

#include "core/inventory.h"
#include "core/policy.h"
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
  // --max-file-size, --max-json-depth, --max-statements, --max-condition-values: every limit an
  // error message tells the user to raise.
  core::PolicyLimits limits;
  // --max-inventory: keys, principals and policies each, after merging every input; a guard
  // against inputs that would make the principal x key grid unmanageable.
  std::size_t max_inventory = 1000000;
};

void add_input_options(CLI::App& command, InputOptions& options);

// Loads every input named and merges them; with none named, loads ./kmsaccess.yaml.
core::Result<core::Inventory> load_inventory(const InputOptions& options,
                                             const core::SourceReader& reader);

}  // namespace kmsaccess::cli
