// Today's date in UTC as YYYY-MM-DD: the clock behind suppression expiry in lint and report.
#pragma once

#include <string>

namespace kmsaccess::cli {

// The only place the CLI reads the wall clock; core and rules take the date as data.
std::string today_utc();

}  // namespace kmsaccess::cli
