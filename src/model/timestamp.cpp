#include "taizhang/timestamp.hpp"

#include <cstdio>
#include <string>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

using std::chrono::days;
using std::chrono::milliseconds;

// Reads exactly `n` ASCII digits at s[pos]; -1 when they are not there.
int digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  pos += n;
  return v;
}

}  // namespace

Timestamp now_utc() noexcept {
  return std::chrono::floor<milliseconds>(std::chrono::system_clock::now());
}

std::string format_local_time(Timestamp t, std::chrono::minutes utc_offset) {
  const auto local = t + utc_offset;
  const auto day = std::chrono::floor<days>(local);
  const Date date = Date::from_days(day.time_since_epoch().count());
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
         std::to_string(date.day()) + "日 " + clock;
}

std::string format_timestamp(Timestamp t) {
  const auto day = std::chrono::floor<days>(t);
  const Date date = Date::from_days(day.time_since_epoch().count());
  const auto ms = (t - day).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", date.to_string().c_str(),
                static_cast<int>(ms / 3600000), static_cast<int>(ms / 60000 % 60),
                static_cast<int>(ms / 1000 % 60), static_cast<int>(ms % 1000));
  return buf;
}

Timestamp parse_timestamp(std::string_view input) {
  const std::string text(util::trim(input));
  const std::string_view s = text;
  const auto fail = [&]() -> Timestamp {
    throw ParseError("\"" + std::string(input) +
                     "\" is not a time (expected ISO 8601, such as 2021-04-08T09:30:00+08:00)");
  };
  if (s.size() < 10) return fail();
  Date date;
  try {
    date = Date::parse(s.substr(0, 10));
  } catch (const Error&) {
    return fail();
  }
  Timestamp t{milliseconds(date.days() * 86'400'000LL)};
  std::size_t pos = 10;
  if (pos == s.size()) return t;
  if (s[pos] != 'T' && s[pos] != ' ') return fail();
  ++pos;
  const int h = digits(s, pos, 2);
  if (h < 0 || pos >= s.size() || s[pos++] != ':') return fail();
  const int m = digits(s, pos, 2);
  int sec = 0;
  int ms = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    sec = digits(s, pos, 2);
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const std::size_t start = pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (pos - start < 3) ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == start) return fail();
    }
  }
  if (h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return fail();
  t += milliseconds((h * 3600LL + m * 60LL + sec) * 1000 + ms);
  if (pos == s.size() || (s[pos] == 'Z' && pos + 1 == s.size())) return t;
  if (s[pos] != '+' && s[pos] != '-') return fail();
  const int sign = s[pos] == '+' ? 1 : -1;
  ++pos;
  const int oh = digits(s, pos, 2);
  if (pos < s.size() && s[pos] == ':') ++pos;
  const int om = digits(s, pos, 2);
  if (oh < 0 || om < 0 || oh > 14 || om > 59 || pos != s.size()) return fail();
  return t - milliseconds(sign * (oh * 60LL + om) * 60'000);
}

Date local_date(Timestamp t, std::chrono::minutes utc_offset) {
  // Adding the offset must not overflow (a stored time of 2^63 − 1 ms is read, not trusted): a
  // time beyond the years a Date holds is refused by Date::from_days with a clear error.
  const std::int64_t ms = t.time_since_epoch().count();
  const std::int64_t offset = std::chrono::duration_cast<milliseconds>(utc_offset).count();
  constexpr std::int64_t kLimit = 400'000LL * 366 * 86'400'000LL;  // far beyond year 9999
  if (ms > kLimit || ms < -kLimit) {
    throw Error(ErrorCode::validation,
                "the time " + std::to_string(ms) + " ms since 1970 is outside the years 1 to 9999");
  }
  const std::int64_t local = ms + offset;
  const std::int64_t day =
      local >= 0 ? local / 86'400'000LL : -((-local + 86'399'999LL) / 86'400'000LL);
  return Date::from_days(day);
}

Timestamp start_of_day(const Date& date, std::chrono::minutes utc_offset) {
  return Timestamp{milliseconds(date.days() * 86'400'000LL)} - utc_offset;
}

}  // namespace taizhang
