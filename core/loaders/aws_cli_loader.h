// Loads a folder of AWS CLI JSON outputs (kms, iam, organizations, sts) into an Inventory.
// Shapes are detected from content, not file names; docs/inputs.md lists them and the folder
// conventions that attribute per-key outputs (keys/<KeyId>/get-key-policy.json) to their key.
#pragma once

#include <string_view>

#include "core/inventory.h"
#include "core/loaders/load_report.h"
#include "core/policy.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::core {

struct AwsLoadOptions {
  PolicyLimits limits;
  // Files and IAM policies are parsed on this many threads (the SourceReader must allow
  // concurrent reads). The result and the error reported are the same for any value.
  unsigned threads = 1;
};

struct AwsLoadResult {
  Inventory inventory;  // not yet sorted, without pseudo-principals (the caller merges first)
  LoadReport report;    // unrecognised and unattributed files, missing managed policies, ...
};

// Reads every *.json file under `dir` (recursively, in sorted order). A malformed file or policy
// is an Error with file:line:col; a file of unknown shape is a note, never skipped silently.
Result<AwsLoadResult> load_aws_cli_folder(std::string_view dir, const SourceReader& reader,
                                          const AwsLoadOptions& options = {});

}  // namespace kmsaccess::core
