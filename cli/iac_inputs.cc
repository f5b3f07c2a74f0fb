// CloudFormation (--cfn) and Terraform (--tf) inputs: each file is loaded on its own and merged
// into the inventory of the other inputs; the manifest's account and region are the defaults.
#include "cli/loaded_inputs.h"
#include "core/inventory_merge.h"
#include "core/loaders/cfn_loader.h"
#include "core/loaders/tf_plan_loader.h"

namespace kmsaccess::cli {
namespace {

core::Result<std::map<std::string, std::string>> parse_parameters(const std::vector<std::string>& given) {
  std::map<std::string, std::string> out;
  for (const auto& kv : given) {
    std::size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return core::make_error("--parameter " + kv + ": expected NAME=VALUE");
    }
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

core::Status merge_one(LoadedInputs& into, core::IacLoadResult loaded, bool& first) {
  for (auto& n : loaded.report.notes) into.report.notes.push_back(std::move(n));
  if (first) {
    first = false;
    into.inventory = std::move(loaded.inventory);
    return core::Ok{};
  }
  return core::merge_inventory(into.inventory, std::move(loaded.inventory));
}

}  // namespace

core::Status merge_iac_inputs(const InputOptions& options, const core::SourceReader& reader,
                              LoadedInputs& into) {
  auto parameters = parse_parameters(options.parameters);
  if (!parameters) return parameters.error();
  bool first = options.manifest.empty() && options.from_aws.empty();
  std::string account = into.inventory.account;
  std::string region = into.inventory.region;
  for (const auto& path : options.cfn) {
    core::CfnOptions co;
    co.parameters = *parameters;
    co.default_account = account;
    co.default_region = region;
    auto loaded = core::load_cfn_template(path, reader, co);
    if (!loaded) return loaded.error();
    if (auto s = merge_one(into, std::move(*loaded), first); !s) return s;
  }
  for (const auto& path : options.tf) {
    core::TfOptions to;
    // As for templates, --parameter AWS::AccountId / AWS::Region win over the manifest.
    auto given = [&](const char* name, const std::string& fallback) {
      auto it = parameters->find(name);
      return it != parameters->end() ? it->second : fallback;
    };
    to.default_account = given("AWS::AccountId", account);
    to.default_region = given("AWS::Region", region);
    auto loaded = core::load_tf_plan(path, reader, to);
    if (!loaded) return loaded.error();
    if (auto s = merge_one(into, std::move(*loaded), first); !s) return s;
  }
  return core::Ok{};
}

}  // namespace kmsaccess::cli
