// Test helpers for core/impact: load a testdata manifest as the CLI does and diff after changes.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/impact/change.h"
#include "core/impact/matrix_diff.h"
#include "core/loaders/manifest_loader.h"
#include "core/query.h"
#include "core/testing/disk_reader.h"

namespace kmsaccess::core::impact::testing {

inline Inventory load_fixture(std::string_view relative) {
  core::testing::DiskReader reader;
  auto inv = load_manifest(core::testing::source_path(relative), reader);
  REQUIRE_MESSAGE(inv.has_value(), (inv ? "" : inv.error().to_string()));
  add_pseudo_principals(*inv);
  sort_inventory(*inv);
  return *inv;
}

inline Inventory abac() { return load_fixture("testdata/what-if/abac/kmsaccess.yaml"); }

inline MatrixDiff diff_after(const Inventory& before, const std::vector<HypotheticalChange>& changes) {
  Inventory after = before;
  auto applied = apply_changes(after, changes);
  REQUIRE_MESSAGE(applied.has_value(), (applied ? "" : applied.error().to_string()));
  Evaluator old_ev(before), new_ev(after);
  return diff_evaluators(old_ev, new_ev, {});
}

inline HypotheticalChange must(Result<HypotheticalChange> c) {
  REQUIRE_MESSAGE(c.has_value(), (c ? "" : c.error().to_string()));
  return *c;
}

// "role/analyst CMK-B kms:Decrypt gained" lines, for compact assertions.
inline std::vector<std::string> lines(const MatrixDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) {
    out.push_back(c.principal + " " + c.key + " " + std::string(kms_actions()[c.action].name) + " " +
                  std::string(to_string(c.kind)));
  }
  return out;
}

}  // namespace kmsaccess::core::impact::testing
