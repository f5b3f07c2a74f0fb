// KMS117: a grant whose grantee is an account root, a bare account id or "*".
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class GrantBroadGranteeRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
