#include "core/compiled_inventory.h"

#include <algorithm>
#include <map>

#include "core/arn.h"
#include "core/applicable_policies.h"
#include "core/condition.h"

namespace kmsaccess::core {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// Keys whose presence depends on the action (the request carries them only for some actions);
// mirrors RequestContext::lookup.
bool action_dependent(std::string_view key) {
  static constexpr std::string_view kResourceKeys[] = {
      "kms:keyspec", "kms:customermasterkeyspec", "kms:keyusage", "kms:customermasterkeyusage",
      "kms:keyorigin", "kms:multiregion", "kms:multiregionkeytype", "kms:calleraccount",
      "kms:resourcealiases"};
  if (starts_with(key, "aws:requesttag/") || key == "aws:tagkeys") return true;
  if (!starts_with(key, "kms:")) return false;
  return std::find(std::begin(kResourceKeys), std::end(kResourceKeys), key) == std::end(kResourceKeys);
}

bool uses_variables(const Statement& st) {
  for (const auto& r : st.resources) {
    if (has_policy_variable(r.text)) return true;
  }
  for (const auto& c : st.conditions) {
    for (const auto& v : c.values) {
      if (has_policy_variable(v.text)) return true;
    }
  }
  return false;
}

// Splits `actions` into groups that see the same presence of every action-dependent key.
std::vector<ActionMask> action_classes(const Statement& st, ActionMask actions) {
  std::vector<ActionMask> classes;
  if (actions == 0) return classes;
  std::vector<std::string> keys;
  for (const auto& c : st.conditions) {
    if (action_dependent(c.key_lower)) keys.push_back(c.key_lower);
  }
  bool per_action = uses_variables(st) || keys.size() > 64;
  if (keys.empty() && !per_action) return {actions};
  std::map<std::uint64_t, ActionMask> by_signature;
  for (std::size_t a = 0; a < kms_action_count(); ++a) {
    if ((actions & action_bit(a)) == 0) continue;
    std::uint64_t signature = per_action ? a : 0;
    if (!per_action) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (action_has_condition_key(a, keys[i])) signature |= std::uint64_t{1} << i;
      }
    }
    by_signature[signature] |= action_bit(a);
  }
  for (const auto& [sig, mask] : by_signature) classes.push_back(mask);
  return classes;
}

std::string role_key(std::string_view role_arn) {
  auto arn = parse_arn(role_arn);
  if (!arn || !starts_with(arn->resource, "role/")) return {};
  std::string_view res = arn->resource;
  return arn->account + "/" + std::string(res.substr(res.rfind('/') + 1));
}

// Beyond this many (account, kind, condition class) combinations a key's side is computed per
// principal rather than shared.
constexpr std::uint64_t kMaxSharedKeySides = 4096;

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

PrincipalMatch CompiledPrincipals::match(std::uint32_t principal, const Principal& p) const {
  PrincipalMatch m;
  m.wildcard = wildcard;
  m.direct = wildcard || std::binary_search(direct.begin(), direct.end(), principal);
  m.by_role_arn = std::binary_search(by_role_arn.begin(), by_role_arn.end(), principal);
  if (p.kind != PrincipalKind::kService && p.kind != PrincipalKind::kAnyone &&
      std::find(accounts.begin(), accounts.end(), p.account) != accounts.end()) {
    if (p.kind == PrincipalKind::kRoot || p.kind == PrincipalKind::kAccount) {
      m.direct = true;
    } else {
      m.account = true;
    }
  }
  return m;
}

