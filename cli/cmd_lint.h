// `kmsaccess lint` and `kmsaccess rules`: options and the functions the commands run, exposed so
// tests (and app.cc) can call them without going through CLI11.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.h"
#include "cli/inputs.h"
#include "core/inventory.h"
#include "core/result.h"

namespace kmsaccess::cli {

struct LintOptions {
  std::vector<std::string> paths;  // policy files or folders; empty: lint the manifest
  InputOptions inputs;             // -m and friends: lint the manifest as well
  std::string kind;                // --kind: force every file's kind
  std::string format = "text";     // --format text|json|sarif
  std::string fail_on = "warning"; // --fail-on error|warning|note
  std::string config;              // --config; default: .kmsaccess.yaml found upward from cwd
  std::string baseline;            // --baseline FILE
  std::string write_baseline;      // --write-baseline FILE
  bool force = false;              // --force: let --write-baseline overwrite
  bool list_rules = false;         // --list-rules
  std::string cwd;                 // start of the config search; empty: the current directory
  std::string today;               // YYYY-MM-DD for suppression expiry; empty: today (UTC)
};

using InventoryLoader =
    std::function<core::Result<core::Inventory>(const InputOptions&, const core::SourceReader&)>;

// Runs lint and returns the exit code: 0 clean, 1 findings at or above the gate, 2 usage or
// input error. `load` reads the manifest (load_inventory in the binary; a fake in tests).
int run_lint(const LintOptions& options, CommandContext& ctx, const InventoryLoader& load);

// `kmsaccess rules [ID]`: the catalogue, or one rule's documentation. 2 for an unknown id.
int run_rules(std::string_view id, CommandContext& ctx);

// The catalogue as a table (shared by `lint --list-rules` and `rules`).
std::string render_rule_list();
// One rule's documentation, from its RuleInfo (the same text as docs/rules/<ID>.md's body).
std::string render_rule_doc(std::string_view id);

}  // namespace kmsaccess::cli
