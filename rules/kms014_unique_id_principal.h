// KMS014: reports a principal named by an IAM unique id, the trace of a deleted principal.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UniqueIdPrincipalRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
