// KMS107: reports an Allow to a service principal without a source condition (confused deputy).
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class ServicePrincipalWithoutSourceRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
