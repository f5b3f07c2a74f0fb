// Inventory transformations for the metamorphic tests: each one changes an inventory in a way
// whose effect on decisions is known in advance (none, only more access, only less, ...).
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bench/inventory_generator.h"
#include "core/evaluator.h"
#include "core/inventory.h"

namespace kmsaccess::core::testing {

// Cells by (principal name, key name), so inventories in different orders compare.
using NamedCells = std::map<std::pair<std::string, std::string>, PairMasks>;

inline NamedCells named_cells(const Inventory& inv, const EvalOptions& options = {}) {
  Evaluator ev(inv, options);
  NamedCells out;
  for (std::size_t p = 0; p < inv.principals.size(); ++p) {
    for (std::size_t k = 0; k < inv.keys.size(); ++k) {
      out[{inv.principals[p].name, inv.keys[k].name}] = ev.decide_pair(p, k);
    }
  }
  return out;
}

template <typename T>
void shuffle(std::vector<T>& v, bench::Rng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// Statement order inside every policy; `index` keeps the original position (it only labels).
inline void shuffle_statements(Inventory& inv, bench::Rng& rng) {
  for (auto& doc : inv.policies) shuffle(doc.statements, rng);
}

// Permutes inv.policies and rewrites every PolicyIndex; also shuffles attachment lists.
inline void shuffle_policies(Inventory& inv, bench::Rng& rng) {
  std::vector<std::size_t> order(inv.policies.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  shuffle(order, rng);
  std::vector<std::size_t> new_index(order.size());
  std::vector<PolicyDocument> moved(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    moved[i] = std::move(inv.policies[order[i]]);
  }
  inv.policies = std::move(moved);
  auto fix = [&](std::optional<PolicyIndex>& p) {
    if (p) p = new_index[*p];
  };
  for (auto& k : inv.keys) fix(k.policy);
  for (auto& p : inv.principals) {
    for (auto& i : p.policies) i = new_index[i];
    shuffle(p.policies, rng);
    shuffle(p.groups, rng);
    fix(p.boundary);
    fix(p.session_policy);
  }
  for (auto& g : inv.groups) {
    for (auto& i : g.policies) i = new_index[i];
    shuffle(g.policies, rng);
  }
  for (auto* list : {&inv.scps, &inv.rcps}) {
    for (auto& o : *list) o.policy = new_index[o.policy];
    shuffle(*list, rng);
  }
  shuffle(inv.groups, rng);
}

// Principals and keys in a random order (no sort_inventory afterwards).
inline void shuffle_entities(Inventory& inv, bench::Rng& rng) {
  shuffle(inv.principals, rng);
  shuffle(inv.keys, rng);
  for (auto& k : inv.keys) shuffle(k.grants, rng);
}

inline std::set<PolicyIndex> guardrail_policies(const Inventory& inv) {
  std::set<PolicyIndex> out;
  for (const auto* list : {&inv.scps, &inv.rcps}) {
    for (const auto& o : *list) out.insert(o.policy);
  }
  return out;
}

// Copies a random existing statement, with `effect`, into a random policy. An Allow never goes
// into an SCP/RCP: a guardrail without any Allow reads as deny-only next to FullAWSAccess, so
// its first Allow legitimately narrows access. Returns false when nothing could be added.
inline bool add_statement(Inventory& inv, Effect effect, bench::Rng& rng) {
  std::vector<const Statement*> all;
  for (const auto& doc : inv.policies) {
    for (const auto& s : doc.statements) {
      if (s.has_effect) all.push_back(&s);
    }
  }
  std::vector<PolicyIndex> targets;
  auto guardrails = guardrail_policies(inv);
  for (PolicyIndex i = 0; i < inv.policies.size(); ++i) {
    if (effect == Effect::kDeny || guardrails.count(i) == 0) targets.push_back(i);
  }
  if (all.empty() || targets.empty()) return false;
  Statement copy = *all[rng.below(all.size())];
  copy.effect = effect;
  auto& doc = inv.policies[targets[rng.below(targets.size())]];
  copy.index = doc.statements.size();
  doc.statements.push_back(std::move(copy));
  return true;
}

// A new user in an existing account, copying another user's attachments: it must not change
// any other principal's cells.
inline bool add_unrelated_principal(Inventory& inv, bench::Rng& rng) {
  std::vector<const Principal*> users;
  for (const auto& p : inv.principals) {
    if (p.kind == PrincipalKind::kUser && !p.pseudo) users.push_back(&p);
  }
  if (users.empty()) return false;
  Principal p = *users[rng.below(users.size())];
  p.name = "zz-metamorphic-user";
  p.user_name = "zz-metamorphic-user";
  p.arn = "arn:aws:iam::" + p.account + ":user/zz-metamorphic-user";
  p.unique_id.clear();
  inv.principals.push_back(std::move(p));
  return true;
}

// A new key beside an existing one, with that key's policy, tags and aliases but a new ARN.
inline bool add_unrelated_key(Inventory& inv, bench::Rng& rng) {
  if (inv.keys.empty()) return false;
  Key k = inv.keys[rng.below(inv.keys.size())];
  k.name = "zz-metamorphic-key";
  k.key_id = "00000000-0000-4000-8000-00000000abcd";
  k.arn = "arn:aws:kms:" + k.region + ":" + k.account + ":key/" + k.key_id;
  k.grants.clear();
  k.aliases.clear();
  inv.keys.push_back(std::move(k));
  return true;
}

// Splits an attached identity, group or guardrail policy into two with the same statements.
inline bool split_policy(Inventory& inv, bench::Rng& rng) {
  std::set<PolicyIndex> single;  // referenced where only one policy fits
  for (const auto& k : inv.keys) {
    if (k.policy) single.insert(*k.policy);
  }
  for (const auto& p : inv.principals) {
    if (p.boundary) single.insert(*p.boundary);
    if (p.session_policy) single.insert(*p.session_policy);
  }
  std::vector<PolicyIndex> candidates;
  for (PolicyIndex i = 0; i < inv.policies.size(); ++i) {
    if (single.count(i) == 0 && inv.policies[i].statements.size() >= 2) candidates.push_back(i);
  }
  if (candidates.empty()) return false;
  PolicyIndex from = candidates[rng.below(candidates.size())];
  PolicyDocument second = inv.policies[from];
  std::size_t cut = 1 + rng.below(second.statements.size() - 1);
  second.statements.erase(second.statements.begin(), second.statements.begin() + static_cast<long>(cut));
  second.file += "#split";
  inv.policies[from].statements.resize(cut);
  PolicyIndex added = inv.add_policy(std::move(second));
  auto extend = [&](std::vector<PolicyIndex>& list) {
    if (std::find(list.begin(), list.end(), from) != list.end()) list.push_back(added);
  };
  for (auto& p : inv.principals) extend(p.policies);
  for (auto& g : inv.groups) extend(g.policies);
  for (auto* list : {&inv.scps, &inv.rcps}) {
    std::vector<OrgPolicy> extra;
    for (const auto& o : *list) {
      if (o.policy != from) continue;
      OrgPolicy copy = o;
      copy.name += "-split";
      copy.policy = added;
      extra.push_back(std::move(copy));
    }
    list->insert(list->end(), extra.begin(), extra.end());
  }
  return true;
}

// Display names of keys, principals and groups (group references follow); ARNs stay.
inline void rename_entities(Inventory& inv) {
  for (auto& k : inv.keys) k.name = "renamed-" + k.name;
  for (auto& p : inv.principals) {
    p.name = "renamed-" + p.name;
    for (auto& g : p.groups) g = "renamed-" + g;
  }
  for (auto& g : inv.groups) g.name = "renamed-" + g.name;
}

}  // namespace kmsaccess::core::testing