CompiledInventory::CompiledInventory(const Inventory& inventory, const EvalOptions& options)
    : inv(inventory), conditions(inventory, options) {
  index_principals();
  std::map<std::string, std::uint32_t> account_ids;
  const std::size_t words = (inv.keys.size() + 63) / 64;
  for (std::uint32_t k = 0; k < inv.keys.size(); ++k) {
    keys_by_arn_[inv.keys[k].arn].push_back(k);
    keys_by_account_[inv.keys[k].account].push_back(k);
    auto [it, added] = account_ids.try_emplace(inv.keys[k].account, static_cast<std::uint32_t>(account_ids.size()));
    if (added) account_bits_.emplace_back(words, 0);
    key_account.push_back(it->second);
    account_bits_[it->second][k >> 6] |= std::uint64_t{1} << (k & 63);
  }
  key_account_count = static_cast<std::uint32_t>(account_ids.size());
  for (const Principal& p : inv.principals) {
    auto it = account_ids.find(p.account);
    principal_key_account.push_back(p.account.empty()            ? kNoAccount
                                    : it == account_ids.end() ? kNoKeyAccount
                                                              : it->second);
  }
  std::vector<bool> has_principals(inv.policies.size(), false);
  for (const auto& k : inv.keys) {
    if (k.policy) has_principals[*k.policy] = true;
  }
  for (const auto& r : inv.rcps) has_principals[r.policy] = true;
  policies.resize(inv.policies.size());
  for (std::size_t i = 0; i < inv.policies.size(); ++i) {
    for (const auto& st : inv.policies[i].statements) {
      CompiledStatement cs = compile_statement(inv.policies[i], st);
      if (has_principals[i]) cs.principals = compile_principals(st.principal);
      policies[i].statements.push_back(std::move(cs));
    }
  }
  for (std::uint32_t p = 0; p < inv.principals.size(); ++p) plan_principal(p);
  for (std::uint32_t k = 0; k < inv.keys.size(); ++k) plan_key(k);
  conditions.finish();
  fold_fixed_verdicts();
  assign_profiles();
  for (const auto& k : inv.keys) {
    auto& g = grantees.emplace_back();
    auto& r = retirers.emplace_back();
    for (const auto& grant : k.grants) {
      auto spec = [](const std::string& who, bool service) {
        PrincipalSpec s;
        bool svc = service || who.find(".amazonaws.com") != std::string::npos;
        s.entries.push_back({svc ? PrincipalType::kService : PrincipalType::kAws, who, {}});
        return s;
      };
      g.push_back(compile_principals(spec(grant.grantee, grant.grantee_is_service)));
      r.push_back(grant.retiring.empty() ? CompiledPrincipals{} : compile_principals(spec(grant.retiring, false)));
    }
  }
  index_key_sides();
}

void CompiledInventory::index_key_sides() {
  std::map<std::string, std::uint32_t> ids;
  for (const Principal& p : inv.principals) {
    // Whether RCPs can apply is part of what a key's side depends on (service-linked roles).
    const bool exempt = !rcps_can_apply_to(p);
    rcp_exempt.push_back(exempt ? 1 : 0);
    std::string sig = std::to_string(static_cast<int>(p.kind)) + ":" + p.account + (exempt ? ":x" : "");
    principal_account_kind.push_back(ids.try_emplace(sig, static_cast<std::uint32_t>(ids.size())).first->second);
  }
  account_kind_count = static_cast<std::uint32_t>(ids.size());
  for (std::uint32_t k = 0; k < key_plans.size(); ++k) {
    KeyPlan& plan = key_plans[k];
    auto name = [&](const CompiledPrincipals& c) {
      plan.named.insert(plan.named.end(), c.direct.begin(), c.direct.end());
      plan.named.insert(plan.named.end(), c.by_role_arn.begin(), c.by_role_arn.end());
    };
    std::vector<std::uint32_t> blocks;
    for (auto* refs : {&plan.allows, &plan.denies, &plan.rcp_denies}) {
      for (const StatementRef& ref : *refs) {
        name(ref.cs->principals);
        if (ref.fixed) continue;
        if (ref.resource == StatementRef::Resource::kVariables || ref.block == ConditionMemo::kNoCondition) {
          plan.per_principal = true;
        } else {
          blocks.push_back(ref.block);
        }
      }
    }
    std::sort(blocks.begin(), blocks.end());
    blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
    std::uint64_t count = account_kind_count;
    for (auto b : blocks) {
      plan.class_of.push_back(&conditions.principal_classes(b));
      plan.class_counts.push_back(conditions.principal_class_count(b));
      count *= conditions.principal_class_count(b);
      if (count > kMaxSharedKeySides) break;
    }
    if (count > kMaxSharedKeySides) plan.per_principal = true;
    plan.side_count = static_cast<std::uint32_t>(count);
    for (const auto& g : grantees[k]) name(g);
    for (const auto& r : retirers[k]) name(r);
    sort_unique(plan.named);
  }
}

