#include "bench/request_export.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "bench/inventory_generator.h"
#include "core/applicable_policies.h"
#include "core/request_context.h"

namespace kmsaccess::bench {
namespace {

using Json = nlohmann::ordered_json;

// Context keys kmsaccess derives from the inventory, in AWS spelling. The values come from the
// engine's own RequestContext, so both simulators see exactly the same request.
constexpr std::array<std::string_view, 9> kDerivedKeys = {
    "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalType",
    "aws:username",     "aws:RequestedRegion",  "aws:ResourceAccount", "kms:CallerAccount",
    "kms:ResourceAliases"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

Json context_of(const core::Evaluator& ev, std::size_t p, std::size_t k, std::size_t a) {
  const core::Inventory& inv = ev.inventory();
  core::EvalOptions none;  // RequestContext keeps a reference: no temporary
  core::RequestContext ctx(inv, none, inv.principals[p], inv.keys[k], a);
  ctx.set_placement(core::PolicyPlacement::kIdentity);
  std::vector<std::string> keys(kDerivedKeys.begin(), kDerivedKeys.end());
  for (const auto& [tag, value] : inv.principals[p].tags) keys.push_back("aws:PrincipalTag/" + tag);
  for (const auto& [tag, value] : inv.keys[k].tags) keys.push_back("aws:ResourceTag/" + tag);
  Json out = Json::object();
  for (const auto& key : keys) {
    core::KeyValues v = ctx.lookup(lower(key));
    if (v.state != core::KeyValues::State::kPresent) continue;
    bool multi = key == "kms:ResourceAliases";
    if (multi) {
      out[key] = v.values;
    } else if (!v.values.empty()) {
      out[key] = v.values.front();
    }
  }
  return out;
}

class Exporter {
 public:
  Exporter(const core::Inventory& inv, const core::SourceReader& reader) : inv_(inv), reader_(reader) {}

  core::Result<std::string> policy_ref(core::PolicyIndex index) {
    const std::string& file = inv_.policies[index].file;
    if (policies_.contains(file)) return file;
    auto text = reader_.read(file);
    if (!text) return text.error();
    policies_[file] = Json::parse(*text);
    return file;
  }

  // Identity policies, boundary and SCPs the way iam-simulate takes them; false when unmodelled.
  core::Result<bool> add_principal_side(std::size_t p, Json& req) {
    const core::Principal& pr = inv_.principals[p];
    if (pr.pseudo || pr.session_policy) return false;
    req["identityPolicies"] = Json::array();
    std::vector<core::PolicyIndex> ids = pr.policies;
    for (const auto& g : pr.groups) {
      if (const core::Group* group = inv_.find_group(g)) ids.insert(ids.end(), group->policies.begin(), group->policies.end());
    }
    for (core::PolicyIndex id : ids) {
      auto ref = policy_ref(id);
      if (!ref) return ref.error();
      req["identityPolicies"].push_back(*ref);
    }
    if (pr.boundary) {
      auto ref = policy_ref(*pr.boundary);
      if (!ref) return ref.error();
      req["permissionBoundary"] = *ref;
    }
    req["scps"] = Json::array();
    for (const core::PolicyUse& scp : core::scp_uses(inv_, pr)) {  // the engine's own choice of SCPs
      auto ref = policy_ref(scp.policy);
      if (!ref) return ref.error();
      req["scps"].push_back(*ref);
    }
    return true;
  }

  core::Result<std::string> finish(Json requests) {
    Json doc;
    doc["schema"] = "kmsaccess/bench-requests/v1";
    doc["policies"] = std::move(policies_);
    doc["requests"] = std::move(requests);
    return doc.dump() + "\n";
  }

 private:
  const core::Inventory& inv_;
  const core::SourceReader& reader_;
  Json policies_ = Json::object();
};

}  // namespace

core::Result<std::string> export_requests(const core::Evaluator& ev, const core::SourceReader& reader,
                                          std::size_t sample, std::uint64_t seed, ExportStats& stats) {
  const core::Inventory& inv = ev.inventory();
  Exporter ex(inv, reader);
  Rng rng(seed);
  // kms:RetireGrant is decided by grants, not by key policies (docs/semantics.md), and
  // iam-simulate does not model grants: left out, like the keys that have grants.
  const core::ActionMask compared = core::key_actions_mask() & ~core::retire_grant_mask();
  std::vector<std::size_t> actions;
  for (std::size_t a = 0; a < core::kms_action_count(); ++a) {
    if ((compared & core::action_bit(a)) != 0) actions.push_back(a);
  }
  Json requests = Json::array();
  std::set<std::tuple<std::size_t, std::size_t, std::size_t>> seen;
  std::size_t attempts = sample * 20;
  for (std::size_t i = 0; i < attempts && stats.exported < sample && !inv.keys.empty() && !inv.principals.empty(); ++i) {
    std::size_t p = rng.below(inv.principals.size());
    std::size_t k = rng.below(inv.keys.size());
    // Bias towards the crypto actions people ask about; the rest uniformly.
    std::size_t a = rng.chance(50) ? *core::find_action(rng.chance(50) ? "kms:Decrypt" : "kms:Encrypt")
                                   : actions[rng.below(actions.size())];
    if (!seen.insert({p, k, a}).second) continue;
    const core::Key& key = inv.keys[k];
    if (!key.grants.empty()) { ++stats.skipped_grants; continue; }
    if (!key.policy) { ++stats.skipped_other; continue; }
    core::Decision d = ev.decide(p, k, a);
    if (d.verdict == core::Verdict::kConditional || !d.conditions.empty()) { ++stats.skipped_conditional; continue; }
    Json req;
    req["principal"] = inv.principals[p].arn;
    auto modelled = ex.add_principal_side(p, req);
    if (!modelled) return modelled.error();
    if (!*modelled) { ++stats.skipped_other; continue; }
    req["action"] = std::string(core::kms_actions()[a].name);
    req["resource"] = key.arn;
    req["resourceAccount"] = key.account;
    auto key_policy = ex.policy_ref(*key.policy);
    if (!key_policy) return key_policy.error();
    req["resourcePolicy"] = *key_policy;
    req["context"] = context_of(ev, p, k, a);
    req["kmsaccess"] = std::string(core::to_string(d.verdict));
    requests.push_back(std::move(req));
    ++stats.exported;
  }
  return ex.finish(std::move(requests));
}

}  // namespace kmsaccess::bench
