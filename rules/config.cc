#include "rules/config.h"

#include <algorithm>
#include <cctype>
#include <string>

#include <yaml-cpp/yaml.h>

#include "core/arn.h"

namespace kmsaccess::rules {
namespace {

using core::Error;
using core::make_error;
using core::Result;

core::SourcePos where(std::string_view file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return core::SourcePos(std::string(file), core::Pos{});
  return core::SourcePos(std::string(file), static_cast<std::uint32_t>(mark.line + 1),
                         static_cast<std::uint32_t>(mark.column + 1));
}

Error error_at(std::string_view file, const YAML::Node& node, std::string message) {
  return make_error(std::move(message), where(file, node));
}

bool known(std::span<const std::string_view> ids, std::string_view id) {
  return std::binary_search(ids.begin(), ids.end(), id);
}

std::optional<Error> parse_rule_setting(const YAML::Node& value, std::string_view file,
                                        RuleSetting& out) {
  out.pos = where(file, value);
  if (value.IsScalar()) {
    const std::string text = value.as<std::string>();
    if (text == "off" || text == "false") {
      out.enabled = false;
    } else if (text == "on" || text == "true") {
      out.enabled = true;
    } else if (auto sev = parse_severity(text)) {
      out.severity = sev;
    } else {
      return error_at(file, value,
                      "expected on, off, error, warning or note, got '" + text + "'");
    }
    return std::nullopt;
  }
  if (!value.IsMap()) return error_at(file, value, "expected a rule setting (scalar or map)");
  for (const auto& item : value) {
    const std::string key = item.first.as<std::string>();
    if (key == "enabled") {
      out.enabled = item.second.as<bool>();
    } else if (key == "severity") {
      auto sev = parse_severity(item.second.as<std::string>());
      if (!sev) return error_at(file, item.second, "severity must be error, warning or note");
      out.severity = sev;
    } else {
      return error_at(file, item.first, "unknown rule setting '" + key + "'");
    }
  }
  return std::nullopt;
}

std::optional<Error> parse_suppression(const YAML::Node& node, std::string_view file,
                                       std::span<const std::string_view> ids, Suppression& out) {
  out.pos = where(file, node);
  if (!node.IsMap()) return error_at(file, node, "a suppression is a map with rule, file, reason");
  for (const auto& item : node) {
    const std::string key = item.first.as<std::string>();
    if (!item.second.IsScalar()) return error_at(file, item.second, key + ": expected a string");
    const std::string text = item.second.as<std::string>();
    if (key == "rule") {
      if (!known(ids, text)) return error_at(file, item.second, "unknown rule id '" + text + "'");
      out.rule = text;
    } else if (key == "file") {
      out.file = text;
    } else if (key == "statement" || key == "sid" || key == "pointer") {
      out.statement = text;
    } else if (key == "reason") {
      out.reason = text;
    } else if (key == "expires") {
      if (!is_iso_date(text)) return error_at(file, item.second, "expires must be YYYY-MM-DD");
      out.expires = text;
    } else {
      return error_at(file, item.first, "unknown suppression field '" + key + "'");
    }
  }
  if (out.rule.empty()) return error_at(file, node, "suppression needs a 'rule'");
  if (out.file.empty()) return error_at(file, node, "suppression needs a 'file'");
  if (out.reason.empty()) return error_at(file, node, "suppression needs a 'reason'");
  return std::nullopt;
}

std::optional<Error> parse_top(const YAML::Node& root, std::string_view file,
                               std::span<const std::string_view> ids, LintConfig& config) {
  for (const auto& item : root) {
    const std::string key = item.first.as<std::string>();
    const YAML::Node& value = item.second;
    if (key == "version") continue;
    if (key == "rules") {
      if (!value.IsMap()) return error_at(file, value, "rules: expected a map of rule ids");
      for (const auto& r : value) {
        const std::string id = r.first.as<std::string>();
        if (!known(ids, id)) return error_at(file, r.first, "unknown rule id '" + id + "'");
        if (auto e = parse_rule_setting(r.second, file, config.rules[id])) return e;
      }
    } else if (key == "trusted_accounts") {
      if (!value.IsSequence()) return error_at(file, value, "trusted_accounts: expected a list");
      for (const auto& a : value) {
        const std::string account = a.as<std::string>();
        if (!core::is_account_id(account)) {
          return error_at(file, a, "'" + account + "' is not a 12-digit account id");
        }
        config.trusted_accounts.push_back(account);
      }
    } else if (key == "trust_organization") {
      bool trust = false;
      if (!value.IsScalar() || !YAML::convert<bool>::decode(value, trust)) {
        return error_at(file, value, "trust_organization: expected true or false");
      }
      config.trust_organization = trust;
    } else if (key == "key_admins") {
      if (!value.IsSequence()) return error_at(file, value, "key_admins: expected a list of ARNs");
      for (const auto& a : value) {
        const std::string arn = a.as<std::string>();
        auto parsed = core::parse_arn(arn);
        if (!parsed || (parsed->service != "iam" && parsed->service != "sts")) {
          return error_at(file, a, "'" + arn + "' is not an IAM principal ARN");
        }
        config.key_admins.push_back(arn);
      }
    } else if (key == "suppressions") {
      if (!value.IsSequence()) return error_at(file, value, "suppressions: expected a list");
      for (const auto& s : value) {
        Suppression sup;
        if (auto e = parse_suppression(s, file, ids, sup)) return e;
        config.suppressions.push_back(std::move(sup));
      }
    } else {
      return error_at(file, item.first, "unknown setting '" + key + "'");
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_iso_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
    if (std::isdigit(static_cast<unsigned char>(t[i])) == 0) return false;
  }
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  const int day = (t[8] - '0') * 10 + (t[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool Suppression::matches(const Finding& f) const {
  if (f.rule_id != rule) return false;
  if (file != f.pos.file && !core::wildcard_match(file, f.pos.file)) return false;
  return statement.empty() || statement == f.statement || statement == f.json_pointer;
}

core::Result<LintConfig> parse_lint_config(std::string_view yaml_text, std::string_view file,
                                           std::span<const std::string_view> known_rule_ids) {
  LintConfig config;
  config.file = std::string(file);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    if (root.IsNull()) return config;
    if (!root.IsMap()) return error_at(file, root, "expected a map at the top level");
    if (auto e = parse_top(root, file, known_rule_ids, config)) return *e;
  } catch (const YAML::Exception& e) {
    // yaml-cpp reports syntax and conversion errors by exception; turn them into a value here.
    core::SourcePos pos(std::string(file), static_cast<std::uint32_t>(e.mark.line + 1),
                        static_cast<std::uint32_t>(e.mark.column + 1));
    return make_error(e.msg, pos);
  }
  auto& accounts = config.trusted_accounts;
  std::sort(accounts.begin(), accounts.end());
  accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
  auto& admins = config.key_admins;
  std::sort(admins.begin(), admins.end());
  admins.erase(std::unique(admins.begin(), admins.end()), admins.end());
  return config;
}

}  // namespace kmsaccess::rules
