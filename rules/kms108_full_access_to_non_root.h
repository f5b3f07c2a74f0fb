// KMS108: reports kms:* allowed to a principal other than an account root in a key policy.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class FullAccessToNonRootRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
