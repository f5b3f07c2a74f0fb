// Internal to the policy parser: turns one JSON statement object into a Statement.
// policy.cc handles the document level (Version, Id, Statement, embedding); this is the rest.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/policy.h"
#include "core/result.h"

namespace kmsaccess::core::policy_detail {

struct BuildContext {
  std::string file;  // the label positions are reported against
  const PolicyLimits* limits = nullptr;
  std::size_t condition_values = 0;  // running total over the whole document
};

Error error_at(const BuildContext& ctx, Pos pos, std::string message);

// "expected a string for Sid, found array", at the offending value.
Error type_error(const BuildContext& ctx, std::string_view expected, std::string_view element,
                 const JsonValue& found);

// A JSON string literal of `s` for messages, so control characters never reach a terminal.
std::string quoted(std::string_view s);

Result<Statement> build_statement(const JsonValue& value, std::size_t index, BuildContext& ctx);

}  // namespace kmsaccess::core::policy_detail
