#include "taizhang/period.hpp"

#include <string>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang {

const char* to_string(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::year: return "year";
    case PeriodKind::quarter: return "quarter";
    case PeriodKind::month: return "month";
  }
  return "unknown";
}

std::optional<PeriodKind> period_kind_from_string(std::string_view text) noexcept {
  for (const PeriodKind k : {PeriodKind::year, PeriodKind::quarter, PeriodKind::month}) {
    if (text == to_string(k)) return k;
  }
  return std::nullopt;
}

namespace {

void check_year(int year) {
  if (year < 1 || year > 9999) {
    throw Error(ErrorCode::validation, "the year " + std::to_string(year) + " is outside 1..9999");
  }
}

int periods_per_year(PeriodKind kind) noexcept {
  switch (kind) {
    case PeriodKind::year: return 1;
    case PeriodKind::quarter: return 4;
    case PeriodKind::month: return 12;
  }
  return 1;
}

// 1..12 written in Arabic digits or as a Chinese numeral (三, 十二); -1 otherwise.
int small_number(std::string_view s) {
  if (s.empty()) return -1;
  int value = 0;
  bool arabic = true;
  for (const char c : s) {
    if (c < '0' || c > '9') arabic = false;
  }
  if (arabic) {
    if (s.size() > 2) return -1;
    for (const char c : s) value = value * 10 + (c - '0');
    return value;
  }
  static constexpr std::string_view kNames[] = {"一", "二", "三", "四", "五",   "六",
                                                "七", "八", "九", "十", "十一", "十二"};
  for (int i = 0; i < 12; ++i) {
    if (s == kNames[i]) return i + 1;
  }
  return -1;
}

}  // namespace

Period Period::year(int year) {
  check_year(year);
  return Period(PeriodKind::year, static_cast<std::int16_t>(year), 1);
}

Period Period::quarter(int year, int quarter) {
  check_year(year);
  if (quarter < 1 || quarter > 4) {
    throw Error(ErrorCode::validation, "there is no quarter " + std::to_string(quarter));
  }
  return Period(PeriodKind::quarter, static_cast<std::int16_t>(year),
                static_cast<std::int8_t>(quarter));
}

Period Period::month(int year, int month) {
  check_year(year);
  if (month < 1 || month > 12) {
    throw Error(ErrorCode::validation, "there is no month " + std::to_string(month));
  }
  return Period(PeriodKind::month, static_cast<std::int16_t>(year),
                static_cast<std::int8_t>(month));
}

Period Period::containing(const Date& date, PeriodKind kind) noexcept {
  const auto y = static_cast<std::int16_t>(date.year());
  switch (kind) {
    case PeriodKind::year: return Period(kind, y, 1);
    case PeriodKind::quarter:
      return Period(kind, y, static_cast<std::int8_t>((date.month() - 1) / 3 + 1));
    case PeriodKind::month: return Period(kind, y, static_cast<std::int8_t>(date.month()));
  }
  return Period(kind, y, 1);
}

Period Period::parse(std::string_view input) {
  const std::string text = util::to_halfwidth(util::trim(input));
  const std::string_view s = text;
  const auto fail = [&]() -> Period {
    throw ParseError("\"" + std::string(input) +
                     "\" is not a period (expected 2021, 2021Q3 or 2021-07)");
  };
  if (s.size() < 4) return fail();
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return fail();
    y = y * 10 + (s[i] - '0');
  }
  std::string_view rest = s.substr(4);
  try {
    if (rest.empty()) return year(y);
    if (rest == "年") return year(y);
    if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q')) {
      return quarter(y, small_number(rest.substr(1)));
    }
    if (rest.size() == 3 && rest[0] == '-' && (rest[1] == 'Q' || rest[1] == 'q')) {
      return quarter(y, small_number(rest.substr(2)));
    }
    if (rest.size() == 3 && rest[0] == '-' && rest[1] >= '0' && rest[1] <= '9') {
      return month(y, small_number(rest.substr(1)));
    }
    if (rest.substr(0, 3) == "年") {
      rest.remove_prefix(3);
      if (rest.size() > 3 && rest.substr(rest.size() - 3) == "月") {
        const int m = small_number(rest.substr(0, rest.size() - 3));
        if (m > 0) return month(y, m);
      }
      if (rest.substr(0, 3) == "第") rest.remove_prefix(3);
      if (rest.size() > 6 && rest.substr(rest.size() - 6) == "季度") {
        const int q = small_number(rest.substr(0, rest.size() - 6));
        if (q > 0) return quarter(y, q);
      }
    }
  } catch (const Error& e) {
    if (e.code() == ErrorCode::parse) throw;
    throw ParseError("\"" + std::string(input) + "\" is not a period: " + e.message());
  }
  return fail();
}

Date Period::first_day() const noexcept {
  switch (kind_) {
    case PeriodKind::year: return Date::make(year_, 1, 1);
    case PeriodKind::quarter: return Date::make(year_, (index_ - 1) * 3 + 1, 1);
    case PeriodKind::month: return Date::make(year_, index_, 1);
  }
  return Date::make(year_, 1, 1);
}

Date Period::last_day() const noexcept {
  const int m = kind_ == PeriodKind::year ? 12 : kind_ == PeriodKind::quarter ? index_ * 3 : index_;
  return Date::make(year_, m, Date::days_in_month(year_, m));
}

Period Period::next() const {
  if (index_ < periods_per_year(kind_)) {
    return Period(kind_, year_, static_cast<std::int8_t>(index_ + 1));
  }
  check_year(year_ + 1);
  return Period(kind_, static_cast<std::int16_t>(year_ + 1), 1);
}

Period Period::previous() const {
  if (index_ > 1) return Period(kind_, year_, static_cast<std::int8_t>(index_ - 1));
  check_year(year_ - 1);
  return Period(kind_, static_cast<std::int16_t>(year_ - 1),
                static_cast<std::int8_t>(periods_per_year(kind_)));
}

std::string Period::to_string() const {
  std::string y = std::to_string(year_);
  y.insert(0, 4 - y.size(), '0');
  switch (kind_) {
    case PeriodKind::year: return y;
    case PeriodKind::quarter: return y + "Q" + std::to_string(index_);
    case PeriodKind::month: return y + (index_ < 10 ? "-0" : "-") + std::to_string(index_);
  }
  return y;
}

std::strong_ordering operator<=>(const Period& a, const Period& b) noexcept {
  if (const auto c = a.first_day() <=> b.first_day(); c != 0) return c;
  // Same first day: the shorter period (a month before its quarter before its year) first.
  return b.kind_ <=> a.kind_;
}

std::vector<Period> periods_between(const Date& first, const Date& last, PeriodKind kind) {
  std::vector<Period> out;
  if (last < first) return out;
  for (Period p = Period::containing(first, kind); p.first_day() <= last; p = p.next()) {
    out.push_back(p);
    if (p.year_number() == 9999 && p.index() == periods_per_year(kind)) break;
  }
  return out;
}

}  // namespace taizhang
