// The lint runner: rules + documents + config -> findings, sorted by file, line, column, rule id.
// Pure: the caller reads files, supplies today's date and renders the result.
#pragma once

#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "rules/config.h"
#include "rules/rule.h"

namespace kmsaccess::rules {

struct LintReport {
  std::vector<Finding> findings;   // reported: not suppressed, not in the baseline
  std::vector<Finding> baselined;  // matched the baseline (kept for --write-baseline)
  std::size_t suppressed = 0;
};

// Is the rule switched on, and at which severity, under this config?
bool rule_enabled(const RuleInfo& info, const LintConfig& config);
Severity effective_severity(const RuleInfo& info, const LintConfig& config);

// Runs every enabled rule over ctx, fingerprints the findings, applies the unexpired
// suppressions and then the baseline (when given).
LintReport run_rules(std::span<const std::unique_ptr<Rule>> rules, const LintContext& ctx,
                     const LintConfig& config, const std::set<std::string>* baseline = nullptr);

// Sort order of every rendering: file, line, column, rule id, then message.
void sort_findings(std::vector<Finding>& findings);

// The most severe finding is at or above the gate.
bool fails_gate(const std::vector<Finding>& findings, Severity gate);

}  // namespace kmsaccess::rules
