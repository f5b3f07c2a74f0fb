// The condition-key values of one request (principal, key, action) as far as the inventory
// knows them. Anything request-time (source IP, encryption context, ViaService, ...) is unknown.
#pragma once

#include <cstddef>

#include "core/condition.h"
#include "core/evaluator.h"
#include "core/inventory.h"

namespace kmsaccess::core {

// aws:ResourceTag and kms:ResourceAliases are honoured only in identity-based policies.
enum class PolicyPlacement : std::uint8_t { kResource, kIdentity };

// What the value RequestContext::lookup gives for a key depends on, when --context does not fix
// it. The compiled matrix path groups principals and keys by the values of the keys a condition
// reads, so this must mirror lookup exactly (the property tests compare both paths).
enum class ContextScope : std::uint8_t {
  kFixed,      // the same for every request of this run
  kPrincipal,  // depends only on the principal
  kKey,        // depends only on the key
  kAction,     // depends only on the action (present for some actions, request-time values)
};
ContextScope context_scope(std::string_view key_lower, PolicyPlacement placement);

class RequestContext : public ConditionContext {
 public:
  RequestContext(const Inventory& inv, const EvalOptions& options, const Principal& principal,
                 const Key& key, std::size_t action)
      : inv_(inv), options_(options), principal_(principal), key_(key), action_(action) {}

  void set_placement(PolicyPlacement placement) { placement_ = placement; }
  KeyValues lookup(std::string_view key_lower) const override;

 private:
  const Inventory& inv_;
  const EvalOptions& options_;
  const Principal& principal_;
  const Key& key_;
  std::size_t action_;
  PolicyPlacement placement_ = PolicyPlacement::kResource;

  KeyValues principal_key(std::string_view key) const;
  KeyValues org_id_of(std::string_view account) const;
  KeyValues resource_key(std::string_view key) const;
  KeyValues kms_key(std::string_view key) const;
};

}  // namespace kmsaccess::core
