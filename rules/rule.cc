#include "rules/rule.h"

#include <array>
#include <utility>

namespace kmsaccess::rules {
namespace {

constexpr std::array<std::pair<Severity, std::string_view>, 3> kSeverityNames{{
    {Severity::kError, "error"}, {Severity::kWarning, "warning"}, {Severity::kNote, "note"}}};

constexpr std::array<std::pair<DocumentKind, std::string_view>, 5> kKindNames{{
    {DocumentKind::kKeyPolicy, "key-policy"},
    {DocumentKind::kIdentityPolicy, "identity-policy"},
    {DocumentKind::kScp, "scp"},
    {DocumentKind::kRcp, "rcp"},
    {DocumentKind::kGrants, "grants"}}};

}  // namespace

std::string_view to_string(Severity s) {
  for (const auto& [value, name] : kSeverityNames) {
    if (value == s) return name;
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (const auto& [value, name] : kSeverityNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(DocumentKind k) {
  for (const auto& [value, name] : kKindNames) {
    if (value == k) return name;
  }
  return "identity-policy";
}

std::optional<DocumentKind> parse_document_kind(std::string_view text) {
  for (const auto& [value, name] : kKindNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

void FindingSink::report(const LintDocument& doc, const core::Statement& st, core::Pos pos,
                         std::string value, std::string message) {
  // Never point at line 1 unless the element is there: fall back to the statement's own '{'.
  core::Pos where = pos.line != 0 ? pos : st.pos;
  report_at(core::SourcePos(doc.file, where), st.label(), st.json_pointer(), std::move(value),
            std::move(message));
}

void FindingSink::report_at(core::SourcePos pos, std::string label, std::string pointer,
                            std::string value, std::string message) {
  Finding f;
  f.rule_id = std::string(info_.id);
  f.rule_name = std::string(info_.name);
  f.severity = info_.severity;
  f.pos = std::move(pos);
  f.statement = std::move(label);
  f.json_pointer = std::move(pointer);
  f.value = std::move(value);
  f.message = std::move(message);
  findings_.push_back(std::move(f));
}

void PolicyRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (doc.policy) check_policy(doc, *doc.policy, sink);
  }
}

bool is_key_policy(const LintDocument& doc) { return doc.kind == DocumentKind::kKeyPolicy; }

bool is_identity_like(const LintDocument& doc) {
  return doc.kind == DocumentKind::kIdentityPolicy || doc.kind == DocumentKind::kScp ||
         doc.kind == DocumentKind::kRcp;
}

}  // namespace kmsaccess::rules
