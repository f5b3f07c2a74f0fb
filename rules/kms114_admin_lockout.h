// KMS114: a Deny in the key policy leaves no principal able to kms:PutKeyPolicy.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AdminLockoutRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
