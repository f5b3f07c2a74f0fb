// Shared pieces of the escalation search (core/impact/escalation*.cc); not a public interface.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/impact/escalation.h"

namespace kmsaccess::core::impact::detail {

struct Search {
  const Inventory& inv;
  const Evaluator& ev;
  const EscalationOptions& options;
  std::vector<EscalationPath>& out;
};

using Mutation = std::function<void(Inventory&)>;

// Widening cells after applying `mutate` to a copy, restricted to these ARNs (empty: all).
std::vector<CellChange> gains_after(const Search& s, const Mutation& mutate, const std::vector<std::string>& key_arns,
                                    const std::vector<std::string>& principal_arns);

bool grants_access(const Decision& d);

// Adds one path per key among `gains` (IAM changes can widen several keys at once).
void add_paths(const Search& s, EscalationPath base, const std::vector<CellChange>& gains);

// A concrete value for a condition pattern (wildcards dropped when the operator is a Like one).
std::string example_value(const ConditionClause& clause, std::string_view pattern);

void search_key_policy_and_grants(const Search& s, std::size_t key);
void search_tags(const Search& s, std::size_t key);
void search_aliases(const Search& s, std::size_t key);
void search_identity_writes(const Search& s);

}  // namespace kmsaccess::core::impact::detail
