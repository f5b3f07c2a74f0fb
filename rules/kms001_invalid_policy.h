// KMS001: reports a file that is not valid JSON or not a valid policy or grant list.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class InvalidPolicyRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
