#include "core/cell_evaluation.h"

#include <algorithm>

#include "core/arn.h"
#include "core/condition_match.h"
#include "core/principal_match.h"

namespace kmsaccess::core {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

ResidualCondition residual_of(const PolicyDocument& doc, const Statement& st, const ConditionClause& c,
                              ReasonSource source) {
  ResidualCondition r;
  r.effect = st.effect;
  r.op = c.operator_text;
  r.key = c.key;
  for (const auto& v : c.values) r.values.push_back(v.text);
  r.pos = doc.where(c.key_pos);
  r.sid = st.sid;
  r.source = source;
  return r;
}

}  // namespace

CellEvaluation::CellEvaluation(const Inventory& inv, const EvalOptions& options, std::size_t principal,
                               std::size_t key, std::size_t action, Explanation* trace)
    : inv_(inv),
      options_(options),
      p_(inv.principals[principal]),
      k_(inv.keys[key]),
      action_(action),
      ctx_(inv, options, inv.principals[principal], inv.keys[key], action),
      trace_(trace) {}

bool CellEvaluation::cross_account() const {
  return !p_.account.empty() && !k_.account.empty() && p_.account != k_.account;
}

void CellEvaluation::note(const PolicyRef& ref, const Statement& st, std::string_view stage,
                          std::string_view outcome, std::string why) {
  if (trace_ == nullptr) return;
  ExplainStep step;
  step.stage = std::string(stage);
  step.source = ref.source;
  step.pos = ref.doc->where(st.pos);
  step.sid = st.sid;
  step.effect = st.effect;
  step.outcome = std::string(outcome);
  step.why = std::move(why);
  trace_->steps.push_back(std::move(step));
}

Tri CellEvaluation::resource_matches(const PolicyRef& ref, const Statement& st) {
  // A key policy without Resource is invalid (lint reports it); read it as "this key".
  if (!st.has_resource) return ref.source == ReasonSource::kKeyPolicy ? Tri::kTrue : Tri::kFalse;
  Tri any = Tri::kFalse;
  for (const auto& r : st.resources) {
    Tri m = Tri::kFalse;
    if (r.text == "*") {
      m = Tri::kTrue;
    } else if (has_policy_variable(r.text)) {
      m = like_match_with_variables(r.text, k_.arn, ctx_);  // ${*} stays a literal star
    } else {
      m = wildcard_match(r.text, k_.arn) ? Tri::kTrue : Tri::kFalse;
    }
    any = tri_or(any, m);
  }
  return st.not_resource ? tri_not(any) : any;
}

Outcome CellEvaluation::statement_outcome(const PolicyRef& ref, const Statement& st, std::string_view role) {
  const std::string stage(to_string(ref.source));
  if (!st.has_effect) {
    note(ref, st, stage, "does-not-apply", "the statement has no Effect (invalid; AWS rejects it)");
    return Outcome::falsity();
  }
  if ((st.action_mask & action_bit(action_)) == 0) {
    note(ref, st, stage, "does-not-apply",
         std::string(st.not_action ? "NotAction excludes " : "Action does not cover ") +
             std::string(kms_actions()[action_].name));
    return Outcome::falsity();
  }
  ctx_.set_placement(ref.placement);
  Tri resource = resource_matches(ref, st);
  if (resource == Tri::kFalse) {
    note(ref, st, stage, "does-not-apply", "Resource does not match " + k_.arn);
    return Outcome::falsity();
  }
  ConditionResult cond = evaluate_conditions(st.conditions, ctx_);
  if (cond.value == Tri::kFalse) {
    note(ref, st, stage, "does-not-apply", "a Condition is false for this request");
    return Outcome::falsity();
  }
  Outcome o;
  o.value = tri_and(resource, cond.value);
  Reason reason;
  reason.source = ref.source;
  reason.pos = ref.doc->where(st.pos);
  reason.sid = st.sid;
  reason.effect = st.effect;
  reason.role = std::string(role);
  reason.detail = ref.doc->file;
  o.reasons.push_back(std::move(reason));
  std::vector<std::string> pending;
  for (const ConditionClause* c : cond.unresolved) {
    o.residual.push_back(residual_of(*ref.doc, st, *c, ref.source));
    pending.push_back(c->operator_text + " " + c->key);
  }
  if (resource == Tri::kUnknown) {
    ResidualCondition r;
    r.effect = st.effect;
    r.op = "ResourceVariable";
    r.key = "Resource";
    for (const auto& res : st.resources) r.values.push_back(res.text);
    r.pos = ref.doc->where(st.pos);
    r.sid = st.sid;
    r.source = ref.source;
    o.residual.push_back(std::move(r));
    pending.emplace_back("a policy variable in Resource");
  }
  note(ref, st, stage, o.is_true() ? "applies" : "unknown",
       o.is_true() ? std::string(role) : "depends on request-time data: " + join(pending, ", "));
  return o;
}

