#include "core/decision.h"

namespace kmsaccess::core {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kAllow: return "allow";
    case Verdict::kConditional: return "conditional";
    case Verdict::kDeny: return "deny";
    case Verdict::kImplicitDeny: return "implicit-deny";
  }
  return "implicit-deny";
}

std::string_view to_string(ReasonSource s) {
  switch (s) {
    case ReasonSource::kKeyPolicy: return "key-policy";
    case ReasonSource::kIdentityPolicy: return "identity-policy";
    case ReasonSource::kGroupPolicy: return "group-policy";
    case ReasonSource::kGrant: return "grant";
    case ReasonSource::kScp: return "scp";
    case ReasonSource::kRcp: return "rcp";
    case ReasonSource::kBoundary: return "permissions-boundary";
    case ReasonSource::kSessionPolicy: return "session-policy";
    case ReasonSource::kRule: return "rule";
  }
  return "rule";
}

}  // namespace kmsaccess::core
