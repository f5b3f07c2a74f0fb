// What every command gets: output streams, the file reader and the exit code it sets.
#pragma once

#include <iosfwd>
#include <string>

#include "core/source_reader.h"

namespace CLI {
class App;
}

namespace kmsaccess::cli {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  const core::SourceReader& reader;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  std::string color = "auto";  // --color auto|always|never (NO_COLOR honoured in auto)
  bool no_color_env = false;
  int exit_code = 0;

  bool use_color() const {
    if (color == "always") return true;
    if (color == "never" || no_color_env) return false;
    return out_is_terminal;
  }
};

// Each command lives in cli/cmd_<name>.cc and registers itself with one of these,
// called explicitly from app.cc.
void register_who_can(CLI::App& app, CommandContext& ctx);
void register_matrix(CLI::App& app, CommandContext& ctx);
void register_explain(CLI::App& app, CommandContext& ctx);
void register_lint(CLI::App& app, CommandContext& ctx);
void register_rules(CLI::App& app, CommandContext& ctx);
void register_inventory(CLI::App& app, CommandContext& ctx);
void register_report(CLI::App& app, CommandContext& ctx);
void register_diff(CLI::App& app, CommandContext& ctx);
void register_what_if(CLI::App& app, CommandContext& ctx);
void register_escalation(CLI::App& app, CommandContext& ctx);

}  // namespace kmsaccess::cli
