#include "taizhang/date.hpp"

#include <chrono>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"
#include "taizhang/timestamp.hpp"

namespace tz = taizhang;
using tz::Date;

namespace {

TEST(Date, ParsesTheForms) {
  EXPECT_EQ(Date::parse("2021-12-31"), Date::make(2021, 12, 31));
  EXPECT_EQ(Date::parse("2021年6月30日"), Date::make(2021, 6, 30));
  EXPECT_EQ(Date::parse("2021年06月30号"), Date::make(2021, 6, 30));
  EXPECT_EQ(Date::parse("2021/6/30"), Date::make(2021, 6, 30));
  EXPECT_EQ(Date::parse(" ２０２１-０６-３０ "), Date::make(2021, 6, 30));
  EXPECT_EQ(Date::make(2021, 2, 3).to_string(), "2021-02-03");
  EXPECT_EQ(Date::make(1, 1, 1).to_string(), "0001-01-01");
}

TEST(Date, RefusesWhatIsNotADate) {
  for (const char* bad : {"", "2021", "2021-2-3", "2021-02-29", "2021-13-01", "2021-00-10",
                          "21-02-03", "2021-02-03x", "0000-01-01", "二〇二一年"}) {
    try {
      (void)Date::parse(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const tz::ParseError& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW((void)Date::make(2021, 2, 29), tz::Error);
  EXPECT_NO_THROW((void)Date::make(2020, 2, 29));
  EXPECT_THROW((void)Date::make(1900, 2, 29), tz::Error);
  EXPECT_NO_THROW((void)Date::make(2000, 2, 29));
  EXPECT_THROW((void)Date::make(10000, 1, 1), tz::Error);
}

TEST(Date, CountsDays) {
  EXPECT_EQ(Date::make(1970, 1, 1).days(), 0);
  EXPECT_EQ(Date::make(2021, 1, 1).days(), 18628);
  EXPECT_EQ(Date::make(2021, 12, 31).days_since(Date::make(2021, 1, 1)), 364);
  EXPECT_EQ(Date::make(2021, 3, 31).plus_days(10), Date::make(2021, 4, 10));
  EXPECT_EQ(Date::make(2021, 1, 5).plus_days(-10), Date::make(2020, 12, 26));
  EXPECT_EQ(Date::from_days(Date::make(1600, 2, 29).days()), Date::make(1600, 2, 29));
  for (std::int64_t day = -719162; day <= 2932896; day += 997) {  // 0001-01-01 .. 9999-12-31
    EXPECT_EQ(Date::from_days(day).days(), day);
  }
  EXPECT_THROW((void)Date::make(9999, 12, 31).plus_days(1), tz::Error);
  EXPECT_THROW((void)Date::make(1, 1, 1).plus_days(-1), tz::Error);
  EXPECT_LT(Date::make(2021, 6, 30), Date::make(2021, 7, 1));
  EXPECT_GE(Date::today_utc(), Date::make(2024, 1, 1));
}

TEST(Date, KnowsMonthLengths) {
  EXPECT_EQ(Date::days_in_month(2021, 2), 28);
  EXPECT_EQ(Date::days_in_month(2024, 2), 29);
  EXPECT_EQ(Date::days_in_month(2021, 4), 30);
  EXPECT_EQ(Date::days_in_month(2021, 12), 31);
}

}  // namespace

// Times people read: in China Standard Time by default, to the minute, as offices write them; the
// day changes at local midnight, not at UTC's.
TEST(FormatLocalTime, WritesTheMomentAsOfficesDo) {
  EXPECT_EQ(taizhang::format_local_time(taizhang::parse_timestamp("2021-07-10T07:02:59Z")),
            "2021年7月10日 15:02");
  EXPECT_EQ(taizhang::format_local_time(taizhang::parse_timestamp("2021-06-30T16:00:00Z")),
            "2021年7月1日 00:00");
  EXPECT_EQ(taizhang::format_local_time(taizhang::parse_timestamp("2021-06-30T16:00:00Z"),
                                        std::chrono::minutes(0)),
            "2021年6月30日 16:00");
}
