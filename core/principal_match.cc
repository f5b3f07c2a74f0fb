#include "core/principal_match.h"

#include "core/arn.h"

namespace kmsaccess::core {
namespace {

// "role/path/Name" -> "Name": sessions name their role without its path.
std::string_view last_segment(std::string_view resource) {
  auto slash = resource.rfind('/');
  return slash == std::string_view::npos ? resource : resource.substr(slash + 1);
}

bool same_role(std::string_view named_role_arn, std::string_view role_arn) {
  auto a = parse_arn(named_role_arn);
  auto b = parse_arn(role_arn);
  if (!a || !b) return false;
  return a->account == b->account && a->resource.rfind("role/", 0) == 0 &&
         b->resource.rfind("role/", 0) == 0 &&
         last_segment(a->resource) == last_segment(b->resource);
}

void match_aws_entry(std::string_view value, const Principal& p, PrincipalMatch& m) {
  if (value == "*") {
    m.direct = m.wildcard = true;
    return;
  }
  if (p.kind == PrincipalKind::kService || p.kind == PrincipalKind::kAnyone) return;
  std::string_view account;
  auto arn = parse_arn(value);
  if (is_account_id(value)) {
    account = value;
  } else if (arn && arn->service == "iam" && arn->resource == "root") {
    account = arn->account;
  }
  if (!account.empty()) {
    if (account == p.account) {
      if (p.kind == PrincipalKind::kRoot || p.kind == PrincipalKind::kAccount) {
        m.direct = true;  // the root user itself, or "any principal of that account"
      } else {
        m.account = true;
      }
    }
    return;
  }
  if (!p.unique_id.empty() && value == p.unique_id) {
    m.direct = true;
    return;
  }
  if (!arn || value.find_first_of("*?") != std::string_view::npos) return;  // AWS rejects these
  if (iequals_ascii(value, p.arn)) {
    m.direct = true;
    if (p.kind == PrincipalKind::kRole) m.by_role_arn = true;
    return;
  }
  if (p.kind == PrincipalKind::kAssumedRole && same_role(value, p.role_arn)) {
    m.direct = m.by_role_arn = true;
  } else if (p.kind == PrincipalKind::kRole && same_role(value, p.arn)) {
    m.direct = m.by_role_arn = true;
  }
}

}  // namespace

PrincipalMatch match_principal(const PrincipalSpec& spec, const Principal& p) {
  PrincipalMatch m;
  if (spec.wildcard) {
    m.direct = m.wildcard = true;
    return m;
  }
  for (const auto& e : spec.entries) {
    switch (e.type) {
      case PrincipalType::kAws: match_aws_entry(e.value, p, m); break;
      case PrincipalType::kService:
        if (p.kind == PrincipalKind::kService && iequals_ascii(e.value, p.arn)) m.direct = true;
        break;
      case PrincipalType::kFederated:
        if (p.kind == PrincipalKind::kFederatedUser && iequals_ascii(e.value, p.arn)) m.direct = true;
        break;
      case PrincipalType::kCanonicalUser: break;  // S3 only; never a KMS caller
    }
  }
  return m;
}

bool principal_listed(const PrincipalSpec& spec, const Principal& p) {
  PrincipalMatch m = match_principal(spec, p);
  return m.direct || m.account;
}

}  // namespace kmsaccess::core
