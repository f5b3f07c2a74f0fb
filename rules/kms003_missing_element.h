// KMS003: reports a statement without Effect, Action, Principal (key policy) or Resource.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class MissingElementRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
