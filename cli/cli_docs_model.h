// What the man page and completion generators read from the CLI11 app: commands and options as
// plain data (shared by cli_docs.cc and completions.cc).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kmsaccess::cli {

struct OptionDoc {
  std::vector<std::string> shorts;   // "-a"
  std::vector<std::string> longs;    // "--action"
  std::string value;                 // "ACTION"; empty for flags
  std::vector<std::string> choices;  // from an IsMember check: "auto", "always", "never"
  std::string description;
  bool repeatable = false;
  bool positional = false;
};

struct CommandDoc {
  std::string name;
  std::string description;
  std::vector<OptionDoc> options;
};

// The options of `app` itself (not of its subcommands), in registration order.
std::vector<OptionDoc> options_of(const CLI::App& app);
// The visible subcommands, in registration order (hidden ones are left out).
std::vector<CommandDoc> commands_of(const CLI::App& app);

}  // namespace kmsaccess::cli
