// Value types of condition keys: the KMS catalogue plus the global aws: keys that KMS policies
// commonly use. Unknown keys have no type, and rules that need a type stay quiet on them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kmsaccess::rules {

enum class KeyType : std::uint8_t { kString, kArrayOfString, kNumeric, kDate, kBool, kArn, kIp };

std::optional<KeyType> condition_key_type(std::string_view key);
std::string_view to_string(KeyType t);

}  // namespace kmsaccess::rules
