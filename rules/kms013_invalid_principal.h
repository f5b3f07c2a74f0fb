// KMS013: reports a Principal or NotPrincipal value that AWS rejects or never matches.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class InvalidPrincipalRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
