#include "rules/rule_doc.h"

namespace kmsaccess::rules {

std::string rule_doc_markdown(const RuleInfo& info) {
  const std::string id(info.id);
  std::string out = "# " + id + " " + std::string(info.name) + "\n\n";
  out += "Severity: " + std::string(to_string(info.severity)) + "\n\n";
  out += std::string(info.short_description) + ".\n\n";
  out += "## Why it matters\n\n" + std::string(info.long_description) + "\n\n";
  out += "## How to fix\n\n" + std::string(info.help) + "\n\n";
  out += "## Reference\n\n" + std::string(info.doc_url) + "\n\n";
  out += "## Examples\n\nA firing and a quiet case, with the expected output, are in "
         "`testdata/rules/" + id + "/`.\n";
  return out;
}

}  // namespace kmsaccess::rules
