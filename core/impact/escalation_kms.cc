// Escalation through KMS itself: key policy writes, grants, ABAC tags and aliases.
#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "core/arn.h"
#include "core/impact/change.h"
#include "core/impact/escalation_internal.h"

namespace kmsaccess::core::impact::detail {
namespace {

struct Actor {
  std::size_t principal;
  Decision decision;
};

std::size_t action_index(std::string_view name) { return find_action(name).value_or(0); }

// Principals the evaluator lets perform `action` on `key`. Services act for callers and are
// skipped; so are key administrators on paper (kms:PutKeyPolicy allowed outright) unless the
// action is PutKeyPolicy itself: they can already give anyone anything.
std::vector<Actor> actors_with(const Inventory& inv, const Evaluator& ev, std::size_t key, std::string_view action) {
  std::vector<Actor> out;
  std::size_t a = action_index(action), put = action_index("kms:PutKeyPolicy");
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    if (inv.principals[p].kind == PrincipalKind::kService) continue;
    if (a != put && ev.decide(p, key, put).verdict == Verdict::kAllow) continue;
    Decision d = ev.decide(p, key, a);
    if (grants_access(d)) out.push_back({p, std::move(d)});
  }
  return out;
}

EscalationPath base_path(const Inventory& inv, const Actor& actor, std::string_view permission, std::string change) {
  EscalationPath path;
  path.actor = inv.principals[actor.principal].name;
  path.actor_arn = inv.principals[actor.principal].arn;
  path.permission = std::string(permission);
  path.permission_verdict = actor.decision.verdict;
  path.permission_reasons = actor.decision.reasons;
  path.permission_conditions = actor.decision.conditions;
  path.change = std::move(change);
  return path;
}

// What a grant created under this decision may allow: the kms:GrantOperations values it is
// conditioned on, else every grant operation.
ActionMask grantable_operations(const Decision& d) {
  ActionMask mask = 0;
  for (const auto& c : d.conditions) {
    if (c.effect != Effect::kAllow || to_lower_ascii(c.key) != "kms:grantoperations") continue;
    for (const auto& v : c.values) mask |= match_action_pattern(v.rfind("kms:", 0) == 0 ? v : "kms:" + v);
  }
  mask &= grant_operations_mask();
  return mask == 0 ? grant_operations_mask() : mask;
}

std::string operation_list(ActionMask mask) {
  std::string out;
  for (const auto& n : mask_to_names(mask)) out += (out.empty() ? "" : ",") + n.substr(4);
  return out;
}

void add_actor_statement(Inventory& inv, std::size_t key, const std::string& actor_arn) {
  PolicyDocument extra = allow_all_policy("hypothetical-key-policy.json", actor_arn);
  PolicyDocument doc = inv.keys[key].policy ? inv.policies[*inv.keys[key].policy] : extra;
  if (inv.keys[key].policy) {
    Statement st = extra.statements.front();
    st.index = doc.statements.size();
    doc.statements.push_back(std::move(st));
  }
  inv.keys[key].policy = inv.add_policy(std::move(doc));
}

void run_for_actors(const Search& s, const std::vector<Actor>& actors, std::string_view permission,
                    const std::string& change, const std::vector<CellChange>& gains) {
  if (gains.empty()) return;
  for (const auto& actor : actors) add_paths(s, base_path(s.inv, actor, permission, change), gains);
}

}  // namespace

void search_key_policy_and_grants(const Search& s, std::size_t k) {
  const std::string key_arn = s.inv.keys[k].arn;
  for (const auto& actor : actors_with(s.inv, s.ev, k, "kms:PutKeyPolicy")) {
    const std::string arn = s.inv.principals[actor.principal].arn;
    auto gains = gains_after(s, [&](Inventory& inv) { add_actor_statement(inv, k, arn); }, {key_arn}, {arn});
    add_paths(s, base_path(s.inv, actor, "kms:PutKeyPolicy", "put a key policy allowing itself kms:*"), gains);
  }
  for (const auto& actor : actors_with(s.inv, s.ev, k, "kms:CreateGrant")) {
    const Principal& p = s.inv.principals[actor.principal];
    ActionMask ops = grantable_operations(actor.decision);
    auto mutate = [&](Inventory& inv) {
      Grant g;
      g.grant_id = "hypothetical";
      g.grantee = p.arn;
      for (const auto& n : mask_to_names(ops)) g.operations.push_back(n.substr(4));
      g.operations_mask = ops;
      g.issuing_account = inv.keys[k].account;
      inv.keys[k].grants.push_back(std::move(g));
    };
    auto gains = gains_after(s, mutate, {key_arn}, {p.arn});
    add_paths(s, base_path(s.inv, actor, "kms:CreateGrant", "grant itself " + operation_list(ops)), gains);
  }
}

