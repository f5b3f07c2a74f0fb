// KMS005: reports a kms: action or pattern that names no KMS action.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UnknownActionRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
