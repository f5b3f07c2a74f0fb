#include "core/inventory.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/arn.h"

namespace kmsaccess::core {

std::string_view to_string(PrincipalKind k) {
  switch (k) {
    case PrincipalKind::kUser: return "user";
    case PrincipalKind::kRole: return "role";
    case PrincipalKind::kAssumedRole: return "assumed-role";
    case PrincipalKind::kFederatedUser: return "federated-user";
    case PrincipalKind::kRoot: return "root";
    case PrincipalKind::kAccount: return "account";
    case PrincipalKind::kService: return "service";
    case PrincipalKind::kAnyone: return "anyone";
  }
  return "unknown";
}

const Group* Inventory::find_group(std::string_view name) const {
  for (const auto& g : groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

OrgMembership Inventory::membership(std::string_view a) const {
  if (a.empty()) return OrgMembership::kUnknown;
  if (a == account || a == management_account) return OrgMembership::kMember;
  if (organization_accounts.empty()) return OrgMembership::kUnknown;
  bool listed = std::binary_search(organization_accounts.begin(), organization_accounts.end(), a);
  return listed ? OrgMembership::kMember : OrgMembership::kOutside;
}

void normalize_account_set(std::vector<std::string>& accounts) {
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
}

PolicyIndex Inventory::add_policy(PolicyDocument doc) {
  policies.push_back(std::move(doc));
  return policies.size() - 1;
}

namespace {

// The account a principal string names, if it names an account principal (root or bare id).
std::optional<std::string> account_principal(std::string_view value) {
  if (is_account_id(value)) return std::string(value);
  auto arn = parse_arn(value);
  if (arn && arn->service == "iam" && arn->resource == "root") return arn->account;
  return std::nullopt;
}

// ASCII case-insensitive hashing and equality over views: ARN lookups ignore case, and the tens
// of thousands of declared ARNs are looked up as they are rather than copied in lower case.
struct AsciiCaseInsensitiveHash {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 14695981039346656037ULL;  // FNV-1a
    for (char c : s) {
      h ^= static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      h *= 1099511628211ULL;
    }
    return static_cast<std::size_t>(h);
  }
};

struct AsciiCaseInsensitiveEqual {
  bool operator()(std::string_view a, std::string_view b) const noexcept { return iequals_ascii(a, b); }
};

class PseudoBuilder {
 public:
  explicit PseudoBuilder(const Inventory& inv) {
    for (const auto& p : inv.principals) {
      if (!p.pseudo) declared_accounts_.insert(p.account);
    }
    if (!inv.account.empty()) declared_accounts_.insert(inv.account);
  }

  // `value` views a policy or grant of the inventory, which outlives the builder. Key policies
  // repeat the same few principals, so a value seen before is not parsed again.
  void add_aws(std::string_view value) {
    if (!seen_aws_.insert(value).second) return;
    if (value == "*") return add(PrincipalKind::kAnyone, "*", "", "*");
    if (auto account = account_principal(value)) {
      if (declared_accounts_.count(*account) != 0) return;
      std::string arn = "arn:aws:iam::" + *account + ":root";
      return add(PrincipalKind::kAccount, arn, *account, "account:" + *account);
    }
    auto arn = parse_arn(value);
    if (!arn) {
      // A unique id (AIDA..., AROA...) left behind by a deleted principal: still listed.
      if (value.size() > 4 && value.find_first_of("*?:/") == std::string_view::npos) {
        add(PrincipalKind::kUser, std::string(value), "", std::string(value));
      }
      return;
    }
    if (value.find_first_of("*?") != std::string_view::npos) return;  // AWS rejects these
    PrincipalKind kind = PrincipalKind::kUser;
    std::string_view res = arn->resource;
    if (arn->service == "sts" && res.rfind("assumed-role/", 0) == 0) {
      kind = PrincipalKind::kAssumedRole;
    } else if (arn->service == "sts" && res.rfind("federated-user/", 0) == 0) {
      kind = PrincipalKind::kFederatedUser;
    } else if (arn->service == "iam" && res.rfind("role/", 0) == 0) {
      kind = PrincipalKind::kRole;
    } else if (arn->service == "iam" && res.rfind("user/", 0) == 0) {
      kind = PrincipalKind::kUser;
    } else {
      return;
    }
    add(kind, std::string(value), arn->account, std::string(value));
  }

  void add_service(std::string_view service) {
    add(PrincipalKind::kService, std::string(service), "", std::string(service));
  }

  // Appends, in order of first mention, the principals named that the inventory does not hold
  // already (by ARN or unique id, ignoring case). The names are few and the inventory's principals
  // many, so each principal is looked up among the names rather than the other way round.
  void append_to(Inventory& inv) {
    std::vector<bool> held(named_.size(), false);
    for (const auto& p : inv.principals) {
      if (auto it = named_index_.find(p.arn); it != named_index_.end()) held[it->second] = true;
      if (p.unique_id.empty()) continue;
      if (auto it = named_index_.find(p.unique_id); it != named_index_.end()) held[it->second] = true;
    }
    named_index_.clear();
    inv.principals.reserve(inv.principals.size() + named_.size());
    for (std::size_t i = 0; i < named_.size(); ++i) {
      if (!held[i]) inv.principals.push_back(std::move(named_[i]));
    }
    named_.clear();
  }

 private:
  std::unordered_set<std::string> declared_accounts_;
  std::unordered_set<std::string_view> seen_aws_;
  // The principals named, in order of first mention, and where each ARN sits among them. The
  // index views the ARNs in the deque, which keeps its elements in place as it grows.
  std::deque<Principal> named_;
  std::unordered_map<std::string_view, std::size_t, AsciiCaseInsensitiveHash, AsciiCaseInsensitiveEqual>
      named_index_;

  void add(PrincipalKind kind, std::string arn, std::string account, std::string name) {
    if (named_index_.count(arn) != 0) return;
    Principal& p = named_.emplace_back();
    p.kind = kind;
    p.arn = std::move(arn);
    p.account = std::move(account);
    p.name = std::move(name);
    p.pseudo = true;
    if (kind == PrincipalKind::kAssumedRole) {
      auto parsed = parse_arn(p.arn);
      std::string_view rest = std::string_view(parsed->resource).substr(13);
      p.role_arn = "arn:" + parsed->partition + ":iam::" + parsed->account + ":role/" +
                   std::string(rest.substr(0, rest.find('/')));
    }
    if (kind == PrincipalKind::kUser && p.account.empty()) p.unique_id = p.arn;
    named_index_.emplace(p.arn, named_.size() - 1);
  }
};

}  // namespace

namespace {

// A role's name is unique in its account whatever its path: "ACCOUNT/name".
std::string role_name_key(std::string_view account, std::string_view role_arn) {
  auto arn = parse_arn(role_arn);
  if (!arn || arn->resource.rfind("role/", 0) != 0) return {};
  std::string_view res = arn->resource;
  return std::string(account) + "/" + std::string(res.substr(res.rfind('/') + 1));
}

// A session acts with its role's identity: the role's ARN with its path (aws:PrincipalArn),
// policies and boundary unless the session declares its own, the role's tags under the session's
// (session tags win, as in IAM), and aws:userid "ROLEID:session".
void complete_sessions(Inventory& inv) {
  std::unordered_map<std::string, std::size_t> roles;
  for (std::size_t i = 0; i < inv.principals.size(); ++i) {
    const Principal& r = inv.principals[i];
    if (r.kind == PrincipalKind::kRole && !r.pseudo) roles.emplace(role_name_key(r.account, r.arn), i);
  }
  if (roles.empty()) return;
  for (Principal& s : inv.principals) {
    if (s.kind != PrincipalKind::kAssumedRole) continue;
    auto it = roles.find(role_name_key(s.account, s.role_arn));
    if (it == roles.end()) continue;
    const Principal& role = inv.principals[it->second];
    s.role_arn = role.arn;
    if (s.pseudo) continue;  // an undeclared session's own policies stay unknown
    if (s.policies.empty() && s.groups.empty()) s.policies = role.policies;
    if (!s.boundary) s.boundary = role.boundary;
    for (const auto& [k, v] : role.tags) s.tags.emplace(k, v);  // keeps the session's own values
    if (s.unique_id.empty() && !role.unique_id.empty()) {
      s.unique_id = role.unique_id + ":" + s.arn.substr(s.arn.rfind('/') + 1);
    }
  }
}

}  // namespace

void add_pseudo_principals(Inventory& inv) {
  PseudoBuilder builder(inv);
  for (const auto& key : inv.keys) {
    if (key.policy) {
      for (const auto& st : inv.policies[*key.policy].statements) {
        if (!st.has_effect || st.effect != Effect::kAllow || !st.has_principal || st.not_principal) {
          continue;
        }
        if (st.principal.wildcard) builder.add_aws("*");
        for (const auto& e : st.principal.entries) {
          if (e.type == PrincipalType::kAws) builder.add_aws(e.value);
          if (e.type == PrincipalType::kService) builder.add_service(e.value);
        }
      }
    }
    for (const auto& g : key.grants) {
      if (g.grantee_is_service) {
        builder.add_service(g.grantee);
      } else if (!g.grantee.empty()) {
        // Grantee service principals may also arrive in GranteePrincipal ("dynamodb...amazonaws.com").
        if (g.grantee.find(".amazonaws.com") != std::string::npos) {
          builder.add_service(g.grantee);
        } else {
          builder.add_aws(g.grantee);
        }
      }
      // The retiring principal may retire the grant: an access of its own, never hidden.
      if (g.retiring.find(".amazonaws.com") != std::string::npos) {
        builder.add_service(g.retiring);
      } else if (!g.retiring.empty()) {
        builder.add_aws(g.retiring);
      }
    }
  }
  builder.append_to(inv);
  complete_sessions(inv);  // declared sessions, and those named only by policies
}

namespace {

// A stable sort that moves each element once: principals and keys are large, and a merge sort
// moves them log(n) times. Inputs that are already in order (the usual case) move nothing.
template <typename T, typename Less>
void stable_sort_moving_once(std::vector<T>& v, Less less) {
  if (std::is_sorted(v.begin(), v.end(), less)) return;
  std::vector<std::size_t> order(v.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return less(v[a], v[b]); });
  std::vector<T> sorted;
  sorted.reserve(v.size());
  for (std::size_t i : order) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

}  // namespace

void sort_inventory(Inventory& inv) {
  stable_sort_moving_once(inv.keys,
                          [](const Key& a, const Key& b) { return std::tie(a.name, a.arn) < std::tie(b.name, b.arn); });
  // Declared principals first (by name), then pseudo-principals (by name): stable and readable.
  stable_sort_moving_once(inv.principals, [](const Principal& a, const Principal& b) {
    return std::tie(a.pseudo, a.name, a.arn) < std::tie(b.pseudo, b.name, b.arn);
  });
  stable_sort_moving_once(inv.groups, [](const Group& a, const Group& b) { return a.name < b.name; });
  for (auto& key : inv.keys) {
    std::sort(key.aliases.begin(), key.aliases.end());
    std::stable_sort(key.grants.begin(), key.grants.end(),
                     [](const Grant& a, const Grant& b) { return a.grant_id < b.grant_id; });
  }
}

}  // namespace kmsaccess::core
