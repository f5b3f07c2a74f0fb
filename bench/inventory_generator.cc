#include "bench/inventory_generator.h"

#include <array>
#include <cstdio>
#include <vector>

#include "bench/policy_shapes.h"

namespace kmsaccess::bench {
namespace {

constexpr const char* kOrgId = "o-synth0example";
constexpr const char* kManagement = "999988887777";
constexpr const char* kExternal = "444455556666";
constexpr std::array<const char*, 3> kOrgAccounts = {"111122223333", "222233334444", "333344445555"};
constexpr std::array<const char*, 6> kProjects = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};
constexpr std::array<const char*, 2> kRegions = {"us-east-1", "eu-west-1"};
constexpr std::array<const char*, 4> kGroups = {"Analysts", "Developers", "KeyAdmins", "Operators"};
constexpr std::array<const char*, 4> kManagedServices = {"s3", "ebs", "rds", "secretsmanager"};

struct PrincipalSpec {
  std::string name, arn, account, role_arn;
  bool user = false, role = false, admin = false;
  std::vector<std::string> policies, groups;
  std::string boundary, project;
};

struct KeySpec {
  std::string name, arn, account, region, project, alias;
};

std::string pad(std::size_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*zu", width, n);
  return buf;
}

std::string key_arn(const std::string& region, const std::string& account, std::size_t i) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%08zx-0000-4000-8000-%012zx", i + 1, (i * 2654435761U) & 0xffffffffffffU);
  return "arn:aws:kms:" + region + ":" + account + ":key/" + buf;
}

class Generator {
 public:
  explicit Generator(const GenOptions& o) : opt_(o), rng_(o.seed * 0x2545F4914F6CDD1DULL + 17) {}

  GeneratedInventory run() {
    make_keys();
    make_principals();
    std::string yaml = header();
    yaml += "keys:\n";
    for (std::size_t i = 0; i < keys_.size(); ++i) yaml += key_entry(i);
    yaml += "principals:\n";
    for (const auto& p : principals_) yaml += principal_entry(p);
    yaml += groups_and_scps();
    out_.files["kmsaccess.yaml"] = yaml;
    for (const auto& [path, text] : out_.files) {
      if (path != "kmsaccess.yaml") out_.policy_bytes += text.size();
    }
    return std::move(out_);
  }

 private:
  GenOptions opt_;
  Rng rng_;
  GeneratedInventory out_;
  std::vector<KeySpec> keys_;
  std::vector<PrincipalSpec> principals_;

  const char* pick_account() {
    std::size_t r = rng_.below(100);
    return r < 60 ? kOrgAccounts[0] : r < 80 ? kOrgAccounts[1] : r < 95 ? kOrgAccounts[2] : kExternal;
  }

  std::string add_file(const std::string& path, const std::vector<Stmt>& statements) {
    if (out_.files.count(path) == 0) out_.files[path] = render_policy(statements);
    return path;
  }

  void make_keys() {
    for (std::size_t i = 0; i < opt_.keys; ++i) {
      KeySpec k;
      k.name = "key-" + pad(i + 1, 5);
      k.account = kOrgAccounts[rng_.below(100) < 70 ? 0 : 1 + rng_.below(2)];
      k.region = kRegions[rng_.below(100) < 80 ? 0 : 1];
      k.arn = key_arn(k.region, k.account, i);
      k.project = kProjects[rng_.below(kProjects.size())];
      k.alias = "alias/" + k.project + "-" + pad(i + 1, 5);
      keys_.push_back(std::move(k));
    }
  }

