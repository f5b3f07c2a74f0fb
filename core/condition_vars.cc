// Policy variables: ${aws:username}, ${aws:PrincipalTag/team}, ${key, 'default'}, ${*}, ${?}, ${$}.
// Source: IAM User Guide, "IAM policy elements: Variables and tags" (special characters, default
// values). The scanner is a single forward pass, so crafted values cannot make it quadratic.
#include <optional>
#include <string>
#include <string_view>

#include "core/arn.h"
#include "core/condition.h"
#include "core/condition_match.h"

namespace kmsaccess::core {
namespace {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One "${...}" reference: either an escaped character or a key with an optional default.
struct VariableRef {
  char escaped = 0;  // '*', '?' or '$' for the special variables; 0 for a key reference
  std::string_view key;
  std::optional<std::string_view> fallback;
};

// Parses the text between "${" and "}". nullopt when it is not a reference AWS would recognise;
// the caller then keeps the text literally.
std::optional<VariableRef> parse_reference(std::string_view body) {
  std::string_view t = trim_blanks(body);
  if (t == "*" || t == "?" || t == "$") return VariableRef{t.front(), {}, std::nullopt};
  VariableRef ref;
  std::string_view key = t;
  if (auto comma = t.find(','); comma != std::string_view::npos) {
    key = trim_blanks(t.substr(0, comma));
    std::string_view quoted = trim_blanks(t.substr(comma + 1));
    if (quoted.size() < 2 || quoted.front() != '\'' || quoted.back() != '\'') return std::nullopt;
    quoted = quoted.substr(1, quoted.size() - 2);
    if (quoted.find('\'') != std::string_view::npos) return std::nullopt;
    ref.fallback = quoted;
  }
  if (key.empty()) return std::nullopt;
  for (char c : key) {
    if (c == '$' || c == '{' || c == '\'' || c == ',' || c == '*' || c == '?') return std::nullopt;
  }
  ref.key = key;
  return ref;
}

// Walks `text`, calling on_literal(view) for plain text and on_ref(ref) for each reference.
// On a malformed "${...}" whose body holds another "${", scanning resumes at the inner one, so
// every character is examined a bounded number of times.
template <typename OnLiteral, typename OnRef>
void scan_variables(std::string_view text, OnLiteral&& on_literal, OnRef&& on_ref) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t open = text.find("${", i);
    if (open == std::string_view::npos) break;
    std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;
    std::string_view body = text.substr(open + 2, close - open - 2);
    if (auto inner = body.rfind("${"); inner != std::string_view::npos) {
      on_literal(text.substr(i, open + 2 + inner - i));
      i = open + 2 + inner;
      continue;
    }
    auto ref = parse_reference(body);
    if (!ref) {
      on_literal(text.substr(i, close + 1 - i));
    } else {
      on_literal(text.substr(i, open - i));
      on_ref(*ref);
    }
    i = close + 1;
  }
  if (i < text.size()) on_literal(text.substr(i));
}

void append(Pattern& p, std::string_view text, CharOrigin origin) {
  p.text.append(text);
  p.origin.insert(p.origin.end(), text.size(), origin);
}

}  // namespace

Pattern literal_pattern(std::string_view text) {
  Pattern p;
  append(p, text, CharOrigin::kPolicy);
  return p;
}

ExpandedValue expand_variables(std::string_view text, const ConditionContext& ctx) {
  ExpandedValue out;
  bool unknown = false;
  bool missing = false;
  auto on_literal = [&](std::string_view lit) { append(out.pattern, lit, CharOrigin::kPolicy); };
  auto on_ref = [&](const VariableRef& ref) {
    if (ref.escaped != 0) {
      append(out.pattern, std::string_view(&ref.escaped, 1), CharOrigin::kEscape);
      return;
    }
    KeyValues kv = ctx.lookup(to_lower_ascii(ref.key));
    switch (kv.state) {
      case KeyValues::State::kPresent:
        // A multi-valued key has no single substitution; which one AWS picks is undocumented.
        if (kv.values.size() == 1) {
          append(out.pattern, kv.values.front(), CharOrigin::kVariable);
        } else {
          unknown = true;
        }
        break;
      case KeyValues::State::kUnknown:
      case KeyValues::State::kAbsentOrOther:  // no single value to substitute
        unknown = true;
        break;
      case KeyValues::State::kAbsent:
        if (ref.fallback) {
          append(out.pattern, *ref.fallback, CharOrigin::kVariable);
        } else {
          missing = true;
        }
        break;
    }
  };
  scan_variables(text, on_literal, on_ref);
  // Missing wins over unknown: the value matches nothing whatever the unknown part turns out to be.
  if (missing) {
    out.state = ExpandedValue::State::kMissing;
  } else if (unknown) {
    out.state = ExpandedValue::State::kUnknown;
  }
  if (out.state != ExpandedValue::State::kReady) out.pattern = {};
  return out;
}

Substitution substitute_variables(std::string_view text, const ConditionContext& ctx) {
  ExpandedValue e = expand_variables(text, ctx);
  Substitution s;
  switch (e.state) {
    case ExpandedValue::State::kReady:
      s.text = std::move(e.pattern.text);
      break;
    case ExpandedValue::State::kMissing:
      s.missing = true;  // text stays nullopt: there is no meaningful value
      break;
    case ExpandedValue::State::kUnknown:
      break;
  }
  return s;
}

bool has_policy_variable(std::string_view text) {
  bool found = false;
  scan_variables(text, [](std::string_view) {}, [&](const VariableRef&) { found = true; });
  return found;
}

std::vector<std::string> policy_variable_keys(std::string_view text) {
  std::vector<std::string> keys;
  scan_variables(text, [](std::string_view) {}, [&](const VariableRef& ref) {
    if (ref.escaped == 0) keys.push_back(to_lower_ascii(ref.key));
  });
  return keys;
}

}  // namespace kmsaccess::core
