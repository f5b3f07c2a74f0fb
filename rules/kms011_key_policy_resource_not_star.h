// KMS011: reports a key policy Resource other than "*".
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class KeyPolicyResourceNotStarRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
