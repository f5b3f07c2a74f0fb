#include "cli/cmd_inventory.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "cli/app.h"
#include "cli/atomic_write.h"
#include "cli/loaded_inputs.h"
#include "cli/render_inventory.h"
#include "core/manifest_writer.h"

namespace kmsaccess::cli {

namespace fs = std::filesystem;

int run_inventory(const InventoryCommandOptions& options, CommandContext& ctx) {
  if (options.format != "text" && options.format != "json") {
    ctx.err << "kmsaccess inventory: --format must be text or json\n";
    return kExitUsage;
  }
  auto loaded = load_inputs(options.inputs, ctx.reader);
  if (!loaded) {
    ctx.err << "kmsaccess: " << loaded.error().to_string() << "\n";
    return kExitUsage;
  }
  if (!options.write_manifest.empty()) {
    auto written = write_file_atomically(options.write_manifest, core::write_manifest(loaded->inventory),
                                         options.force);
    if (!written) {
      ctx.err << "kmsaccess: " << written.error().to_string() << "\n";
      return kExitUsage;
    }
  }
  ctx.out << (options.format == "json" ? render_inventory_json(*loaded) : render_inventory_text(*loaded));
  return kExitOk;
}

void register_inventory(CLI::App& app, CommandContext& ctx) {
  auto options = std::make_shared<InventoryCommandOptions>();
  CLI::App* cmd = app.add_subcommand("inventory", "show what the inputs contain: counts, entities and gaps");
  add_input_options(*cmd, options->inputs);
  cmd->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--write-manifest", options->write_manifest,
                  "also write the inventory as a self-contained kmsaccess.yaml")
      ->type_name("FILE");
  cmd->add_flag("--force", options->force, "overwrite the --write-manifest file if it exists");
  cmd->callback([options, &ctx]() { ctx.exit_code = run_inventory(*options, ctx); });
}

}  // namespace kmsaccess::cli
