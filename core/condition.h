// Three-valued condition evaluation: true, false, or unknown (the request-time value is not known).
// Unknown is never turned into allow or deny; the caller keeps the clause as a residual condition.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"

namespace kmsaccess::core {

enum class Tri : std::uint8_t { kFalse, kTrue, kUnknown };
Tri tri_and(Tri a, Tri b);
Tri tri_or(Tri a, Tri b);
Tri tri_not(Tri a);
std::string_view to_string(Tri t);

// What is known about one condition key in one request.
struct KeyValues {
  enum class State : std::uint8_t {
    kPresent,  // the key is in the request with exactly these values
    kAbsent,   // the key is certainly not in the request
    kUnknown,  // it may or may not be present, with any values (request-time data)
    // Absent, or present with one value equal to none of `values`: aws:PrincipalOrgID of a
    // principal outside the organisation, which may belong to another organisation or to none.
    kAbsentOrOther,
  };
  State state = State::kUnknown;
  std::vector<std::string> values;

  static KeyValues present(std::vector<std::string> v) { return {State::kPresent, std::move(v)}; }
  static KeyValues absent() { return {State::kAbsent, {}}; }
  static KeyValues unknown() { return {State::kUnknown, {}}; }
  static KeyValues absent_or_other_than(std::vector<std::string> v) { return {State::kAbsentOrOther, std::move(v)}; }
};

// The evaluator answers lookups for the request being decided. Keys arrive in lower case.
class ConditionContext {
 public:
  virtual ~ConditionContext() = default;
  virtual KeyValues lookup(std::string_view key_lower) const = 0;
};

// Evaluates one clause (all its values; OR across values, per the operator's rules).
Tri evaluate_clause(const ConditionClause& clause, const ConditionContext& ctx);

struct ConditionResult {
  Tri value = Tri::kTrue;
  std::vector<const ConditionClause*> unresolved;  // clauses that evaluated to unknown
};

// AND over all clauses of a Condition block. When the result is kFalse, `unresolved` is empty.
ConditionResult evaluate_conditions(const std::vector<ConditionClause>& clauses,
                                    const ConditionContext& ctx);

// Substitutes policy variables (${aws:username}, ${aws:PrincipalTag/team}, ${*}, ${?}, ${$},
// ${key, 'default'}) in `text`. Returns nullopt when a variable's value is unknown; a variable
// whose key is absent and has no default makes `missing` true (the element then matches nothing).
struct Substitution {
  std::optional<std::string> text;  // nullopt: depends on unknown request data
  bool missing = false;
};
Substitution substitute_variables(std::string_view text, const ConditionContext& ctx);
bool has_policy_variable(std::string_view text);
// The (lower-case) condition keys that the variables in `text` read.
std::vector<std::string> policy_variable_keys(std::string_view text);

// ISO-8601 or epoch-seconds to seconds since the epoch; nullopt if not a date.
std::optional<double> parse_date(std::string_view text);
// Dotted IPv4 or IPv6, with optional /prefix, as AWS accepts in IpAddress conditions.
bool ip_in_cidr(std::string_view ip, std::string_view cidr, bool& valid);

}  // namespace kmsaccess::core
