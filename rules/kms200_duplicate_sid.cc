#include "rules/kms200_duplicate_sid.h"

#include <map>

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS200",
    .name = "duplicate-sid",
    .severity = Severity::kWarning,
    .short_description = "Two statements in one policy share a Sid",
    .long_description =
        "A Sid names a statement: explanations, suppressions and reviews refer to statements "
        "by it. IAM requires Sids to be unique within a policy, and when two statements share "
        "one, a suppression or a change request meant for one of them is ambiguous.",
    .help = "Give each statement its own Sid, e.g. rename the second `\"Sid\": \"AllowUse\"` to "
            "`\"Sid\": \"AllowUseFromLambda\"`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html",
};

}  // namespace

const RuleInfo& DuplicateSidRule::info() const { return kInfo; }

void DuplicateSidRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                    FindingSink& sink) const {
  std::map<std::string, const core::Statement*> first_with;
  for (const auto& st : policy.statements) {
    if (!st.has_sid || st.sid.empty()) continue;
    auto [it, inserted] = first_with.emplace(st.sid, &st);
    if (inserted) continue;
    sink.report(doc, st, st.sid_pos, st.sid + "@" + st.json_pointer(),
                "Sid \"" + st.sid + "\" is also used by statement " +
                    it->second->json_pointer());
  }
}

}  // namespace kmsaccess::rules