StatementRef CompiledInventory::identity_ref(const CompiledStatement& cs, std::uint32_t principal) {
  StatementRef ref;
  ref.cs = &cs;
  ref.block = conditions.add_block(*cs.st, PolicyPlacement::kIdentity, BlockSide::kIdentity, cs.classes);
  if (ref.block != ConditionMemo::kNoCondition) ref.local = conditions.local_class(ref.block, principal);
  return ref;
}

StatementRef CompiledInventory::key_ref(const CompiledStatement& cs, PolicyPlacement placement, bool key_policy,
                                        std::uint32_t key) {
  StatementRef ref;
  ref.cs = &cs;
  ref.block = conditions.add_block(*cs.st, placement, BlockSide::kKey, cs.classes);
  if (ref.block != ConditionMemo::kNoCondition) ref.local = conditions.local_class(ref.block, key);
  const Statement& st = *cs.st;
  if (!st.has_resource) {
    ref.resource = key_policy ? StatementRef::Resource::kMatch : StatementRef::Resource::kNoMatch;
    return ref;
  }
  bool any = false;
  for (const auto& r : st.resources) {
    if (has_policy_variable(r.text)) {
      ref.resource = StatementRef::Resource::kVariables;
      return ref;
    }
    any = any || r.text == "*" || wildcard_match(r.text, inv.keys[key].arn);
  }
  ref.resource = any != st.not_resource ? StatementRef::Resource::kMatch : StatementRef::Resource::kNoMatch;
  return ref;
}

void CompiledInventory::plan_principal(std::uint32_t pi) {
  const Principal& p = inv.principals[pi];
  PrincipalPlan& plan = principal_plans.emplace_back();
  auto put = [&](PrincipalPlan::Part& part, const CompiledStatement& cs) {
    StatementRef ref = identity_ref(cs, pi);
    bool any_key = filters[cs.filter].kind == ResourceFilter::Kind::kAll &&
                   (ref.block == ConditionMemo::kNoCondition || !conditions.reads_key(ref.block));
    (any_key ? part.fixed_refs : part.refs).push_back(ref);
  };
  auto add = [&](PolicyIndex policy, PrincipalPlan::Part* allows) {
    for (const CompiledStatement& cs : policies[policy].statements) {
      if (cs.actions == 0) continue;
      if (cs.deny) put(plan.denies, cs);
      if (cs.allow && allows != nullptr) put(*allows, cs);
    }
  };
  for (const PolicyUse& use : identity_policy_uses(inv, p)) add(use.policy, &plan.iam);
  if (p.boundary) {
    plan.has_boundary = true;
    add(*p.boundary, &plan.boundary);
  }
  if (p.session_policy) {
    plan.has_session = true;
    add(*p.session_policy, &plan.session);
  }
  for (const PolicyUse& use : scp_uses(inv, p)) {
    for (const auto& st : inv.policies[use.policy].statements) {
      plan.scp_has_allow = plan.scp_has_allow || (st.has_effect && st.effect == Effect::kAllow);
    }
    add(use.policy, &plan.scp);
  }
}

