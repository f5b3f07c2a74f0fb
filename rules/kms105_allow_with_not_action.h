// KMS105: reports an Allow statement with NotAction that covers KMS actions.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AllowWithNotActionRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
