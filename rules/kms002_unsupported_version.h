// KMS002: reports a policy Version other than 2012-10-17.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UnsupportedVersionRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
