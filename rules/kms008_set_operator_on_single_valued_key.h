// KMS008: reports ForAnyValue/ForAllValues on a single-valued key.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class SetOperatorOnSingleValuedKeyRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
