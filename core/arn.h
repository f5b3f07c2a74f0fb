// ARNs and the wildcard matching IAM uses for Resource elements and ARN/String-like operators.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kmsaccess::core {

struct Arn {
  std::string partition;  // aws, aws-cn, aws-us-gov
  std::string service;    // kms, iam, sts
  std::string region;
  std::string account;
  std::string resource;   // "key/1234...", "user/path/Alice", "assumed-role/R/session", "root"
};

// Parses "arn:partition:service:region:account:resource"; nullopt if not six colon fields.
std::optional<Arn> parse_arn(std::string_view text);

bool is_account_id(std::string_view text);  // exactly 12 digits

// An IAM unique id as AWS shows it in a policy whose principal was deleted: "AIDA" (user) or
// "AROA" (role) and the like, an upper-case A and three letters, then 12 to 28 upper-case
// letters and digits ("AROAJQABLZS4A3QDU576Q").
bool is_iam_unique_id(std::string_view text);

// IAM glob: '*' matches any run (including empty), '?' one character. Case-sensitive unless asked.
// Linear time in practice (two-pointer backtracking), so crafted patterns cannot blow up.
bool wildcard_match(std::string_view pattern, std::string_view value, bool ignore_case = false);

// ASCII case folding, independent of the C locale (and much faster than std::tolower).
constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }
std::string to_lower_ascii(std::string_view s);
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace kmsaccess::core
