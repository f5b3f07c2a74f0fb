// KMS202: reports an empty Condition block or condition without values.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class EmptyConditionRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