std::vector<PolicyRef> CellEvaluation::identity_policies() const {
  std::vector<PolicyRef> refs;
  for (PolicyIndex i : p_.policies) {
    refs.push_back({&inv_.policies[i], ReasonSource::kIdentityPolicy, PolicyPlacement::kIdentity, false});
  }
  for (const auto& name : p_.groups) {
    if (const Group* g = inv_.find_group(name)) {
      for (PolicyIndex i : g->policies) {
        refs.push_back({&inv_.policies[i], ReasonSource::kGroupPolicy, PolicyPlacement::kIdentity, false});
      }
    }
  }
  return refs;
}

std::vector<PolicyRef> CellEvaluation::applicable_scps() const {
  std::vector<PolicyRef> refs;
  // SCPs restrict the principals of member accounts; never service principals, never the
  // management account. Unlisted external accounts are only covered by SCPs that name them.
  bool exempt = p_.kind == PrincipalKind::kService || p_.kind == PrincipalKind::kAnyone ||
                p_.account.empty() || p_.account == inv_.management_account;
  if (exempt) return refs;
  bool known_account = !p_.pseudo || p_.account == inv_.account;
  for (const auto& scp : inv_.scps) {
    bool listed = std::find(scp.accounts.begin(), scp.accounts.end(), p_.account) != scp.accounts.end();
    if (listed || (scp.accounts.empty() && known_account)) {
      refs.push_back({&inv_.policies[scp.policy], ReasonSource::kScp, PolicyPlacement::kIdentity, false});
    }
  }
  return refs;
}

std::vector<PolicyRef> CellEvaluation::applicable_rcps() const {
  std::vector<PolicyRef> refs;
  // RCPs restrict access to the resources of member accounts, but not AWS managed keys and
  // not requests made by AWS service principals.
  if (k_.manager == KeyManager::kAws || p_.kind == PrincipalKind::kService) return refs;
  if (k_.account == inv_.management_account && !k_.account.empty()) return refs;
  for (const auto& rcp : inv_.rcps) {
    bool listed = std::find(rcp.accounts.begin(), rcp.accounts.end(), k_.account) != rcp.accounts.end();
    if (listed || rcp.accounts.empty()) {
      refs.push_back({&inv_.policies[rcp.policy], ReasonSource::kRcp, PolicyPlacement::kIdentity, true});
    }
  }
  return refs;
}

std::vector<PolicyRef> CellEvaluation::all_policies() const {
  std::vector<PolicyRef> refs;
  if (k_.policy) {
    refs.push_back({&inv_.policies[*k_.policy], ReasonSource::kKeyPolicy, PolicyPlacement::kResource, true});
  }
  for (auto& r : identity_policies()) refs.push_back(r);
  if (p_.boundary) {
    refs.push_back({&inv_.policies[*p_.boundary], ReasonSource::kBoundary, PolicyPlacement::kIdentity, false});
  }
  if (p_.session_policy) {
    refs.push_back(
        {&inv_.policies[*p_.session_policy], ReasonSource::kSessionPolicy, PolicyPlacement::kIdentity, false});
  }
  for (auto& r : applicable_scps()) refs.push_back(r);
  for (auto& r : applicable_rcps()) refs.push_back(r);
  return refs;
}

}  // namespace kmsaccess::core