void search_tags(const Search& s, std::size_t k) {
  std::set<std::pair<std::string, std::string>> candidates;  // (tag, value)
  for (const auto& doc : s.inv.policies) {
    for (const auto& st : doc.statements) {
      for (const auto& clause : st.conditions) {
        if (clause.key_lower.rfind("aws:resourcetag/", 0) != 0) continue;
        for (const auto& v : clause.values) candidates.emplace(clause.key.substr(16), example_value(clause, v.text));
      }
    }
  }
  const Key& key = s.inv.keys[k];
  std::set<std::string> untag;
  for (const auto& candidate : candidates) {
    // Named references, not a structured binding: the lambda below captures them, and clang
    // before 16 rejects captured bindings (P1091R3); the fuzz and tidy jobs use clang 14.
    const std::string& tag = candidate.first;
    const std::string& value = candidate.second;
    if (key.tags.contains(tag)) untag.insert(tag);
    auto current = key.tags.find(tag);
    if (current != key.tags.end() && current->second == value) continue;
    EvalOptions eval = s.options.eval;
    eval.context["aws:requesttag/" + to_lower_ascii(tag)] = {value};
    eval.context["aws:tagkeys"] = {tag};
    Evaluator tagging(s.inv, eval);
    auto actors = actors_with(s.inv, tagging, k, "kms:TagResource");
    if (actors.empty()) continue;
    auto gains = gains_after(s, [&](Inventory& inv) { inv.keys[k].tags[tag] = value; }, {key.arn}, {});
    run_for_actors(s, actors, "kms:TagResource", "tag " + tag + "=" + value, gains);
  }
  for (const auto& tag : untag) {
    EvalOptions eval = s.options.eval;
    eval.context["aws:tagkeys"] = {tag};
    Evaluator untagging(s.inv, eval);
    auto actors = actors_with(s.inv, untagging, k, "kms:UntagResource");
    if (actors.empty()) continue;
    auto gains = gains_after(s, [&](Inventory& inv) { inv.keys[k].tags.erase(tag); }, {key.arn}, {});
    run_for_actors(s, actors, "kms:UntagResource", "untag " + tag, gains);
  }
}

void search_aliases(const Search& s, std::size_t k) {
  std::set<std::string> aliases;
  for (const auto& doc : s.inv.policies) {
    for (const auto& st : doc.statements) {
      for (const auto& clause : st.conditions) {
        if (clause.key_lower != "kms:resourcealiases" && clause.key_lower != "kms:requestalias") continue;
        for (const auto& v : clause.values) aliases.insert(example_value(clause, v.text));
      }
    }
  }
  const Key& key = s.inv.keys[k];
  for (const auto& alias : aliases) {
    Mutation mutate = [&](Inventory& inv) {
      for (auto& other : inv.keys) std::erase(other.aliases, alias);
      inv.keys[k].aliases.push_back(alias);
    };
    std::optional<std::size_t> owner;
    for (std::size_t o = 0; o < s.inv.keys.size(); ++o) {
      const auto& list = s.inv.keys[o].aliases;
      if (std::find(list.begin(), list.end(), alias) != list.end()) owner = o;
    }
    std::vector<Actor> actors;
    std::string permission, change;
    if (owner == k) {
      actors = actors_with(s.inv, s.ev, k, "kms:DeleteAlias");
      permission = "kms:DeleteAlias";
      change = "delete alias " + alias;
      mutate = [&](Inventory& inv) { std::erase(inv.keys[k].aliases, alias); };
    } else if (!owner) {
      actors = actors_with(s.inv, s.ev, k, "kms:CreateAlias");
      permission = "kms:CreateAlias";
      change = "create alias " + alias + " -> " + key.name;
    } else {
      auto on_old = actors_with(s.inv, s.ev, *owner, "kms:UpdateAlias");
      for (auto& a : actors_with(s.inv, s.ev, k, "kms:UpdateAlias")) {
        bool both = std::any_of(on_old.begin(), on_old.end(), [&](const Actor& o) { return o.principal == a.principal; });
        if (both) actors.push_back(std::move(a));
      }
      permission = "kms:UpdateAlias";
      change = "retarget alias " + alias + " from " + s.inv.keys[*owner].name + " to " + key.name;
    }
    if (actors.empty()) continue;
    run_for_actors(s, actors, permission, change, gains_after(s, mutate, {key.arn}, {}));
  }
}

}  // namespace kmsaccess::core::impact::detail
