// KMS113: an Allow whose condition sets kms:BypassPolicyLockoutSafetyCheck to true.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class BypassLockoutSafetyCheckRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
