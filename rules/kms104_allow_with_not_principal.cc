#include "rules/kms104_allow_with_not_principal.h"

#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS104",
    .name = "allow-with-not-principal",
    .severity = Severity::kError,
    .short_description = "An Allow statement with NotPrincipal",
    .long_description =
        "\"Effect\": \"Allow\" with NotPrincipal allows every principal except the ones listed: "
        "every user, role and anonymous caller of every AWS account. AWS strongly recommends "
        "against it, and a key policy written this way is public in all but name. It is almost "
        "always a mistaken attempt at \"only these principals\", which is what Principal means.",
    .help = "Name the principals that should have access with Principal: replace "
            "`\"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Admin\"}` by "
            "`\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Admin\"}`, and use a Deny "
            "statement if everyone else must be excluded explicitly.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_elements_notprincipal.html",
    .needs_evaluator = true,
};

}  // namespace

const RuleInfo& AllowWithNotPrincipalRule::info() const { return kInfo; }

void AllowWithNotPrincipalRule::check_policy(const LintDocument& doc,
                                             const core::PolicyDocument& policy,
                                             FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) || !st.has_principal || !st.not_principal) continue;
    std::vector<std::string> listed;
    if (st.principal.wildcard) listed.push_back("*");
    for (const auto& e : st.principal.entries) listed.push_back(e.value);
    const std::string value = access::join(listed);
    sink.report(doc, st, st.principal.pos, value,
                "Allow with NotPrincipal (" + value +
                    ") allows every principal of every account except the ones listed");
  }
}

}  // namespace kmsaccess::rules
