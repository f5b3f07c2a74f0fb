// Organisation membership (organization.accounts): who is a member, what aws:PrincipalOrgID and
// aws:ResourceOrgID resolve to, and which SCPs and RCPs apply.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/applicable_policies.h"
#include "core/inventory.h"
#include "core/request_context.h"

namespace kmsaccess::core {
namespace {

constexpr const char* kHome = "111122223333";
constexpr const char* kMember = "222233334444";
constexpr const char* kPartner = "555566667777";
constexpr const char* kManagement = "999999999999";

Inventory organisation(std::vector<std::string> members) {
  Inventory inv;
  inv.account = kHome;
  inv.organization_id = "o-example";
  inv.management_account = kManagement;
  inv.organization_accounts = std::move(members);
  normalize_account_set(inv.organization_accounts);
  OrgPolicy scp;
  scp.name = "everyone";
  scp.policy = 0;
  inv.scps.push_back(scp);
  OrgPolicy rcp;
  rcp.name = "every-key";
  rcp.policy = 1;
  inv.rcps.push_back(rcp);
  return inv;
}

Principal role_in(const std::string& account, bool pseudo = false) {
  Principal p;
  p.kind = pseudo ? PrincipalKind::kAccount : PrincipalKind::kRole;
  p.pseudo = pseudo;
  p.account = account;
  p.arn = pseudo ? "arn:aws:iam::" + account + ":root" : "arn:aws:iam::" + account + ":role/App";
  return p;
}

Key key_in(const std::string& account) {
  Key k;
  k.account = account;
  k.arn = "arn:aws:kms:us-east-1:" + account + ":key/k";
  return k;
}

KeyValues lookup(const Inventory& inv, const Principal& p, const Key& k, std::string_view key) {
  EvalOptions options;
  RequestContext ctx(inv, options, p, k, 0);
  return ctx.lookup(key);
}

bool is_org(const KeyValues& v) {
  return v.state == KeyValues::State::kPresent && v.values == std::vector<std::string>{"o-example"};
}

}  // namespace

TEST_CASE("membership: home and management always, listed accounts when a list is given") {
  Inventory unlisted = organisation({});
  CHECK(unlisted.membership(kHome) == OrgMembership::kMember);
  CHECK(unlisted.membership(kManagement) == OrgMembership::kMember);
  CHECK(unlisted.membership(kMember) == OrgMembership::kUnknown);
  CHECK(unlisted.membership("") == OrgMembership::kUnknown);

  Inventory listed = organisation({kMember, kMember});
  CHECK(listed.organization_accounts == std::vector<std::string>{kMember});
  CHECK(listed.membership(kMember) == OrgMembership::kMember);
  CHECK(listed.membership(kHome) == OrgMembership::kMember);
  CHECK(listed.membership(kPartner) == OrgMembership::kOutside);
}

TEST_CASE("aws:PrincipalOrgID is the organisation id for members, and not it for accounts outside the list") {
  Key home_key = key_in(kHome);
  Inventory unlisted = organisation({});
  CHECK(is_org(lookup(unlisted, role_in(kHome), home_key, "aws:principalorgid")));
  CHECK(lookup(unlisted, role_in(kMember), home_key, "aws:principalorgid").state == KeyValues::State::kUnknown);

  Inventory listed = organisation({kMember});
  CHECK(is_org(lookup(listed, role_in(kMember), home_key, "aws:principalorgid")));
  // Any principal of a member account, declared or not, belongs to the organisation.
  CHECK(is_org(lookup(listed, role_in(kMember, true), home_key, "aws:principalorgid")));
  // Outside the list: another organisation's id, or none; not ours.
  KeyValues partner = lookup(listed, role_in(kPartner), home_key, "aws:principalorgid");
  CHECK(partner.state == KeyValues::State::kAbsentOrOther);
  CHECK(partner.values == std::vector<std::string>{"o-example"});

  Principal anyone;
  anyone.kind = PrincipalKind::kAnyone;
  anyone.pseudo = true;
  anyone.account = kHome;
  CHECK(lookup(listed, anyone, home_key, "aws:principalorgid").state == KeyValues::State::kUnknown);

  Inventory no_id = organisation({kMember});
  no_id.organization_id.clear();
  CHECK(lookup(no_id, role_in(kMember), home_key, "aws:principalorgid").state == KeyValues::State::kUnknown);
}

TEST_CASE("aws:ResourceOrgID is the organisation id for keys of members, and not it outside the list") {
  Inventory listed = organisation({kMember});
  Principal p = role_in(kHome);
  CHECK(is_org(lookup(listed, p, key_in(kHome), "aws:resourceorgid")));
  CHECK(is_org(lookup(listed, p, key_in(kMember), "aws:resourceorgid")));
  CHECK(lookup(listed, p, key_in(kPartner), "aws:resourceorgid").state == KeyValues::State::kAbsentOrOther);
  CHECK(lookup(organisation({}), p, key_in(kMember), "aws:resourceorgid").state == KeyValues::State::kUnknown);
}

TEST_CASE("SCPs without accounts: declared accounts without a list, listed members with one") {
  Inventory unlisted = organisation({});
  CHECK(scp_uses(unlisted, role_in(kPartner)).size() == 1);      // read as a member
  CHECK(scp_uses(unlisted, role_in(kPartner, true)).empty());    // an external pseudo-principal
  CHECK(scp_uses(unlisted, role_in(kManagement)).empty());       // never the management account

  Inventory listed = organisation({kMember});
  CHECK(scp_uses(listed, role_in(kMember)).size() == 1);
  CHECK(scp_uses(listed, role_in(kMember, true)).size() == 1);   // any principal of a member account
  CHECK(scp_uses(listed, role_in(kHome)).size() == 1);
  CHECK(scp_uses(listed, role_in(kPartner)).empty());            // outside the organisation
  CHECK(scp_uses(listed, role_in(kManagement)).empty());

  // An SCP that names an account applies to it whatever the list says.
  listed.scps[0].accounts = {kPartner};
  CHECK(scp_uses(listed, role_in(kPartner)).size() == 1);
  CHECK(scp_uses(listed, role_in(kMember)).empty());
}

TEST_CASE("RCPs without accounts: every declared key without a list, member keys with one") {
  Principal p = role_in(kHome);
  Inventory unlisted = organisation({});
  CHECK(rcp_uses(unlisted, p, key_in(kPartner)).size() == 1);

  Inventory listed = organisation({kMember});
  CHECK(rcp_uses(listed, p, key_in(kMember)).size() == 1);
  CHECK(rcp_uses(listed, p, key_in(kHome)).size() == 1);
  CHECK(rcp_uses(listed, p, key_in(kPartner)).empty());
  CHECK(rcp_uses(listed, p, key_in(kManagement)).empty());
}

}  // namespace kmsaccess::core
