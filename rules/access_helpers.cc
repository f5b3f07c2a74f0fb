#include "rules/access_helpers.h"

#include "core/arn.h"
#include "core/query.h"

namespace kmsaccess::rules {

core::ActionMask action_named(std::string_view name) {
  auto index = core::find_action(name);
  return index ? core::action_bit(*index) : 0;
}

std::optional<std::string> account_of_root(std::string_view principal) {
  if (core::is_account_id(principal)) return std::string(principal);
  auto arn = core::parse_arn(principal);
  if (arn && arn->service == "iam" && arn->resource == "root" && core::is_account_id(arn->account)) {
    return arn->account;
  }
  return std::nullopt;
}

std::vector<const core::PrincipalEntry*> non_root_principals(const core::Statement& st) {
  std::vector<const core::PrincipalEntry*> out;
  if (!st.has_principal || st.not_principal) return out;
  for (const auto& e : st.principal.entries) {
    if (e.type == core::PrincipalType::kAws && account_of_root(e.value)) continue;
    out.push_back(&e);
  }
  return out;
}

bool is_admin_only_statement(const core::Statement& st) {
  const core::ActionMask key_actions = st.action_mask & core::key_actions_mask();
  return !st.not_action && !st.matches_non_kms && key_actions != 0 &&
         (key_actions & ~core::admin_actions_mask()) == 0;
}

bool matches_key_admin(const std::vector<std::string>& key_admins, std::string_view arn) {
  for (const auto& pattern : key_admins) {
    if (core::wildcard_match(pattern, arn)) return true;
  }
  return false;
}

bool designated_admin(const LintContext& ctx, const core::Statement& st,
                      const core::PrincipalEntry& entry) {
  if (entry.type != core::PrincipalType::kAws || entry.value == "*") return false;
  if (!ctx.key_admins.empty()) return matches_key_admin(ctx.key_admins, entry.value);
  return is_admin_only_statement(st);
}

const core::ActionPattern* first_action_covering(const core::Statement& st,
                                                 core::ActionMask mask) {
  if (st.not_action) return nullptr;
  for (const auto& a : st.actions) {
    if ((core::match_action_pattern(a.text) & mask) != 0) return &a;
  }
  return nullptr;
}

core::Pos action_pos(const core::Statement& st, core::ActionMask mask) {
  const auto* a = first_action_covering(st, mask);
  return a != nullptr ? a->pos : st.pos;
}

std::string action_text(const core::Statement& st, core::ActionMask mask) {
  const auto* a = first_action_covering(st, mask);
  return a != nullptr ? a->text : std::string("NotAction");
}

const core::ConditionClause* find_clause(const core::Statement& st, std::string_view key_lower) {
  const bool prefix = !key_lower.empty() && key_lower.back() == '*';
  const std::string_view stem = prefix ? key_lower.substr(0, key_lower.size() - 1) : key_lower;
  for (const auto& c : st.conditions) {
    if (prefix ? c.key_lower.rfind(stem, 0) == 0 : c.key_lower == stem) return &c;
  }
  return nullptr;
}

bool clause_requires_true(const core::ConditionClause& c) {
  const auto family = core::operator_family(c.op.base);
  if (c.op.if_exists || core::is_negated(c.op.base) || c.values.empty()) return false;
  if (family != core::OperatorFamily::kBool && family != core::OperatorFamily::kString) {
    return false;
  }
  for (const auto& v : c.values) {
    if (!core::iequals_ascii(v.text, "true")) return false;
  }
  return true;
}

const core::Statement* statement_at(const core::Inventory& inv, const core::SourcePos& pos) {
  for (const auto& policy : inv.policies) {
    if (policy.file != pos.file) continue;
    for (const auto& st : policy.statements) {
      if (st.pos.line == pos.line && st.pos.column == pos.column) return &st;
    }
  }
  return nullptr;
}

bool is_declared_iam(const core::Principal& p) {
  return !p.pseudo && (p.kind == core::PrincipalKind::kUser || p.kind == core::PrincipalKind::kRole ||
                       p.kind == core::PrincipalKind::kAssumedRole ||
                       p.kind == core::PrincipalKind::kFederatedUser);
}

std::string admin_arn(const core::Principal& p) {
  return p.kind == core::PrincipalKind::kAssumedRole && !p.role_arn.empty() ? p.role_arn : p.arn;
}

bool may_allow(core::Verdict v) {
  return v == core::Verdict::kAllow || v == core::Verdict::kConditional;
}

bool is_service_grantee(const core::Grant& g) {
  if (g.grantee_is_service) return true;
  if (g.grantee.ends_with(".amazonaws.com") && g.grantee.find(':') == std::string::npos) {
    return true;
  }
  auto arn = core::parse_arn(g.grantee);
  return arn && arn->service == "sts" && arn->resource.rfind("assumed-role/aws:", 0) == 0;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace kmsaccess::rules
