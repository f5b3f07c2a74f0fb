// The record of one decision: verdict, the statements/grants/guardrails that decided it (with
// positions), and any residual request-time conditions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy.h"
#include "core/source_pos.h"

namespace kmsaccess::core {

// Ordered from least to most access-affecting for sorting; rendering uses to_string.
enum class Verdict : std::uint8_t { kAllow, kConditional, kDeny, kImplicitDeny };
std::string_view to_string(Verdict v);  // "allow", "conditional", "deny", "implicit-deny"

enum class ReasonSource : std::uint8_t {
  kKeyPolicy, kIdentityPolicy, kGroupPolicy, kGrant, kScp, kRcp, kBoundary, kSessionPolicy, kRule,
};
std::string_view to_string(ReasonSource s);  // "key-policy", "identity-policy", ...

struct Reason {
  ReasonSource source = ReasonSource::kKeyPolicy;
  SourcePos pos;
  std::string sid;     // statement Sid, or grant id
  Effect effect = Effect::kAllow;
  std::string role;    // what it did: "allows", "enables-iam", "denies", "limits", "may-deny", ...
  std::string detail;  // one line a user can act on
  auto operator<=>(const Reason&) const = default;
};

// A condition that must hold (from an Allow) or must not hold (from a Deny) for the verdict.
struct ResidualCondition {
  Effect effect = Effect::kAllow;
  std::string op;
  std::string key;
  std::vector<std::string> values;
  SourcePos pos;
  std::string sid;
  ReasonSource source = ReasonSource::kKeyPolicy;
  // Allow residuals with the same number must hold together; any one alternative suffices.
  int alternative = 0;
  // Deny residuals with the same number come from one Deny statement: it applies only when they
  // all hold (its condition keys are ANDed). Numbered 1, 2, ... in evaluation order.
  int deny_group = 0;
  auto operator<=>(const ResidualCondition&) const = default;
};

struct Decision {
  Verdict verdict = Verdict::kImplicitDeny;
  std::vector<std::string> via;  // "key-policy", "key-policy+iam", "grant", ...
  std::vector<Reason> reasons;
  std::vector<ResidualCondition> conditions;
  bool operator==(const Decision&) const = default;
};

// One step of `explain`: what was considered and why it did or did not apply.
struct ExplainStep {
  std::string stage;  // "explicit-deny", "key-policy", "identity-policy", "grant", "scp", ...
  ReasonSource source = ReasonSource::kKeyPolicy;
  SourcePos pos;
  std::string sid;
  Effect effect = Effect::kAllow;
  std::string outcome;  // "applies", "does-not-apply", "unknown", "not-needed", ...
  std::string why;      // principal / action / resource / condition detail with values used
};

struct Explanation {
  Decision decision;
  std::vector<ExplainStep> steps;
};

}  // namespace kmsaccess::core
