#include "core/key_state.h"

#include <string_view>

#include "core/arn.h"

namespace kmsaccess::core {
namespace {

// What AWS does with requests on a key in `state` (KMS Developer Guide, "Key states of AWS KMS
// keys"); the names are KeyState values, compared ignoring case as the manifest keeps them as
// written.
std::string_view consequence(std::string_view state) {
  if (iequals_ascii(state, "Disabled")) {
    return "AWS refuses cryptographic operations with it until it is enabled (kms:EnableKey)";
  }
  if (iequals_ascii(state, "PendingDeletion")) {
    return "AWS refuses cryptographic operations and most others until the deletion is cancelled "
           "(kms:CancelKeyDeletion)";
  }
  if (iequals_ascii(state, "PendingReplicaDeletion")) {
    return "AWS refuses cryptographic operations and most others while the replica is deleted";
  }
  if (iequals_ascii(state, "PendingImport")) {
    return "AWS refuses cryptographic operations until key material is imported";
  }
  if (iequals_ascii(state, "Unavailable")) {
    return "AWS refuses cryptographic operations until its custom key store is connected";
  }
  if (iequals_ascii(state, "Creating") || iequals_ascii(state, "Updating")) {
    return "AWS refuses cryptographic operations until it is Enabled";
  }
  return "AWS may refuse requests on it";
}

}  // namespace

std::optional<std::string> unusual_key_state(const Key& k) {
  if (!k.key_state || k.key_state->empty() || iequals_ascii(*k.key_state, "Enabled")) return std::nullopt;
  return *k.key_state;
}

std::optional<std::string> key_state_note(const Key& k) {
  auto state = unusual_key_state(k);
  if (!state) return std::nullopt;
  return "key " + k.name + " is " + *state + ": " + std::string(consequence(*state)) +
         "; the decisions show what its policies and grants allow";
}

}  // namespace kmsaccess::core
