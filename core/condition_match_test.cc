#include "core/condition_match.h"

#include <doctest/doctest.h>

#include <string>

#include "core/condition.h"

using namespace kmsaccess::core;

TEST_CASE("condition parse_date reads ISO-8601 and epoch seconds") {
  SUBCASE("UTC date-time") {
    CHECK(parse_date("2019-07-16T12:00:00Z") == doctest::Approx(1563278400.0));
    CHECK(parse_date("1970-01-01T00:00:00Z") == doctest::Approx(0.0));
    CHECK(parse_date("2019-07-16t12:00:00z") == doctest::Approx(1563278400.0));
  }
  SUBCASE("offsets") {
    CHECK(parse_date("2019-07-16T14:00:00+02:00") == doctest::Approx(1563278400.0));
    CHECK(parse_date("2019-07-16T06:30:00-0530") == doctest::Approx(1563278400.0));
    CHECK(parse_date("2019-07-16T13:00:00+01") == doctest::Approx(1563278400.0));
  }
  SUBCASE("fractional seconds and minutes-only times") {
    CHECK(parse_date("2019-07-16T12:00:00.250Z") == doctest::Approx(1563278400.25));
    CHECK(parse_date("2019-07-16T12:00Z") == doctest::Approx(1563278400.0));
  }
  SUBCASE("date only, year-month, and no zone are read as UTC") {
    CHECK(parse_date("2019-07-16") == doctest::Approx(1563235200.0));
    CHECK(parse_date("2019-07") == doctest::Approx(1561939200.0));
    CHECK(parse_date("2019-07-16T12:00:00") == doctest::Approx(1563278400.0));
  }
  SUBCASE("epoch seconds") {
    CHECK(parse_date("1563278400") == doctest::Approx(1563278400.0));
    CHECK(parse_date("0") == doctest::Approx(0.0));
    CHECK(parse_date("1563278400.5") == doctest::Approx(1563278400.5));
  }
  SUBCASE("leap years and dates before the epoch") {
    CHECK(parse_date("2020-02-29") == doctest::Approx(1582934400.0));
    CHECK(parse_date("1969-12-31T23:59:59Z") == doctest::Approx(-1.0));
  }
  SUBCASE("not dates") {
    for (const char* text : {"", "tomorrow", "2019-13-01", "2019-02-29", "2019-07-32",
                             "2019-07-16T24:00:00Z", "2019-07-16T12:60Z", "2019-07-16T12",
                             "2019-07-16T12:00:00+25:00", "2019-07-16T12:00:00Zjunk",
                             "2019-07-16T12:00:00.Z", "19-07-16", "1.", "-"}) {
      CAPTURE(text);
      CHECK_FALSE(parse_date(text));
    }
  }
}

TEST_CASE("condition ip_in_cidr handles IPv4 ranges") {
  bool valid = false;
  CHECK(ip_in_cidr("10.1.2.3", "10.0.0.0/8", valid));
  CHECK(valid);
  CHECK_FALSE(ip_in_cidr("11.1.2.3", "10.0.0.0/8", valid));
  CHECK(valid);
  CHECK(ip_in_cidr("192.0.2.77", "192.0.2.64/26", valid));
  CHECK_FALSE(ip_in_cidr("192.0.2.128", "192.0.2.64/26", valid));
  CHECK(ip_in_cidr("8.8.8.8", "0.0.0.0/0", valid));
  SUBCASE("a bare address is a /32") {
    CHECK(ip_in_cidr("192.0.2.1", "192.0.2.1", valid));
    CHECK_FALSE(ip_in_cidr("192.0.2.2", "192.0.2.1", valid));
  }
  SUBCASE("host bits in the network are ignored") {
    CHECK(ip_in_cidr("10.9.9.9", "10.1.2.3/8", valid));
  }
  SUBCASE("a request range must be no wider than the network") {
    CHECK(ip_in_cidr("10.1.0.0/16", "10.0.0.0/8", valid));
    CHECK_FALSE(ip_in_cidr("10.0.0.0/7", "10.0.0.0/8", valid));
  }
}

