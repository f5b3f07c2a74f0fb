#include "rules/kms103_via_service_without_caller_account.h"

#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS103",
    .name = "via-service-without-caller-account",
    .severity = Severity::kWarning,
    .short_description =
        "kms:ViaService on an Allow of \"*\" without kms:CallerAccount (any account using that "
        "service)",
    .long_description =
        "kms:ViaService says which AWS service forwards the request, not whose request it is: "
        "every account's principals can call Amazon S3, EBS or Secrets Manager, and the "
        "service calls KMS on their behalf. An Allow of \"*\" limited only by kms:ViaService "
        "therefore lets any AWS account use the key through that service. AWS managed key "
        "policies pair kms:ViaService with kms:CallerAccount; aws:PrincipalAccount, "
        "aws:PrincipalOrgID, aws:PrincipalOrgPaths and aws:PrincipalArn (with concrete values) "
        "restrict the caller as well, and so does a Deny of \"*\" unless one of them matches. "
        "KMS101 reports the same statement as public; this rule names the missing key.",
    .help = "Add the caller's account next to kms:ViaService: `\"StringEquals\": "
            "{\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\", \"kms:CallerAccount\": "
            "\"111122223333\"}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "conditions-kms.html#conditions-kms-via-service",
    .needs_evaluator = true,
};

// A clause that limits the statement to requests through the named services.
const core::ConditionClause* via_service_clause(const core::Statement& st) {
  for (const auto& c : st.conditions) {
    if (c.key_lower != "kms:viaservice" || core::is_negated(c.op.base)) continue;
    if (c.op.base == core::BaseOperator::kNull) continue;
    return &c;
  }
  return nullptr;
}

}  // namespace

const RuleInfo& ViaServiceWithoutCallerAccountRule::info() const { return kInfo; }

void ViaServiceWithoutCallerAccountRule::check_policy(const LintDocument& doc,
                                                      const core::PolicyDocument& policy,
                                                      FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) || !access::anyone_pos(st)) continue;
    const auto* via = via_service_clause(st);
    if (via == nullptr || access::restricting_clause(st, access::caller_keys()) != nullptr) continue;
    if (access::deny_guard_covers(policy, st.action_mask, access::caller_keys())) continue;
    std::vector<std::string> services;
    for (const auto& v : via->values) services.push_back(v.text);
    const std::string list = access::join(services);
    sink.report(doc, st, via->key_pos, list,
                "kms:ViaService (" + list + ") on an Allow of \"*\" without kms:CallerAccount: "
                "principals of any AWS account can use the key through the service");
  }
}

}  // namespace kmsaccess::rules
