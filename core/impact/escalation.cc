#include "core/impact/escalation.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/impact/escalation_internal.h"

namespace kmsaccess::core::impact {
namespace detail {

std::vector<CellChange> gains_after(const Search& s, const Mutation& mutate, const std::vector<std::string>& key_arns,
                                    const std::vector<std::string>& principal_arns) {
  Inventory changed = s.inv;
  mutate(changed);
  Evaluator after(changed, s.options.eval);
  DiffOptions options;
  options.threads = s.options.threads;
  options.key_arns = key_arns;
  options.principal_arns = principal_arns;
  MatrixDiff diff = diff_evaluators(s.ev, after, options);
  std::vector<CellChange> gains;
  for (auto& c : diff.changes) {
    if (widens_access(c.kind)) gains.push_back(std::move(c));
  }
  return gains;
}

bool grants_access(const Decision& d) {
  return d.verdict == Verdict::kAllow || d.verdict == Verdict::kConditional;
}

void add_paths(const Search& s, EscalationPath base, const std::vector<CellChange>& gains) {
  std::map<std::pair<std::string, std::string>, std::vector<CellChange>> by_key;
  for (const auto& g : gains) by_key[{g.key, g.key_arn}].push_back(g);
  for (auto& [key, cells] : by_key) {
    EscalationPath path = base;
    path.key = key.first;
    path.key_arn = key.second;
    path.gains = std::move(cells);
    s.out.push_back(std::move(path));
  }
}

std::string example_value(const ConditionClause& clause, std::string_view pattern) {
  if (clause.operator_text.find("Like") == std::string::npos) return std::string(pattern);
  std::string out;
  for (char c : pattern) {
    if (c == '*') continue;
    out += c == '?' ? 'x' : c;
  }
  return out;
}

}  // namespace detail

std::vector<EscalationPath> find_escalations(const Inventory& inv, const EscalationOptions& options) {
  Evaluator ev(inv, options.eval);
  std::vector<EscalationPath> out;
  detail::Search s{inv, ev, options, out};
  std::vector<std::size_t> keys = options.keys;
  if (keys.empty()) {
    for (std::size_t k = 0; k < inv.keys.size(); ++k) keys.push_back(k);
  }
  for (std::size_t k : keys) {
    detail::search_key_policy_and_grants(s, k);
    detail::search_tags(s, k);
    detail::search_aliases(s, k);
  }
  detail::search_identity_writes(s);
  std::stable_sort(out.begin(), out.end(), [](const EscalationPath& a, const EscalationPath& b) {
    return std::tie(a.key, a.key_arn, a.actor, a.permission, a.change) <
           std::tie(b.key, b.key_arn, b.actor, b.permission, b.change);
  });
  return out;
}

}  // namespace kmsaccess::core::impact
