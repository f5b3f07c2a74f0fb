#include "rules/kms201_duplicate_statement.h"

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS201",
    .name = "duplicate-statement",
    .severity = Severity::kWarning,
    .short_description = "A statement that repeats another or adds nothing to it",
    .long_description =
        "A statement that is an exact copy of another, or whose principals, actions and "
        "resources are all covered by an unconditional statement with the same effect, has no "
        "effect of its own. It usually means an edit went to the wrong copy, and reviewers read "
        "a restriction into it that does not exist.",
    .help = "Delete the redundant statement, or merge the two. For example, "
            "`{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", ...}` next to "
            "`{\"Effect\": \"Allow\", \"Action\": \"kms:*\", ...}` for the same principal is "
            "covered entirely by the second.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html",
};

using Strings = std::set<std::string>;

Strings principals_of(const core::Statement& st) {
  Strings out;
  if (st.principal.wildcard) out.insert("*");
  for (const auto& e : st.principal.entries) {
    out.insert(std::string(core::to_string(e.type)) + ":" + e.value);
  }
  return out;
}

Strings actions_of(const core::Statement& st) {
  Strings out;
  for (const auto& a : st.actions) out.insert(core::to_lower_ascii(a.text));
  return out;
}

Strings resources_of(const core::Statement& st) {
  Strings out;
  for (const auto& r : st.resources) out.insert(r.text);
  return out;
}

std::multiset<std::string> conditions_of(const core::Statement& st) {
  std::multiset<std::string> out;
  for (const auto& c : st.conditions) {
    Strings values;
    for (const auto& v : c.values) values.insert(v.text);
    std::string line = c.operator_text + "|" + c.key_lower;
    for (const auto& v : values) line += "|" + v;
    out.insert(line);
  }
  return out;
}

bool exact_duplicate(const core::Statement& a, const core::Statement& b) {
  return std::tie(a.has_effect, a.effect, a.has_principal, a.not_principal, a.not_action,
                  a.not_resource) == std::tie(b.has_effect, b.effect, b.has_principal,
                                              b.not_principal, b.not_action, b.not_resource) &&
         principals_of(a) == principals_of(b) && actions_of(a) == actions_of(b) &&
         resources_of(a) == resources_of(b) && conditions_of(a) == conditions_of(b);
}

bool subset(const Strings& inner, const Strings& outer) {
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

// Account principals ("111122223333", "arn:aws:iam::111122223333:root") only delegate to IAM
// policies; AWS's own templates keep narrower root statements beside the root-enablement one.
bool only_account_roots(const core::Statement& st) {
  if (st.principal.wildcard || st.principal.entries.empty()) return false;
  return std::all_of(st.principal.entries.begin(), st.principal.entries.end(), [](const auto& e) {
    if (e.type != core::PrincipalType::kAws) return false;
    if (core::is_account_id(e.value)) return true;
    auto arn = core::parse_arn(e.value);
    return arn && arn->service == "iam" && arn->resource == "root";
  });
}

// `b` adds nothing to `a`: same effect, both unconditional (a conditioned statement under a
// broader one is an ineffective restriction, an access finding), positive in every element, and
// `a` covers b's principals, KMS actions and resources. Other services' actions compare by text.
bool shadows(const core::Statement& a, const core::Statement& b) {
  if (!a.has_effect || !b.has_effect || a.effect != b.effect) return false;
  if (a.has_condition || b.has_condition) return false;
  if (a.not_principal || a.not_action || a.not_resource) return false;
  if (only_account_roots(a) && only_account_roots(b)) return false;
  if (b.not_principal || b.not_action || b.not_resource) return false;
  if (a.has_principal != b.has_principal) return false;
  const Strings pa = principals_of(a);
  if (!pa.contains("*") && !subset(principals_of(b), pa)) return false;
  if ((b.action_mask & ~a.action_mask) != 0) return false;
  if (b.matches_non_kms && !a.matches_non_kms) return false;
  if (b.matches_non_kms && !actions_of(a).contains("*") && !subset(actions_of(b), actions_of(a))) {
    return false;
  }
  const Strings ra = resources_of(a);
  return ra.contains("*") || subset(resources_of(b), ra);
}

}  // namespace

const RuleInfo& DuplicateStatementRule::info() const { return kInfo; }

void DuplicateStatementRule::check_policy(const LintDocument& doc,
                                          const core::PolicyDocument& policy,
                                          FindingSink& sink) const {
  const auto& sts = policy.statements;
  for (std::size_t j = 0; j < sts.size(); ++j) {
    for (std::size_t i = 0; i < sts.size(); ++i) {
      if (i == j) continue;
      const bool duplicate = exact_duplicate(sts[i], sts[j]);
      // Of two exact copies, report only the later one.
      if (duplicate && i > j) continue;
      if (!duplicate && !shadows(sts[i], sts[j])) continue;
      // Two statements that cover each other: report only the later one.
      if (!duplicate && i > j && shadows(sts[j], sts[i])) continue;
      sink.report(doc, sts[j], sts[j].pos, sts[i].label(),
                  "statement " + sts[j].label() + (duplicate ? " duplicates statement "
                                                             : " is covered by statement ") +
                      sts[i].label());
      break;
    }
  }
}

}  // namespace kmsaccess::rules
