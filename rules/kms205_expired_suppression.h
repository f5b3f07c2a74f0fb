// KMS205: reports a suppression in the config whose expiry date has passed.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class ExpiredSuppressionRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
