#include "cli/cli_docs_model.h"

#include <CLI/CLI.hpp>

#include <cctype>

namespace kmsaccess::cli {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// CLI11 describes an IsMember check in the type name: "TEXT:{auto,always,never}".
std::vector<std::string> choices_of(const CLI::Option& o) {
  const std::string type = o.get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  std::vector<std::string> out;
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string item;
  for (char c : type.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

std::vector<OptionDoc> options_of(const CLI::App& app) {
  std::vector<OptionDoc> out;
  for (const CLI::Option* o : app.get_options()) {
    OptionDoc d;
    for (const auto& s : o->get_snames()) d.shorts.push_back("-" + s);
    for (const auto& l : o->get_lnames()) d.longs.push_back("--" + l);
    d.positional = o->get_positional();
    d.description = o->get_description();
    d.repeatable = o->get_items_expected_max() > 1;
    if (o->get_items_expected_max() != 0) {  // flags (and --help, --version) take no value
      d.value = d.positional ? upper(o->get_name()) : upper(o->get_lnames().empty() ? o->get_snames().front()
                                                                               : o->get_lnames().front());
      d.choices = choices_of(*o);
    }
    if (d.shorts.empty() && d.longs.empty() && !d.positional) continue;
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<CommandDoc> commands_of(const CLI::App& app) {
  std::vector<CommandDoc> out;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden commands stay out of docs and completions
    out.push_back({sub->get_name(), sub->get_description(), options_of(*sub)});
  }
  return out;
}

}  // namespace kmsaccess::cli
