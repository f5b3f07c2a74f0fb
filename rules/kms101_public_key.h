// KMS101: reports an Allow of "*" that no condition limits to known accounts.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class PublicKeyRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
