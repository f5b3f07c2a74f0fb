#include "rules/kms116_identity_broad_decrypt.h"

#include "core/arn.h"
#include "rules/access_helpers.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS116",
    .name = "identity-broad-decrypt",
    .severity = Severity::kWarning,
    .short_description =
        "Identity policy grants kms:Decrypt or kms:* on Resource \"*\" without a condition",
    .long_description =
        "An identity policy that allows kms:Decrypt on every key lets its holder decrypt "
        "anything encrypted under any key whose key policy lets IAM policies apply, which is "
        "every key with the default key policy, in this account and in others that trust it. "
        "AWS's best practice is to list the key ARNs a principal needs, or to limit the "
        "statement with conditions such as `kms:ViaService`, `kms:EncryptionContext:...` or "
        "`aws:ResourceTag/...`. The rule reports an identity policy Allow covering kms:Decrypt "
        "(`kms:Decrypt`, `kms:*`, `kms:De*`, `*`, ...) whose Resource covers every key (`\"*\"`, "
        "`arn:aws:kms:*:*:key/*`, ...) and which has no Condition.",
    .help = "Name the keys, or add a condition:\n\n"
            "```json\n{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\",\n \"Resource\": "
            "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"}\n```",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "iam-policies-best-practices.html",
};

// Two keys in different accounts and regions: a pattern matching both is scoped to no
// account, region or key.
constexpr std::string_view kProbeA =
    "arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000";
constexpr std::string_view kProbeB =
    "arn:aws:kms:eu-west-3:999999999999:key/ffffffff-ffff-ffff-ffff-ffffffffffff";

// The Resource element pattern that covers every key, or null.
const core::ResourcePattern* every_key_resource(const core::Statement& st) {
  if (!st.has_resource || st.not_resource) return nullptr;
  for (const auto& r : st.resources) {
    if (core::wildcard_match(r.text, kProbeA) && core::wildcard_match(r.text, kProbeB)) return &r;
  }
  return nullptr;
}

}  // namespace

const RuleInfo& IdentityBroadDecryptRule::info() const { return kInfo; }

void IdentityBroadDecryptRule::check_policy(const LintDocument& doc,
                                            const core::PolicyDocument& policy,
                                            FindingSink& sink) const {
  if (doc.kind != DocumentKind::kIdentityPolicy) return;
  const core::ActionMask decrypt = action_named("kms:Decrypt");
  for (const auto& st : policy.statements) {
    if (!is_allow(st) || (st.action_mask & decrypt) == 0 || !st.conditions.empty()) continue;
    const core::ResourcePattern* resource = every_key_resource(st);
    if (resource == nullptr) continue;
    const std::string action = action_text(st, decrypt);
    sink.report(doc, st, action_pos(st, decrypt), action + " on " + resource->text,
                "\"" + action + "\" on Resource \"" + resource->text +
                    "\" without a condition allows kms:Decrypt with every key whose key policy "
                    "lets IAM policies apply");
  }
}

}  // namespace kmsaccess::rules
