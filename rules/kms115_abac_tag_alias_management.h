// KMS115: principals who are not key administrators can change the tags or aliases that an
// ABAC policy (aws:ResourceTag/*, kms:ResourceAliases, kms:RequestAlias) decides access on.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class AbacTagAliasManagementRule final : public Rule {
 public:
  const RuleInfo& info() const override;
  void check(const LintContext& ctx, FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
