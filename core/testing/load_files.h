// Loading a manifest folder held in memory the way the CLI does, for property tests.
#pragma once

#include <map>
#include <string>

#include "core/inventory_merge.h"
#include "core/loaders/manifest_loader.h"
#include "core/manifest_writer.h"
#include "core/source_reader.h"

namespace kmsaccess::core::testing {

// "kmsaccess.yaml" and the files it names, relative to the manifest's folder.
inline Result<Inventory> load_files(const std::map<std::string, std::string>& files) {
  MemorySourceReader reader;
  for (const auto& [path, text] : files) reader.files["inv/" + path] = text;
  return load_manifest("inv/kmsaccess.yaml", reader);
}

// What the CLI does after loading, in the same order (cli/inputs.cc).
inline void prepare_like_cli(Inventory& inv) {
  assign_unique_names(inv);
  add_pseudo_principals(inv);
  sort_inventory(inv);
}

// Every policy as its file label, size and compact JSON, then the rest of the inventory as a
// manifest: equal texts mean equal inventories, in the same order.
inline std::string inventory_text(const Inventory& inv) {
  std::string out;
  for (const auto& doc : inv.policies) {
    out += doc.file + " " + std::to_string(doc.byte_size) + " " + policy_to_json(doc) + "\n";
  }
  return out + write_manifest(inv);
}

}  // namespace kmsaccess::core::testing
