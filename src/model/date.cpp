#include "taizhang/date.hpp"

#include <chrono>
#include <string>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

bool is_leap(int y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Days since 1970-01-01 of a valid civil date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

constexpr std::int64_t kFirstDay = -719162;  // 0001-01-01
constexpr std::int64_t kLastDay = 2932896;   // 9999-12-31

// Reads a run of ASCII digits at s[pos]; returns -1 when there is none or it is too long.
int read_int(std::string_view s, std::size_t& pos, std::size_t max_digits) {
  int value = 0;
  std::size_t n = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && n < max_digits) {
    value = value * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  if (n == 0 || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')) return -1;
  return value;
}

bool consume(std::string_view s, std::size_t& pos, std::string_view what) {
  if (s.substr(pos, what.size()) != what) return false;
  pos += what.size();
  return true;
}

}  // namespace

int Date::days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    throw Error(ErrorCode::validation, "there is no month " + std::to_string(month));
  }
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

Date Date::make(int year, int month, int day) {
  const auto name = [&] {
    const auto two = [](int n) { return (n >= 0 && n < 10 ? "0" : "") + std::to_string(n); };
    return std::to_string(year) + "-" + two(month) + "-" + two(day);
  };
  if (year < 1 || year > 9999) {
    throw Error(ErrorCode::validation, "the date " + name() + " is outside the years 1..9999");
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    throw Error(ErrorCode::validation, "the date " + name() + " does not exist");
  }
  return Date(static_cast<std::int16_t>(year), static_cast<std::int8_t>(month),
              static_cast<std::int8_t>(day));
}

Date Date::parse(std::string_view input) {
  const std::string text = util::to_halfwidth(util::trim(input));
  const std::string_view s = text;
  std::size_t pos = 0;
  int y = read_int(s, pos, 4);
  int m = -1;
  int d = -1;
  bool ok = y >= 0 && pos == 4;
  if (ok && consume(s, pos, "-")) {
    const std::size_t at = pos;
    m = read_int(s, pos, 2);
    ok = pos - at == 2 && consume(s, pos, "-");
    const std::size_t at2 = pos;
    d = ok ? read_int(s, pos, 2) : -1;
    ok = ok && pos - at2 == 2;
  } else if (ok && consume(s, pos, "/")) {
    m = read_int(s, pos, 2);
    ok = consume(s, pos, "/");
    d = ok ? read_int(s, pos, 2) : -1;
  } else if (ok && consume(s, pos, "年")) {
    m = read_int(s, pos, 2);
    ok = consume(s, pos, "月");
    d = ok ? read_int(s, pos, 2) : -1;
    ok = ok && (consume(s, pos, "日") || consume(s, pos, "号"));
  } else {
    ok = false;
  }
  if (!ok || m < 0 || d < 0 || pos != s.size()) {
    throw ParseError("\"" + std::string(input) +
                     "\" is not a date (expected YYYY-MM-DD, such as 2021-12-31)");
  }
  try {
    return make(y, m, d);
  } catch (const Error& e) {
    throw ParseError("\"" + std::string(input) + "\" is not a date: " + e.message());
  }
}

Date Date::from_days(std::int64_t days) {
  if (days < kFirstDay || days > kLastDay) {
    throw Error(ErrorCode::validation,
                "day " + std::to_string(days) + " after 1970-01-01 is outside the years 1..9999");
  }
  // Inverse of days_from_civil.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date(static_cast<std::int16_t>(y + (m <= 2 ? 1 : 0)), static_cast<std::int8_t>(m),
              static_cast<std::int8_t>(d));
}

Date Date::today_utc() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return from_days(now.time_since_epoch().count());
}

std::int64_t Date::days() const noexcept {
  return days_from_civil(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
}

Date Date::plus_days(std::int64_t n) const {
  return from_days(days() + n);
}

std::string Date::to_string() const {
  char buf[16];
  const int y = year_;
  const int m = month_;
  const int d = day_;
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + m / 10);
  buf[6] = static_cast<char>('0' + m % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d / 10);
  buf[9] = static_cast<char>('0' + d % 10);
  return std::string(buf, 10);
}

}  // namespace taizhang
