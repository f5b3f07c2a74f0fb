#include "rules/lint_runner.h"

#include <algorithm>
#include <tuple>

#include "rules/baseline.h"

namespace kmsaccess::rules {

bool rule_enabled(const RuleInfo& info, const LintConfig& config) {
  auto it = config.rules.find(std::string(info.id));
  return it == config.rules.end() || it->second.enabled.value_or(true);
}

Severity effective_severity(const RuleInfo& info, const LintConfig& config) {
  auto it = config.rules.find(std::string(info.id));
  if (it == config.rules.end()) return info.severity;
  return it->second.severity.value_or(info.severity);
}

void sort_findings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column, a.rule_id, a.message, a.value) <
           std::tie(b.pos.file, b.pos.line, b.pos.column, b.rule_id, b.message, b.value);
  });
  // Two rules paths can reach the same element twice (e.g. a statement listed twice in a
  // manifest); identical findings are one finding.
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const Finding& a, const Finding& b) {
                               return a.pos == b.pos && a.rule_id == b.rule_id &&
                                      a.message == b.message && a.value == b.value;
                             }),
                 findings.end());
}

LintReport run_rules(std::span<const std::unique_ptr<Rule>> rules, const LintContext& ctx,
                     const LintConfig& config, const std::set<std::string>* baseline) {
  std::vector<Finding> all;
  for (const auto& rule : rules) {
    const RuleInfo& info = rule->info();
    if (!rule_enabled(info, config)) continue;
    FindingSink sink(info);
    rule->check(ctx, sink);
    const Severity severity = effective_severity(info, config);
    for (auto& f : sink.findings()) {
      f.severity = severity;
      f.fingerprint = fingerprint(f);
      all.push_back(std::move(f));
    }
  }
  sort_findings(all);
  LintReport report;
  for (auto& f : all) {
    const bool suppressed = std::any_of(
        config.suppressions.begin(), config.suppressions.end(),
        [&](const Suppression& s) { return !s.expired(ctx.today) && s.matches(f); });
    if (suppressed) {
      ++report.suppressed;
    } else if (baseline != nullptr && baseline->contains(f.fingerprint)) {
      report.baselined.push_back(std::move(f));
    } else {
      report.findings.push_back(std::move(f));
    }
  }
  return report;
}

bool fails_gate(const std::vector<Finding>& findings, Severity gate) {
  return std::any_of(findings.begin(), findings.end(),
                     [gate](const Finding& f) { return at_or_above(f.severity, gate); });
}

}  // namespace kmsaccess::rules
