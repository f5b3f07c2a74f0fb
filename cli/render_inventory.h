// Renders what `kmsaccess inventory` shows: counts, entities and gaps, as text or stable JSON.
#pragma once

#include <string>
#include <vector>

#include "cli/loaded_inputs.h"

namespace kmsaccess::cli {

struct InventoryCounts {
  std::size_t keys = 0, principals = 0, pseudo_principals = 0, groups = 0, policies = 0, grants = 0,
              scps = 0, rcps = 0, aliases = 0;
};
InventoryCounts count_inventory(const core::Inventory& inv);

// Every gap: keys without a policy, plus the loaders' notes; sorted.
std::vector<core::LoadNote> inventory_gaps(const LoadedInputs& loaded);

// {"schema":"kmsaccess/inventory/v1", ...}: keys and arrays sorted, no timestamps; ends in '\n'.
std::string render_inventory_json(const LoadedInputs& loaded);
std::string render_inventory_text(const LoadedInputs& loaded);

}  // namespace kmsaccess::cli