  // Managed policies shared by many principals: one file each, referenced by path.
  std::string managed(std::size_t which, const std::string& account, const std::string& project) {
    switch (which) {
      case 0: return add_file("managed/kms-admin.json", {{"", "Allow", "", {"kms:*"}, false, {"*"}, ""}});
      case 1:
        return add_file("managed/kms-read-only.json",
                        {{"", "Allow", "", {"kms:Describe*", "kms:List*", "kms:Get*"}, false, {"*"}, ""}});
      case 2:
        return add_file("managed/kms-crypto-" + account + ".json",
                        {{"AccountKeys", "Allow", "", crypto_actions(), false,
                          {"arn:aws:kms:*:" + account + ":key/*"}, ""}});
      case 3:
        return add_file("managed/abac-" + project + ".json",
                        {{"ProjectKeys", "Allow", "", console_user_actions(), false, {"*"},
                          "{\"StringEquals\": {\"aws:ResourceTag/Project\": " + json_string(project) + "}}"}});
      case 4:
        return add_file("managed/abac-principal-tag.json",
                        {{"SameProjectKeys", "Allow", "", crypto_actions(), false, {"*"},
                          "{\"StringEquals\": {\"aws:ResourceTag/Project\": \"${aws:PrincipalTag/Project}\"}}"}});
      case 5:
        return add_file("managed/alias-" + project + ".json",
                        {{"AliasKeys", "Allow", "", {"kms:Decrypt", "kms:Encrypt"}, false, {"*"},
                          "{\"ForAnyValue:StringLike\": {\"kms:ResourceAliases\": \"alias/" + project + "-*\"}}"}});
      default:
        return add_file("managed/deny-key-deletion.json",
                        {{"NoDeletion", "Deny", "", {"kms:ScheduleKeyDeletion", "kms:DeleteImportedKeyMaterial"},
                          false, {"*"}, ""}});
    }
  }

  std::string own_policy(const PrincipalSpec& p) {
    std::vector<Stmt> st;
    std::size_t n = 1 + rng_.below(4);
    std::vector<std::string> arns;
    for (std::size_t i = 0; i < n && !keys_.empty(); ++i) arns.push_back(keys_[rng_.below(keys_.size())].arn);
    std::size_t shape = rng_.below(10);
    if (shape < 6 && !arns.empty()) {
      st.push_back({"UseKeys", "Allow", "", console_user_actions(), false, arns, ""});
    } else if (shape < 8) {
      st.push_back({"AccountKeys", "Allow", "", {"kms:Decrypt", "kms:GenerateDataKey"}, false,
                    {"arn:aws:kms:" + std::string(kRegions[rng_.below(2)]) + ":" + p.account + ":key/*"}, ""});
    } else {
      st.push_back({"ViaS3", "Allow", "", {"kms:Decrypt", "kms:GenerateDataKey*"}, false, {"*"},
                    "{\"StringEquals\": {\"kms:ViaService\": \"s3.us-east-1.amazonaws.com\"}}"});
    }
    if (rng_.chance(15) && !arns.empty()) st.push_back({"DenyOne", "Deny", "", {"kms:Decrypt"}, false, {arns[0]}, ""});
    if (rng_.chance(opt_.compact ? 20 : 5)) {
      st.push_back({"OnlyRead", "Deny", "", {"kms:Describe*", "kms:List*", "kms:Get*", "kms:Encrypt"}, true,
                    {keys_.empty() ? "*" : keys_[rng_.below(keys_.size())].arn}, ""});
    }
    return add_file("principals/" + p.name + ".json", st);
  }

