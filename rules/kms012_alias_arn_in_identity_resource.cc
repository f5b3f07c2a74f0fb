#include "rules/kms012_alias_arn_in_identity_resource.h"

#include "core/action_catalog.h"
#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS012",
    .name = "alias-arn-in-identity-resource",
    .severity = Severity::kWarning,
    .short_description = "An alias ARN as the Resource of a key operation in an identity policy",
    .long_description =
        "KMS authorizes cryptographic and key management operations against the key ARN, even "
        "when the caller names the key by its alias. An alias ARN in an IAM policy's Resource "
        "only controls alias operations (CreateAlias, UpdateAlias, DeleteAlias), so a statement "
        "meant to allow kms:Decrypt \"on the alias\" allows nothing, and a Deny guards nothing.",
    .help = "Name the key ARN in Resource, or match the alias with a condition: "
            "`\"Resource\": \"arn:aws:kms:*:111122223333:key/*\"` with "
            "`\"Condition\": {\"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\": "
            "\"alias/app-data\"}}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html",
};

core::ActionMask key_only_actions() {
  core::ActionMask mask = 0;
  const auto actions = core::kms_actions();
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (actions[i].resources == core::ResourceScope::kKey) mask |= core::action_bit(i);
  }
  return mask;
}

bool is_alias_arn(std::string_view text) {
  auto arn = core::parse_arn(text);
  return arn && arn->service == "kms" && arn->resource.rfind("alias/", 0) == 0;
}

}  // namespace

const RuleInfo& AliasArnInIdentityResourceRule::info() const { return kInfo; }

void AliasArnInIdentityResourceRule::check_policy(const LintDocument& doc,
                                                  const core::PolicyDocument& policy,
                                                  FindingSink& sink) const {
  if (!is_identity_like(doc)) return;
  const core::ActionMask key_only = key_only_actions();
  for (const auto& st : policy.statements) {
    const core::ActionMask affected = st.action_mask & key_only;
    if (st.not_resource || affected == 0) continue;
    // Name a cryptographic operation when there is one: that is what authors usually meant.
    const core::ActionMask crypto = affected & core::crypto_actions_mask();
    const std::string first = core::mask_to_names(crypto != 0 ? crypto : affected).front();
    for (const auto& r : st.resources) {
      if (!is_alias_arn(r.text)) continue;
      sink.report(doc, st, r.pos, r.text,
                  "alias ARN \"" + r.text + "\" does not control " + first +
                      " on the key; name the key ARN or use kms:ResourceAliases");
    }
  }
}

}  // namespace kmsaccess::rules
