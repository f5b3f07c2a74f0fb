// The lint configuration file (.kmsaccess.yaml): rule switches and severities, trusted external
// accounts and suppressions. Parsed with positions so every error points into the file.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "rules/rule.h"

namespace kmsaccess::rules {

struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  core::SourcePos pos;
};

// Silences one rule in one file (a glob), optionally only for one statement (Sid or JSON pointer).
struct Suppression {
  std::string rule;
  std::string file;
  std::string statement;  // empty: every statement of the file
  std::string reason;     // required: a suppression nobody can explain is a finding waiting
  std::string expires;    // "YYYY-MM-DD" or empty
  core::SourcePos pos;

  bool expired(std::string_view today) const { return !expires.empty() && expires < today; }
  bool matches(const Finding& f) const;
};

struct LintConfig {
  std::string file;  // where it was read from; empty for the built-in defaults
  std::map<std::string, RuleSetting> rules;
  std::vector<std::string> trusted_accounts;  // sorted, unique
  // Trust the member accounts of the manifest's organisation (organization.accounts) as if they
  // were listed under trusted_accounts, as an organisation zone of trust does.
  bool trust_organization = false;
  // Designated key administrators (IAM ARNs, wildcards allowed): who may PutKeyPolicy besides
  // the account root (KMS110, KMS112). Empty: the key policy's own key-administrator statements.
  std::vector<std::string> key_admins;  // sorted, unique
  std::vector<Suppression> suppressions;
};

inline constexpr std::string_view kConfigFileName = ".kmsaccess.yaml";

// Parses the YAML text. `known_rule_ids` (sorted) rejects rule ids that do not exist, so a typo
// cannot silently disable nothing. Errors carry file:line:col.
core::Result<LintConfig> parse_lint_config(std::string_view yaml_text, std::string_view file,
                                           std::span<const std::string_view> known_rule_ids);

// True for a real calendar-shaped "YYYY-MM-DD".
bool is_iso_date(std::string_view text);

}  // namespace kmsaccess::rules
