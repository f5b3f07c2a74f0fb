// run_lint: options -> documents -> rules -> rendered findings and an exit code.
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "cli/app.h"
#include "cli/atomic_write.h"
#include "cli/cmd_lint.h"
#include "cli/render_lint.h"
#include "cli/today_utc.h"
#include "core/evaluator.h"
#include "core/loaders/iac_detect.h"
#include "rules/baseline.h"
#include "rules/config.h"
#include "rules/lint_input.h"
#include "rules/lint_runner.h"
#include "rules/registry.h"

namespace kmsaccess::cli {
namespace {

namespace fs = std::filesystem;

struct UsageError {
  std::string message;
};

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_manifest_path(std::string_view path) {
  const std::string name = fs::path(path).filename().string();
  return name == "kmsaccess.yaml" || name == "kmsaccess.yml";
}

// The config named by --config, or the nearest .kmsaccess.yaml from the working directory up.
core::Result<rules::LintConfig> load_config(const LintOptions& o, const core::SourceReader& reader,
                                            const std::vector<std::string_view>& ids) {
  if (!o.config.empty()) {
    auto text = reader.read(o.config);
    if (!text) return text.error();
    return rules::parse_lint_config(*text, o.config, ids);
  }
  const fs::path start = o.cwd.empty() ? fs::current_path() : fs::path(o.cwd);
  fs::path relative;  // labels stay relative: no absolute paths in output
  for (fs::path dir = start;; dir = dir.parent_path()) {
    const fs::path label = relative / rules::kConfigFileName;
    const std::string path = o.cwd.empty() ? label.string() : (fs::path(o.cwd) / label).string();
    if (auto text = reader.read(path)) return rules::parse_lint_config(*text, path, ids);
    if (dir == dir.parent_path() || dir.empty()) break;
    relative /= "..";
  }
  return rules::LintConfig{};
}

bool is_yaml_or_template(std::string_view path) {
  return ends_with(path, ".yaml") || ends_with(path, ".yml") || ends_with(path, ".template");
}

// Reads the files and folders named on the command line. Missing paths are input errors.
// CloudFormation templates and Terraform plans among them join `inputs` (as --cfn and --tf would),
// unless --kind says how to read every file. A folder gives its JSON files and, unless --kind is
// given, its YAML and .template files that are CloudFormation templates: other YAML there belongs
// to other tools.
core::Status load_paths(const LintOptions& o, std::optional<rules::DocumentKind> forced,
                        CommandContext& ctx, std::vector<rules::LintDocument>& docs, InputOptions& inputs) {
  for (const auto& path : o.paths) {
    if (is_manifest_path(path)) continue;
    const bool folder = ctx.reader.is_directory(path);
    std::vector<std::string> files{path};
    if (folder) {
      auto listed = ctx.reader.list(path);
      if (!listed) return listed.error();
      files.clear();
      for (auto& f : *listed) {
        const bool template_candidate = !forced && is_yaml_or_template(f) && !is_manifest_path(f);
        if (ends_with(f, ".json") || template_candidate) files.push_back(std::move(f));
      }
    }
    std::size_t taken = 0;
    for (const auto& file : files) {
      auto text = ctx.reader.read(file);
      if (!text) return text.error();
      if (!forced) {
        const core::IacKind iac = core::detect_iac(*text);
        if (iac == core::IacKind::kCloudFormation) {
          inputs.cfn.push_back(file);
          ++taken;
          continue;
        }
        if (iac == core::IacKind::kTerraformPlan) {
          inputs.tf.push_back(file);
          ++taken;
          continue;
        }
        if (folder && !ends_with(file, ".json")) continue;  // YAML that is not a template
      }
      auto doc = rules::load_lint_document(*text, file, forced);
      if (doc) {
        docs.push_back(std::move(*doc));
        ++taken;
      } else if (!folder) {
        ctx.err << "kmsaccess: note: " << file
                << ": not a policy, grant list or key policy output; skipped\n";
      }
    }
    // A gate pointed at the wrong folder would otherwise pass in silence.
    if (folder && taken == 0) {
      ctx.err << "kmsaccess: note: " << path
              << ": no policy, grant list, key policy output, template or plan in this folder\n";
    }
  }
  return core::Ok{};
}

int usage(CommandContext& ctx, const std::string& message) {
  ctx.err << "kmsaccess: " << message << "\n";
  return kExitUsage;
}

void print_summary(const rules::LintReport& report, CommandContext& ctx) {
  std::size_t counts[3] = {0, 0, 0};
  for (const auto& f : report.findings) ++counts[static_cast<std::size_t>(f.severity)];
  ctx.err << report.findings.size() << " finding(s): " << counts[0] << " error, " << counts[1]
          << " warning, " << counts[2] << " note; " << report.suppressed << " suppressed, "
          << report.baselined.size() << " in baseline\n";
}

}  // namespace

int run_lint(const LintOptions& o, CommandContext& ctx, const InventoryLoader& load) {
  const rules::RuleList rule_list = rules::all_rules();
  if (o.list_rules) {
    ctx.out << render_rule_list();
    return kExitOk;
  }
  if (o.format != "text" && o.format != "json" && o.format != "sarif") {
    return usage(ctx, "--format must be text, json or sarif");
  }
  auto gate = rules::parse_severity(o.fail_on);
  if (!gate) return usage(ctx, "--fail-on must be error, warning or note");
  std::optional<rules::DocumentKind> forced;
  if (!o.kind.empty()) {
    forced = rules::parse_document_kind(o.kind);
    if (!forced) return usage(ctx, "--kind must be key-policy, identity-policy, scp, rcp or grants");
  }
  if (!o.write_baseline.empty() && !o.force && fs::exists(o.write_baseline)) {
    return usage(ctx, o.write_baseline + " exists; pass --force to overwrite it");
  }
  std::vector<std::string_view> ids = rules::rule_ids(rule_list);
  auto config = load_config(o, ctx.reader, ids);
  if (!config) return usage(ctx, config.error().to_string());

  std::optional<std::set<std::string>> baseline;
  if (!o.baseline.empty()) {
    auto text = ctx.reader.read(o.baseline);
    if (!text) return usage(ctx, text.error().to_string());
    auto parsed = rules::parse_baseline(*text, o.baseline);
    if (!parsed) return usage(ctx, parsed.error().to_string());
    baseline = std::move(*parsed);
  }

  rules::LintContext lint_ctx;
  InputOptions inputs = o.inputs;
  if (auto st = load_paths(o, forced, ctx, lint_ctx.documents, inputs); !st) {
    return usage(ctx, st.error().to_string());
  }
  std::optional<core::Inventory> inventory;
  for (const auto& p : o.paths) {
    if (is_manifest_path(p) && inputs.manifest.empty()) inputs.manifest = p;
  }
  // Inputs named by option or found among the paths are linted beside the policy files: a gate
  // given policy files and a template must not pass on the policy files alone.
  const bool inventory_named =
      !inputs.manifest.empty() || !inputs.from_aws.empty() || !inputs.cfn.empty() || !inputs.tf.empty();
  if (o.paths.empty() || inventory_named) {
    if (!load) return usage(ctx, "manifest loading is not available");
    auto inv = load(inputs, ctx.reader);
    if (!inv) return usage(ctx, inv.error().to_string());
    inventory = std::move(*inv);
    for (auto& doc : rules::documents_from_inventory(*inventory)) {
      lint_ctx.documents.push_back(std::move(doc));
    }
    lint_ctx.inventory = &*inventory;
  }
  // Access rules (KMS1xx) ask the engine who can reach a key: one evaluator per lint run.
  std::unique_ptr<core::Evaluator> evaluator;
  if (inventory) {
    evaluator = std::make_unique<core::Evaluator>(*inventory);
    lint_ctx.evaluator = evaluator.get();
  }
  lint_ctx.trusted_accounts = config->trusted_accounts;
  lint_ctx.trust_organization = config->trust_organization;
  lint_ctx.key_admins = config->key_admins;
  lint_ctx.suppressions = &config->suppressions;
  lint_ctx.today = o.today.empty() ? today_utc() : o.today;

  rules::LintReport report = rules::run_rules(rule_list, lint_ctx, *config,
                                              baseline ? &*baseline : nullptr);
  if (!o.write_baseline.empty()) {
    std::vector<rules::Finding> all = report.findings;
    all.insert(all.end(), report.baselined.begin(), report.baselined.end());
    if (auto st = write_file_atomically(o.write_baseline, rules::write_baseline(all), o.force); !st) {
      return usage(ctx, st.error().to_string());
    }
    ctx.err << "kmsaccess: wrote " << all.size() << " finding(s) to " << o.write_baseline << "\n";
    return kExitOk;
  }
  if (o.format == "json") {
    ctx.out << render_lint_json(report);
  } else if (o.format == "sarif") {
    ctx.out << render_sarif(report.findings, rule_list, KMSACCESS_VERSION, embedded_holders(lint_ctx.documents));
  } else {
    ctx.out << render_lint_text(report.findings);
    print_summary(report, ctx);
  }
  return rules::fails_gate(report.findings, *gate) ? kExitFindings : kExitOk;
}

}  // namespace kmsaccess::cli
