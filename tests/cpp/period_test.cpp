#include "taizhang/period.hpp"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"

namespace tz = taizhang;
using tz::Date;
using tz::Period;

namespace {

TEST(Period, ParsesAndPrints) {
  EXPECT_EQ(Period::parse("2021Q3"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021q3"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021-Q3"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021-07"), Period::month(2021, 7));
  EXPECT_EQ(Period::parse("2021"), Period::year(2021));
  EXPECT_EQ(Period::parse("2021年"), Period::year(2021));
  EXPECT_EQ(Period::parse("2021年第三季度"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021年三季度"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021年第3季度"), Period::quarter(2021, 3));
  EXPECT_EQ(Period::parse("2021年7月"), Period::month(2021, 7));
  EXPECT_EQ(Period::parse("2021年十二月"), Period::month(2021, 12));
  EXPECT_EQ(Period::quarter(2021, 3).to_string(), "2021Q3");
  EXPECT_EQ(Period::month(2021, 7).to_string(), "2021-07");
  EXPECT_EQ(Period::month(2021, 11).to_string(), "2021-11");
  EXPECT_EQ(Period::year(2021).to_string(), "2021");
  for (const Period p : {Period::quarter(2021, 4), Period::month(2021, 1), Period::year(2030)}) {
    EXPECT_EQ(Period::parse(p.to_string()), p);
  }
}

TEST(Period, RefusesBadTextNamingIt) {
  for (const char* bad : {"", "21Q3", "2021Q5", "2021Q0", "2021-13", "2021-7", "2021-00", "2021Q",
                          "Q3", "2021年第五季度", "2021年13月", "2021/07", "abc"}) {
    try {
      (void)Period::parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const tz::ParseError& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW((void)Period::quarter(2021, 5), tz::Error);
  EXPECT_THROW((void)Period::month(2021, 0), tz::Error);
}

TEST(Period, KnowsItsDays) {
  EXPECT_EQ(Period::quarter(2021, 1).first_day(), Date::make(2021, 1, 1));
  EXPECT_EQ(Period::quarter(2021, 1).last_day(), Date::make(2021, 3, 31));
  EXPECT_EQ(Period::quarter(2021, 2).last_day(), Date::make(2021, 6, 30));
  EXPECT_EQ(Period::quarter(2021, 4).first_day(), Date::make(2021, 10, 1));
  EXPECT_EQ(Period::month(2024, 2).last_day(), Date::make(2024, 2, 29));
  EXPECT_EQ(Period::year(2021).last_day(), Date::make(2021, 12, 31));
  EXPECT_TRUE(Period::quarter(2021, 3).contains(Date::make(2021, 9, 30)));
  EXPECT_FALSE(Period::quarter(2021, 3).contains(Date::make(2021, 10, 1)));
  EXPECT_EQ(Period::containing(Date::make(2021, 8, 15), tz::PeriodKind::quarter),
            Period::quarter(2021, 3));
  EXPECT_EQ(Period::containing(Date::make(2021, 8, 15), tz::PeriodKind::month),
            Period::month(2021, 8));
}

TEST(Period, StepsForwardAndBack) {
  EXPECT_EQ(Period::quarter(2021, 4).next(), Period::quarter(2022, 1));
  EXPECT_EQ(Period::quarter(2022, 1).previous(), Period::quarter(2021, 4));
  EXPECT_EQ(Period::month(2021, 12).next(), Period::month(2022, 1));
  EXPECT_EQ(Period::month(2021, 1).previous(), Period::month(2020, 12));
  EXPECT_EQ(Period::year(2021).next(), Period::year(2022));
  EXPECT_THROW((void)Period::year(9999).next(), tz::Error);
  EXPECT_THROW((void)Period::quarter(1, 1).previous(), tz::Error);
}

TEST(Period, OrdersByTime) {
  std::vector<Period> periods = {Period::quarter(2021, 2), Period::month(2021, 1),
                                 Period::year(2021), Period::quarter(2021, 1)};
  std::sort(periods.begin(), periods.end());
  EXPECT_EQ(periods, (std::vector<Period>{Period::month(2021, 1), Period::quarter(2021, 1),
                                          Period::year(2021), Period::quarter(2021, 2)}));
}

TEST(Period, APlanWindowHoldsItsPeriods) {
  const Date start = Date::make(2021, 1, 1);
  const Date end = Date::make(2021, 12, 31);
  EXPECT_EQ(tz::periods_between(start, end, tz::PeriodKind::quarter),
            (std::vector<Period>{Period::quarter(2021, 1), Period::quarter(2021, 2),
                                 Period::quarter(2021, 3), Period::quarter(2021, 4)}));
  EXPECT_EQ(tz::periods_between(start, end, tz::PeriodKind::month).size(), 12U);
  EXPECT_EQ(tz::periods_between(start, end, tz::PeriodKind::year),
            std::vector<Period>{Period::year(2021)});
  // A window that starts and ends inside quarters overlaps them all.
  EXPECT_EQ(tz::periods_between(Date::make(2024, 4, 29), Date::make(2025, 1, 15),
                                tz::PeriodKind::quarter),
            (std::vector<Period>{Period::quarter(2024, 2), Period::quarter(2024, 3),
                                 Period::quarter(2024, 4), Period::quarter(2025, 1)}));
  EXPECT_TRUE(tz::periods_between(end, start, tz::PeriodKind::quarter).empty());
  EXPECT_EQ(std::string(tz::to_string(tz::PeriodKind::quarter)), "quarter");
  EXPECT_EQ(tz::period_kind_from_string("month"), tz::PeriodKind::month);
  EXPECT_FALSE(tz::period_kind_from_string("week").has_value());
}

}  // namespace
