// Renderers for access diffs (diff, what-if) and escalation paths: text, JSON and markdown.
#pragma once

#include <string>
#include <vector>

#include "core/impact/escalation.h"
#include "core/impact/matrix_diff.h"

namespace kmsaccess::cli {

// Consecutive actions of one (key, principal) whose change and decisions are the same render
// as one entry ("gained kms:Decrypt, kms:Encrypt").
struct DiffEntry {
  const core::impact::CellChange* change = nullptr;
  std::vector<std::string> actions;
};
struct PrincipalChanges {
  std::string principal;
  std::string principal_arn;
  std::vector<DiffEntry> entries;
};
struct KeyChanges {
  std::string key;
  std::string key_arn;
  std::vector<PrincipalChanges> principals;
};
std::vector<KeyChanges> group_changes(const std::vector<core::impact::CellChange>& changes);

// "4 access changes on 2 keys for 1 principal: 2 gained, 2 lost"
std::string summary_line(const core::impact::DiffSummary& s);

// `applied` lists hypothetical changes (what-if); empty for diff. Text of an empty diff
// without applied changes is empty.
std::string render_diff_text(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied);
std::string render_diff_json(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied);
std::string render_diff_markdown(const core::impact::MatrixDiff& diff, const std::vector<std::string>& applied);

std::string render_escalation_text(const std::vector<core::impact::EscalationPath>& paths);
std::string render_escalation_json(const std::vector<core::impact::EscalationPath>& paths);

}  // namespace kmsaccess::cli
