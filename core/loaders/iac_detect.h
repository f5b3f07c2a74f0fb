// Tells CloudFormation templates and Terraform plans from policy files, so that `lint PATH` (a
// pre-commit hook passes whatever files changed) reads each with the loader it needs instead of
// reporting a template as a broken policy or skipping a plan.
#pragma once

#include <string_view>

namespace kmsaccess::core {

enum class IacKind { kNone, kCloudFormation, kTerraformPlan };

// kCloudFormation: a JSON object with AWSTemplateFormatVersion or a Resources object, or YAML
// with either as a top-level key. kTerraformPlan: a JSON object with format_version and
// planned_values or resource_changes (`terraform show -json PLAN`). Anything else, including
// text that is not valid JSON or YAML of those shapes, is kNone and is read as before.
IacKind detect_iac(std::string_view text);

}  // namespace kmsaccess::core
