#include "rules/kms105_allow_with_not_action.h"

#include <bit>

#include "rules/access_statements.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS105",
    .name = "allow-with-not-action",
    .severity = Severity::kWarning,
    .short_description = "An Allow statement with NotAction that covers KMS actions",
    .long_description =
        "\"Effect\": \"Allow\" with NotAction allows every action except the ones listed, "
        "including actions AWS adds later. In a key policy, or in an identity policy whose "
        "NotAction leaves KMS actions in, the principal silently gets key administration "
        "(kms:PutKeyPolicy, kms:ScheduleKeyDeletion) along with whatever was meant. SCPs and "
        "RCPs are not checked: there an Allow only filters, and NotAction lists are a "
        "documented pattern.",
    .help = "List the actions the principal needs with Action: replace `\"NotAction\": "
            "\"kms:ScheduleKeyDeletion\"` by `\"Action\": [\"kms:Encrypt\", \"kms:Decrypt\", "
            "\"kms:GenerateDataKey*\", \"kms:DescribeKey\"]`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
               "reference_policies_elements_notaction.html",
    .needs_evaluator = true,
};

// The count, and the sensitive actions the mask includes, so the message says what is at stake.
std::string describe(core::ActionMask mask) {
  std::vector<std::string> notable;
  for (const char* name : {"kms:Decrypt", "kms:CreateGrant", "kms:PutKeyPolicy",
                           "kms:ScheduleKeyDeletion"}) {
    auto i = core::find_action(name);
    if (i && (mask & core::action_bit(*i)) != 0) notable.push_back(name);
  }
  const std::string count = std::to_string(std::popcount(mask)) + " KMS actions";
  if (notable.empty()) return count + " (" + access::summarize_actions(mask) + ")";
  return count + ", including " + access::join(notable);
}

}  // namespace

const RuleInfo& AllowWithNotActionRule::info() const { return kInfo; }

void AllowWithNotActionRule::check_policy(const LintDocument& doc,
                                          const core::PolicyDocument& policy,
                                          FindingSink& sink) const {
  if (!is_key_policy(doc) && doc.kind != DocumentKind::kIdentityPolicy) return;
  for (const auto& st : policy.statements) {
    if (!access::is_allow(st) || !st.not_action || st.action_mask == 0) continue;
    std::vector<std::string> listed;
    for (const auto& a : st.actions) listed.push_back(a.text);
    const std::string value = access::join(listed);
    const core::Pos where = st.actions.empty() ? st.pos : st.actions.front().pos;
    sink.report(doc, st, where, value,
                "Allow with NotAction (" + value + ") allows every other action: " +
                    describe(st.action_mask));
  }
}

}  // namespace kmsaccess::rules
