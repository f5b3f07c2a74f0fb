// The command-line application: builds the CLI11 app, dispatches commands, maps errors to exit codes.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kmsaccess::core {
class SourceReader;
}

namespace kmsaccess::cli {

struct CommandContext;

// Exit codes are a contract (docs/exit-codes.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// Runs kmsaccess with `args` (without argv[0]); output goes to `out`, diagnostics to `err`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// The same, reading input files through `reader` (tests inject faults through it). Any exception
// escaping a command is exit 3 with a bug-report message on `err` and nothing on `out`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const core::SourceReader& reader);

// The whole command-line interface, built but not run: the man page and the shell completions
// are generated from it (cli/cli_docs.h), so they list exactly what --help lists.
std::unique_ptr<CLI::App> make_app(CommandContext& ctx);

}  // namespace kmsaccess::cli