  void make_principals() {
    std::size_t roles = 0;
    for (std::size_t i = 0; i < opt_.principals; ++i) {
      PrincipalSpec p;
      p.account = pick_account();
      p.project = kProjects[rng_.below(kProjects.size())];
      std::size_t kind = rng_.below(100);
      if (kind < 15 && roles > 0) {  // a session of an earlier role: the role's policies apply
        const PrincipalSpec* role = nullptr;
        for (std::size_t tries = 0; tries < 8 && role == nullptr; ++tries) {
          const PrincipalSpec& c = principals_[rng_.below(principals_.size())];
          if (c.role) role = &c;
        }
        if (role != nullptr) {
          p = *role;
          p.role = false;
          p.role_arn = role->arn;
          std::string session = "s" + pad(i + 1, 5);
          p.name = role->name + "@" + session;
          std::string role_name = role->arn.substr(role->arn.find(":role/") + 6);
          p.arn = "arn:aws:sts::" + p.account + ":assumed-role/" + role_name + "/" + session;
          principals_.push_back(std::move(p));
          continue;
        }
      }
      if (kind < 55) {
        p.user = true;
        p.name = "user-" + pad(i + 1, 5);
        p.arn = "arn:aws:iam::" + p.account + ":user/" + (rng_.chance(30) ? "eng/" : "") + p.name;
        p.groups.push_back(kGroups[rng_.below(kGroups.size())]);
        if (rng_.chance(20)) p.groups.push_back(kGroups[rng_.below(kGroups.size())]);
        if (p.groups.size() == 2 && p.groups[0] == p.groups[1]) p.groups.pop_back();
      } else {
        p.role = true;
        ++roles;
        p.admin = rng_.chance(10);
        p.name = (p.admin ? "admin-role-" : "app-role-") + pad(i + 1, 5);
        p.arn = "arn:aws:iam::" + p.account + ":role/" + p.name;
        if (rng_.chance(25)) {
          p.boundary = rng_.chance(50)
              ? add_file("boundaries/crypto-only.json", {{"", "Allow", "", console_user_actions(), false, {"*"}, ""}})
              : add_file("boundaries/no-admin.json",
                         {{"", "Allow", "", {"kms:*"}, false, {"*"}, ""},
                          {"", "Deny", "", {"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"}, false, {"*"}, ""}});
        }
      }
      std::size_t shared = 1 + rng_.below(opt_.compact ? 2 : 3);
      for (std::size_t s = 0; s < shared; ++s) {
        std::size_t which = p.admin ? 0 : 1 + rng_.below(6);
        std::string path = managed(which, p.account, p.project);
        bool dup = false;
        for (const auto& x : p.policies) dup = dup || x == path;
        if (!dup) p.policies.push_back(path);
      }
      if (rng_.chance(opt_.compact ? 60 : 30)) p.policies.push_back(own_policy(p));
      principals_.push_back(std::move(p));
    }
  }

