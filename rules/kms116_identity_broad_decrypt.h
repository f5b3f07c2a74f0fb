// KMS116: an identity policy allows kms:Decrypt on every key, without any condition.
#pragma once

#include "rules/rule.h"

namespace kmsaccess::rules {

class IdentityBroadDecryptRule final : public PolicyRule {
 public:
  const RuleInfo& info() const override;

 protected:
  void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                    FindingSink& sink) const override;
};

}  // namespace kmsaccess::rules
