// KMS201: reports a statement that duplicates or is shadowed by another.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class DuplicateStatementRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
