#include "cli/render_diff.h"

#include "cli/decision_json.h"
#include "cli/json_text.h"

namespace kmsaccess::cli {
namespace {

using core::impact::CellChange;
using core::impact::ChangeKind;

bool same_change(const CellChange& a, const CellChange& b) {
  return a.key_arn == b.key_arn && a.principal_arn == b.principal_arn && a.kind == b.kind && a.before == b.before &&
         a.after == b.after;
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : (word.back() == 's' ? "es" : "s"));
}

std::string action_name(std::size_t a) { return std::string(core::kms_actions()[a].name); }

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

void side_text(std::string& out, std::string_view label, const core::Decision& d) {
  if (d.reasons.empty() && d.conditions.empty()) {
    out += "      " + std::string(label) + ": no statement or grant applies\n";
    return;
  }
  for (const auto& r : d.reasons) out += "      " + std::string(label) + ": " + reason_text(r) + "\n";
  for (const auto& c : conditions_text(d.conditions)) out += "      " + std::string(label) + ": " + c + "\n";
}

}  // namespace

std::vector<KeyChanges> group_changes(const std::vector<CellChange>& changes) {
  std::vector<KeyChanges> out;
  const CellChange* previous = nullptr;
  for (const auto& c : changes) {
    if (out.empty() || out.back().key_arn != c.key_arn) out.push_back({c.key, c.key_arn, {}});
    auto& principals = out.back().principals;
    if (principals.empty() || principals.back().principal_arn != c.principal_arn) {
      principals.push_back({c.principal, c.principal_arn, {}});
      previous = nullptr;
    }
    auto& entries = principals.back().entries;
    if (previous != nullptr && same_change(*previous, c)) {
      entries.back().actions.push_back(action_name(c.action));
    } else {
      entries.push_back({&c, {action_name(c.action)}});
    }
    previous = &c;
  }
  return out;
}

std::string summary_line(const core::impact::DiffSummary& s) {
  std::string out = plural(s.changed, "access change") + " on " + plural(s.keys, "key") + " for " +
                    plural(s.principals, "principal");
  std::vector<std::string> parts;
  for (auto k : {ChangeKind::kGained, ChangeKind::kBecameUnconditional, ChangeKind::kBecameConditional,
                 ChangeKind::kLost, ChangeKind::kBecameDenied, ChangeKind::kDenyRemoved}) {
    if (s.count(k) > 0) parts.push_back(std::to_string(s.count(k)) + " " + std::string(core::impact::to_string(k)));
  }
  return parts.empty() ? out : out + ": " + joined(parts, ", ");
}

std::string render_diff_text(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied) {
  std::string out;
  if (!applied.empty()) {
    out += "Hypothetical changes (no file was modified):\n";
    for (const auto& a : applied) out += "  - " + a + "\n";
    out += "\n";
    if (diff.changes.empty()) return out + "No decision changes.\n";
  }
  if (diff.changes.empty()) return out;
  out += summary_line(diff.summary) + "\n";
  for (const auto& key : group_changes(diff.changes)) {
    out += "\n" + key.key + " (" + key.key_arn + ")\n";
    for (const auto& p : key.principals) {
      out += "  " + p.principal + "\n";
      for (const auto& e : p.entries) {
        out += "    " + std::string(core::impact::to_string(e.change->kind)) + " " + joined(e.actions, ", ") + ": " +
               std::string(core::to_string(e.change->before.verdict)) + " -> " +
               std::string(core::to_string(e.change->after.verdict)) + "\n";
        side_text(out, "before", e.change->before);
        side_text(out, "after", e.change->after);
      }
    }
  }
  return out;
}

std::string render_diff_json(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied) {
  OrderedJson doc;
  doc["schema"] = "kmsaccess/diff/v1";
  if (!applied.empty()) doc["applied"] = applied;
  OrderedJson summary;
  summary["changed"] = diff.summary.changed;
  for (auto k : {ChangeKind::kGained, ChangeKind::kBecameUnconditional, ChangeKind::kBecameConditional,
                 ChangeKind::kLost, ChangeKind::kBecameDenied, ChangeKind::kDenyRemoved}) {
    summary[std::string(core::impact::to_string(k))] = diff.summary.count(k);
  }
  summary["keys"] = diff.summary.keys;
  summary["principals"] = diff.summary.principals;
  doc["summary"] = summary;
  doc["changes"] = OrderedJson::array();
  for (const auto& key : group_changes(diff.changes)) {
    for (const auto& p : key.principals) {
      for (const auto& e : p.entries) {
        OrderedJson j;
        j["key"] = key.key;
        j["key_arn"] = key.key_arn;
        j["principal"] = p.principal;
        j["principal_arn"] = p.principal_arn;
        j["actions"] = e.actions;
        j["change"] = std::string(core::impact::to_string(e.change->kind));
        j["before"] = decision_json(e.change->before);
        j["after"] = decision_json(e.change->after);
        doc["changes"].push_back(std::move(j));
      }
    }
  }
  return json_text(doc);
}

}  // namespace kmsaccess::cli