TEST_CASE("condition ip_in_cidr handles IPv6 ranges") {
  bool valid = false;
  CHECK(ip_in_cidr("2001:db8::1", "2001:db8::/32", valid));
  CHECK(valid);
  CHECK(ip_in_cidr("2001:DB8:0:0:0:0:0:1", "2001:db8::1", valid));
  CHECK_FALSE(ip_in_cidr("2001:db9::1", "2001:db8::/32", valid));
  CHECK(ip_in_cidr("2001:db8:abcd:12::1", "2001:db8:abcd:10::/60", valid));
  CHECK_FALSE(ip_in_cidr("2001:db8:abcd:20::1", "2001:db8:abcd:10::/60", valid));
  CHECK(ip_in_cidr("::1", "::/0", valid));
  CHECK(ip_in_cidr("::ffff:192.0.2.1", "::ffff:192.0.2.0/120", valid));
  CHECK(valid);
  SUBCASE("IPv4 and IPv6 never match each other") {
    CHECK_FALSE(ip_in_cidr("::ffff:192.0.2.1", "192.0.2.0/24", valid));
    CHECK(valid);
    CHECK_FALSE(ip_in_cidr("192.0.2.1", "::/0", valid));
    CHECK(valid);
  }
}

TEST_CASE("condition ip_in_cidr flags unparsable input") {
  for (const char* bad : {"", "10.0.0", "10.0.0.256", "10.0.0.1.2", "10.0.0.0/33", "10.0.0.0/",
                          "10.0.0.0/-1", "a.b.c.d", "2001:db8::/129", "2001:db8:::1",
                          "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                          "fe80::1%eth0", "::ffff:1.2.3", "10.0.0.1 "}) {
    CAPTURE(bad);
    bool valid = true;
    CHECK_FALSE(ip_in_cidr(bad, "0.0.0.0/0", valid));
    CHECK_FALSE(valid);
    valid = true;
    CHECK_FALSE(ip_in_cidr("10.0.0.1", bad, valid));
    CHECK_FALSE(valid);
  }
}

TEST_CASE("condition parse_number accepts decimal numbers only") {
  CHECK(parse_number("30"));
  CHECK(parse_number("-2"));
  CHECK(parse_number("+7"));
  CHECK(parse_number("1.5"));
  CHECK(parse_number(".5"));
  CHECK(parse_number("1e3"));
  for (const char* bad : {"", "+", ".", "1e", "1.2.3", "0x10", "inf", "nan", "1 ", " 1", "1e999"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_number(bad));
  }
  SUBCASE("integers compare exactly, mixed forms by value") {
    CHECK(compare_numbers(*parse_number("9007199254740993"), *parse_number("9007199254740992")) > 0);
    CHECK(compare_numbers(*parse_number("30"), *parse_number("30.0")) == 0);
    CHECK(compare_numbers(*parse_number("-1"), *parse_number("0.5")) < 0);
  }
}

TEST_CASE("condition like_match honours the origin of each character") {
  Pattern p = literal_pattern("a*c");
  CHECK(like_match(p, "abbc") == Tri::kTrue);
  CHECK(like_match(p, "ABBC") == Tri::kFalse);
  CHECK(like_match(p, "ABBC", true) == Tri::kTrue);
  p.origin[1] = CharOrigin::kEscape;
  CHECK(like_match(p, "abbc") == Tri::kFalse);
  CHECK(like_match(p, "a*c") == Tri::kTrue);
  p.origin[1] = CharOrigin::kVariable;
  CHECK(like_match(p, "abbc") == Tri::kUnknown);
  CHECK(like_match(p, "a*c") == Tri::kTrue);
  SUBCASE("pathological patterns finish") {
    std::string value(5000, 'a');
    CHECK(like_match(literal_pattern("*a*a*a*a*a*a*a*a*b"), value) == Tri::kFalse);
  }
}

TEST_CASE("condition arn_like_match splits at the first five colons") {
  CHECK(arn_like_match(literal_pattern("arn:aws:kms:*:111122223333:key/*"),
                       "arn:aws:kms:us-east-1:111122223333:key/abc") == Tri::kTrue);
  CHECK(arn_like_match(literal_pattern("arn:aws:iam::111122223333:*"),
                       "arn:aws:iam::111122223333:role/a:b") == Tri::kTrue);
  CHECK(arn_like_match(literal_pattern("*:*:*:*:*:*"), "arn:aws:s3:::b") == Tri::kTrue);
  CHECK(arn_like_match(literal_pattern("*"), "arn:aws:s3:::b") == Tri::kFalse);
  CHECK(arn_like_match(literal_pattern("arn:aws:s3:::*"), "s3:::b") == Tri::kFalse);
}
