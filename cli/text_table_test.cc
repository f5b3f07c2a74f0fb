#include "cli/text_table.h"

#include <doctest/doctest.h>

namespace kmsaccess::cli {
namespace {

TEST_CASE("control characters from the inputs are shown escaped, never sent to the terminal") {
  CHECK(printable("a\x1b[31mred\nrow\r\t\x7f") == "a\\x1b[31mred\\nrow\\r\\t\\x7f");
  CHECK(printable("caf\xc3\xa9 plain") == "caf\xc3\xa9 plain");  // UTF-8 is text, kept as is

  TextTable table({"PRINCIPAL", "WHY"});
  table.add_row({{"app", ""}, {"key.json:4:5 (\x1b]0;owned\x07)", ""}});
  table.add_row({{"two\nlines", ""}, {"x", ""}});
  const std::string out = table.render(false);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out == "PRINCIPAL   WHY\n"
               "app         key.json:4:5 (\\x1b]0;owned\\x07)\n"
               "two\\nlines  x\n");
}

}  // namespace
}  // namespace kmsaccess::cli
