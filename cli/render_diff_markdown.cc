// Markdown for a pull-request comment: a summary line, one table per key, reasons folded away.
#include "cli/decision_json.h"
#include "cli/render_diff.h"

namespace kmsaccess::cli {
namespace {

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string code(const std::string& text) { return "`" + text + "`"; }

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string reason_md(const core::Reason& r) {
  std::string where = r.pos.to_string();
  std::string out = std::string(core::to_string(r.source)) + " " + r.role;
  if (!where.empty()) out += " " + code(where);
  if (!r.sid.empty()) out += " (" + r.sid + ")";
  if (!r.detail.empty() && r.detail != r.pos.file) out += ": " + r.detail;
  return out;
}

void side_md(std::string& out, std::string_view label, const core::Decision& d) {
  std::string prefix = "  - " + std::string(label) + " (" + std::string(core::to_string(d.verdict)) + "): ";
  if (d.reasons.empty() && d.conditions.empty()) {
    out += prefix + "no statement or grant applies\n";
    return;
  }
  for (const auto& r : d.reasons) out += prefix + reason_md(r) + "\n";
  for (const auto& c : conditions_text(d.conditions)) out += prefix + code(c) + "\n";
}

void key_section(std::string& out, const KeyChanges& key) {
  out += "\n#### " + cell(key.key) + "\n\n";
  out += "| Principal | Actions | Change | Before | After |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& p : key.principals) {
    for (const auto& e : p.entries) {
      out += "| " + cell(p.principal) + " | " + joined(e.actions, ", ") + " | " +
             std::string(core::impact::to_string(e.change->kind)) + " | " +
             std::string(core::to_string(e.change->before.verdict)) + " | " +
             std::string(core::to_string(e.change->after.verdict)) + " |\n";
    }
  }
  out += "\n<details><summary>Why (" + key.key + ")</summary>\n\n";
  for (const auto& p : key.principals) {
    for (const auto& e : p.entries) {
      out += "- **" + p.principal + "** " + std::string(core::impact::to_string(e.change->kind)) + " " +
             joined(e.actions, ", ") + "\n";
      side_md(out, "before", e.change->before);
      side_md(out, "after", e.change->after);
    }
  }
  out += "\n</details>\n";
}

}  // namespace

std::string render_diff_markdown(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied) {
  std::string out = "### kmsaccess: KMS access changes\n\n";
  if (!applied.empty()) {
    out += "Hypothetical changes (no file was modified):\n\n";
    for (const auto& a : applied) out += "- " + code(a) + "\n";
    out += "\n";
  }
  if (diff.changes.empty()) return out + "No decision changes.\n";
  out += "**" + summary_line(diff.summary) + ".**\n";
  for (const auto& key : group_changes(diff.changes)) key_section(out, key);
  return out;
}

}  // namespace kmsaccess::cli
