// KMS204: reports automatic rotation disabled on a symmetric customer managed key.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class RotationDisabledRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
