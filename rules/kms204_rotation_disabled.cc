#include "rules/kms204_rotation_disabled.h"

#include <optional>
#include <string>
#include <string_view>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS204",
    .name = "rotation-disabled",
    .severity = Severity::kWarning,
    .short_description = "Automatic rotation is disabled on a symmetric customer managed key",
    .long_description =
        "AWS KMS can rotate the key material of a symmetric encryption customer managed key "
        "automatically, keeping older material for decryption, so the key id, ARN, policy and "
        "aliases stay the same. With rotation disabled the same key material protects data "
        "indefinitely. Only symmetric encryption keys with AWS KMS key material support "
        "automatic rotation: asymmetric, HMAC, imported (EXTERNAL origin) and custom key store "
        "keys cannot be rotated automatically, and AWS managed keys are rotated by AWS, so "
        "those are never reported. Keys whose rotation status is unknown are not reported "
        "either.",
    .help = "Enable automatic rotation: `aws kms enable-key-rotation --key-id "
            "1234abcd-12ab-34cd-56ef-1234567890ab`, or in CloudFormation set "
            "`EnableKeyRotation: true` (Terraform: `enable_key_rotation = true`). In a manifest, "
            "record the new status with `rotation_enabled: true`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
};

// An absent field counts as the default, which supports rotation.
bool absent_or(const std::optional<std::string>& field, std::string_view expected) {
  return !field || core::iequals_ascii(*field, expected);
}

bool supports_automatic_rotation(const core::Key& key) {
  return key.manager == core::KeyManager::kCustomer &&
         absent_or(key.key_spec, "SYMMETRIC_DEFAULT") &&
         absent_or(key.key_usage, "ENCRYPT_DECRYPT") && absent_or(key.origin, "AWS_KMS");
}

}  // namespace

const RuleInfo& RotationDisabledRule::info() const { return kInfo; }

void RotationDisabledRule::check(const LintContext& ctx, FindingSink& sink) const {
  if (ctx.inventory == nullptr) return;
  for (const auto& key : ctx.inventory->keys) {
    if (key.rotation_enabled.value_or(true) || !supports_automatic_rotation(key)) continue;
    sink.report_at(key.pos, key.name, "", key.arn,
                   "automatic rotation is disabled on symmetric customer managed key " + key.name +
                       " (" + key.arn + ")");
  }
}

}  // namespace kmsaccess::rules
