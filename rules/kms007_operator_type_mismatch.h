// KMS007: reports a condition operator of the wrong type for its key.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class OperatorTypeMismatchRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
