// Placeholder for the CloudFormation/Terraform inputs until their loaders land; the IaC
// loaders' owner replaces this file (see cli/loaded_inputs.h).
#include "cli/loaded_inputs.h"

namespace kmsaccess::cli {

core::Status merge_iac_inputs(const InputOptions& options, const core::SourceReader& reader,
                              LoadedInputs& into) {
  (void)reader;
  (void)into;
  return core::make_error(std::string(options.cfn.empty() ? "--tf" : "--cfn") + " is not supported yet");
}

}  // namespace kmsaccess::cli
