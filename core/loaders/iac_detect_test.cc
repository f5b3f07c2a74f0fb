#include "core/loaders/iac_detect.h"

#include <doctest/doctest.h>

#include <string>

namespace kmsaccess::core {
namespace {

TEST_CASE("CloudFormation templates are told from policies, in YAML and in JSON") {
  CHECK(detect_iac("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Key:\n    Type: AWS::KMS::Key\n") ==
        IacKind::kCloudFormation);
  CHECK(detect_iac("# a stack\r\nResources:\r\n  Key:\r\n    Type: AWS::KMS::Key\r\n") == IacKind::kCloudFormation);
  CHECK(detect_iac("Resources: # keys\n  Key: {Type: AWS::KMS::Key}\n") == IacKind::kCloudFormation);
  CHECK(detect_iac("\xEF\xBB\xBF {\"Resources\": {\"Key\": {\"Type\": \"AWS::KMS::Key\"}}}") ==
        IacKind::kCloudFormation);
  CHECK(detect_iac("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}") == IacKind::kCloudFormation);
}

TEST_CASE("Terraform plans need format_version and the plan's own fields") {
  CHECK(detect_iac("{\"format_version\": \"1.2\", \"planned_values\": {}}") == IacKind::kTerraformPlan);
  CHECK(detect_iac("{\"format_version\": \"1.2\", \"resource_changes\": []}") == IacKind::kTerraformPlan);
  CHECK(detect_iac("{\"format_version\": \"1.0\", \"values\": {}}") == IacKind::kNone);  // a state, not a plan
}

TEST_CASE("policies, grant lists and look-alikes are not templates or plans") {
  CHECK(detect_iac(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]})") ==
        IacKind::kNone);
  // The words alone do not make a template: nested, in a string, indented or a longer key.
  CHECK(detect_iac(R"({"Statement":[],"Sid":"Resources"})") == IacKind::kNone);
  CHECK(detect_iac(R"({"Policy":{"Resources":{}}})") == IacKind::kNone);
  CHECK(detect_iac(R"({"Resources":["a"]})") == IacKind::kNone);
  CHECK(detect_iac("  Resources:\n    Key: {}\n") == IacKind::kNone);
  CHECK(detect_iac("ResourcesList:\n  - a\n") == IacKind::kNone);
  CHECK(detect_iac("Resources:x\n") == IacKind::kNone);
  // Broken JSON stays with the policy reader, which reports where it breaks.
  CHECK(detect_iac("{\"Resources\": {\"Key\": ") == IacKind::kNone);
  CHECK(detect_iac("") == IacKind::kNone);
}

TEST_CASE("a plan nested deeper than the default JSON depth limit is still recognised") {
  std::string deep = "{\"format_version\":\"1.2\",\"planned_values\":";
  for (int i = 0; i < 100; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 100; ++i) deep += "}";
  deep += "}";
  CHECK(detect_iac(deep) == IacKind::kTerraformPlan);
}

}  // namespace
}  // namespace kmsaccess::core
