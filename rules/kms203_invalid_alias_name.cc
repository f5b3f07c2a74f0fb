#include "rules/kms203_invalid_alias_name.h"

#include <algorithm>
#include <cctype>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "KMS203",
    .name = "invalid-alias-name",
    .severity = Severity::kWarning,
    .short_description =
        "An alias name that does not start with alias/, or a customer alias under alias/aws/",
    .long_description =
        "Alias names always begin with alias/, and the alias/aws/ prefix is reserved for "
        "AWS managed keys. A kms:RequestAlias or kms:ResourceAliases condition value without "
        "the prefix never matches, so the statement grants or guards nothing; a customer key "
        "alias under alias/aws/ cannot be created.",
    .help = "Write the full alias name: replace `\"kms:RequestAlias\": \"app-data\"` with "
            "`\"kms:RequestAlias\": \"alias/app-data\"`, and rename a customer alias "
            "`alias/aws/app` to `alias/app`.",
    .doc_url = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html",
};

bool alias_condition_key(std::string_view key_lower) {
  return key_lower == "kms:requestalias" || key_lower == "kms:resourcealiases";
}

bool valid_alias_chars(std::string_view name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' ||
           c == '-' || c == '*' || c == '?';
  });
}

std::optional<std::string> problem(std::string_view alias, bool customer_key) {
  if (alias.rfind("alias/", 0) != 0) return "does not start with alias/";
  if (!valid_alias_chars(alias)) return "has characters other than letters, digits, /_-";
  if (customer_key && alias.rfind("alias/aws/", 0) == 0) {
    return "uses the alias/aws/ prefix reserved for AWS managed keys";
  }
  return std::nullopt;
}

}  // namespace

const RuleInfo& InvalidAliasNameRule::info() const { return kInfo; }

void InvalidAliasNameRule::check(const LintContext& ctx, FindingSink& sink) const {
  for (const auto& doc : ctx.documents) {
    if (!doc.policy) continue;
    for (const auto& st : doc.policy->statements) {
      for (const auto& clause : st.conditions) {
        if (!alias_condition_key(clause.key_lower) || clause.op.base == core::BaseOperator::kNull) {
          continue;
        }
        for (const auto& v : clause.values) {
          // Conditions may match AWS managed aliases (alias/aws/ebs) legitimately.
          if (auto why = problem(v.text, false)) {
            sink.report(doc, st, v.pos, v.text,
                        "alias name \"" + v.text + "\" in " + clause.key + " " + *why);
          }
        }
      }
    }
  }
  if (ctx.inventory == nullptr) return;
  for (const auto& key : ctx.inventory->keys) {
    for (const auto& alias : key.aliases) {
      if (auto why = problem(alias, key.manager == core::KeyManager::kCustomer)) {
        sink.report_at(key.pos, key.name, "", alias,
                       "alias \"" + alias + "\" of key " + key.name + " " + *why);
      }
    }
  }
}

}  // namespace kmsaccess::rules
