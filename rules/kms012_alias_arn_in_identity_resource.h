// KMS012: reports an alias ARN as the Resource of a key operation in an identity policy.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AliasArnInIdentityResourceRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
