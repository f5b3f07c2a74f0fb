// Date and IP address parsing for the Date* and IpAddress/NotIpAddress condition operators.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/condition.h"

namespace kmsaccess::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t count) {
  if (pos + count > s.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-compatible
// low-level date algorithms").
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// "1563278400" or "1563278400.5": seconds since the epoch.
std::optional<double> parse_epoch(std::string_view s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  double whole = 0;
  std::size_t digits = 0;
  for (; i < s.size() && is_digit(s[i]); ++i, ++digits) whole = whole * 10 + (s[i] - '0');
  if (digits == 0 || digits > 15) return std::nullopt;
  double frac = 0;
  if (i < s.size() && s[i] == '.') {
    double scale = 0.1;
    std::size_t frac_digits = 0;
    for (++i; i < s.size() && is_digit(s[i]); ++i, ++frac_digits, scale /= 10) {
      frac += (s[i] - '0') * scale;
    }
    if (frac_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return (s[0] == '-' ? -1.0 : 1.0) * (whole + frac);
}

// "Z", "+02:00", "-0530", "+02"; returns the offset in seconds east of UTC.
std::optional<int> parse_zone(std::string_view s, std::size_t& pos) {
  if (pos == s.size()) return 0;  // no zone designator: read as UTC
  char c = s[pos];
  if (c == 'Z' || c == 'z') {
    ++pos;
    return 0;
  }
  if (c != '+' && c != '-') return std::nullopt;
  ++pos;
  auto hh = read_digits(s, pos, 2);
  if (!hh || *hh > 23) return std::nullopt;
  int mm = 0;
  if (pos < s.size()) {
    if (s[pos] == ':') ++pos;
    auto m = read_digits(s, pos, 2);
    if (!m || *m > 59) return std::nullopt;
    mm = *m;
  }
  int offset = *hh * 3600 + mm * 60;
  return c == '-' ? -offset : offset;
}

// "hh:mm[:ss[.fff]]" after the 'T'; returns seconds into the day.
std::optional<double> parse_time(std::string_view s, std::size_t& pos) {
  auto hh = read_digits(s, pos, 2);
  if (!hh || *hh > 23 || pos >= s.size() || s[pos] != ':') return std::nullopt;
  ++pos;
  auto mm = read_digits(s, pos, 2);
  if (!mm || *mm > 59) return std::nullopt;
  double seconds = *hh * 3600.0 + *mm * 60.0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    auto ss = read_digits(s, pos, 2);
    if (!ss || *ss > 60) return std::nullopt;  // 60: a leap second
    seconds += *ss;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      double scale = 0.1;
      std::size_t frac_digits = 0;
      for (; pos < s.size() && is_digit(s[pos]); ++pos, ++frac_digits, scale /= 10) {
        seconds += (s[pos] - '0') * scale;
      }
      if (frac_digits == 0) return std::nullopt;
    }
  }
  return seconds;
}

std::optional<double> parse_iso8601(std::string_view s) {
  std::size_t pos = 0;
  auto year = read_digits(s, pos, 4);
  if (!year || pos >= s.size() || s[pos] != '-') return std::nullopt;
  ++pos;
  auto month = read_digits(s, pos, 2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  int day = 1;
  if (pos < s.size() && s[pos] == '-') {
    ++pos;
    auto d = read_digits(s, pos, 2);
    if (!d || *d < 1 || *d > days_in_month(*year, *month)) return std::nullopt;
    day = *d;
  }
  double seconds = static_cast<double>(days_from_civil(*year, *month, day)) * 86400.0;
  if (pos == s.size()) return seconds;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  ++pos;
  auto time = parse_time(s, pos);
  if (!time) return std::nullopt;
  auto zone = parse_zone(s, pos);
  if (!zone || pos != s.size()) return std::nullopt;
  return seconds + *time - *zone;
}

struct IpPrefix {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
};

bool parse_ipv4(std::string_view s, std::uint8_t* out) {
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (s.empty() || s.front() != '.') return false;
      s.remove_prefix(1);
    }
    int value = 0;
    std::size_t digits = 0;
    while (digits < s.size() && digits < 4 && is_digit(s[digits])) {
      value = value * 10 + (s[digits++] - '0');
    }
    if (digits == 0 || digits > 3 || value > 255) return false;
    out[octet] = static_cast<std::uint8_t>(value);
    s.remove_prefix(digits);
  }
  return s.empty();
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Colon-separated hex groups; the last may be a dotted IPv4 tail when `allow_v4_tail`.
bool parse_groups(std::string_view s, bool allow_v4_tail, std::vector<std::uint8_t>& out) {
  if (s.empty()) return true;
  while (true) {
    std::size_t colon = s.find(':');
    std::string_view group = s.substr(0, colon);
    const bool last = colon == std::string_view::npos;
    if (last && allow_v4_tail && group.find('.') != std::string_view::npos) {
      std::array<std::uint8_t, 4> v4{};
      if (!parse_ipv4(group, v4.data())) return false;
      out.insert(out.end(), v4.begin(), v4.end());
      return true;
    }
    if (group.empty() || group.size() > 4) return false;
    int value = 0;
    for (char c : group) {
      int h = hex_value(c);
      if (h < 0) return false;
      value = value * 16 + h;
    }
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value & 0xff));
    if (colon == std::string_view::npos) return true;
    s.remove_prefix(colon + 1);
  }
}

