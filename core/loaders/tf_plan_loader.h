// Terraform plans (`terraform show -json <planfile>`, format_version 0.1 to 1.x) loaded into an
// Inventory: planned KMS keys, key policies, aliases and grants, and IAM roles, users, groups
// and their policies, attachments and memberships, in the root module and child modules.
#pragma once

#include <string>
#include <string_view>

#include "core/loaders/cfn_loader.h"

namespace kmsaccess::core {

struct TfOptions {
  std::string default_account;  // e.g. the manifest's account; else 123456789012, noted
  std::string default_region;   // else the provider's region constant, else us-east-1, noted
  PolicyLimits limits;
};

// Values known only after apply stay unknown: a key whose policy is unknown has no policy
// (noted; the engine then answers "conditional"), unknown ARNs and names become synthetic ones
// derived from the resource address. References between resources are followed through
// configuration expressions where the value itself is unknown.
Result<IacLoadResult> parse_tf_plan(std::string_view text, std::string_view path, const TfOptions& options);
Result<IacLoadResult> load_tf_plan(std::string_view path, const SourceReader& reader, const TfOptions& options);

}  // namespace kmsaccess::core
