#include "core/cell_evaluation.h"

#include <algorithm>

#include "core/applicable_policies.h"
#include "core/arn.h"
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
  return core::resource_matches(st, ref.source == ReasonSource::kKeyPolicy, k_.arn, ctx_);
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

namespace {
std::vector<PolicyRef> refs_of(const Inventory& inv, const std::vector<PolicyUse>& uses) {
  std::vector<PolicyRef> refs;
  for (const auto& u : uses) refs.push_back({&inv.policies[u.policy], u.source, u.placement, u.has_principal_element});
  return refs;
}
}  // namespace

std::vector<PolicyRef> CellEvaluation::identity_policies() const {
  return refs_of(inv_, identity_policy_uses(inv_, p_));
}

std::vector<PolicyRef> CellEvaluation::applicable_scps() const { return refs_of(inv_, scp_uses(inv_, p_)); }


std::vector<PolicyRef> CellEvaluation::all_policies() const { return refs_of(inv_, all_policy_uses(inv_, p_, k_)); }

}  // namespace kmsaccess::core
