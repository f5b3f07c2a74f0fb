// KMS112: ScheduleKeyDeletion / DisableKey / DeleteImportedKeyMaterial allowed without an MFA
// condition and without a Deny guard in the same policy.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class DestructiveActionUnguardedRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
