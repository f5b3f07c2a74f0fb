// Escalation paths as chains: actor -> permission (where) -> change -> who gains what (where).
#include <map>
#include <set>

#include "cli/decision_json.h"
#include "cli/json_text.h"
#include "cli/render_diff.h"
#include "core/applicable_policies.h"

namespace kmsaccess::cli {
namespace {

using core::impact::CellChange;
using core::impact::EscalationPath;

std::string positions(const std::vector<core::Reason>& reasons, bool allows_only) {
  std::set<std::string> seen;
  std::string out;
  for (const auto& r : reasons) {
    if (allows_only && r.effect != core::Effect::kAllow) continue;
    std::string where = r.pos.to_string();
    if (where.empty() || !seen.insert(where).second) continue;
    out += (out.empty() ? "" : ", ") + where;
  }
  return out;
}

// "role/analyst gains kms:Decrypt, kms:Encrypt via analyst.json:5:5"
std::vector<std::string> gain_lines(const std::vector<CellChange>& gains) {
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> by_principal;  // actions, via
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& g : gains) {
    auto id = std::make_pair(g.principal, g.principal_arn);
    auto [it, inserted] = by_principal.try_emplace(id);
    if (inserted) order.push_back(id);
    std::string name(core::kms_actions()[g.action].name);
    it->second.first += (it->second.first.empty() ? "" : ", ") + name;
    if (it->second.second.empty()) it->second.second = positions(g.after.reasons, true);
  }
  std::map<std::string, core::ActionMask> masks;
  for (const auto& g : gains) masks[g.principal_arn] |= core::action_bit(g.action);
  std::vector<std::string> out;
  for (const auto& id : order) {
    const auto& [actions, via] = by_principal[id];
    const core::ActionMask mask = masks[id.second];
    const core::ActionMask retire = core::retire_grant_mask();
    std::string what = actions;
    if (mask == core::key_actions_mask()) {
      what = "every key action (kms:*)";
    } else if (mask == (core::key_actions_mask() & ~retire)) {
      // RetireGrant needs a grant on the key to retire, which policies alone never give.
      what = "every key action but kms:RetireGrant (kms:*)";
    }
    out.push_back(id.first + " gains " + what + (via.empty() ? "" : " via " + via));
  }
  return out;
}

}  // namespace

std::string render_escalation_text(const std::vector<EscalationPath>& paths) {
  if (paths.empty()) return "No escalation paths: no principal can change a decision it does not already hold.\n";
  std::string out, key;
  for (const auto& p : paths) {
    if (p.key_arn != key) {
      out += (key.empty() ? "" : "\n") + p.key + " (" + p.key_arn + ")\n";
      key = p.key_arn;
    }
    std::string where = positions(p.permission_reasons, true);
    out += "  " + p.actor + " can " + p.permission + " on " + p.key + (where.empty() ? "" : " (" + where + ")");
    if (p.permission_verdict == core::Verdict::kConditional) out += " [conditional]";
    out += " \u2192 " + p.change;
    for (const auto& g : gain_lines(p.gains)) out += " \u2192 " + g;
    out += "\n";
    for (const auto& c : conditions_text(p.permission_conditions)) out += "      " + c + "\n";
  }
  return out;
}

std::string render_escalation_json(const std::vector<EscalationPath>& paths) {
  OrderedJson doc;
  doc["schema"] = "kmsaccess/escalation/v1";
  doc["paths"] = OrderedJson::array();
  for (const auto& p : paths) {
    OrderedJson j;
    j["key"] = p.key;
    j["key_arn"] = p.key_arn;
    j["actor"] = p.actor;
    j["actor_arn"] = p.actor_arn;
    j["permission"] = p.permission;
    core::Decision permission{p.permission_verdict, {}, p.permission_reasons, p.permission_conditions};
    j["permission_decision"] = decision_json(permission);
    j["change"] = p.change;
    j["gains"] = OrderedJson::array();
    for (const auto& g : p.gains) {
      j["gains"].push_back({{"principal", g.principal},
                            {"principal_arn", g.principal_arn},
                            {"action", std::string(core::kms_actions()[g.action].name)},
                            {"before", std::string(core::to_string(g.before.verdict))},
                            {"after", decision_json(g.after)}});
    }
    doc["paths"].push_back(std::move(j));
  }
  return json_text(doc);
}

}  // namespace kmsaccess::cli
