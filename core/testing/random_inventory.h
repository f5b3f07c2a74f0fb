// Random small inventories (manifest YAML plus policy and grant JSON) for the compiled-path
// property test: keys in two accounts and regions with tags, aliases, metadata and grants; users,
// roles, sessions, roots, federated and external principals with tags, groups, boundaries and
// session policies; SCPs and RCPs; and random --context values.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bench/inventory_generator.h"
#include "core/evaluator.h"
#include "core/inventory_merge.h"
#include "core/loaders/manifest_loader.h"
#include "core/source_reader.h"
#include "core/testing/load_files.h"
#include "core/testing/random_policy.h"

namespace kmsaccess::core::testing {

struct RandomCase {
  std::uint64_t seed = 0;
  std::map<std::string, std::string> files;  // "kmsaccess.yaml" and the files it names
  EvalOptions options;
  ScopeTally tally;

  // Every file and the --context values, for failure messages.
  std::string text() const {
    std::string out;
    for (const auto& [path, body] : files) out += "--- " + path + "\n" + body + (body.ends_with('\n') ? "" : "\n");
    for (const auto& [key, values] : options.context) {
      out += "--context " + key + "=";
      for (std::size_t i = 0; i < values.size(); ++i) out += (i == 0 ? "" : ",") + values[i];
      out += "\n";
    }
    return out;
  }
};

// Loads a case the way the CLI does: manifest, unique names, pseudo-principals, sorted.
inline Result<Inventory> load_case(const RandomCase& c) {
  auto inv = load_files(c.files);
  if (inv) prepare_like_cli(*inv);
  return inv;
}

// What the builder draws from (values as YAML text).
inline constexpr std::string_view kPrefixes[] = {"", "", "payments-", "data-", "alice-"};
inline constexpr std::string_view kUsers[] = {"alice", "bob", "carol"};
// A service-linked role too: outside SCPs and RCPs, which the key side must not share.
inline constexpr std::string_view kRoles[] = {"App", "Worker", "Admin", "AWSServiceRoleForAutoScaling"};
inline constexpr std::string_view kPaths[] = {"", "", "eng/", "svc/team/", "aws-service-role/autoscaling.amazonaws.com/"};
inline constexpr std::string_view kSessions[] = {"s1", "i-0123"};
inline constexpr std::string_view kOps[] = {"Decrypt",     "Encrypt",       "GenerateDataKey", "RetireGrant",
                                            "CreateGrant", "ReEncryptFrom", "DescribeKey",     "kms:Sign"};
inline constexpr std::string_view kTags[] = {"", "{env: \"prod\"}", "{env: \"dev\"}", "{Env: \"prod\"}",
                                             "{env: \"payments\", owner: \"x\"}"};
inline constexpr std::string_view kAliases[] = {"", "[\"alias/app-data\"]", "[\"alias/other\", \"alias/app-logs\"]"};
inline constexpr std::string_view kSpecs[] = {"", "SYMMETRIC_DEFAULT", "RSA_2048"};
inline constexpr std::string_view kUsages[] = {"", "ENCRYPT_DECRYPT", "SIGN_VERIFY"};
inline constexpr std::string_view kOrigins[] = {"", "AWS_KMS", "EXTERNAL"};
inline constexpr std::string_view kBools[] = {"", "true", "false"};
inline constexpr std::string_view kTeams[] = {"{team: \"payments\"}", "{team: \"data\"}", "{team: \"prod\"}",
                                              "{Team: \"payments\", env: \"prod\"}"};

class RandomCaseBuilder {
 public:
  explicit RandomCaseBuilder(std::uint64_t seed) : seed_(seed), rng_(seed * 0x9e3779b97f4a7c15ULL + 0x636f6d70ULL) {}

  RandomCase build() {
    RandomCase c;
    c.seed = seed_;
    draft_keys(1 + rng_.below(4));
    draft_principals(2 + rng_.below(5));
    StatementDrawer drawer(rng_, vocab_, c.tally);
    drawer_ = &drawer;
    files_ = &c.files;
    std::string yaml = "version: 1\naccount: \"111122223333\"\n";
    if (rng_.chance(50)) yaml += "region: us-east-1\n";
    std::size_t org_end = std::string::npos;
    if (rng_.chance(75)) {
      yaml += "organization:\n  id: o-exampleorg\n";
      yaml += std::string("  management_account: \"") + (rng_.chance(80) ? "999999999999" : "444455556666") + "\"\n";
      org_end = yaml.size();
    }
    // One statement each: the order of operands of + is unspecified, the draws must not be.
    yaml += keys_yaml();
    yaml += principals_yaml();
    yaml += groups_yaml();
    yaml += org_policies_yaml("scps", "scp", PolicySide::kIdentity);
    yaml += org_policies_yaml("rcps", "rcp", PolicySide::kRcp);
    c.options = context();
    // Drawn last, so the inventories drawn before member lists existed stay as they were.
    if (org_end != std::string::npos && rng_.chance(50)) yaml.insert(org_end, member_accounts_yaml());
    c.files["kmsaccess.yaml"] = yaml;
    return c;
  }

