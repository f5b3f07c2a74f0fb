#include "core/request_context.h"

#include "core/action_catalog.h"
#include "core/arn.h"

namespace kmsaccess::core {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

// Tag keys in condition keys are matched without regard to case, like condition key names.
std::optional<std::string> find_tag(const Tags& tags, std::string_view key) {
  for (const auto& [k, v] : tags) {
    if (iequals_ascii(k, key)) return v;
  }
  return std::nullopt;
}

KeyValues one(std::string v) { return KeyValues::present({std::move(v)}); }

KeyValues optional_value(const std::optional<std::string>& v) {
  return v ? one(*v) : KeyValues::unknown();
}

bool is_pseudo_group(const Principal& p) {
  return p.kind == PrincipalKind::kAnyone || p.kind == PrincipalKind::kAccount;
}

}  // namespace

KeyValues RequestContext::lookup(std::string_view key) const {
  if (auto it = options_.context.find(std::string(key)); it != options_.context.end()) {
    return KeyValues::present(it->second);
  }
  if (starts_with(key, "aws:principal") || key == "aws:username" || key == "aws:userid" ||
      key == "kms:calleraccount") {
    return principal_key(key);
  }
  if (starts_with(key, "aws:resource") || key == "kms:resourcealiases") return resource_key(key);
  if (key == "aws:requestedregion") return key_.region.empty() ? KeyValues::unknown() : one(key_.region);
  if (key == "aws:sourceaccount" || key == "aws:sourcearn" || key == "aws:sourceorgid" ||
      key == "aws:sourceorgpaths") {
    // Present only when a service principal calls on behalf of a resource.
    if (principal_.kind == PrincipalKind::kService || principal_.kind == PrincipalKind::kAnyone) {
      return KeyValues::unknown();
    }
    return KeyValues::absent();
  }
  if (starts_with(key, "aws:requesttag/") || key == "aws:tagkeys") {
    return action_has_condition_key(action_, key) ? KeyValues::unknown() : KeyValues::absent();
  }
  if (starts_with(key, "aws:")) return KeyValues::unknown();  // request-time global keys
  if (starts_with(key, "kms:")) return kms_key(key);
  // Keys of other services never occur in a KMS request.
  return KeyValues::absent();
}

ContextScope context_scope(std::string_view key, PolicyPlacement placement) {
  if (starts_with(key, "aws:principal") || key == "aws:username" || key == "aws:userid" ||
      key == "kms:calleraccount") {
    return ContextScope::kPrincipal;
  }
  if (key == "aws:resourceaccount" || key == "aws:resourceorgid" || key == "aws:requestedregion") {
    return ContextScope::kKey;
  }
  if (starts_with(key, "aws:resource") || key == "kms:resourcealiases") {
    // Tags and aliases are read only in identity-based policies; elsewhere they are absent.
    return placement == PolicyPlacement::kResource ? ContextScope::kFixed : ContextScope::kKey;
  }
  if (key == "aws:sourceaccount" || key == "aws:sourcearn" || key == "aws:sourceorgid" ||
      key == "aws:sourceorgpaths") {
    return ContextScope::kPrincipal;
  }
  if (starts_with(key, "aws:requesttag/") || key == "aws:tagkeys") return ContextScope::kAction;
  if (starts_with(key, "aws:")) return ContextScope::kFixed;
  if (key == "kms:keyspec" || key == "kms:customermasterkeyspec" || key == "kms:keyusage" ||
      key == "kms:customermasterkeyusage" || key == "kms:keyorigin" || key == "kms:multiregion" ||
      key == "kms:multiregionkeytype") {
    return ContextScope::kKey;
  }
  if (starts_with(key, "kms:")) return ContextScope::kAction;
  return ContextScope::kFixed;
}

// The organisation id seen from an account: ours for a member; for an account organization.accounts
// leaves out, another organisation's or none; unknown without that list.
KeyValues RequestContext::org_id_of(std::string_view account) const {
  switch (inv_.membership(account)) {
    case OrgMembership::kMember: return one(inv_.organization_id);
    case OrgMembership::kOutside: return KeyValues::absent_or_other_than({inv_.organization_id});
    case OrgMembership::kUnknown: break;
  }
  return KeyValues::unknown();
}

