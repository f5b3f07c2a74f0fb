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
  // Policy files are read and parsed on this many threads (the SourceReader must allow
  // concurrent reads). The inventory and the error reported are the same for any value.
  unsigned threads = 1;
};

// Reads and loads the manifest at `path`; policy and grant paths are relative to its folder.
Result<Inventory> load_manifest(std::string_view path, const SourceReader& reader,
                                const ManifestOptions& options = {});

// Same, from manifest text already in memory (`path` labels positions and anchors relative paths).
Result<Inventory> parse_manifest(std::string_view yaml_text, std::string_view path,
                                 const SourceReader& reader, const ManifestOptions& options = {});

}  // namespace kmsaccess::core