 private:
  struct PrincipalDraft {
    std::string arn;
    std::string unique_id;
    bool user = false;
  };
  std::uint64_t seed_;
  bench::Rng rng_;
  Vocabulary vocab_;
  std::vector<std::string> key_arns_;
  std::vector<PrincipalDraft> principals_;
  std::vector<std::string> groups_;
  StatementDrawer* drawer_ = nullptr;
  std::map<std::string, std::string>* files_ = nullptr;
  std::vector<std::string> shared_identity_files_;
  std::size_t fixed_values_ = 0;  // principal values that name no declared principal

  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[rng_.below(N)];
  }

  std::string account() {
    std::size_t r = rng_.below(100);
    return r < 65 ? "111122223333" : r < 85 ? "444455556666" : "777788889999";
  }

  void draft_keys(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      std::string acct = rng_.chance(70) ? "111122223333" : "444455556666";
      std::string region = rng_.chance(70) ? "us-east-1" : "eu-west-1";
      key_arns_.push_back("arn:aws:kms:" + region + ":" + acct + ":key/" + std::string(pick(kPrefixes)) + "0000000" +
                          std::to_string(i) + "-1111-2222-3333-00000000abcd");
    }
    vocab_.key_arns = key_arns_;
    vocab_.key_arns.push_back("arn:aws:kms:us-east-1:111122223333:key/99999999-1111-2222-3333-00000000abcd");
  }

  void draft_principals(std::size_t n) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
      for (int attempt = 0; attempt < 8; ++attempt) {
        PrincipalDraft d;
        std::string acct = account();
        std::string role(pick(kRoles));
        std::size_t kind = rng_.below(100);
        if (kind < 35) {
          std::string user(pick(kUsers));
          d.arn = "arn:aws:iam::" + acct + ":user/" + std::string(pick(kPaths)) + user;
          d.unique_id = "AIDA" + user + "0000" + std::to_string(i);
          d.user = true;
        } else if (kind < 60) {
          d.arn = "arn:aws:iam::" + acct + ":role/" + std::string(pick(kPaths)) + role;
          d.unique_id = "AROA" + role + "0000" + std::to_string(i);
        } else if (kind < 85) {
          std::string session(pick(kSessions));
          d.arn = "arn:aws:sts::" + acct + ":assumed-role/" + role + "/" + session;
          d.unique_id = "AROA" + role + "0000" + std::to_string(i) + ":" + session;
        } else if (kind < 93) {
          d.arn = "arn:aws:iam::" + acct + ":root";
        } else {
          d.arn = "arn:aws:sts::" + acct + ":federated-user/fed";
        }
        if (rng_.chance(50)) d.unique_id.clear();
        if (!seen.insert(d.arn).second) continue;
        principals_.push_back(d);
        break;
      }
    }
    auto& v = vocab_.principal_values;
    for (std::string_view s :
         {"111122223333", "777788889999", "arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
          "arn:aws:iam::777788889999:root", "arn:aws:iam::111122223333:role/App",
          "arn:aws:iam::111122223333:role/Worker", "arn:aws:iam::444455556666:role/Admin",
          "arn:aws:sts::111122223333:assumed-role/App/s1", "arn:aws:iam::777788889999:user/partner",
          "AIDADELETEDUSER000001", "arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:user/ALICE"}) {
      v.push_back("\"" + std::string(s) + "\"");
    }
    fixed_values_ = v.size();
    for (const auto& d : principals_) {
      v.push_back("\"" + d.arn + "\"");
      v.push_back("\"" + d.arn + "\"");  // declared principals twice as likely
      if (!d.unique_id.empty()) v.push_back("\"" + d.unique_id + "\"");
    }
  }

  std::string add_file(const std::string& path, std::string body) {
    (*files_)[path] = std::move(body);
    return path;
  }

  std::string key_policy(std::size_t i) {
    std::string acct = key_arns_[i].substr(key_arns_[i].find(":key/") - 12, 12);
    std::string prefix;
    if (rng_.chance(70)) {
      prefix = R"({"Sid": "EnableIAM", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::)" + acct +
               R"(:root"}, "Action": "kms:*", "Resource": "*"})";
    }
    return drawer_->document(PolicySide::kKeyPolicy, 1 + rng_.below(4), 25, prefix);
  }

  std::string grants(std::size_t key) {
    std::string out = "[";
    std::size_t n = 1 + rng_.below(2);
    for (std::size_t g = 0; g < n; ++g) {
      if (g != 0) out += ",\n ";
      out += R"({"GrantId": "g-)" + std::to_string(key) + "-" + std::to_string(g) + "\", ";
      std::size_t who = rng_.below(10);
      if (who < 4) {
        out += R"("GranteePrincipal": ")" + principals_[rng_.below(principals_.size())].arn + "\"";
      } else if (who < 6) {
        out += R"("GranteePrincipal": )" + vocab_.principal_values[rng_.below(fixed_values_)];
      } else if (who < 8) {
        out += R"("GranteeServicePrincipal": "dynamodb.amazonaws.com")";
      } else {
        out += R"("GranteePrincipal": "s3.amazonaws.com")";
      }
      if (rng_.chance(40)) {
        out += rng_.chance(80) ? R"(, "RetiringPrincipal": ")" + principals_[rng_.below(principals_.size())].arn + "\""
                               : std::string(R"(, "RetiringServicePrincipal": "dynamodb.amazonaws.com")");
      }
      out += R"(, "Operations": [")" + std::string(pick(kOps)) + "\"";
      for (std::string_view op : kOps) {
        if (rng_.chance(25)) out += ", \"" + std::string(op) + "\"";
      }
      out += "]";
      if (rng_.chance(40)) {
        out += rng_.chance(50) ? R"(, "Constraints": {"EncryptionContextSubset": )"
                               : R"(, "Constraints": {"EncryptionContextEquals": )";
        out += rng_.chance(60) ? R"({"dept": "IT"}})" : R"({"dept": "IT", "app": "x"}})";
      }
      out += "}";
    }
    return out + "]\n";
  }

  // organization.accounts: some of the accounts principals and keys are drawn from, maybe none
  // of the home account's neighbours, so SCPs, RCPs and aws:PrincipalOrgID meet listed, unlisted
  // and implied members.
  std::string member_accounts_yaml() {
    std::string list;
    for (const char* a : {"111122223333", "444455556666", "777788889999", "999999999999"}) {
      if (rng_.chance(50)) list += std::string(list.empty() ? "" : ", ") + "\"" + a + "\"";
    }
    return "  accounts: [" + list + "]\n";
  }

  std::string keys_yaml() {
    std::string out = "keys:\n";
    std::string last_policy;
    for (std::size_t i = 0; i < key_arns_.size(); ++i) {
      out += "  - name: K" + std::to_string(i) + "\n    arn: \"" + key_arns_[i] + "\"\n";
      if (!last_policy.empty() && rng_.chance(25)) {
        out += "    policy: " + last_policy + "\n";
      } else if (rng_.chance(90)) {
        last_policy = add_file("key-" + std::to_string(i) + ".json", key_policy(i));
        out += "    policy: " + last_policy + "\n";
      }
      if (rng_.chance(5)) out += "    manager: AWS\n";
      auto field = [&](std::string_view name, std::string_view value) {
        if (!value.empty()) out += "    " + std::string(name) + ": " + std::string(value) + "\n";
      };
      field("tags", pick(kTags));
      field("aliases", pick(kAliases));
      if (rng_.chance(30)) field("grants", add_file("grants-" + std::to_string(i) + ".json", grants(i)));
      field("key_spec", pick(kSpecs));
      field("key_usage", pick(kUsages));
      field("origin", pick(kOrigins));
      field("multi_region", pick(kBools));
    }
    return out;
  }

  // An identity-side policy file: shared by several principals and groups, or one's own.
  std::string identity_file(const std::string& own_name, std::size_t max_statements, unsigned deny_percent) {
    if (!shared_identity_files_.empty() && rng_.chance(40)) {
      return shared_identity_files_[rng_.below(shared_identity_files_.size())];
    }
    std::string path = own_name + ".json";
    add_file(path, drawer_->document(PolicySide::kIdentity, 1 + rng_.below(max_statements), deny_percent));
    if (rng_.chance(50)) shared_identity_files_.push_back(path);
    return path;
  }

  std::string principals_yaml() {
    std::size_t group_count = rng_.below(3);
    for (std::size_t g = 0; g < group_count; ++g) groups_.push_back("G" + std::to_string(g));
    std::string out = "principals:\n";
    for (std::size_t i = 0; i < principals_.size(); ++i) {
      const PrincipalDraft& d = principals_[i];
      std::string name = "P" + std::to_string(i);
      out += "  - name: " + name + "\n    arn: \"" + d.arn + "\"\n";
      std::size_t policies = rng_.below(3);
      if (policies != 0) {
        out += "    policies: [";
        for (std::size_t j = 0; j < policies; ++j) {
          out += (j == 0 ? "" : ", ") + identity_file("id-" + name + "-" + std::to_string(j), 3, 20);
        }
        out += "]\n";
      }
      if (!groups_.empty() && rng_.chance(d.user ? 60 : 15)) {
        out += "    groups: [" + groups_[rng_.below(groups_.size())] + "]\n";
      }
      if (rng_.chance(25)) out += "    boundary: " + identity_file("boundary-" + name, 2, 10) + "\n";
      if (rng_.chance(d.arn.find(":assumed-role/") != std::string::npos ? 50 : 10)) {
        out += "    session_policy: " + identity_file("session-" + name, 2, 10) + "\n";
      }
      if (rng_.chance(60)) out += "    tags: " + std::string(pick(kTeams)) + "\n";
      if (!d.unique_id.empty()) out += "    unique_id: \"" + d.unique_id + "\"\n";
    }
    return out;
  }

  std::string groups_yaml() {
    if (groups_.empty()) return {};
    std::string out = "groups:\n";
    for (const auto& g : groups_) {
      out += "  - name: " + g + "\n    policies: [" + identity_file("group-" + g, 3, 20) + "]\n";
    }
    return out;
  }

  std::string org_policies_yaml(std::string_view field, std::string_view stem, PolicySide side) {
    std::size_t n = rng_.chance(45) ? 1 + rng_.below(2) : 0;
    if (n == 0) return {};
    std::string out = std::string(field) + ":\n";
    for (std::size_t i = 0; i < n; ++i) {
      std::string name = std::string(stem) + "-" + std::to_string(i);
      std::string prefix;
      if (rng_.chance(30)) {
        prefix = side == PolicySide::kRcp ? R"({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})"
                                          : R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
      }
      add_file(name + ".json", drawer_->document(side, 1 + rng_.below(3), 65, prefix));
      out += "  - name: " + name + "\n    policy: " + name + ".json\n";
      std::size_t scope = rng_.below(5);
      if (scope == 1) out += "    accounts: [\"111122223333\"]\n";
      if (scope == 2) out += "    accounts: [\"444455556666\"]\n";
      if (scope == 3) out += "    accounts: [\"777788889999\", \"111122223333\"]\n";
    }
    return out;
  }

  // Request-time values from --context; keys in lower case, as the CLI stores them.
  EvalOptions context() {
    EvalOptions o;
    if (rng_.chance(35)) return o;
    auto& c = o.context;
    if (rng_.chance(30)) {
      c["kms:viaservice"] = {rng_.chance(50) ? "s3.us-east-1.amazonaws.com" : "ec2.eu-west-1.amazonaws.com"};
    }
    if (rng_.chance(30)) {
      std::size_t r = rng_.below(3);
      c["kms:encryptioncontext:dept"] = r == 0   ? std::vector<std::string>{"IT"}
                                        : r == 1 ? std::vector<std::string>{"HR"}
                                                 : std::vector<std::string>{"IT", "HR"};
    }
    if (rng_.chance(20)) {
      c["aws:principaltag/team"] =
          rng_.chance(70) ? std::vector<std::string>{"payments"} : std::vector<std::string>{"payments", "data"};
    }
    if (rng_.chance(20)) c["aws:resourcetag/env"] = {"prod"};
    if (rng_.chance(25)) c["aws:sourceip"] = {rng_.chance(50) ? "10.1.2.3" : "192.0.2.5"};
    if (rng_.chance(20)) c["kms:grantisforawsresource"] = {rng_.chance(50) ? "true" : "false"};
    return o;
  }
};

inline RandomCase random_case(std::uint64_t seed) { return RandomCaseBuilder(seed).build(); }

}  // namespace kmsaccess::core::testing
