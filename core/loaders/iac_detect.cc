#include "core/loaders/iac_detect.h"

#include "core/json.h"
#include "core/utf8_bom.h"

namespace kmsaccess::core {
namespace {


std::string_view after_bom_and_space(std::string_view text) {
  text = without_bom(text);
  std::size_t start = text.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

// A top-level YAML key starts a line at column 1: "Resources:" alone, or followed by a space
// or a comment (a flow mapping after it is still a mapping).
bool has_top_level_yaml_key(std::string_view text, std::string_view key) {
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.substr(0, key.size()) == key && line.size() > key.size() && line[key.size()] == ':') {
      std::string_view rest = line.substr(key.size() + 1);
      if (rest.empty() || rest.front() == ' ' || rest.front() == '\t') return true;
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return false;
}

}  // namespace

IacKind detect_iac(std::string_view text) {
  // Policies, grant lists and AWS CLI outputs, by far the usual files, hold none of these words:
  // they are told apart without a second parse.
  const bool cfn_words =
      text.find("AWSTemplateFormatVersion") != std::string_view::npos || text.find("Resources") != std::string_view::npos;
  const bool tf_words = text.find("format_version") != std::string_view::npos;
  if (!cfn_words && !tf_words) return IacKind::kNone;
  std::string_view body = after_bom_and_space(text);
  if (!body.empty() && body.front() == '{') {
    // The loader that takes the file applies the user's limits; telling its kind must not fail
    // first on them (a deep plan would then be skipped as "not a policy" instead of reported).
    JsonLimits limits;
    limits.max_bytes = text.size() + 1;
    limits.max_depth = 512;
    auto json = parse_json(text, "", limits);
    if (!json || !json->is_object()) return IacKind::kNone;
    const JsonValue* resources = json->find("Resources");
    if (json->find("AWSTemplateFormatVersion") != nullptr || (resources != nullptr && resources->is_object())) {
      return IacKind::kCloudFormation;
    }
    if (json->find("format_version") != nullptr &&
        (json->find("planned_values") != nullptr || json->find("resource_changes") != nullptr)) {
      return IacKind::kTerraformPlan;
    }
    return IacKind::kNone;
  }
  if (has_top_level_yaml_key(text, "AWSTemplateFormatVersion") || has_top_level_yaml_key(text, "Resources")) {
    return IacKind::kCloudFormation;
  }
  return IacKind::kNone;
}

}  // namespace kmsaccess::core
