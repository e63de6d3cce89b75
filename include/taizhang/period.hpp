// Reporting periods: a year, a quarter or a month.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.hpp"
#include "taizhang/export.hpp"

namespace taizhang {

// How long a reporting period is. Part of the persistent format: do not renumber.
enum class PeriodKind : std::uint8_t { year = 1, quarter = 2, month = 3 };

// "year", "quarter", "month".
TAIZHANG_EXPORT const char* to_string(PeriodKind kind) noexcept;
TAIZHANG_EXPORT std::optional<PeriodKind> period_kind_from_string(std::string_view text) noexcept;

// One period of a given kind: 2021 (a year), 2021Q3 (a quarter), 2021-07 (a month).
// A value type; ordered by first day, then shorter before longer.
class TAIZHANG_EXPORT Period {
 public:
  // The year 1970.
  constexpr Period() noexcept = default;

  // Throw Error(ErrorCode::validation) naming the value when it is out of range
  // (year 1..9999, quarter 1..4, month 1..12).
  static Period year(int year);
  static Period quarter(int year, int quarter);
  static Period month(int year, int month);
  // The period of `kind` that contains `date`.
  static Period containing(const Date& date, PeriodKind kind) noexcept;

  // Reads "2021Q3" (also "2021-Q3", "2021q3"), "2021-07", "2021", and the Chinese forms
  // "2021年第三季度", "2021年三季度", "2021年7月", "2021年". Throws ParseError naming the text.
  static Period parse(std::string_view text);

  [[nodiscard]] constexpr PeriodKind kind() const noexcept { return kind_; }
  [[nodiscard]] constexpr int year_number() const noexcept { return year_; }
  // The quarter (1..4) or month (1..12) within the year; 1 for a year.
  [[nodiscard]] constexpr int index() const noexcept { return index_; }

  [[nodiscard]] Date first_day() const noexcept;
  [[nodiscard]] Date last_day() const noexcept;
  [[nodiscard]] bool contains(const Date& date) const noexcept {
    return first_day() <= date && date <= last_day();
  }

  // The following and preceding period of the same kind. Throw Error(validation) past 9999 or 1.
  [[nodiscard]] Period next() const;
  [[nodiscard]] Period previous() const;

  // "2021", "2021Q3", "2021-07". parse(to_string()) == *this.
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(const Period&, const Period&) noexcept = default;
  friend TAIZHANG_EXPORT std::strong_ordering operator<=>(const Period& a,
                                                          const Period& b) noexcept;

 private:
  constexpr Period(PeriodKind k, std::int16_t y, std::int8_t i) noexcept
      : kind_(k), year_(y), index_(i) {}

  PeriodKind kind_ = PeriodKind::year;
  std::int16_t year_ = 1970;
  std::int8_t index_ = 1;
};

// The periods of `kind`, in order, that overlap the window [first, last] (both inclusive); empty
// when last < first. A plan's window 2021-01-01..2021-12-31 holds 2021Q1..2021Q4.
TAIZHANG_EXPORT std::vector<Period> periods_between(const Date& first, const Date& last,
                                                    PeriodKind kind);

}  // namespace taizhang
