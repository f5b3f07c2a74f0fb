#include "cli/render_lint.h"

namespace kmsaccess::cli {

std::string render_lint_text(const std::vector<rules::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += f.pos.to_string();
    out += ": ";
    out += rules::to_string(f.severity);
    out += " ";
    out += f.rule_id;
    out += " ";
    out += f.rule_name;
    out += ": ";
    out += f.message;
    out += "\n";
  }
  return out;
}

}  // namespace kmsaccess::cli
