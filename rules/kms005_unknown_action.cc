#include "rules/kms005_unknown_action.h"

#include "core/action_catalog.h"
#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS005",
    .name = "unknown-action",
    .severity = Severity::kError,
    .short_description = "A kms: action or action pattern matches no KMS action",
    .long_description =
        "A misspelt action (kms:Decrypts, kms:GenerateDatakey*) grants or denies nothing. In an "
        "Allow the intended access silently does not work; in a Deny the intended guard is "
        "silently missing. AWS accepts the policy either way.",
    .help = "Use an action name from the KMS action list, e.g. replace `\"kms:Decrypts\"` with "
            "`\"kms:Decrypt\"`, or `\"kms:Genrate*\"` with `\"kms:GenerateDataKey*\"`.",
    .doc_url = "https://docs.aws.amazon.com/service-authorization/latest/reference/"
               "list_awskeymanagementservice.html",
};

bool is_kms_pattern(std::string_view text) {
  return text.size() >= 4 && core::iequals_ascii(text.substr(0, 4), "kms:");
}

}  // namespace

const RuleInfo& UnknownActionRule::info() const { return kInfo; }

void UnknownActionRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                     FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    for (const auto& action : st.actions) {
      if (!is_kms_pattern(action.text) || core::match_action_pattern(action.text) != 0) continue;
      const bool pattern = action.text.find_first_of("*?") != std::string::npos;
      sink.report(doc, st, action.pos, action.text,
                  std::string(pattern ? "action pattern '" : "action '") + action.text +
                      "' matches no KMS action");
    }
  }
}

}  // namespace kmsaccess::rules
