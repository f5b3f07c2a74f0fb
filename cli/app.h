// The command-line application: builds the CLI11 app, dispatches commands, maps errors to exit codes.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kmsaccess::cli {

// Exit codes are a contract (docs/exit-codes.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

// Runs kmsaccess with `args` (without argv[0]); output goes to `out`, diagnostics to `err`.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kmsaccess::cli
