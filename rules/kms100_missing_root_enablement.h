// KMS100: reports a key policy without the statement that lets the account's IAM policies apply.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class MissingRootEnablementRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
