#include "rules/kms001_invalid_policy.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS001",
    .name = "invalid-policy",
    .severity = Severity::kError,
    .short_description = "The file is not valid JSON, not a valid policy or not a valid grant list",
    .long_description =
        "AWS rejects a policy that is not well-formed JSON or does not follow the IAM policy "
        "grammar (PutKeyPolicy and PutRolePolicy fail with MalformedPolicyDocument). A file that "
        "does not parse cannot be checked by any other rule, so every other finding for it is "
        "missing until it is fixed.",
    .help = "Fix the syntax error at the reported position. For example, remove the trailing "
            "comma in `\"Action\": [\"kms:Decrypt\",]` so it reads `\"Action\": [\"kms:Decrypt\"]`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html",
};

}  // namespace

const RuleInfo& InvalidPolicyRule::info() const { return kInfo; }

void InvalidPolicyRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (!doc.error) continue;
    core::SourcePos pos = doc.error->pos;
    if (pos.file.empty()) pos.file = doc.file;
    // The message names the offending element already ("expected string"); keep the position
    // out of the value so the fingerprint survives edits above the error.
    sink.report_at(pos, "", "", doc.error->message, doc.error->message);
  }
}

}  // namespace kmsaccess::rules