bool parse_ipv6(std::string_view s, std::uint8_t* out) {
  std::size_t gap = s.find("::");
  std::vector<std::uint8_t> head;
  std::vector<std::uint8_t> tail;
  if (gap == std::string_view::npos) {
    if (!parse_groups(s, true, head) || head.size() != 16) return false;
  } else {
    std::string_view after = s.substr(gap + 2);
    if (after.find("::") != std::string_view::npos) return false;
    if (!parse_groups(s.substr(0, gap), false, head)) return false;
    if (!parse_groups(after, true, tail)) return false;
    if (head.size() + tail.size() > 14) return false;  // "::" stands for at least one group
  }
  std::fill(out, out + 16, std::uint8_t{0});
  std::copy(head.begin(), head.end(), out);
  std::copy(tail.begin(), tail.end(), out + 16 - tail.size());
  return true;
}

// "203.0.113.0/24", "2001:db8::/32", or a bare address (full-length prefix).
std::optional<IpPrefix> parse_ip_prefix(std::string_view text) {
  IpPrefix out;
  std::string_view address = text;
  std::optional<int> prefix;
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    std::string_view digits = text.substr(slash + 1);
    std::size_t pos = 0;
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = read_digits(digits, pos, digits.size());
    if (!prefix) return std::nullopt;
  }
  out.v6 = address.find(':') != std::string_view::npos;
  if (out.v6 ? !parse_ipv6(address, out.bytes.data()) : !parse_ipv4(address, out.bytes.data())) {
    return std::nullopt;
  }
  const int max_prefix = out.v6 ? 128 : 32;
  out.prefix = prefix.value_or(max_prefix);
  if (out.prefix > max_prefix) return std::nullopt;
  return out;
}

bool same_prefix(const IpPrefix& a, const IpPrefix& b, int bits) {
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((a.bytes[i] & mask) != (b.bytes[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<double> parse_date(std::string_view text) {
  if (auto epoch = parse_epoch(text)) return epoch;
  return parse_iso8601(text);
}

bool ip_in_cidr(std::string_view ip, std::string_view cidr, bool& valid) {
  auto host = parse_ip_prefix(ip);
  auto network = parse_ip_prefix(cidr);
  valid = host.has_value() && network.has_value();
  if (!valid) return false;
  // IPv4 and IPv6 (including IPv4-mapped ::ffff:a.b.c.d) are kept apart.
  if (host->v6 != network->v6) return false;
  // A range given as the request value lies inside the network only if it is no wider.
  if (host->prefix < network->prefix) return false;
  return same_prefix(*host, *network, network->prefix);
}

}  // namespace kmsaccess::core
