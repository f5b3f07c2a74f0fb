// Key states other than Enabled. They are not part of authorization (policies and grants decide
// who may call an action), but AWS refuses most requests on a key in one of them, so the
// commands show a note beside the decisions instead of changing them.
#pragma once

#include <optional>
#include <string>

#include "core/inventory.h"

namespace kmsaccess::core {

// "key K is Disabled: AWS refuses ...", for a key whose recorded state (describe-key's KeyState,
// CloudFormation Enabled, Terraform is_enabled, the manifest's key_state) is known and not
// Enabled; nullopt otherwise.
std::optional<std::string> key_state_note(const Key& k);

// The state to show beside a decision on `k`: its key_state when known and not Enabled.
std::optional<std::string> unusual_key_state(const Key& k);

}  // namespace kmsaccess::core
