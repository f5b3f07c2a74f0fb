#include "rules/kms101_public_key.h"

#include "core/evaluator.h"
#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS101",
    .name = "public-key",
    .severity = Severity::kError,
    .short_description = "Anyone (\"*\" without an effective restriction) can use or manage the key",
    .long_description =
        "\"Principal\": \"*\" (or {\"AWS\": \"*\"}, also inside a list) in an Allow of a key "
        "policy names every AWS principal of every account, and for a key policy that alone "
        "suffices: the caller's own account needs no IAM permission from the key's owner. Only "
        "a condition that pins the caller or the calling resource to known accounts makes it "
        "safe: aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount, "
        "kms:CallerAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn or "
        "aws:SourceOrgID with StringEquals/StringLike/ArnEquals/ArnLike and concrete values, "
        "or a Deny of \"*\" unless such a key matches (a data perimeter). These do not restrict: "
        "a value of \"*\" or an ARN with a wildcard account, negated operators, ForAllValues, "
        "IfExists on a key a request may lack (aws:SourceAccount is absent when an IAM "
        "principal calls directly), and kms:ViaService alone (any account can call through the "
        "service). AWS managed key policies combine kms:ViaService with kms:CallerAccount, "
        "which is restricted. With a manifest, the finding is confirmed with the engine: the "
        "\"*\" pseudo-principal must actually be allowed an action of the statement.",
    .help = "Name the principals instead of \"*\", or pin the caller to your account or "
            "organization: `\"Condition\": {\"StringEquals\": {\"kms:CallerAccount\": "
            "\"111122223333\"}}` or `{\"StringEquals\": {\"aws:PrincipalOrgID\": "
            "\"o-a1b2c3d4e5\"}}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/"
               "key-policy-overview.html#key-policy-elements",
    .needs_evaluator = true,
};

// With a manifest: does the engine let the "*" pseudo-principal reach any action of `mask` on
// the document's key? An unconditional Deny elsewhere can make the statement harmless.
bool engine_confirms(const LintContext& ctx, const LintDocument& doc, core::ActionMask mask) {
  if (ctx.evaluator == nullptr || ctx.inventory == nullptr || !doc.key) return true;
  const auto& principals = ctx.inventory->principals;
  for (std::size_t p = 0; p < principals.size(); ++p) {
    if (principals[p].kind != core::PrincipalKind::kAnyone) continue;
    auto masks = ctx.evaluator->decide_pair(p, *doc.key);
    return ((masks.allow | masks.conditional) & mask) != 0;
  }
  return true;  // no "*" pseudo-principal: keep the structural answer
}

// Actions a key policy can grant on the key; the "*"-resource ones (kms:CreateKey,
// kms:DescribeCustomKeyStores) that a pattern also covers say nothing about the key.
core::ActionMask key_actions_or_all(core::ActionMask mask) {
  const core::ActionMask on_key = mask & core::key_actions_mask();
  return on_key != 0 ? on_key : mask;
}

}  // namespace

const RuleInfo& PublicKeyRule::info() const { return kInfo; }

void PublicKeyRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (!is_key_policy(doc) || !doc.policy) continue;
    for (const auto& st : doc.policy->statements) {
      if (!access::unrestricted_public(*doc.policy, st)) continue;
      if (!engine_confirms(ctx, doc, st.action_mask)) continue;
      const bool via_service = [&] {
        for (const auto& c : st.conditions) {
          if (c.key_lower == "kms:viaservice") return true;
        }
        return false;
      }();
      std::string why = st.conditions.empty()
                            ? "without a condition"
                            : via_service ? "with only kms:ViaService, which any account can use"
                                          : "with no condition that limits the caller's account";
      sink.report(doc, st, *access::anyone_pos(st), "*",
                  "Principal \"*\" is allowed " + access::summarize_actions(key_actions_or_all(st.action_mask)) + " " +
                      why + "; principals of every AWS account get these actions");
    }
  }
}

}  // namespace kmsaccess::rules