KeyValues RequestContext::principal_key(std::string_view key) const {
  const Principal& p = principal_;
  bool service = p.kind == PrincipalKind::kService;
  if (key == "aws:principalisawsservice") {
    if (p.kind == PrincipalKind::kAnyone) return KeyValues::unknown();
    return one(service ? "true" : "false");
  }
  if (key == "aws:principalservicename") {
    if (p.kind == PrincipalKind::kAnyone) return KeyValues::unknown();
    return service ? one(p.arn) : KeyValues::absent();
  }
  if (service) {
    // Which account a service principal's call carries is not documented: unknown, not absent.
    if (key == "aws:principalaccount" || key == "kms:calleraccount") return KeyValues::unknown();
    return KeyValues::absent();
  }
  if (key == "aws:principalorgid") {
    // Known for any principal of a member account (the home and management accounts and those
    // under organization.accounts), pseudo-principals of such an account included.
    if (inv_.organization_id.empty() || p.kind == PrincipalKind::kAnyone) return KeyValues::unknown();
    return org_id_of(p.account);
  }
  if (is_pseudo_group(p)) {
    if ((key == "aws:principalaccount" || key == "kms:calleraccount") && !p.account.empty()) {
      return one(p.account);
    }
    return KeyValues::unknown();
  }
  if (key == "aws:principalaccount" || key == "kms:calleraccount") {
    return p.account.empty() ? KeyValues::unknown() : one(p.account);
  }
  if (key == "aws:principalarn") {
    if (p.kind == PrincipalKind::kAssumedRole) return one(p.role_arn);
    return p.account.empty() ? KeyValues::unknown() : one(p.arn);
  }
  if (key == "aws:principaltype") {
    switch (p.kind) {
      case PrincipalKind::kUser: return one("User");
      case PrincipalKind::kRole:
      case PrincipalKind::kAssumedRole: return one("AssumedRole");
      case PrincipalKind::kFederatedUser: return one("FederatedUser");
      case PrincipalKind::kRoot: return one("Account");
      default: return KeyValues::unknown();
    }
  }
  if (key == "aws:username") {
    if (p.kind != PrincipalKind::kUser) return KeyValues::absent();
    return p.user_name.empty() ? KeyValues::unknown() : one(p.user_name);
  }
  if (key == "aws:userid") return p.unique_id.empty() ? KeyValues::unknown() : one(p.unique_id);
  if (starts_with(key, "aws:principaltag/")) {
    if (p.pseudo) return KeyValues::unknown();
    auto v = find_tag(p.tags, key.substr(17));
    return v ? one(*v) : KeyValues::absent();
  }
  return KeyValues::unknown();  // aws:PrincipalOrgPaths, aws:PrincipalIsAWSService variants
}

KeyValues RequestContext::resource_key(std::string_view key) const {
  if (key == "aws:resourceaccount") return key_.account.empty() ? KeyValues::unknown() : one(key_.account);
  if (key == "aws:resourceorgid") {
    if (inv_.organization_id.empty()) return KeyValues::unknown();
    return org_id_of(key_.account);
  }
  // AWS evaluates these two only in identity-based policies (seed 004; reference/README.md).
  if (placement_ == PolicyPlacement::kResource) return KeyValues::absent();
  if (key == "kms:resourcealiases") {
    if (key_.aliases.empty()) return KeyValues::absent();
    return KeyValues::present(key_.aliases);
  }
  if (starts_with(key, "aws:resourcetag/")) {
    auto v = find_tag(key_.tags, key.substr(16));
    return v ? one(*v) : KeyValues::absent();
  }
  return KeyValues::unknown();
}

KeyValues RequestContext::kms_key(std::string_view key) const {
  // Resource-type keys of the `key` resource: present on every operation against a key,
  // although the per-action table lists them only for CreateKey.
  if (key == "kms:keyspec" || key == "kms:customermasterkeyspec") return optional_value(key_.key_spec);
  if (key == "kms:keyusage" || key == "kms:customermasterkeyusage") return optional_value(key_.key_usage);
  if (key == "kms:keyorigin") return optional_value(key_.origin);
  if (key == "kms:multiregion") {
    return key_.multi_region ? one(*key_.multi_region ? "true" : "false") : KeyValues::unknown();
  }
  if (key == "kms:multiregionkeytype") return optional_value(key_.multi_region_type);
  if (!action_has_condition_key(action_, key)) return KeyValues::absent();
  return KeyValues::unknown();  // request-time: encryption context, ViaService, RequestAlias, ...
}

}  // namespace kmsaccess::core
