// KMS106: reports access for an account other than the key's own and not in trusted_accounts.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class UntrustedExternalAccountRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
