#include "cli/app.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <ostream>
#include <sstream>
#include <unistd.h>

#include "cli/command.h"
#include "cli/file_source_reader.h"

namespace kmsaccess::cli {
namespace {

constexpr const char* kDescription =
    "kmsaccess: who can use which AWS KMS key, and why.\n"
    "Reads key policies, IAM policies, grants, SCPs, RCPs and boundaries from files and answers offline.";

void build_app(CLI::App& app, CommandContext& ctx) {
  app.set_version_flag("--version", std::string("kmsaccess ") + KMSACCESS_VERSION);
  app.add_option("--color", ctx.color, "Colour output: auto, always or never (NO_COLOR is honoured)")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.require_subcommand(1);
  app.fallthrough();
  // Explicit list, one line per command (STYLE.md: no static self-registration).
  register_who_can(app, ctx);
  register_matrix(app, ctx);
  register_explain(app, ctx);
  register_lint(app, ctx);
  register_rules(app, ctx);
  register_inventory(app, ctx);
  register_report(app, ctx);
  register_diff(app, ctx);
  register_what_if(app, ctx);
  register_escalation(app, ctx);
}

bool has_command(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->check_name(name)) return true;
  }
  return false;
}

// The one message for bugs (docs/exit-codes.md). Commands print their output only once it is
// complete, so nothing partial has reached stdout when this runs.
int internal_error(std::ostream& err, const char* what) {
  err << "kmsaccess: internal error: " << what
      << "\nThis is a bug in kmsaccess; please report it with the command and inputs that caused it.\n";
  return kExitInternal;
}

}  // namespace

std::unique_ptr<CLI::App> make_app(CommandContext& ctx) {
  auto app = std::make_unique<CLI::App>(kDescription, "kmsaccess");
  build_app(*app, ctx);
  return app;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const FileSourceReader reader;
  return run(args, out, err, reader);
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const core::SourceReader& reader) {
  CommandContext ctx{out, err, reader};
  ctx.out_is_terminal = &out == &std::cout && isatty(STDOUT_FILENO) != 0;
  ctx.err_is_terminal = isatty(STDERR_FILENO) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  ctx.no_color_env = no_color != nullptr && no_color[0] != '\0';
  try {
    CLI::App app{kDescription, "kmsaccess"};
    build_app(app, ctx);
    if (!args.empty() && !args[0].empty() && args[0][0] != '-' && !has_command(app, args[0])) {
      err << "kmsaccess: unknown command '" << args[0] << "'\nRun 'kmsaccess --help' for the list of commands.\n";
      return kExitUsage;
    }
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
      app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
      out << app.help();
      return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
      out << app.help("", CLI::AppFormatMode::All);
      return kExitOk;
    } catch (const CLI::CallForVersion& v) {
      out << v.what() << '\n';
      return kExitOk;
    } catch (const CLI::ParseError& e) {
      err << "kmsaccess: " << e.what() << "\n";
      err << "Run 'kmsaccess --help' for usage.\n";
      return kExitUsage;
    }
    return ctx.exit_code;
  } catch (const std::exception& e) {
    return internal_error(err, e.what());
  } catch (...) {  // not a std::exception: still a bug, still exit 3 rather than std::terminate
    return internal_error(err, "unknown exception");
  }
}

}  // namespace kmsaccess::cli
