// Grants in `aws kms list-grants` shape ({"Grants":[...]}, a bare list, or a list of lists).
#pragma once

#include <string_view>
#include <vector>

#include "core/inventory.h"
#include "core/json.h"
#include "core/result.h"

namespace kmsaccess::core {

// Accepts GranteePrincipal or GranteeServicePrincipal, optional RetiringPrincipal, Operations
// with or without the "kms:" prefix, Constraints{EncryptionContextEquals|Subset, SourceArn}
// (field names matched case-insensitively, as documentation copies vary).
Result<std::vector<Grant>> grants_from_json(const JsonValue& value, std::string_view file);

// One grant object.
Result<Grant> grant_from_json(const JsonValue& value, std::string_view file);

}  // namespace kmsaccess::core
