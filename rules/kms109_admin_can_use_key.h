// KMS109: reports a key administrator that can also use the key for cryptographic operations.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AdminCanUseKeyRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
