// KMS111: kms:CreateGrant allowed without kms:GrantIsForAWSResource or a grant constraint.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UnconstrainedCreateGrantRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
