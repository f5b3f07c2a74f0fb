#include "rules/kms117_grant_broad_grantee.h"

#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS117",
    .name = "grant-broad-grantee",
    .severity = Severity::kWarning,
    .short_description = "Grant to a broad grantee (account root, `*`)",
    .long_description =
        "A grant's operations go to its grantee principal. When the grantee is an account (its "
        "root ARN or a bare account id), every principal of that account whose IAM policies "
        "allow the operation can use the grant, which for another account means its "
        "administrators decide who uses your key. A grant should name the one role, user or "
        "service that needs it.",
    .help = "Retire the grant and create one per principal that needs it:\n\n"
            "```sh\naws kms create-grant --key-id 1234abcd-12ab-34cd-56ef-1234567890ab \\\n"
            "  --grantee-principal arn:aws:iam::111122223333:role/AppRole --operations Decrypt\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant",
};

}  // namespace

const RuleInfo& GrantBroadGranteeRule::info() const { return kInfo; }

void GrantBroadGranteeRule::check(const LintContext& ctx, FindingSink& sink) const {
  for_each_grant(ctx, [&](const LintDocument& /*doc*/, const core::Grant& g, const std::string& label,
                          const std::string& pointer) {
    if (g.grantee_is_service) return;
    std::string what;
    if (g.grantee == "*") {
      what = "anyone";
    } else if (auto account = account_of_root(g.grantee)) {
      what = "every principal of account " + *account + " that its IAM policies allow";
    } else {
      return;
    }
    sink.report_at(g.pos, label, pointer, g.grantee,
                   "grant " + label + " is to \"" + g.grantee + "\": " + what +
                       " can use its operations");
  });
}

}  // namespace kmsaccess::rules
