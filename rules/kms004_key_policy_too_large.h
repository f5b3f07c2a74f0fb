// KMS004: reports a key policy over the 32 KB quota.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class KeyPolicyTooLargeRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
