// Calendar dates (proleptic Gregorian), as deadlines, plan windows and period bounds use them.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// A valid calendar date between the years 1 and 9999. Construct through make() or parse(), which
// check validity; a default-constructed Date is 1970-01-01.
class TAIZHANG_EXPORT Date {
 public:
  constexpr Date() noexcept = default;

  // The date year-month-day; throws Error(ErrorCode::validation) naming it when it does not exist
  // (2021-02-29, month 13, year 0).
  static Date make(int year, int month, int day);
  // Reads "2021-12-31" (ISO 8601, zero-padded) and also "2021年12月31日" and "2021/12/31".
  // Throws ParseError naming the text.
  static Date parse(std::string_view text);
  // The date `days` days after 1970-01-01 (negative for earlier); throws Error(validation) when the
  // result leaves the years 1..9999.
  static Date from_days(std::int64_t days);
  // Today's date in UTC.
  static Date today_utc();
  // The last day of a month: 28..31.
  static int days_in_month(int year, int month);

  [[nodiscard]] constexpr int year() const noexcept { return year_; }
  [[nodiscard]] constexpr int month() const noexcept { return month_; }
  [[nodiscard]] constexpr int day() const noexcept { return day_; }

  // Days since 1970-01-01 (negative for earlier dates).
  [[nodiscard]] std::int64_t days() const noexcept;
  // This date moved by `n` days (either way); throws as from_days().
  [[nodiscard]] Date plus_days(std::int64_t n) const;
  // Signed number of days from `earlier` to this date.
  [[nodiscard]] std::int64_t days_since(const Date& earlier) const noexcept {
    return days() - earlier.days();
  }

  // "2021-12-31".
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(const Date&, const Date&) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(const Date&, const Date&) noexcept = default;

 private:
  constexpr Date(std::int16_t y, std::int8_t m, std::int8_t d) noexcept
      : year_(y), month_(m), day_(d) {}

  // Declaration order makes the defaulted comparison chronological.
  std::int16_t year_ = 1970;
  std::int8_t month_ = 1;
  std::int8_t day_ = 1;
};

}  // namespace taizhang
