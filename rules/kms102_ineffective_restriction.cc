#include "rules/kms102_ineffective_restriction.h"

#include <algorithm>
#include <array>

#include "core/condition.h"
#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS102",
    .name = "ineffective-restriction",
    .severity = Severity::kWarning,
    .short_description = "A condition meant to restrict access restricts nothing",
    .long_description =
        "A condition only restricts when the request can carry its key with some values and "
        "not others. Three shapes defeat that. (1) A kms: condition key that no action of the "
        "statement ever carries (kms:GrantIsForAWSResource on kms:Decrypt, "
        "kms:EncryptionContext:* on kms:DescribeKey): the key is always absent, so the clause "
        "is constant — IfExists and negated operators are always true (the condition restricts "
        "nothing), the others always false (the statement never applies). Resource keys "
        "(kms:KeySpec, kms:KeyUsage, kms:KeyOrigin, kms:MultiRegion...) and kms:CallerAccount "
        "are in every request and are not reported. (2) IfExists on aws:SourceAccount, "
        "aws:SourceArn, aws:SourceOrgID or aws:SourceOrgPaths in an Allow to AWS principals: "
        "these keys are absent when an IAM principal calls directly, so the clause is true for "
        "exactly the callers it was meant to stop. (3) StringLike or ArnLike with the value "
        "\"*\" in an Allow: it matches any value and only requires the key to be present.",
    .help = "Use condition keys the statement's actions carry, without IfExists when the key "
            "can be absent, and concrete values: `\"Bool\": {\"kms:GrantIsForAWSResource\": "
            "\"true\"}` on a statement of kms:CreateGrant, kms:ListGrants and kms:RevokeGrant, "
            "or `\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "conditions-kms.html",
    .needs_evaluator = true,
};

// Keys of the key resource (and the caller's account) are present on every key operation, even
// though the per-action table lists them only for CreateKey.
constexpr std::array<std::string_view, 9> kAlwaysPresentKmsKeys{
    "kms:keyspec",  "kms:customermasterkeyspec", "kms:keyusage",          "kms:customermasterkeyusage",
    "kms:keyorigin", "kms:multiregion",          "kms:multiregionkeytype", "kms:calleraccount",
    "kms:resourcealiases"};

constexpr std::array<std::string_view, 4> kSourceKeys{"aws:sourceaccount", "aws:sourcearn",
                                                      "aws:sourceorgid", "aws:sourceorgpaths"};

class AbsentContext final : public core::ConditionContext {
 public:
  core::KeyValues lookup(std::string_view /*key_lower*/) const override {
    return core::KeyValues::absent();
  }
};

// A kms: catalogue key that no action of the statement's Action element ever carries.
bool never_present(const core::Statement& st, const core::ConditionClause& c) {
  if (c.key_lower.rfind("kms:", 0) != 0 || st.action_mask == 0) return false;
  if (!core::find_condition_key(c.key)) return false;  // unknown keys: KMS006
  if (std::find(kAlwaysPresentKmsKeys.begin(), kAlwaysPresentKmsKeys.end(), c.key_lower) !=
      kAlwaysPresentKmsKeys.end()) {
    return false;
  }
  for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
    if ((st.action_mask & core::action_bit(a)) != 0 && core::action_has_condition_key(a, c.key_lower)) {
      return false;
    }
  }
  return true;
}

void check_constant(const LintDocument& doc, const core::Statement& st,
                    const core::ConditionClause& c, FindingSink& sink) {
  const bool always = core::evaluate_clause(c, AbsentContext()) == core::Tri::kTrue;
  const bool allow = access::is_allow(st);
  std::string effect = always ? (allow ? "is always true: the condition restricts nothing"
                                       : "is always true: the Deny applies to every request")
                              : (allow ? "is never true: the statement allows nothing"
                                       : "is never true: the Deny never applies");
  sink.report(doc, st, c.key_pos, c.key,
              c.operator_text + " on " + c.key + ", which " +
                  access::summarize_actions(st.action_mask) + " requests never carry, " + effect);
}

bool names_aws_principal(const core::Statement& st) {
  if (!st.has_principal || st.not_principal) return false;
  if (st.principal.wildcard) return true;
  return std::any_of(st.principal.entries.begin(), st.principal.entries.end(),
                     [](const auto& e) { return e.type == core::PrincipalType::kAws; });
}

bool like_operator(const core::ConditionOperator& op) {
  return (op.base == core::BaseOperator::kStringLike || op.base == core::BaseOperator::kArnLike) &&
         op.set != core::SetOperator::kForAllValues;
}

}  // namespace

const RuleInfo& IneffectiveRestrictionRule::info() const { return kInfo; }

void IneffectiveRestrictionRule::check_policy(const LintDocument& doc,
                                              const core::PolicyDocument& policy,
                                              FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) && !access::is_deny(st)) continue;
    for (const auto& c : st.conditions) {
      if (never_present(st, c)) {
        check_constant(doc, st, c, sink);
        continue;
      }
      if (!access::is_allow(st)) continue;
      if (c.op.if_exists && names_aws_principal(st) &&
          std::find(kSourceKeys.begin(), kSourceKeys.end(), c.key_lower) != kSourceKeys.end()) {
        sink.report(doc, st, c.key_pos, c.key,
                    c.operator_text + " on " + c.key +
                        " is true when an IAM principal calls directly (the key is absent "
                        "then): it does not restrict the AWS principals of this statement");
        continue;
      }
      if (!like_operator(c.op)) continue;
      for (const auto& v : c.values) {
        if (v.text.empty() || v.text.find_first_not_of('*') != std::string::npos) continue;
        sink.report(doc, st, v.pos, c.key + "=" + v.text,
                    c.operator_text + " \"" + v.text + "\" on " + c.key +
                        " matches any value; it only requires the key to be present");
        break;
      }
    }
  }
}

}  // namespace kmsaccess::rules
