// KMS010: reports a condition key that AWS ignores in key policies.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class IamOnlyConditionKeyInKeyPolicyRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
