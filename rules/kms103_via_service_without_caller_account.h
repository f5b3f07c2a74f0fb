// KMS103: reports kms:ViaService on an Allow of "*" without a caller-account restriction.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class ViaServiceWithoutCallerAccountRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
