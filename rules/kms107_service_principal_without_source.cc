#include "rules/kms107_service_principal_without_source.h"

#include <algorithm>
#include <array>

#include "core/arn.h"
#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS107",
    .name = "service-principal-without-source",
    .severity = Severity::kWarning,
    .short_description =
        "An Allow to a service principal without aws:SourceAccount or aws:SourceArn (confused "
        "deputy)",
    .long_description =
        "A service principal (\"Service\": \"logs.amazonaws.com\") acts for every customer of "
        "that service. Without a condition on the resource the service acts for, anyone who "
        "can point the service at your key — a log group, topic or trail in their own account "
        "— makes it use the key for them: the confused-deputy problem. aws:SourceAccount, "
        "aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths (positive operators, concrete "
        "values) close it. Two patterns are not reported: a kms:EncryptionContext:aws:* "
        "condition whose value is an ARN in a concrete account (CloudTrail's "
        "kms:EncryptionContext:aws:cloudtrail:arn, CloudWatch Logs' "
        "kms:EncryptionContext:aws:logs:arn) binds the source resource just as well; and AWS "
        "managed key policies use Principal \"*\" with kms:ViaService and kms:CallerAccount, "
        "which names no service principal at all. Statements that only read key metadata "
        "(Describe*, Get*, List*), like CloudTrail's \"Allow CloudTrail to describe key\", "
        "are not reported either: a deputy tricked into them reveals no data.",
    .help = "Add the source account or resource: `\"Condition\": {\"StringEquals\": "
            "{\"aws:SourceAccount\": \"111122223333\"}, \"ArnLike\": {\"aws:SourceArn\": "
            "\"arn:aws:logs:us-east-1:111122223333:log-group:*\"}}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
    .needs_evaluator = true,
};

constexpr std::array<std::string_view, 4> kSourceKeys{"aws:sourceaccount", "aws:sourcearn",
                                                      "aws:sourceorgid", "aws:sourceorgpaths"};

// The encryption context names the source resource by an ARN in a concrete account.
bool context_binds_source(const core::ConditionClause& c) {
  if (c.key_lower.rfind("kms:encryptioncontext:aws:", 0) != 0) return false;
  if (core::is_negated(c.op.base) || c.op.base == core::BaseOperator::kNull) return false;
  if (c.op.set == core::SetOperator::kForAllValues || c.values.empty()) return false;
  return std::all_of(c.values.begin(), c.values.end(), [](const auto& v) {
    auto arn = core::parse_arn(v.text);
    return arn && core::is_account_id(arn->account);
  });
}

// Describe/Get/List only: a deputy tricked into them reveals key metadata, not data; AWS's own
// CloudTrail key policy allows cloudtrail.amazonaws.com kms:DescribeKey unconditionally.
bool metadata_only(core::ActionMask mask) {
  const core::ActionMask read = core::match_action_pattern("kms:Describe*") |
                                core::match_action_pattern("kms:Get*") |
                                core::match_action_pattern("kms:List*");
  return (mask & core::key_actions_mask() & ~read) == 0;
}

bool has_source_condition(const core::Statement& st) {
  for (const auto& c : st.conditions) {
    // IfExists is fine here: a service principal's request carries the source keys.
    core::ConditionClause plain = c;
    plain.op.if_exists = false;
    if (access::clause_restricts(plain, kSourceKeys) || context_binds_source(c)) return true;
  }
  return false;
}

// Actions a key policy can grant on the key; the "*"-resource ones (kms:CreateKey,
// kms:DescribeCustomKeyStores) that a pattern also covers say nothing about the key.
core::ActionMask key_actions_or_all(core::ActionMask mask) {
  const core::ActionMask on_key = mask & core::key_actions_mask();
  return on_key != 0 ? on_key : mask;
}

}  // namespace

const RuleInfo& ServicePrincipalWithoutSourceRule::info() const { return kInfo; }

void ServicePrincipalWithoutSourceRule::check_policy(const LintDocument& doc,
                                                     const core::PolicyDocument& policy,
                                                     FindingSink& sink) const {
  if (!is_key_policy(doc)) return;
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) || !st.has_principal || st.not_principal || st.action_mask == 0) {
      continue;
    }
    if (has_source_condition(st) || metadata_only(st.action_mask)) continue;
    for (const auto& e : st.principal.entries) {
      if (e.type != core::PrincipalType::kService) continue;
      sink.report(doc, st, e.pos, e.value,
                  "service principal " + e.value + " is allowed " +
                      access::summarize_actions(key_actions_or_all(st.action_mask)) +
                      " without aws:SourceAccount or aws:SourceArn; resources in any account can "
                      "make the service use this key");
    }
  }
}

}  // namespace kmsaccess::rules
