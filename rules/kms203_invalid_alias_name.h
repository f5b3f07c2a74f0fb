// KMS203: reports an alias name outside alias/... or in the reserved alias/aws/ prefix.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class InvalidAliasNameRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
