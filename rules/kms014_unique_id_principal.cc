#include "rules/kms014_unique_id_principal.h"

#include <set>
#include <string>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS014",
    .name = "unique-id-principal",
    .severity = Severity::kWarning,
    .short_description = "A principal named by an IAM unique id (AIDA..., AROA...), the trace of a "
                         "deleted user or role",
    .long_description =
        "When a user or role named in a key policy is deleted, AWS replaces its ARN in the policy "
        "with the principal's unique id. The statement then matches nobody: a user or role "
        "created again with the same name gets a new id, so access that people expect to be "
        "restored is not, and a Deny meant for that principal no longer applies to its "
        "successor. The stale entry also hides what the statement was for.",
    .help = "Remove the unique id, or replace it with the ARN of the principal that should have "
            "this access: `\"AWS\": \"arn:aws:iam::111122223333:role/app\"` instead of "
            "`\"AWS\": \"AROAJQABLZS4A3QDU576Q\"`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_elements_principal.html#principal-roles",
};

}  // namespace

const RuleInfo& UniqueIdPrincipalRule::info() const { return kInfo; }

void UniqueIdPrincipalRule::check(const LintContext& ctx, FindingSink& sink) const {
  // With a manifest, an id that a declared principal still carries is current, not stale.
  std::set<std::string, std::less<>> current;
  if (ctx.inventory != nullptr) {
    for (const auto& p : ctx.inventory->principals) {
      if (!p.pseudo && !p.unique_id.empty()) current.insert(p.unique_id);
    }
  }
  for (const auto& doc : ctx.documents) {
    if (!doc.policy) continue;
    for (const auto& st : doc.policy->statements) {
      if (!st.has_principal) continue;
      for (const auto& e : st.principal.entries) {
        if (e.type != core::PrincipalType::kAws || !core::is_iam_unique_id(e.value)) continue;
        if (current.count(e.value) != 0) continue;
        sink.report(doc, st, e.pos, e.value,
                    "principal " + e.value + " is an IAM unique id: AWS writes one in place of the "
                    "ARN of a deleted user or role, so this entry matches no current principal");
      }
    }
  }
}

}  // namespace kmsaccess::rules