// A statement's verdict where it does not depend on the pair's other side.
void CompiledInventory::fold_fixed_verdicts() {
  if (inv.keys.empty() || inv.principals.empty()) return;
  auto verdict = [&](const StatementRef& ref, std::uint32_t p, std::uint32_t k) {
    if (ref.block == ConditionMemo::kNoCondition) return TriMask{ref.cs->actions, 0};
    return conditions.verdict(ref.block, ref.local, p, k);
  };
  for (std::uint32_t p = 0; p < principal_plans.size(); ++p) {
    PrincipalPlan& plan = principal_plans[p];
    for (auto* part : {&plan.denies, &plan.iam, &plan.boundary, &plan.session, &plan.scp}) {
      for (const StatementRef& ref : part->fixed_refs) part->fixed = tri_mask_or(part->fixed, verdict(ref, p, 0));
    }
  }
  for (std::uint32_t k = 0; k < key_plans.size(); ++k) {
    KeyPlan& plan = key_plans[k];
    for (auto* refs : {&plan.allows, &plan.denies, &plan.rcp_denies}) {
      for (StatementRef& ref : *refs) {
        if (ref.resource == StatementRef::Resource::kVariables) continue;
        if (ref.block != ConditionMemo::kNoCondition && conditions.reads_principal(ref.block)) continue;
        ref.fixed = true;
        if (ref.resource == StatementRef::Resource::kMatch) ref.verdict = verdict(ref, 0, k);
      }
    }
  }
}

void CompiledInventory::assign_profiles() {
  std::map<std::string, std::uint32_t> ids;
  const std::uint32_t accounts = std::max<std::uint32_t>(1, key_account_count);
  for (std::uint32_t pi = 0; pi < inv.principals.size(); ++pi) {
    const Principal& p = inv.principals[pi];
    const PrincipalPlan& plan = principal_plans[pi];
    std::string sig = std::to_string(static_cast<int>(p.kind)) + (p.pseudo ? "P" : "-") +
                      (plan.has_boundary ? "B" : "-") + (plan.has_session ? "S" : "-") + (plan.scp_has_allow ? "A" : "-");
    std::vector<std::string> per_account(accounts);
    bool unique = false;
    // What decides a statement's verdict, not which statement it is: statements with equal
    // actions, Resource filter and Condition block (with the same class) give equal verdicts.
    auto ref_text = [](char tag, const StatementRef& r) {
      return std::string(1, tag) + std::to_string(r.cs->actions) + "." + std::to_string(r.cs->filter) + "." +
             std::to_string(r.block) + "." + std::to_string(r.local) + ",";
    };
    auto add = [&](char tag, const PrincipalPlan::Part& part) {
      sig += tag;
      sig += std::to_string(part.fixed.t) + "/" + std::to_string(part.fixed.u) + ":";
      std::vector<std::string> texts;  // sorted: the OR over statements does not depend on order
      for (const StatementRef& r : part.refs) {
        const ResourceFilter& f = filters[r.cs->filter];
        if (f.kind == ResourceFilter::Kind::kBits && f.account >= 0) {
          // Every key of one account: part of the profile for that account's keys only.
          per_account[static_cast<std::size_t>(f.account)] += ref_text(tag, r);
          continue;
        }
        if (f.kind == ResourceFilter::Kind::kBits) {
          for (std::size_t w = 0; w < f.bits.size(); ++w) {
            for (std::uint64_t bits = f.bits[w]; bits != 0; bits &= bits - 1) {
              key_plans[w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))].touched.push_back(pi);
            }
          }
          continue;  // counted per key through `touched`, not in the profile
        }
        texts.push_back(ref_text(tag, r));
        // A Resource with policy variables is evaluated with the principal's own values.
        unique = unique || f.kind == ResourceFilter::Kind::kVariables;
      }
      std::sort(texts.begin(), texts.end());
      for (const auto& t : texts) sig += t;
    };
    add('d', plan.denies);
    add('i', plan.iam);
    add('b', plan.boundary);
    add('s', plan.session);
    add('c', plan.scp);
    if (unique) sig += "#" + std::to_string(pi);
    for (std::uint32_t a = 0; a < accounts; ++a) {
      std::string full = sig + "@" + per_account[a];
      principal_profile.push_back(ids.try_emplace(full, static_cast<std::uint32_t>(ids.size())).first->second);
    }
  }
  profile_count = static_cast<std::uint32_t>(ids.size());
  for (auto& plan : key_plans) sort_unique(plan.touched);
}

