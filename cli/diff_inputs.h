// The two sides of `kmsaccess diff`: a manifest, a --from-aws folder, or REV:PATH read from git.
#pragma once

#include <string>
#include <string_view>

#include "core/inventory.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::cli {

// Loads one side. PATH may be a manifest file, a folder holding kmsaccess.yaml (a manifest
// folder) or any other folder (AWS CLI outputs). REV:PATH extracts PATH's folder at that git
// revision into a temporary directory (removed before returning); positions then name PATH
// as the user wrote it, without the temporary prefix.
core::Result<core::Inventory> load_diff_side(std::string_view spec, const core::SourceReader& reader);

// Rewrites every source label starting with `from` to start with `to` instead.
void relabel_sources(core::Inventory& inv, std::string_view from, std::string_view to);

}  // namespace kmsaccess::cli
