#include "rules/registry.h"

#include "core/arn.h"
#include "rules/kms001_invalid_policy.h"
#include "rules/kms002_unsupported_version.h"
#include "rules/kms003_missing_element.h"
#include "rules/kms004_key_policy_too_large.h"
#include "rules/kms005_unknown_action.h"
#include "rules/kms006_unknown_condition_key.h"
#include "rules/kms007_operator_type_mismatch.h"
#include "rules/kms008_set_operator_on_single_valued_key.h"
#include "rules/kms009_for_all_values_without_null_guard.h"
#include "rules/kms010_iam_only_condition_key_in_key_policy.h"
#include "rules/kms011_key_policy_resource_not_star.h"
#include "rules/kms012_alias_arn_in_identity_resource.h"
#include "rules/kms013_invalid_principal.h"
#include "rules/kms014_unique_id_principal.h"
#include "rules/kms015_action_without_key_resource.h"
#include "rules/kms100_missing_root_enablement.h"
#include "rules/kms101_public_key.h"
#include "rules/kms102_ineffective_restriction.h"
#include "rules/kms103_via_service_without_caller_account.h"
#include "rules/kms104_allow_with_not_principal.h"
#include "rules/kms105_allow_with_not_action.h"
#include "rules/kms106_untrusted_external_account.h"
#include "rules/kms107_service_principal_without_source.h"
#include "rules/kms108_full_access_to_non_root.h"
#include "rules/kms109_admin_can_use_key.h"
#include "rules/kms110_put_key_policy_beyond_admins.h"
#include "rules/kms111_unconstrained_create_grant.h"
#include "rules/kms112_destructive_action_unguarded.h"
#include "rules/kms113_bypass_lockout_safety_check.h"
#include "rules/kms114_admin_lockout.h"
#include "rules/kms115_abac_tag_alias_management.h"
#include "rules/kms116_identity_broad_decrypt.h"
#include "rules/kms117_grant_broad_grantee.h"
#include "rules/kms118_grant_allows_create_grant.h"
#include "rules/kms119_grant_without_encryption_context.h"
#include "rules/kms200_duplicate_sid.h"
#include "rules/kms201_duplicate_statement.h"
#include "rules/kms202_empty_condition.h"
#include "rules/kms203_invalid_alias_name.h"
#include "rules/kms204_rotation_disabled.h"
#include "rules/kms205_expired_suppression.h"

namespace kmsaccess::rules {

// One line per rule, sorted by id; registry_test.cc checks the order and the pieces each needs.
RuleList all_rules() {
  RuleList rules;
  rules.push_back(std::make_unique<InvalidPolicyRule>());
  rules.push_back(std::make_unique<UnsupportedVersionRule>());
  rules.push_back(std::make_unique<MissingElementRule>());
  rules.push_back(std::make_unique<KeyPolicyTooLargeRule>());
  rules.push_back(std::make_unique<UnknownActionRule>());
  rules.push_back(std::make_unique<UnknownConditionKeyRule>());
  rules.push_back(std::make_unique<OperatorTypeMismatchRule>());
  rules.push_back(std::make_unique<SetOperatorOnSingleValuedKeyRule>());
  rules.push_back(std::make_unique<ForAllValuesWithoutNullGuardRule>());
  rules.push_back(std::make_unique<IamOnlyConditionKeyInKeyPolicyRule>());
  rules.push_back(std::make_unique<KeyPolicyResourceNotStarRule>());
  rules.push_back(std::make_unique<AliasArnInIdentityResourceRule>());
  rules.push_back(std::make_unique<InvalidPrincipalRule>());
  rules.push_back(std::make_unique<UniqueIdPrincipalRule>());
  rules.push_back(std::make_unique<ActionWithoutKeyResourceRule>());
  rules.push_back(std::make_unique<MissingRootEnablementRule>());
  rules.push_back(std::make_unique<PublicKeyRule>());
  rules.push_back(std::make_unique<IneffectiveRestrictionRule>());
  rules.push_back(std::make_unique<ViaServiceWithoutCallerAccountRule>());
  rules.push_back(std::make_unique<AllowWithNotPrincipalRule>());
  rules.push_back(std::make_unique<AllowWithNotActionRule>());
  rules.push_back(std::make_unique<UntrustedExternalAccountRule>());
  rules.push_back(std::make_unique<ServicePrincipalWithoutSourceRule>());
  rules.push_back(std::make_unique<FullAccessToNonRootRule>());
  rules.push_back(std::make_unique<AdminCanUseKeyRule>());
  rules.push_back(std::make_unique<PutKeyPolicyBeyondAdminsRule>());
  rules.push_back(std::make_unique<UnconstrainedCreateGrantRule>());
  rules.push_back(std::make_unique<DestructiveActionUnguardedRule>());
  rules.push_back(std::make_unique<BypassLockoutSafetyCheckRule>());
  rules.push_back(std::make_unique<AdminLockoutRule>());
  rules.push_back(std::make_unique<AbacTagAliasManagementRule>());
  rules.push_back(std::make_unique<IdentityBroadDecryptRule>());
  rules.push_back(std::make_unique<GrantBroadGranteeRule>());
  rules.push_back(std::make_unique<GrantAllowsCreateGrantRule>());
  rules.push_back(std::make_unique<GrantWithoutEncryptionContextRule>());
  rules.push_back(std::make_unique<DuplicateSidRule>());
  rules.push_back(std::make_unique<DuplicateStatementRule>());
  rules.push_back(std::make_unique<EmptyConditionRule>());
  rules.push_back(std::make_unique<InvalidAliasNameRule>());
  rules.push_back(std::make_unique<RotationDisabledRule>());
  rules.push_back(std::make_unique<ExpiredSuppressionRule>());
  return rules;
}

const Rule* find_rule(const RuleList& rules, std::string_view id) {
  for (const auto& rule : rules) {
    if (core::iequals_ascii(rule->info().id, id)) return rule.get();
  }
  return nullptr;
}

std::vector<std::string_view> rule_ids(const RuleList& rules) {
  std::vector<std::string_view> ids;
  for (const auto& rule : rules) ids.push_back(rule->info().id);
  return ids;
}

}  // namespace kmsaccess::rules
