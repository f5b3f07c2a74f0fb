#include "rules/kms118_grant_allows_create_grant.h"

#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS118",
    .name = "grant-allows-create-grant",
    .severity = Severity::kWarning,
    .short_description = "Grant that allows `CreateGrant` (re-delegation)",
    .long_description =
        "A grant that includes the CreateGrant operation lets its grantee create further grants "
        "with the same or fewer operations, for any grantee: access then spreads without any "
        "policy change, and retiring the parent grant does not retire the grants made from it. "
        "Grant CreateGrant only when the grantee must re-delegate, and then with constraints.",
    .help = "Create the grant without CreateGrant:\n\n"
            "```sh\naws kms create-grant --key-id 1234abcd-12ab-34cd-56ef-1234567890ab \\\n"
            "  --grantee-principal arn:aws:iam::111122223333:role/AppRole \\\n"
            "  --operations Decrypt GenerateDataKey\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "create-grant-overview.html",
};

}  // namespace

const RuleInfo& GrantAllowsCreateGrantRule::info() const { return kInfo; }

void GrantAllowsCreateGrantRule::check(const LintContext& ctx, FindingSink& sink) const {
  const core::ActionMask create_grant = action_named("kms:CreateGrant");
  for_each_grant(ctx, [&](const LintDocument& /*doc*/, const core::Grant& g, const std::string& label,
                          const std::string& pointer) {
    if ((g.operations_mask & create_grant) == 0) return;
    sink.report_at(g.pos, label, pointer, g.grantee + " CreateGrant",
                   "grant " + label + " allows CreateGrant: \"" + g.grantee +
                       "\" can create further grants from it");
  });
}

}  // namespace kmsaccess::rules
