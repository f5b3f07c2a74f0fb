#include "cli/inputs.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>

#include "cli/file_source_reader.h"
#include "cli/loaded_inputs.h"
#include "core/inventory_merge.h"
#include "core/loaders/aws_cli_loader.h"
#include "core/loaders/manifest_loader.h"

namespace kmsaccess::cli {

void add_input_options(CLI::App& command, InputOptions& options) {
  command.add_option("-m,--manifest", options.manifest, "kmsaccess.yaml manifest (default: ./kmsaccess.yaml)");
  command.add_option("--from-aws", options.from_aws, "folder of AWS CLI JSON outputs (kmsaccess-collect)")
      ->type_name("DIR");
  command.add_option("--cfn", options.cfn, "CloudFormation template")->type_name("TEMPLATE");
  command.add_option("--tf", options.tf, "Terraform plan JSON (terraform show -json)")->type_name("PLAN");
  command.add_option("--parameter", options.parameters, "CloudFormation parameter value k=v")->type_name("K=V");
  command.add_flag("--allow-outside-paths", options.allow_outside_paths,
                   "let manifests name files outside their folder");
  command.add_option("--max-file-size", options.limits.json.max_bytes, "largest input file read, in bytes")
      ->type_name("BYTES")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--max-json-depth", options.limits.json.max_depth, "deepest nesting of JSON arrays and objects")
      ->type_name("N")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--max-statements", options.limits.max_statements, "most statements in one policy")
      ->type_name("N")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--max-condition-values", options.limits.max_condition_values,
                     "most condition values in one policy")->type_name("N")->capture_default_str()
      ->check(CLI::PositiveNumber);
  command.add_option("--max-inventory", options.max_inventory,
                     "most keys, principals or policies after merging every input")
      ->type_name("N")->capture_default_str()->check(CLI::PositiveNumber);
}

namespace {

constexpr const char* kDefaultManifest = "kmsaccess.yaml";

core::Status merge_into(LoadedInputs& into, core::Inventory from, bool first) {
  if (first) {
    into.inventory = std::move(from);
    return core::Ok{};
  }
  return core::merge_inventory(into.inventory, std::move(from));
}

core::Status check_inventory_size(const core::Inventory& inv, std::size_t limit) {
  auto over = [&](std::size_t n, const char* what) -> core::Status {
    if (n <= limit) return core::Ok{};
    return core::make_error("the inputs hold " + std::to_string(n) + " " + what + ", over the limit of " +
                            std::to_string(limit) + " (raise it with --max-inventory)");
  };
  if (auto s = over(inv.keys.size(), "keys"); !s) return s;
  if (auto s = over(inv.principals.size(), "principals"); !s) return s;
  return over(inv.policies.size(), "policies");
}

}  // namespace

core::Result<LoadedInputs> load_inputs(const InputOptions& options, const core::SourceReader& given) {
  // The real reader enforces --max-file-size before reading; test fakes are used as they are.
  std::optional<FileSourceReader> resized;
  if (dynamic_cast<const FileSourceReader*>(&given) != nullptr) resized.emplace(options.limits.json.max_bytes);
  const core::SourceReader& reader = resized ? static_cast<const core::SourceReader&>(*resized) : given;
  LoadedInputs loaded;
  bool any = false;
  std::string manifest = options.manifest;
  bool named = !manifest.empty() || !options.from_aws.empty() || !options.cfn.empty() || !options.tf.empty();
  if (!named) {
    std::error_code ec;
    if (!std::filesystem::exists(kDefaultManifest, ec)) {
      return core::make_error("no inputs: pass -m FILE or --from-aws DIR (no kmsaccess.yaml here)");
    }
    manifest = kDefaultManifest;
  }
  if (!manifest.empty()) {
    core::ManifestOptions mo;
    mo.allow_outside_paths = options.allow_outside_paths;
    mo.limits = options.limits;
    mo.threads = std::max(1U, std::thread::hardware_concurrency());
    auto inv = core::load_manifest(manifest, reader, mo);
    if (!inv) return inv.error();
    if (auto s = merge_into(loaded, std::move(*inv), !any); !s) return s.error();
    any = true;
  }
  for (const auto& dir : options.from_aws) {
    core::AwsLoadOptions ao;
    ao.limits = options.limits;
    ao.threads = std::max(1U, std::thread::hardware_concurrency());
    auto result = core::load_aws_cli_folder(dir, reader, ao);
    if (!result) return result.error();
    for (auto& n : result->report.notes) loaded.report.notes.push_back(std::move(n));
    if (auto s = merge_into(loaded, std::move(result->inventory), !any); !s) return s.error();
    any = true;
  }
  if (!options.cfn.empty() || !options.tf.empty()) {
    if (auto s = merge_iac_inputs(options, reader, loaded); !s) return s.error();
  }
  core::assign_unique_names(loaded.inventory);
  core::add_pseudo_principals(loaded.inventory);
  if (auto s = check_inventory_size(loaded.inventory, options.max_inventory); !s) return s.error();
  core::sort_inventory(loaded.inventory);
  std::sort(loaded.report.notes.begin(), loaded.report.notes.end());
  return loaded;
}

core::Result<core::Inventory> load_inventory(const InputOptions& options, const core::SourceReader& reader) {
  auto loaded = load_inputs(options, reader);
  if (!loaded) return loaded.error();
  return std::move(loaded->inventory);
}

}  // namespace kmsaccess::cli
