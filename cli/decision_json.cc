#include "cli/decision_json.h"

#include <map>
#include <set>

#include "core/key_state.h"

namespace kmsaccess::cli {

OrderedJson reason_json(const core::Reason& r) {
  OrderedJson j;
  j["source"] = std::string(core::to_string(r.source));
  if (!r.pos.file.empty()) {
    j["file"] = r.pos.file;
    j["line"] = r.pos.line;
    j["column"] = r.pos.column;
  }
  j["sid"] = r.sid;
  j["effect"] = std::string(core::to_string(r.effect));
  j["role"] = r.role;
  if (!r.detail.empty() && r.detail != r.pos.file) j["detail"] = r.detail;
  return j;
}

OrderedJson condition_json(const core::ResidualCondition& c) {
  OrderedJson j;
  j["effect"] = std::string(core::to_string(c.effect));
  j["operator"] = c.op;
  j["key"] = c.key;
  j["values"] = c.values;
  j["source"] = std::string(core::to_string(c.source));
  if (!c.pos.file.empty()) {
    j["file"] = c.pos.file;
    j["line"] = c.pos.line;
    j["column"] = c.pos.column;
  }
  if (!c.sid.empty()) j["sid"] = c.sid;
  if (c.alternative != 0) j["alternative"] = c.alternative;
  if (c.deny_group != 0) j["deny_group"] = c.deny_group;
  return j;
}

OrderedJson decision_json(const core::Decision& d) {
  OrderedJson j;
  j["decision"] = std::string(core::to_string(d.verdict));
  j["via"] = d.via;
  j["reasons"] = OrderedJson::array();
  for (const auto& r : d.reasons) j["reasons"].push_back(reason_json(r));
  j["conditions"] = OrderedJson::array();
  for (const auto& c : d.conditions) j["conditions"].push_back(condition_json(c));
  return j;
}

OrderedJson cell_json(const core::Principal& p, const core::Key& k, std::string_view action,
                      const core::Decision& d) {
  OrderedJson j;
  // The contract: the manifest name, or the ARN where a principal has no name (pseudo-principals).
  j["principal"] = p.name.empty() || p.pseudo ? p.arn : p.name;
  j["principal_arn"] = p.arn;
  j["principal_kind"] = std::string(core::to_string(p.kind));
  if (p.pseudo) j["pseudo"] = true;
  j["key"] = k.name;
  j["key_arn"] = k.arn;
  // Only for a key that is not Enabled: AWS refuses most requests on it whatever the policies say.
  if (auto state = core::unusual_key_state(k)) j["key_state"] = *state;
  j["action"] = std::string(action);
  j["decision"] = std::string(core::to_string(d.verdict));
  j["via"] = d.via;
  j["conditions"] = OrderedJson::array();
  for (const auto& c : d.conditions) j["conditions"].push_back(condition_json(c));
  j["reasons"] = OrderedJson::array();
  for (const auto& r : d.reasons) j["reasons"].push_back(reason_json(r));
  return j;
}

std::string key_state_notes(const core::Inventory& inv, const std::vector<std::size_t>& keys) {
  std::string out;
  for (std::size_t k : keys) {
    if (auto note = core::key_state_note(inv.keys[k])) out += "note: " + *note + "\n";
  }
  return out.empty() ? out : "\n" + out;
}

std::string reason_text(const core::Reason& r) {
  std::string where = r.pos.to_string();
  std::string out = std::string(core::to_string(r.source)) + " " + r.role;
  if (!where.empty()) out += " " + where;
  if (!r.sid.empty()) out += " (" + r.sid + ")";
  if (!r.detail.empty() && r.detail != r.pos.file) out += ": " + r.detail;
  return out;
}

std::string condition_text(const core::ResidualCondition& c) {
  std::string values;
  for (const auto& v : c.values) values += (values.empty() ? "" : ", ") + v;
  std::string out = c.effect == core::Effect::kDeny ? "unless " : "if ";
  out += c.op + " " + c.key + " [" + values + "]";
  std::string where = c.pos.to_string();
  if (!where.empty()) out += " at " + where;
  return out;
}

std::vector<std::string> conditions_text(const std::vector<core::ResidualCondition>& conditions) {
  std::set<int> alternatives;
  std::map<int, int> deny_group_sizes;
  for (const auto& c : conditions) {
    if (c.effect == core::Effect::kAllow && c.alternative != 0) alternatives.insert(c.alternative);
    if (c.effect == core::Effect::kDeny && c.deny_group != 0) ++deny_group_sizes[c.deny_group];
  }
  std::vector<std::string> out;
  for (const auto& c : conditions) {
    out.push_back(condition_text(c));
    if (alternatives.size() > 1 && alternatives.count(c.alternative) != 0 && c.effect == core::Effect::kAllow) {
      out.back() += " [alternative " + std::to_string(c.alternative) + "]";
    }
    // One Deny statement's conditions refuse only together: "unless A and B", not "unless A;
    // unless B".
    if (c.effect == core::Effect::kDeny && deny_group_sizes[c.deny_group] > 1) {
      out.back() += " [deny " + std::to_string(c.deny_group) + ": only with the other deny " +
                    std::to_string(c.deny_group) + " conditions]";
    }
  }
  return out;
}

}  // namespace kmsaccess::cli