void CompiledInventory::plan_key(std::uint32_t ki) {
  const Key& k = inv.keys[ki];
  KeyPlan& plan = key_plans.emplace_back();
  if (k.policy) {
    plan.has_policy = true;
    for (const CompiledStatement& cs : policies[*k.policy].statements) {
      if (cs.actions == 0) continue;
      (cs.deny ? plan.denies : plan.allows).push_back(key_ref(cs, PolicyPlacement::kResource, true, ki));
    }
  }
  // rcp_uses() for any principal that is not a service-linked role.
  Principal someone;
  someone.kind = PrincipalKind::kUser;
  auto uses = rcp_uses(inv, someone, k);
  plan.rcp_applies = !uses.empty();
  for (const PolicyUse& use : uses) {
    for (const CompiledStatement& cs : policies[use.policy].statements) {
      if (cs.actions == 0 || !cs.deny) continue;
      plan.rcp_denies.push_back(key_ref(cs, use.placement, false, ki));
    }
  }
}

void CompiledInventory::index_principals() {
  for (std::uint32_t i = 0; i < inv.principals.size(); ++i) {
    const Principal& p = inv.principals[i];
    if (p.kind == PrincipalKind::kService) {
      by_service_[to_lower_ascii(p.arn)].push_back(i);
      continue;
    }
    if (p.kind == PrincipalKind::kAnyone) continue;
    by_arn_[to_lower_ascii(p.arn)].push_back(i);
    if (!p.unique_id.empty()) by_unique_[p.unique_id].push_back(i);
    std::string role = role_key(p.kind == PrincipalKind::kAssumedRole ? p.role_arn : p.arn);
    if (!role.empty() && (p.kind == PrincipalKind::kRole || p.kind == PrincipalKind::kAssumedRole)) {
      by_role_[role].push_back(i);
    }
  }
}

CompiledPrincipals CompiledInventory::compile_principals(const PrincipalSpec& spec) const {
  CompiledPrincipals c;
  if (spec.wildcard && !spec.bare_form) {
    c.wildcard = true;
    return c;
  }
  auto add = [](std::vector<std::uint32_t>& to, const auto& map, const std::string& k) {
    if (auto it = map.find(k); it != map.end()) to.insert(to.end(), it->second.begin(), it->second.end());
  };
  for (const auto& e : spec.entries) {
    if (e.type == PrincipalType::kService) {
      add(c.direct, by_service_, to_lower_ascii(e.value));
      continue;
    }
    if (e.type == PrincipalType::kFederated) {
      if (auto it = by_arn_.find(to_lower_ascii(e.value)); it != by_arn_.end()) {
        for (auto i : it->second) {
          if (inv.principals[i].kind == PrincipalKind::kFederatedUser) c.direct.push_back(i);
        }
      }
      continue;
    }
    if (e.type != PrincipalType::kAws) continue;
    if (e.value == "*") {
      c.wildcard = true;
      continue;
    }
    auto arn = parse_arn(e.value);
    if (is_account_id(e.value) || (arn && arn->service == "iam" && arn->resource == "root")) {
      c.accounts.push_back(is_account_id(e.value) ? e.value : arn->account);
      continue;
    }
    add(c.direct, by_unique_, e.value);
    if (!arn || e.value.find_first_of("*?") != std::string::npos) continue;
    if (auto it = by_arn_.find(to_lower_ascii(e.value)); it != by_arn_.end()) {
      for (auto i : it->second) {
        c.direct.push_back(i);
        if (inv.principals[i].kind == PrincipalKind::kRole) c.by_role_arn.push_back(i);
      }
    }
    std::string role = role_key(e.value);
    if (!role.empty()) {
      add(c.direct, by_role_, role);
      add(c.by_role_arn, by_role_, role);
    }
  }
  sort_unique(c.direct);
  sort_unique(c.by_role_arn);
  return c;
}

