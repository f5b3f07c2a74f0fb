// A rule's documentation page, rendered from its RuleInfo: docs/rules/<ID>.md is exactly this
// text (registry_test.cc checks it), and `kmsaccess rules <ID>` prints it.
#pragma once

#include <string>

#include "rules/rule.h"

namespace kmsaccess::rules {

std::string rule_doc_markdown(const RuleInfo& info);

}  // namespace kmsaccess::rules