  std::vector<std::string> pick_principals(const std::string& account, bool admins, std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t tries = 0; tries < n * 6 && out.size() < n && !principals_.empty(); ++tries) {
      const PrincipalSpec& p = principals_[rng_.below(principals_.size())];
      if (p.account != account || !p.role_arn.empty() || (admins && !p.admin)) continue;
      bool dup = false;
      for (const auto& x : out) dup = dup || x == p.arn;
      if (!dup) out.push_back(p.arn);
    }
    return out;
  }

  std::string key_policy(const KeySpec& k, bool& aws_managed_key) {
    std::vector<Stmt> st;
    std::size_t shape = rng_.below(100);
    aws_managed_key = false;
    if (shape < 25) {
      st.push_back(root_enablement(k.account));
    } else if (shape < 65) {  // console split, some with another account as a key user
      st.push_back(root_enablement(k.account));
      auto admins = pick_principals(k.account, true, 1 + rng_.below(2));
      auto users = pick_principals(k.account, false, 1 + rng_.below(4));
      if (shape >= 55) users.push_back(std::string("arn:aws:iam::") + kExternal + ":root");
      if (!admins.empty()) st.push_back(key_admins(admins));
      if (!users.empty()) {
        st.push_back(key_users(users));
        st.push_back(key_users_grants(users));
      }
    } else if (shape < 75) {
      aws_managed_key = true;
      auto statements = aws_managed(k.account, kManagedServices[rng_.below(kManagedServices.size())], k.region);
      st.insert(st.end(), statements.begin(), statements.end());
    } else if (shape < 85) {
      st.push_back(root_enablement(k.account));
      st.push_back(service_principal("logs." + k.region + ".amazonaws.com", k.account, k.region));
    } else {
      st.push_back(root_enablement(k.account));
      st.push_back(org_wide_use(kOrgId));
    }
    if (rng_.chance(opt_.compact ? 30 : 10)) st.push_back(deny_deletion_except("arn:aws:iam::*:role/admin-role-*"));
    if (rng_.chance(opt_.compact ? 20 : 5)) st.push_back(deny_outside_org(kOrgId));
    return render_policy(st);
  }

  std::string grants(const KeySpec& k) {
    std::string out;
    std::size_t n = 1 + rng_.below(3);
    for (std::size_t g = 0; g < n; ++g) {
      auto grantee = pick_principals(k.account, false, 1);
      if (grantee.empty()) continue;
      out += "      - GrantId: g-" + k.name + "-" + std::to_string(g) + "\n";
      out += "        GranteePrincipal: " + grantee[0] + "\n";
      out += "        Operations: [Decrypt, Encrypt, GenerateDataKey]\n";
      if (rng_.chance(50)) out += "        Constraints:\n          EncryptionContextSubset: {Department: IT}\n";
    }
    return out.empty() ? out : "    grants:\n" + out;
  }

  std::string key_entry(std::size_t i) {
    const KeySpec& k = keys_[i];
    bool managed_key = false;
    std::string path = "keys/" + k.name + ".json";
    out_.files[path] = key_policy(k, managed_key);
    std::string e = "  - name: " + k.name + "\n    arn: " + k.arn + "\n    policy: " + path + "\n";
    if (managed_key) return e + "    manager: AWS\n";
    e += "    tags: {Project: " + k.project + ", Env: " + (rng_.chance(50) ? "prod" : "dev") + "}\n";
    e += "    aliases: [" + k.alias + "]\n";
    if (rng_.chance(opt_.compact ? 35 : 15)) e += grants(k);
    return e;
  }

  static std::string yaml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
    return out + "]";
  }

  static std::string principal_entry(const PrincipalSpec& p) {
    std::string e = "  - name: " + p.name + "\n    arn: " + p.arn + "\n";
    if (!p.policies.empty()) e += "    policies: " + yaml_list(p.policies) + "\n";
    if (!p.groups.empty()) e += "    groups: " + yaml_list(p.groups) + "\n";
    if (!p.boundary.empty()) e += "    boundary: " + p.boundary + "\n";
    if (p.role || !p.role_arn.empty()) e += "    tags: {Project: " + p.project + "}\n";
    return e;
  }

  std::string header() const {
    return "# Synthetic inventory: kmsaccess-gen --principals " + std::to_string(opt_.principals) + " --keys " +
           std::to_string(opt_.keys) + " --seed " + std::to_string(opt_.seed) + "\nversion: 1\naccount: \"" +
           kOrgAccounts[0] + "\"\nregion: us-east-1\norganization:\n  id: " + kOrgId +
           "\n  management_account: \"" + kManagement + "\"\n  accounts: [\"" + kManagement + "\", \"" +
           kOrgAccounts[0] + "\", \"" + kOrgAccounts[1] + "\", \"" + kOrgAccounts[2] + "\"]\n";
  }

  std::string groups_and_scps() {
    std::string y = "groups:\n";
    for (const char* g : kGroups) {
      std::string name = g;
      std::string policy = name == "KeyAdmins" ? managed(0, "", "") : name == "Analysts" ? managed(1, "", "")
                           : name == "Developers" ? managed(3, kOrgAccounts[0], "alpha") : managed(5, "", "beta");
      y += "  - name: " + name + "\n    policies: [" + policy + "]\n";
    }
    std::string deletion = add_file(
        "scps/deny-key-deletion.json",
        {{"DenyKeyDeletion", "Deny", "", {"kms:ScheduleKeyDeletion", "kms:DeleteImportedKeyMaterial"}, false,
          {"*"}, "{\"ArnNotLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/admin-role-*\"}}"}});
    std::string regions = add_file(
        "scps/region-lock.json",
        {{"RegionLock", "Deny", "", {"kms:*"}, false, {"*"},
          "{\"StringNotEquals\": {\"aws:RequestedRegion\": [\"us-east-1\", \"eu-west-1\"]}}"}});
    std::string accounts = "[\"" + std::string(kOrgAccounts[0]) + "\", \"" + kOrgAccounts[1] + "\", \"" +
                           kOrgAccounts[2] + "\"]";
    y += "scps:\n  - name: deny-key-deletion\n    policy: " + deletion + "\n    accounts: " + accounts + "\n";
    y += "  - name: region-lock\n    policy: " + regions + "\n    accounts: " + accounts + "\n";
    return y;
  }
};

}  // namespace

GeneratedInventory generate_inventory(const GenOptions& options) { return Generator(options).run(); }

}  // namespace kmsaccess::bench