CompiledStatement CompiledInventory::compile_statement(const PolicyDocument& doc, const Statement& st) {
  CompiledStatement cs;
  cs.doc = &doc;
  cs.st = &st;
  cs.actions = st.has_effect ? st.action_mask & key_actions_mask() : 0;
  cs.allow = st.has_effect && st.effect == Effect::kAllow;
  cs.deny = st.has_effect && st.effect == Effect::kDeny;
  cs.classes = action_classes(st, cs.actions);
  cs.filter = compile_filter(st);
  return cs;
}

// The Resource element of an identity-side statement against every key's ARN, as in
// resource_matches() (no Resource: applies to nothing; a variable: decided per request).
std::uint32_t CompiledInventory::compile_filter(const Statement& st) {
  std::string signature = st.has_resource ? (st.not_resource ? "N" : "R") : "-";
  for (const auto& r : st.resources) signature += std::to_string(r.text.size()) + ":" + r.text;
  auto [it, inserted] = filter_ids_.try_emplace(signature, static_cast<std::uint32_t>(filters.size()));
  if (!inserted) return it->second;
  ResourceFilter& f = filters.emplace_back();
  if (!st.has_resource) {
    f.kind = ResourceFilter::Kind::kNone;
    return it->second;
  }
  bool all = false;
  std::vector<std::uint64_t> bits((inv.keys.size() + 63) / 64, 0);
  auto set = [&](std::uint32_t k) { bits[k >> 6] |= std::uint64_t{1} << (k & 63); };
  for (const auto& r : st.resources) {
    if (has_policy_variable(r.text)) {
      f.kind = ResourceFilter::Kind::kVariables;
      return it->second;
    }
    std::string_view text = r.text;
    if (text == "*") {
      all = true;
    } else if (text.find_first_of("*?") == std::string_view::npos) {
      if (auto k = keys_by_arn_.find(r.text); k != keys_by_arn_.end()) {
        for (auto i : k->second) set(i);
      }
    } else {
      // "arn:partition:service:region:ACCOUNT:..." with nothing wild before the account can
      // only match that account's keys.
      std::size_t colons[5] = {};
      std::size_t found = 0;
      for (std::size_t i = 0; i < text.size() && found < 5; ++i) {
        if (text[i] == ':') colons[found++] = i;
      }
      const std::vector<std::uint32_t>* candidates = nullptr;
      std::vector<std::uint32_t> every;
      if (found == 5 && text.substr(0, colons[4]).find_first_of("*?") == std::string_view::npos) {
        auto a = keys_by_account_.find(std::string(text.substr(colons[3] + 1, colons[4] - colons[3] - 1)));
        static const std::vector<std::uint32_t> no_keys;
        candidates = a == keys_by_account_.end() ? &no_keys : &a->second;
      } else {
        every.resize(inv.keys.size());
        for (std::uint32_t k = 0; k < every.size(); ++k) every[k] = k;
        candidates = &every;
      }
      for (auto k : *candidates) {
        if (wildcard_match(text, inv.keys[k].arn)) set(k);
      }
    }
  }
  if (all && !st.not_resource) return it->second;  // kAll
  if (all) {
    f.kind = ResourceFilter::Kind::kNone;  // NotResource "*"
    return it->second;
  }
  if (st.not_resource) {
    for (auto& w : bits) w = ~w;
    if (!bits.empty() && inv.keys.size() % 64 != 0) bits.back() &= (std::uint64_t{1} << (inv.keys.size() % 64)) - 1;
  }
  f.kind = ResourceFilter::Kind::kBits;
  for (std::size_t a = 0; a < account_bits_.size(); ++a) {
    if (account_bits_[a] == bits) f.account = static_cast<std::int32_t>(a);
  }
  f.bits = std::move(bits);
  return it->second;
}

}  // namespace kmsaccess::core
