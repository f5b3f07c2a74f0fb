// Test helpers for condition evaluation: a map-backed ConditionContext and a clause builder.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/arn.h"
#include "core/condition.h"

namespace kmsaccess::core::testing {

// Keys not set are absent. Keys are stored in lower case, as the evaluator looks them up.
class FakeContext : public ConditionContext {
 public:
  FakeContext& set(std::string_view key, std::vector<std::string> values) {
    keys_[to_lower_ascii(key)] = KeyValues::present(std::move(values));
    return *this;
  }
  FakeContext& set_unknown(std::string_view key) {
    keys_[to_lower_ascii(key)] = KeyValues::unknown();
    return *this;
  }
  FakeContext& set_absent_or_other_than(std::string_view key, std::vector<std::string> values) {
    keys_[to_lower_ascii(key)] = KeyValues::absent_or_other_than(std::move(values));
    return *this;
  }
  KeyValues lookup(std::string_view key_lower) const override {
    lookups_.emplace_back(key_lower);
    auto it = keys_.find(key_lower);
    return it == keys_.end() ? KeyValues::absent() : it->second;
  }
  const std::vector<std::string>& lookups() const { return lookups_; }

 private:
  std::map<std::string, KeyValues, std::less<>> keys_;
  mutable std::vector<std::string> lookups_;
};

inline ConditionClause make_clause(std::string_view op, std::string_view key,
                                   std::initializer_list<std::string_view> values) {
  ConditionClause clause;
  auto parsed = parse_condition_operator(op);
  REQUIRE_MESSAGE(parsed.has_value(), "bad operator in test: " << std::string(op));
  clause.operator_text = std::string(op);
  clause.op = *parsed;
  clause.key = std::string(key);
  clause.key_lower = to_lower_ascii(key);
  for (std::string_view v : values) {
    clause.values.push_back(ConditionValue{std::string(v), {}, JsonValue::Kind::kString});
  }
  return clause;
}

// Evaluates one clause built from its parts.
inline Tri eval(std::string_view op, std::string_view key,
                std::initializer_list<std::string_view> values, const ConditionContext& ctx) {
  return evaluate_clause(make_clause(op, key, values), ctx);
}

}  // namespace kmsaccess::core::testing
