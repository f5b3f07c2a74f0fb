#include "rules/kms013_invalid_principal.h"

#include <optional>
#include <string>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS013",
    .name = "invalid-principal",
    .severity = Severity::kError,
    .short_description = "A Principal value that AWS rejects: a wildcard inside an ARN, a malformed "
                         "ARN or account id, a group, or a bare string",
    .long_description =
        "AWS matches a Principal value exactly: \"arn:aws:iam::111122223333:role/app-*\" is not a "
        "pattern, and IAM groups, misspelt ARNs (one colon missing) or 11-digit account ids name "
        "nobody. PutKeyPolicy rejects such a policy (MalformedPolicyDocumentException), so a "
        "template or file carrying it fails to deploy; and an author who believes it works has "
        "granted, or denied, nothing. A bare string or list (\"Principal\": \"arn:...\") is not a "
        "valid Principal either, and an RCP's Principal must be \"*\".",
    .help = "Name each principal by its full ARN or its 12-digit account id, under \"AWS\" or "
            "\"Service\": `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/app\"}`. To match "
            "many roles, use `\"Principal\": {\"AWS\": \"*\"}` with `\"Condition\": {\"ArnLike\": "
            "{\"aws:PrincipalArn\": \"arn:aws:iam::111122223333:role/app-*\"}}`.",
    .doc_url = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
};

bool has_wildcard(std::string_view v) { return v.find_first_of("*?") != std::string_view::npos; }

// Why AWS would not accept `v` under "AWS", or nullopt when it is a valid principal value.
// Unique ids (AIDA..., AROA...) are valid here: KMS014 reports them.
std::optional<std::string> aws_value_problem(std::string_view v) {
  if (v == "*" || core::is_account_id(v) || core::is_iam_unique_id(v)) return std::nullopt;
  if (has_wildcard(v)) {
    return "AWS does not expand wildcards in Principal: it matches no principal (use \"*\" with "
           "ArnLike on aws:PrincipalArn)";
  }
  auto arn = core::parse_arn(v);
  if (!arn) {
    bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
    return digits ? "an account id has 12 digits, this one has " + std::to_string(v.size())
                  : std::string("not an account id, an IAM or STS ARN, a unique id or \"*\"");
  }
  if (!core::is_account_id(arn->account)) return "the account field of the ARN is not a 12-digit account id";
  const std::string_view res = arn->resource;
  auto named = [&](std::string_view prefix) {
    return res.size() > prefix.size() && res.substr(0, prefix.size()) == prefix;
  };
  if (arn->service == "iam") {
    if (res == "root" || named("user/") || named("role/")) return std::nullopt;
    if (named("group/")) return std::string("an IAM group cannot be a principal; name its users, or match "
                                            "aws:PrincipalArn");
    return "an IAM ARN in Principal must be an account root, a user or a role";
  }
  if (arn->service == "sts") {
    if (named("assumed-role/") && res.find('/', 13) != std::string_view::npos) return std::nullopt;
    if (named("federated-user/")) return std::nullopt;
    return std::string("an STS ARN in Principal must be an assumed-role session or a federated user");
  }
  return "a " + arn->service + " ARN is not an AWS principal (only iam and sts ARNs are)";
}

std::string kind_word(const core::Statement& st) { return st.not_principal ? "NotPrincipal" : "Principal"; }

}  // namespace

const RuleInfo& InvalidPrincipalRule::info() const { return kInfo; }

void InvalidPrincipalRule::check_policy(const LintDocument& doc, const core::PolicyDocument& policy,
                                        FindingSink& sink) const {
  for (const auto& st : policy.statements) {
    if (!st.has_principal) continue;
    const core::PrincipalSpec& spec = st.principal;
    if (spec.bare_form) {
      sink.report(doc, st, spec.pos, kind_word(st),
                  kind_word(st) + " must be \"*\" or a mapping such as {\"AWS\": [...]}; AWS rejects a "
                                  "bare ARN string or list");
      continue;
    }
    if (doc.kind == DocumentKind::kRcp && !spec.wildcard) {
      sink.report(doc, st, spec.pos, kind_word(st),
                  "an RCP's " + kind_word(st) + " must be \"*\"; restrict callers with conditions such "
                                                "as aws:PrincipalArn");
      continue;
    }
    for (const auto& e : spec.entries) {
      std::optional<std::string> problem;
      if (e.type == core::PrincipalType::kAws) {
        problem = aws_value_problem(e.value);
      } else if (e.type == core::PrincipalType::kService) {
        if (e.value.empty()) {
          problem = "an empty service principal names no service";
        } else if (has_wildcard(e.value)) {
          problem = "AWS does not expand wildcards in a service principal: it matches no service";
        }
      }
      if (!problem) continue;
      sink.report(doc, st, e.pos, e.value, kind_word(st) + " \"" + e.value + "\": " + *problem);
    }
  }
}

}  // namespace kmsaccess::rules
