// Merging inventories from several inputs (-m, --from-aws, ...) and giving their entities
// unique, readable names.
#pragma once

#include <string_view>

#include "core/inventory.h"
#include "core/result.h"

namespace kmsaccess::core {

// Moves `from` into `into`. Keys and principals are matched by ARN: a second definition may fill
// what the first lacks (a policy, tags, grants, aliases), but two definitions that both set the
// same thing differently are an error naming both positions. Groups match by ARN (else name).
Status merge_inventory(Inventory& into, Inventory from);

// Makes key and principal names unique without changing unique ones: a colliding name gets
// "@<region>" (keys) or "@<account>" (principals), and the ARN as a last resort.
void assign_unique_names(Inventory& inv);

}  // namespace kmsaccess::core
