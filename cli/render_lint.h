// Renderers for lint findings: compiler-style text, JSON, and SARIF 2.1.0 for code scanning.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/lint_runner.h"
#include "rules/registry.h"

namespace kmsaccess::cli {

// One line per finding: "file:line:col: severity RULE-ID slug: message".
std::string render_lint_text(const std::vector<rules::Finding>& findings);

// {"findings": [...], "summary": {...}}; fields in a fixed order, two-space indent.
std::string render_lint_json(const rules::LintReport& report);

// Label that findings in an embedded document carry (positions inside the decoded text) -> where
// the string or text holding the document starts in the file.
using EmbeddedHolders = std::map<std::string, core::Pos, std::less<>>;

// Every embedded policy among `documents` and where it is held.
EmbeddedHolders embedded_holders(const std::vector<rules::LintDocument>& documents);

// SARIF 2.1.0 with one run; driver.rules from the RuleInfo of every rule in `rules`. A region is
// a line of the file itself: findings inside an embedded document point at its holder, and
// their message gives the position inside the document.
std::string render_sarif(const std::vector<rules::Finding>& findings,
                         const rules::RuleList& rules, std::string_view tool_version,
                         const EmbeddedHolders& holders = {});

// The SARIF level and GitHub security-severity score for a severity (one mapping, one place).
std::string_view sarif_level(rules::Severity s);
std::string_view security_severity(rules::Severity s);

}  // namespace kmsaccess::cli
