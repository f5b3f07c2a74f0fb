// KMS110: principals other than the account root and the designated key administrators can
// kms:PutKeyPolicy (key policy statements naming them; with an inventory, identity policies too).
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class PutKeyPolicyBeyondAdminsRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
