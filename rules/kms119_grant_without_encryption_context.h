// KMS119: a grant for decrypt-class operations without encryption-context constraints.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class GrantWithoutEncryptionContextRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
