// KMS015: reports, in a key policy, an action that is never authorised against a key.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class ActionWithoutKeyResourceRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
