// Loading the inputs with their load report (unrecognised files, gaps), for commands that show
// it; load_inventory (cli/inputs.h) is the same without the report.
#pragma once

#include <string>
#include <vector>

#include "cli/inputs.h"
#include "core/inventory.h"
#include "core/loaders/load_report.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::cli {

struct LoadedInputs {
  core::Inventory inventory;  // merged, with pseudo-principals, sorted
  core::LoadReport report;    // notes from every input, sorted
};

core::Result<LoadedInputs> load_inputs(const InputOptions& options, const core::SourceReader& reader);

// CloudFormation and Terraform inputs (--cfn, --tf) merged into `into`; owned by the IaC loaders.
core::Status merge_iac_inputs(const InputOptions& options, const core::SourceReader& reader,
                              LoadedInputs& into);

}  // namespace kmsaccess::cli
