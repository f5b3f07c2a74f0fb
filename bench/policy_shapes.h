// Policy statement shapes the synthetic generator draws from (AWS console defaults, AWS managed
// keys, cross-account, ABAC, explicit denies), rendered as policy JSON text.
#pragma once

#include <string>
#include <vector>

namespace kmsaccess::bench {

struct Stmt {
  std::string sid;
  std::string effect = "Allow";
  std::string principal;                 // JSON value, e.g. {"AWS": "..."}; empty for identity policies
  std::vector<std::string> actions;
  bool not_action = false;
  std::vector<std::string> resources;
  std::string condition;                 // JSON object text, empty for none
};

std::string render_policy(const std::vector<Stmt>& statements);
std::string json_string(const std::string& s);
std::string json_list(const std::vector<std::string>& items);  // a bare string when there is one
std::string aws_principal(const std::vector<std::string>& arns);

// The action sets the AWS console writes for key users and key administrators.
std::vector<std::string> console_user_actions();
std::vector<std::string> console_admin_actions();
std::vector<std::string> crypto_actions();
std::vector<std::string> grant_actions();

// Key policy statements.
Stmt root_enablement(const std::string& account);
Stmt key_admins(const std::vector<std::string>& arns);
Stmt key_users(const std::vector<std::string>& arns);
Stmt key_users_grants(const std::vector<std::string>& arns);  // kms:GrantIsForAWSResource
std::vector<Stmt> aws_managed(const std::string& account, const std::string& service, const std::string& region);
Stmt service_principal(const std::string& service, const std::string& account, const std::string& region);
Stmt org_wide_use(const std::string& org_id);
Stmt deny_deletion_except(const std::string& admin_arn_pattern);
Stmt deny_outside_org(const std::string& org_id);

}  // namespace kmsaccess::bench
