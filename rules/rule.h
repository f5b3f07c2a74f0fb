// The lint rule interface: RuleInfo metadata (the single source for docs, SARIF and --list-rules),
// the documents a rule checks, and the Finding a rule reports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inventory.h"
#include "core/policy.h"
#include "core/result.h"
#include "core/source_pos.h"

namespace kmsaccess::core {
class Evaluator;
}

namespace kmsaccess::rules {

// Ordered from most to least severe, so sorting and gating compare with '<'.
enum class Severity : std::uint8_t { kError, kWarning, kNote };
std::string_view to_string(Severity s);  // "error", "warning", "note"
std::optional<Severity> parse_severity(std::string_view text);
// True when `s` is at least as severe as `gate`.
inline bool at_or_above(Severity s, Severity gate) { return s <= gate; }

enum class DocumentKind : std::uint8_t { kKeyPolicy, kIdentityPolicy, kScp, kRcp, kGrants };
std::string_view to_string(DocumentKind k);  // "key-policy", "identity-policy", "scp", "rcp", "grants"
std::optional<DocumentKind> parse_document_kind(std::string_view text);

struct RuleInfo {
  std::string_view id;                 // "KMS005"
  std::string_view name;               // slug: "unknown-action"
  Severity severity = Severity::kWarning;
  std::string_view short_description;  // one line, no trailing period
  std::string_view long_description;   // why it matters, a paragraph
  std::string_view help;               // how to fix, with a fixed example
  std::string_view doc_url;            // the AWS documentation the rule rests on
  bool needs_evaluator = false;        // access rules: the runner builds an Evaluator for them
};

struct Finding {
  std::string rule_id;
  std::string rule_name;  // the slug, for renderers
  Severity severity = Severity::kWarning;
  core::SourcePos pos;
  std::string message;
  std::string statement;     // statement Sid, or its JSON pointer; empty for whole-file findings
  std::string json_pointer;  // of the statement (or the element) the finding is about
  std::string value;         // the offending value, part of the fingerprint
  std::string fingerprint;   // stable across line shifts (see baseline.h)
};

// One document to lint. Owns its data, so loose files and inventory policies look alike.
struct LintDocument {
  std::string file;  // label used in findings: the path as given
  DocumentKind kind = DocumentKind::kIdentityPolicy;
  std::optional<core::PolicyDocument> policy;  // policy kinds, when it parsed
  std::vector<core::Grant> grants;             // kGrants
  std::optional<core::Error> error;            // did not parse: reported by the invalid-policy rule
  std::optional<std::size_t> key;              // inventory key this key policy belongs to
  std::size_t byte_size = 0;                   // of the policy text as stored at AWS
};

struct Suppression;

struct LintContext {
  std::vector<LintDocument> documents;
  const core::Inventory* inventory = nullptr;  // set when a manifest was loaded
  const core::Evaluator* evaluator = nullptr;  // set when an enabled rule needs_evaluator
  std::vector<std::string> trusted_accounts;   // from the config, sorted
  bool trust_organization = false;             // from the config: members are trusted too
  std::vector<std::string> key_admins;         // from the config, sorted
  const std::vector<Suppression>* suppressions = nullptr;  // for the expired-suppression rule
  std::string today;                           // "YYYY-MM-DD", supplied by the caller
};

// Collects the findings of one rule; fills in the rule id and default severity.
class FindingSink {
 public:
  explicit FindingSink(const RuleInfo& info) : info_(info) {}

  // A finding about a statement (or an element inside it).
  void report(const LintDocument& doc, const core::Statement& st, core::Pos pos,
              std::string value, std::string message);
  // A finding about a whole document or a non-policy element (grant, key, config entry).
  void report_at(core::SourcePos pos, std::string label, std::string pointer, std::string value,
                 std::string message);

  std::vector<Finding>& findings() { return findings_; }

 private:
  const RuleInfo& info_;
  std::vector<Finding> findings_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const LintContext& ctx, FindingSink& sink) const = 0;
};

// Most validity and hygiene rules look at one parsed policy at a time.
class PolicyRule : public Rule {
 public:
  void check(const LintContext& ctx, FindingSink& sink) const final;

 protected:
  virtual void check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                            FindingSink& sink) const = 0;
};

bool is_key_policy(const LintDocument& doc);
// Identity-like: identity policies, SCPs and RCPs (no Principal for identity and SCP).
bool is_identity_like(const LintDocument& doc);

}  // namespace kmsaccess::rules
