// KMS104: reports an Allow statement with NotPrincipal.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AllowWithNotPrincipalRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
