// The rule catalogue: an explicit list, sorted by id. A fresh list on every call (no globals).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace kmsaccess::rules {

using RuleList = std::vector<std::unique_ptr<Rule>>;

RuleList all_rules();

// The rule with this id (case-insensitive), or nullptr.
const Rule* find_rule(const RuleList& rules, std::string_view id);

// The ids of `rules`, in order (for config validation).
std::vector<std::string_view> rule_ids(const RuleList& rules);

}  // namespace kmsaccess::rules
