#include "rules/kms004_key_policy_too_large.h"

namespace kmsaccess::rules {
namespace {

constexpr std::size_t kMaxKeyPolicyBytes = 32U * 1024U;

constexpr RuleInfo kInfo{
    .id = "KMS004",
    .name = "key-policy-too-large",
    .severity = Severity::kError,
    .short_description = "The key policy is larger than the 32 KB key policy quota",
    .long_description =
        "A key policy document can be at most 32 KB (32,768 bytes). CreateKey and PutKeyPolicy "
        "fail with a LimitExceededException above that, so a deployment that writes this policy "
        "fails or leaves the previous policy in place.",
    .help = "Move principals into IAM roles that the key policy trusts through one statement, "
            "or grant access with IAM policies (enabled by the root statement "
            "`\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`) instead of listing "
            "each principal in the key policy.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html",
};

}  // namespace

const RuleInfo& KeyPolicyTooLargeRule::info() const { return kInfo; }

void KeyPolicyTooLargeRule::check_policy(const LintDocument& doc,
                                         const core::PolicyDocument& policy,
                                         FindingSink& sink) const {
  if (!is_key_policy(doc) || doc.byte_size <= kMaxKeyPolicyBytes) return;
  core::Pos where = policy.statement_pos.line != 0 ? policy.statement_pos : core::Pos{1, 1};
  sink.report_at(policy.where(where), "", "/Statement", "",
                 "key policy is " + std::to_string(doc.byte_size) +
                     " bytes; the key policy quota is 32768 bytes (32 KB)");
}

}  // namespace kmsaccess::rules
