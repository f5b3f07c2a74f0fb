// KMS102: reports a condition that restricts nothing (constant on every request, or "*").
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class IneffectiveRestrictionRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
