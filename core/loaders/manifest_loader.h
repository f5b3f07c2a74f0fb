// Loads the kmsaccess.yaml manifest (format v1, docs/manifest.md) into an Inventory.
#pragma once

#include <string_view>

#include "core/inventory.h"
#include "core/result.h"
#include "core/source_reader.h"

namespace kmsaccess::core {

struct ManifestOptions {
  bool allow_outside_paths = false;  // paths must stay inside the manifest's folder tree
  PolicyLimits limits;
};

// Reads and loads the manifest at `path`; policy and grant paths are relative to its folder.
Result<Inventory> load_manifest(std::string_view path, const SourceReader& reader,
                                const ManifestOptions& options = {});

// Same, from manifest text already in memory (`path` labels positions and anchors relative paths).
Result<Inventory> parse_manifest(std::string_view yaml_text, std::string_view path,
                                 const SourceReader& reader, const ManifestOptions& options = {});

}  // namespace kmsaccess::core
