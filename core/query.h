// Selecting keys, principals and actions from user-supplied names, ARNs, aliases and patterns.
#pragma once

#include <string>
#include <vector>

#include "core/action_catalog.h"
#include "core/inventory.h"
#include "core/result.h"

namespace kmsaccess::core {

// A key selector matches the display name, ARN, key id or an alias ("alias/x" or "x");
// '*' and '?' are allowed. No selectors: every key. A selector matching nothing is an error.
Result<std::vector<std::size_t>> select_keys(const Inventory& inv, const std::vector<std::string>& selectors);

// A principal selector matches the display name or ARN (wildcards allowed).
Result<std::vector<std::size_t>> select_principals(const Inventory& inv,
                                                   const std::vector<std::string>& selectors);

// Action selectors: "kms:Decrypt", "Decrypt", "kms:Generate*", or a group name:
// "encrypt-decrypt" (the default of `matrix`), "crypto", "admin", "key" (every key action).
// No selectors: `fallback`. Only key actions are returned.
Result<ActionMask> select_actions(const std::vector<std::string>& selectors, ActionMask fallback);

// The symmetric encrypt/decrypt-class operations: what seed 002's grid means by "access".
ActionMask encrypt_decrypt_mask();
// Key administration actions (the console's "key administrators" set).
ActionMask admin_actions_mask();

}  // namespace kmsaccess::core
