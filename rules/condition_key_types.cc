#include "rules/condition_key_types.h"

#include <array>
#include <cstdint>
#include <utility>

#include "core/action_catalog.h"
#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

// Global condition keys (IAM User Guide, "AWS global condition context keys"); lower case.
// Prefix entries end in '/' and match any tag key after it.
constexpr std::array<std::pair<std::string_view, KeyType>, 30> kGlobalKeys{{
    {"aws:calledvia", KeyType::kArrayOfString},
    {"aws:calledviafirst", KeyType::kString},
    {"aws:calledvialast", KeyType::kString},
    {"aws:currenttime", KeyType::kDate},
    {"aws:epochtime", KeyType::kDate},
    {"aws:multifactorauthage", KeyType::kNumeric},
    {"aws:multifactorauthpresent", KeyType::kBool},
    {"aws:principalaccount", KeyType::kString},
    {"aws:principalarn", KeyType::kArn},
    {"aws:principalisawsservice", KeyType::kBool},
    {"aws:principalorgid", KeyType::kString},
    {"aws:principalorgpaths", KeyType::kArrayOfString},
    {"aws:principalservicename", KeyType::kString},
    {"aws:principaltag/", KeyType::kString},
    {"aws:principaltype", KeyType::kString},
    {"aws:requestedregion", KeyType::kString},
    {"aws:resourceaccount", KeyType::kString},
    {"aws:resourceorgid", KeyType::kString},
    {"aws:resourceorgpaths", KeyType::kArrayOfString},
    {"aws:securetransport", KeyType::kBool},
    {"aws:sourceaccount", KeyType::kString},
    {"aws:sourcearn", KeyType::kArn},
    {"aws:sourceip", KeyType::kIp},
    {"aws:sourceorgid", KeyType::kString},
    {"aws:sourcevpc", KeyType::kString},
    {"aws:sourcevpce", KeyType::kString},
    {"aws:tokenissuetime", KeyType::kDate},
    {"aws:userid", KeyType::kString},
    {"aws:username", KeyType::kString},
    {"aws:viaawsservice", KeyType::kBool},
}};

std::optional<KeyType> from_catalogue_name(std::string_view type) {
  if (type == "String") return KeyType::kString;
  if (type == "ArrayOfString") return KeyType::kArrayOfString;
  if (type == "Numeric") return KeyType::kNumeric;
  if (type == "Date") return KeyType::kDate;
  if (type == "Bool") return KeyType::kBool;
  if (type == "ARN") return KeyType::kArn;
  return std::nullopt;
}

}  // namespace

std::optional<KeyType> condition_key_type(std::string_view key) {
  if (auto info = core::find_condition_key(key)) return from_catalogue_name(info->type);
  const std::string lower = core::to_lower_ascii(key);
  for (const auto& [name, type] : kGlobalKeys) {
    if (name.back() == '/' ? lower.rfind(name, 0) == 0 : lower == name) return type;
  }
  return std::nullopt;
}

std::string_view to_string(KeyType t) {
  switch (t) {
    case KeyType::kString: return "String";
    case KeyType::kArrayOfString: return "ArrayOfString";
    case KeyType::kNumeric: return "Numeric";
    case KeyType::kDate: return "Date";
    case KeyType::kBool: return "Bool";
    case KeyType::kArn: return "ARN";
    case KeyType::kIp: return "IP address";
  }
  return "String";
}

}  // namespace kmsaccess::rules
