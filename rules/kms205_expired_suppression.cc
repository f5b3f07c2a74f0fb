#include "rules/kms205_expired_suppression.h"

#include "rules/config.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS205",
    .name = "expired-suppression",
    .severity = Severity::kWarning,
    .short_description = "A suppression in .kmsaccess.yaml whose expiry date has passed",
    .long_description =
        "Suppressions with an expiry date record a temporary exception. Once the date has "
        "passed the suppression stops applying, the finding it covered is reported again, and "
        "this finding asks for the exception to be fixed, renewed with a new reason, or removed.",
    .help = "Fix the suppressed finding and delete the suppression, or renew it: "
            "`{rule: KMS201, file: key.json, statement: OldAdmins, reason: \"migration ticket "
            "SEC-42\", expires: 2026-12-31}`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/control-access.html",
};

}  // namespace

const RuleInfo& ExpiredSuppressionRule::info() const { return kInfo; }

void ExpiredSuppressionRule::check(const LintContext& ctx, FindingSink& sink) const {
  if (ctx.suppressions == nullptr) return;
  for (const auto& s : *ctx.suppressions) {
    if (!s.expired(ctx.today)) continue;
    sink.report_at(s.pos, s.statement, "", s.rule + " " + s.file + " " + s.statement,
                   "suppression of " + s.rule + " for " + s.file +
                       (s.statement.empty() ? "" : " (" + s.statement + ")") + " expired on " +
                       s.expires);
  }
}

}  // namespace kmsaccess::rules
