// KMS118: a grant whose Operations include CreateGrant (re-delegation).
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class GrantAllowsCreateGrantRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
