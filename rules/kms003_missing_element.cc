#include "rules/kms003_missing_element.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS003",
    .name = "missing-element",
    .severity = Severity::kError,
    .short_description =
        "A statement lacks Effect, Action, Principal (key policy) or Resource",
    .long_description =
        "Every statement needs an Effect and an Action (or NotAction). A key policy statement "
        "also needs a Principal, and key and identity policy statements need a Resource (in a "
        "key policy always \"*\", meaning this key). AWS rejects the policy otherwise, and "
        "kmsaccess cannot tell what the statement was meant to do.",
    .help = "Add the missing element. For example, a key policy statement "
            "`{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}` needs "
            "`\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/App\"}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
};

}  // namespace

const RuleInfo& MissingElementRule::info() const { return kInfo; }

void MissingElementRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                      FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    auto missing = [&](std::string_view element) {
      sink.report(doc, st, st.pos, std::string(element),
                  "statement " + st.label() + " has no " + std::string(element) + " element");
    };
    if (!st.has_effect) missing("Effect");
    if (!st.has_action) missing("Action");
    if (is_key_policy(doc) && !st.has_principal) missing("Principal");
    // SCPs and RCPs may leave Resource out of Allow statements in some forms; only key and
    // identity policies are held to it.
    const bool needs_resource =
        is_key_policy(doc) || doc.kind == DocumentKind::kIdentityPolicy;
    if (needs_resource && !st.has_resource) missing("Resource");
  }
}

}  // namespace kmsaccess::rules
