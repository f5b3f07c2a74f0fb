#include "rules/kms002_unsupported_version.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS002",
    .name = "unsupported-version",
    .severity = Severity::kWarning,
    .short_description = "The policy Version is not 2012-10-17",
    .long_description =
        "The policy language has two versions. Under the old 2008-10-17 version, policy "
        "variables such as ${aws:username} are literal text, so a statement that relies on "
        "them matches nothing or the wrong thing. Any other value is rejected by AWS.",
    .help = "Set the Version element to the current version: `\"Version\": \"2012-10-17\"`.",
    .doc_url =
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
};

}  // namespace

const RuleInfo& UnsupportedVersionRule::info() const { return kInfo; }

void UnsupportedVersionRule::check_policy(const LintDocument& doc,
                                          const core::PolicyDocument& policy,
                                          FindingSink& sink) const {
  if (!policy.has_version || policy.version == "2012-10-17") return;
  std::string message = "policy Version \"" + policy.version + "\" ";
  message += policy.version == "2008-10-17"
                 ? "is the old language version: policy variables are not substituted"
                 : "is not a policy language version AWS accepts";
  sink.report_at(policy.where(policy.version_pos), "", "/Version", policy.version,
                 std::move(message));
  (void)doc;
}

}  // namespace kmsaccess::rules
