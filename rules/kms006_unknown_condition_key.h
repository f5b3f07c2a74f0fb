// KMS006: reports a kms: condition key KMS does not define.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UnknownConditionKeyRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
