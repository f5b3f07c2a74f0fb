// KMS009: reports ForAllValues in an Allow without a Null guard.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class ForAllValuesWithoutNullGuardRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
