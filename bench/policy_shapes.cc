#include "bench/policy_shapes.h"

namespace kmsaccess::bench {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string json_list(const std::vector<std::string>& items) {
  if (items.size() == 1) return json_string(items.front());
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + json_string(items[i]);
  return out + "]";
}

std::string aws_principal(const std::vector<std::string>& arns) { return "{\"AWS\": " + json_list(arns) + "}"; }

std::string render_policy(const std::vector<Stmt>& statements) {
  std::string out = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n";
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const Stmt& s = statements[i];
    out += "    {\n";
    if (!s.sid.empty()) out += "      \"Sid\": " + json_string(s.sid) + ",\n";
    out += "      \"Effect\": " + json_string(s.effect) + ",\n";
    if (!s.principal.empty()) out += "      \"Principal\": " + s.principal + ",\n";
    out += std::string("      \"") + (s.not_action ? "NotAction" : "Action") + "\": " + json_list(s.actions) + ",\n";
    out += "      \"Resource\": " + json_list(s.resources);
    if (!s.condition.empty()) out += ",\n      \"Condition\": " + s.condition;
    out += "\n    }";
    out += i + 1 < statements.size() ? ",\n" : "\n";
  }
  return out + "  ]\n}\n";
}

std::vector<std::string> console_user_actions() {
  return {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"};
}

std::vector<std::string> console_admin_actions() {
  return {"kms:Create*",   "kms:Describe*", "kms:Enable*",  "kms:List*",          "kms:Put*",
          "kms:Update*",   "kms:Revoke*",   "kms:Disable*", "kms:Get*",           "kms:Delete*",
          "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
          "kms:RotateKeyOnDemand"};
}

std::vector<std::string> crypto_actions() {
  return {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"};
}

std::vector<std::string> grant_actions() { return {"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}; }

// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
Stmt root_enablement(const std::string& account) {
  return {"Enable IAM User Permissions", "Allow", aws_principal({"arn:aws:iam::" + account + ":root"}),
          {"kms:*"}, false, {"*"}, ""};
}

Stmt key_admins(const std::vector<std::string>& arns) {
  return {"Allow access for Key Administrators", "Allow", aws_principal(arns), console_admin_actions(), false,
          {"*"}, ""};
}

Stmt key_users(const std::vector<std::string>& arns) {
  return {"Allow use of the key", "Allow", aws_principal(arns), console_user_actions(), false, {"*"}, ""};
}

Stmt key_users_grants(const std::vector<std::string>& arns) {
  return {"Allow attachment of persistent resources", "Allow", aws_principal(arns), grant_actions(), false,
          {"*"}, "{\"Bool\": {\"kms:GrantIsForAWSResource\": \"true\"}}"};
}

// The shape of an AWS managed key policy (aws/s3, aws/ebs, ...): anyone in the account, via the service.
std::vector<Stmt> aws_managed(const std::string& account, const std::string& service, const std::string& region) {
  std::string via = service + "." + region + ".amazonaws.com";
  std::string cond = "{\"StringEquals\": {\"kms:CallerAccount\": " + json_string(account) +
                     ", \"kms:ViaService\": " + json_string(via) + "}}";
  Stmt use{"Allow access through the service for all principals in the account that are authorized",
           "Allow", aws_principal({"*"}),
           {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant",
            "kms:DescribeKey"},
           false, {"*"}, cond};
  Stmt read{"Allow direct access to key metadata to the account", "Allow",
            aws_principal({"arn:aws:iam::" + account + ":root"}),
            {"kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"}, false, {"*"}, ""};
  return {use, read};
}

Stmt service_principal(const std::string& service, const std::string& account, const std::string& region) {
  std::string cond = "{\"ArnLike\": {\"kms:EncryptionContext:aws:logs:arn\": \"arn:aws:logs:" + region + ":" +
                     account + ":log-group:*\"}}";
  return {"Allow service use", "Allow", "{\"Service\": " + json_string(service) + "}",
          {"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
          false, {"*"}, cond};
}

Stmt org_wide_use(const std::string& org_id) {
  return {"Allow organization use", "Allow", "\"*\"", {"kms:Decrypt", "kms:DescribeKey"}, false, {"*"},
          "{\"StringEquals\": {\"aws:PrincipalOrgID\": " + json_string(org_id) + "}}"};
}

Stmt deny_deletion_except(const std::string& admin_arn_pattern) {
  return {"Deny deletion except break-glass", "Deny", aws_principal({"*"}),
          {"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy"}, false, {"*"},
          "{\"ArnNotLike\": {\"aws:PrincipalArn\": " + json_string(admin_arn_pattern) + "}}"};
}

Stmt deny_outside_org(const std::string& org_id) {
  return {"Deny use outside the organization", "Deny", "\"*\"", {"kms:Decrypt", "kms:ReEncrypt*"}, false, {"*"},
          "{\"StringNotEquals\": {\"aws:PrincipalOrgID\": " + json_string(org_id) + "}}"};
}

}  // namespace kmsaccess::bench
