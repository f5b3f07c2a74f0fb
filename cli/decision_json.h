// JSON shapes of decisions, shared by who-can, explain, matrix, diff and the report.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/decision.h"
#include "core/inventory.h"

namespace kmsaccess::cli {

using OrderedJson = nlohmann::ordered_json;

OrderedJson reason_json(const core::Reason& r);
OrderedJson condition_json(const core::ResidualCondition& c);
// A decision without the cell it belongs to: decision, via, reasons, conditions.
OrderedJson decision_json(const core::Decision& d);
// The who-can/v1 result object for one cell (a contract: add fields, never rename).
OrderedJson cell_json(const core::Principal& p, const core::Key& k, std::string_view action,
                      const core::Decision& d);

// "\nnote: key K is Disabled: ...\n" for each of `keys` (inventory indexes, in the order given)
// that is not Enabled; empty when all are.
std::string key_state_notes(const core::Inventory& inv, const std::vector<std::size_t>& keys);

// "file:line:col (Sid)" for text output.
std::string reason_text(const core::Reason& r);
std::string condition_text(const core::ResidualCondition& c);
// condition_text of each condition; when the allow side has several alternatives (see
// core/outcome.h), each says which one it belongs to ("[alternative 2]"), since a plain list
// would read as "all of these".
std::vector<std::string> conditions_text(const std::vector<core::ResidualCondition>& conditions);

}  // namespace kmsaccess::cli
