#include "rules/access_statements.h"

#include <algorithm>
#include <array>
#include <map>

#include "core/arn.h"
#include "core/condition_operator.h"
#include "core/inventory.h"

namespace kmsaccess::rules::access {
namespace {

constexpr std::array<std::string_view, 9> kPerimeterKeys{
    "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
    "kms:calleraccount",  "aws:sourceaccount",     "aws:sourcearn",
    "aws:sourceorgid",    "aws:sourceorgpaths",    "aws:principalarn"};

constexpr std::array<std::string_view, 5> kCallerKeys{
    "kms:calleraccount", "aws:principalaccount", "aws:principalorgid", "aws:principalorgpaths",
    "aws:principalarn"};

// Present in every request an IAM principal makes, so IfExists cannot skip them.
bool always_present(std::string_view key) {
  return key == "kms:calleraccount" || key == "aws:principalaccount" || key == "aws:principalarn";
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

bool only_wildcards(std::string_view s) {
  return !s.empty() && s.find_first_not_of("*?") == std::string_view::npos;
}

// A value under which the clause matches any caller: "*", a bare "${...}" variable (compares the
// request with itself), an ARN whose account is a wildcard, an organization wildcard.
bool matches_anything(std::string_view key, std::string_view value) {
  if (only_wildcards(value)) return true;
  if (value.rfind("${", 0) == 0 && value.back() == '}' && value.find("${", 2) == value.npos) {
    return true;
  }
  if (key == "aws:principalarn" || key == "aws:sourcearn") {
    auto arn = core::parse_arn(value);
    if (!arn) return has_wildcard(value);
    if (has_wildcard(arn->account)) return true;
    return arn->account.empty() && only_wildcards(arn->resource);
  }
  if (key == "aws:principalorgpaths" || key == "aws:sourceorgpaths") {
    return has_wildcard(value.substr(0, value.find('/')));
  }
  return has_wildcard(value);  // account ids and organization ids: a pattern is no list
}

bool positive_match_operator(const core::ConditionOperator& op) {
  using core::BaseOperator;
  if (op.set == core::SetOperator::kForAllValues) return false;  // true on an absent key
  switch (op.base) {
    case BaseOperator::kStringEquals:
    case BaseOperator::kStringEqualsIgnoreCase:
    case BaseOperator::kStringLike:
    case BaseOperator::kArnEquals:
    case BaseOperator::kArnLike:
      return true;
    default:
      return false;
  }
}

bool negated_match_operator(const core::ConditionOperator& op) {
  using core::BaseOperator;
  switch (op.base) {
    case BaseOperator::kStringNotEquals:
    case BaseOperator::kStringNotEqualsIgnoreCase:
    case BaseOperator::kStringNotLike:
    case BaseOperator::kArnNotEquals:
    case BaseOperator::kArnNotLike:
      return op.set != core::SetOperator::kForAnyValue;
    default:
      return false;
  }
}

bool in(std::span<const std::string_view> keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool values_pin(const core::ConditionClause& c) {
  return !c.values.empty() && std::none_of(c.values.begin(), c.values.end(), [&](const auto& v) {
    return matches_anything(c.key_lower, v.text);
  });
}

}  // namespace

bool is_allow(const core::Statement& st) {
  return st.has_effect && st.effect == core::Effect::kAllow;
}
bool is_deny(const core::Statement& st) { return st.has_effect && st.effect == core::Effect::kDeny; }

std::optional<std::string> root_account(std::string_view principal) {
  if (core::is_account_id(principal)) return std::string(principal);
  auto arn = core::parse_arn(principal);
  if (arn && arn->service == "iam" && arn->resource == "root" && core::is_account_id(arn->account)) {
    return arn->account;
  }
  return std::nullopt;
}

std::optional<std::string> principal_account(std::string_view principal) {
  if (auto root = root_account(principal)) return root;
  auto arn = core::parse_arn(principal);
  if (arn && (arn->service == "iam" || arn->service == "sts") && core::is_account_id(arn->account)) {
    return arn->account;
  }
  return std::nullopt;
}

std::optional<core::Pos> anyone_pos(const core::Statement& st) {
  if (!st.has_principal || st.not_principal) return std::nullopt;
  if (st.principal.wildcard) return st.principal.pos;
  for (const auto& e : st.principal.entries) {
    if (e.type == core::PrincipalType::kAws && e.value == "*") return e.pos;
  }
  return std::nullopt;
}

std::string own_account(const LintContext& ctx, const LintDocument& doc) {
  if (ctx.inventory != nullptr && doc.key && *doc.key < ctx.inventory->keys.size()) {
    return ctx.inventory->keys[*doc.key].account;
  }
  if (!doc.policy) return {};
  // Counts in first-seen order so a tie goes to the account named first.
  auto most_common = [&](bool roots_only) {
    std::vector<std::string> order;
    std::map<std::string, int> count;
    for (const auto& st : doc.policy->statements) {
      if (!st.has_principal || st.not_principal) continue;
      for (const auto& e : st.principal.entries) {
        if (e.type != core::PrincipalType::kAws) continue;
        auto account = roots_only ? root_account(e.value) : principal_account(e.value);
        if (!account) continue;
        if (count[*account]++ == 0) order.push_back(*account);
      }
    }
    std::string best;
    for (const auto& a : order) {
      if (best.empty() || count[a] > count[best]) best = a;
    }
    return best;
  };
  // The root-enablement statement names the key's own account (AWS's default key policy);
  // counting roots alone misleads when an external root appears in several statements.
  for (const auto& st : doc.policy->statements) {
    if (!is_allow(st) || !st.has_principal || st.not_principal || !st.conditions.empty() ||
        st.action_mask != core::all_actions_mask()) {
      continue;
    }
    for (const auto& e : st.principal.entries) {
      if (e.type != core::PrincipalType::kAws) continue;
      if (auto account = root_account(e.value)) return *account;
    }
  }
  std::string roots = most_common(true);
  return roots.empty() ? most_common(false) : roots;
}

bool is_trusted(const LintContext& ctx, std::string_view account) {
  if (ctx.trust_organization && ctx.inventory != nullptr &&
      ctx.inventory->membership(account) == core::OrgMembership::kMember) {
    return true;
  }
  return std::find(ctx.trusted_accounts.begin(), ctx.trusted_accounts.end(), account) !=
         ctx.trusted_accounts.end();
}

std::span<const std::string_view> perimeter_keys() { return kPerimeterKeys; }
std::span<const std::string_view> caller_keys() { return kCallerKeys; }

bool clause_restricts(const core::ConditionClause& c, std::span<const std::string_view> keys) {
  if (!in(keys, c.key_lower) || !positive_match_operator(c.op)) return false;
  if (c.op.if_exists && !always_present(c.key_lower)) return false;
  return values_pin(c);
}

const core::ConditionClause* restricting_clause(const core::Statement& st,
                                                std::span<const std::string_view> keys) {
  for (const auto& c : st.conditions) {
    if (clause_restricts(c, keys)) return &c;
  }
  return nullptr;
}

bool deny_guard_covers(const core::PolicyDocument& policy, core::ActionMask mask,
                       std::span<const std::string_view> keys) {
  for (const auto& st : policy.statements) {
    if (!is_deny(st) || (st.action_mask & mask) != mask) continue;
    if (st.has_principal && !anyone_pos(st)) continue;
    for (const auto& c : st.conditions) {
      if (in(keys, c.key_lower) && negated_match_operator(c.op) && values_pin(c)) return true;
    }
  }
  return false;
}

bool unrestricted_public(const core::PolicyDocument& policy, const core::Statement& st) {
  if (!is_allow(st) || !anyone_pos(st) || st.action_mask == 0) return false;
  if (restricting_clause(st, perimeter_keys()) != nullptr) return false;
  return !deny_guard_covers(policy, st.action_mask, perimeter_keys());
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string summarize_actions(core::ActionMask mask, std::size_t shown) {
  auto names = core::mask_to_names(mask);
  if (names.size() <= shown + 1) return join(names);
  std::size_t rest = names.size() - shown;
  names.resize(shown);
  return join(names) + " and " + std::to_string(rest) + " more";
}

Located locate(const LintContext& ctx, const core::SourcePos& pos) {
  Located out;
  for (const auto& doc : ctx.documents) {
    if (doc.file != pos.file) continue;
    if (doc.policy) {
      for (const auto& st : doc.policy->statements) {
        if (st.pos.line == pos.line && st.pos.column == pos.column) {
          return {&doc, &st, st.json_pointer(), st.label()};
        }
      }
    }
    for (std::size_t i = 0; i < doc.grants.size(); ++i) {
      const auto& g = doc.grants[i];
      if (g.pos.line == pos.line && g.pos.column == pos.column) {
        std::string pointer = "/Grants/" + std::to_string(i);
        return {&doc, nullptr, pointer, !g.grant_id.empty() ? g.grant_id : pointer};
      }
    }
    if (out.doc == nullptr) out.doc = &doc;
  }
  return out;
}

void report_at_reason(const LintContext& ctx, FindingSink& sink, const core::Reason& reason,
                      std::string value, std::string message) {
  Located where = locate(ctx, reason.pos);
  if (where.statement != nullptr) {
    sink.report(*where.doc, *where.statement, where.statement->pos, std::move(value),
                std::move(message));
    return;
  }
  sink.report_at(reason.pos, where.label.empty() ? reason.sid : where.label, where.pointer,
                 std::move(value), std::move(message));
}

bool is_declared_identity(const core::Principal& p) {
  using core::PrincipalKind;
  return !p.pseudo && (p.kind == PrincipalKind::kUser || p.kind == PrincipalKind::kRole ||
                       p.kind == PrincipalKind::kAssumedRole ||
                       p.kind == PrincipalKind::kFederatedUser);
}

}  // namespace kmsaccess::rules::access
