// CloudFormation templates (YAML with short-form tags, or JSON) loaded into an Inventory: KMS keys,
// replica keys and aliases, IAM roles, users, groups and their inline, managed and attached
// policies. Intrinsics are resolved where the value is knowable; the rest stay symbolic and noted.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/inventory.h"
#include "core/loaders/load_report.h"
#include "core/policy.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::core {

// What an IaC loader hands back: the inventory (unsorted, without pseudo-principals: the caller
// merges first) and one note per value it could not know, each naming its file:line:col.
struct IacLoadResult {
  Inventory inventory;
  LoadReport report;
};

struct CfnOptions {
  // --parameter k=v: template parameters and the pseudo parameters AWS::AccountId, AWS::Region,
  // AWS::Partition and AWS::StackName.
  std::map<std::string, std::string> parameters;
  std::string default_account;  // e.g. the manifest's account; else 123456789012, noted
  std::string default_region;   // else us-east-1, noted
  PolicyLimits limits;
};

// A value that cannot be known before deployment is the string "${Unresolved:<what>:<detail>}".
// It is never a valid ARN, account id or key id, so as a principal it matches nobody the
// inventory knows, and as a Resource or condition value it never equals a real one.
constexpr std::string_view kUnresolvedPrefix = "${Unresolved:";
bool is_unresolved(std::string_view value);  // contains kUnresolvedPrefix

// A malformed template (YAML or JSON syntax, Resources not a mapping, a policy that cannot be
// parsed) is an Error with file:line:col.
Result<IacLoadResult> parse_cfn_template(std::string_view text, std::string_view path,
                                         const CfnOptions& options);
Result<IacLoadResult> load_cfn_template(std::string_view path, const SourceReader& reader,
                                        const CfnOptions& options);

}  // namespace kmsaccess::core
