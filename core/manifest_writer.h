// Inventory -> kmsaccess.yaml (manifest format v1, docs/manifest.md) for --write-manifest.
// Policies and grants are written inline as JSON mappings, so the manifest is self-contained.
#pragma once

#include <string>

#include "core/inventory.h"

namespace kmsaccess::core {

// Deterministic text: entities in inventory order (sort it first), pseudo-principals omitted
// (they are derived again on load). Loading the result gives an equivalent inventory.
std::string write_manifest(const Inventory& inv);

// A policy document as compact JSON rebuilt from the model (element order: Version, Id,
// Statement; Sid, Effect, Principal, Action, Resource, Condition).
std::string policy_to_json(const PolicyDocument& doc);

}  // namespace kmsaccess::core
