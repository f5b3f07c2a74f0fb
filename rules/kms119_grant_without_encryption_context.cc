#include "rules/kms119_grant_without_encryption_context.h"

#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS119",
    .name = "grant-without-encryption-context",
    .severity = Severity::kNote,
    .short_description =
        "Grant for decrypt-class operations without encryption-context constraints",
    .long_description =
        "Grant constraints (`EncryptionContextEquals`, `EncryptionContextSubset`) limit a grant "
        "to requests carrying a given encryption context, so a grantee can decrypt only the "
        "data it was meant to. A grant allowing Decrypt, ReEncryptFrom or the GenerateDataKey "
        "operations without them covers every ciphertext under the key. Grants that AWS services "
        "create for their resources (service-principal grantees, sessions of AWS reserved roles "
        "such as `aws:ec2-infrastructure`) are expected and not reported.",
    .help = "Create the grant with an encryption-context constraint:\n\n"
            "```sh\naws kms create-grant --key-id 1234abcd-12ab-34cd-56ef-1234567890ab \\\n"
            "  --grantee-principal arn:aws:iam::111122223333:role/AppRole --operations Decrypt \\\n"
            "  --constraints EncryptionContextSubset={Department=IT}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "create-grant-overview.html#grant-constraints",
};

core::ActionMask decrypt_class_mask() {
  return action_named("kms:Decrypt") | action_named("kms:ReEncryptFrom") |
         action_named("kms:GenerateDataKey") | action_named("kms:GenerateDataKeyWithoutPlaintext") |
         action_named("kms:GenerateDataKeyPair") |
         action_named("kms:GenerateDataKeyPairWithoutPlaintext");
}

}  // namespace

const RuleInfo& GrantWithoutEncryptionContextRule::info() const { return kInfo; }

void GrantWithoutEncryptionContextRule::check(const LintContext& ctx, FindingSink& sink) const {
  const core::ActionMask decrypt_class = decrypt_class_mask();
  for_each_grant(ctx, [&](const LintDocument& /*doc*/, const core::Grant& g, const std::string& label,
                          const std::string& pointer) {
    const core::ActionMask hit = g.operations_mask & decrypt_class;
    if (hit == 0 || is_service_grantee(g)) return;
    if (!g.context_equals.empty() || !g.context_subset.empty()) return;
    std::vector<std::string> ops;
    for (const auto& name : core::mask_to_names(hit)) ops.push_back(name.substr(4));  // no "kms:"
    sink.report_at(g.pos, label, pointer, g.grantee + " " + join(ops, ","),
                   "grant " + label + " to \"" + g.grantee + "\" allows " + join(ops) +
                       " without an encryption-context constraint");
  });
}

}  // namespace kmsaccess::rules
