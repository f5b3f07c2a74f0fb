// Fingerprints (stable across line shifts) and the baseline file that records accepted findings.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "rules/rule.h"

namespace kmsaccess::rules {

// 16 hex digits of FNV-1a 64 over rule id, file, statement label and offending value: the line
// number is deliberately left out, so adding a statement above does not re-open old findings.
std::string fingerprint(const Finding& f);

// The baseline file: JSON, one entry per finding, sorted, so it diffs well in review.
std::string write_baseline(const std::vector<Finding>& findings);

// The fingerprints a baseline file accepts.
core::Result<std::set<std::string>> parse_baseline(std::string_view text, std::string_view file);

}  // namespace kmsaccess::rules
