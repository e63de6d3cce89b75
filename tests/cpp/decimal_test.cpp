#include "taizhang/decimal.hpp"

#include <cstdint>
#include <limits>
#include <unordered_set>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"

namespace tz = taizhang;
using tz::Decimal;

namespace {

Decimal d(const char* text) {
  return Decimal::parse(text);
}

TEST(Decimal, ParsesAndPrintsShortestForm) {
  EXPECT_EQ(d("18000").to_string(), "18000");
  EXPECT_EQ(d("1.50").to_string(), "1.5");
  EXPECT_EQ(d("-0.25").to_string(), "-0.25");
  EXPECT_EQ(d("0.000000000000000001").to_string(), "0.000000000000000001");
  EXPECT_EQ(d("-0").to_string(), "0");
  EXPECT_EQ(d("007").to_string(), "7");
  EXPECT_EQ(d("9223372036854775807").to_string(), "9223372036854775807");
  EXPECT_EQ(d("1.5").coefficient(), 15);
  EXPECT_EQ(d("1.5").scale(), 1);
}

TEST(Decimal, RejectsWhatIsNotADecimalNamingTheText) {
  for (const char* bad :
       {"", "-", ".", "1.", ".5", "1..2", "1.2.3", "abc", "1e3", "+1", " 1", "1 ", "1,000", "１"}) {
    try {
      (void)Decimal::parse(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const tz::ParseError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("\"") + bad + "\""), std::string::npos)
          << e.what();
    }
    EXPECT_FALSE(Decimal::try_parse(bad).has_value()) << bad;
  }
}

TEST(Decimal, TooManyDigitsIsAnOverflowNotAParseError) {
  EXPECT_THROW((void)Decimal::parse("9223372036854775808"), tz::OverflowError);
  EXPECT_THROW((void)Decimal::parse("0.0000000000000000001"), tz::OverflowError);
  EXPECT_THROW((void)Decimal::parse("123456789012345678901234567890"), tz::OverflowError);
  // Trailing zeros beyond 18 places are no loss of precision.
  EXPECT_EQ(d("1.0000000000000000000000").to_string(), "1");
}

TEST(Decimal, ArithmeticIsExact) {
  EXPECT_EQ(d("0.1") + d("0.2"), d("0.3"));
  EXPECT_EQ(d("1.6") * Decimal(10000), Decimal(16000));
  EXPECT_EQ(d("12") * Decimal(100000000), Decimal(1200000000));
  EXPECT_EQ(d("1.10") - d("0.1"), Decimal(1));
  EXPECT_EQ(d("-2.5") * d("-2.5"), d("6.25"));
  EXPECT_EQ(-d("3.5"), d("-3.5"));
  EXPECT_EQ(d("-3.5").abs(), d("3.5"));
}

TEST(Decimal, MoneyAddsUpToTheFen) {
  // One million payments of 0.01 元 (one fen) make exactly 10000 元; binary floating point does
  // not (the double sum drifts).
  Decimal sum;
  double drift = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    sum += d("0.01");
    drift += 0.01;
  }
  EXPECT_EQ(sum, Decimal(10000));
  EXPECT_NE(drift, 10000.0);
  // 12亿元 in 元 split into 39 projects and added back.
  const Decimal total = Decimal(1200000000);
  const Decimal share = Decimal::divide(total, Decimal(39), 2, tz::Rounding::toward_zero);
  EXPECT_EQ(share, d("30769230.76"));
  EXPECT_EQ(share * Decimal(38) + (total - share * Decimal(38)), total);
}

TEST(Decimal, OverflowIsReportedNeverWrapped) {
  const Decimal big = Decimal(std::numeric_limits<std::int64_t>::max());
  EXPECT_THROW((void)(big + Decimal(1)), tz::OverflowError);
  EXPECT_THROW((void)(-big - Decimal(1)), tz::OverflowError);
  EXPECT_THROW((void)(big * Decimal(2)), tz::OverflowError);
  EXPECT_THROW((void)(d("0.0000000001") * d("0.0000000001")), tz::OverflowError);
  EXPECT_THROW((void)Decimal(std::numeric_limits<std::int64_t>::min()), tz::OverflowError);
  EXPECT_THROW((void)Decimal::from_parts(1, 19), tz::OverflowError);
  EXPECT_THROW((void)Decimal(1).shifted(19), tz::OverflowError);
  EXPECT_THROW((void)Decimal(10).shifted(18), tz::OverflowError);
  try {
    (void)(big + big);
  } catch (const tz::OverflowError& e) {
    EXPECT_EQ(e.code(), tz::ErrorCode::overflow);
    EXPECT_NE(std::string(e.what()).find("addition"), std::string::npos) << e.what();
  }
  // Alignment of scales never loses the exact result when it fits.
  EXPECT_EQ(d("922337203685477580.6") + d("0.1"), d("922337203685477580.7"));
  EXPECT_THROW((void)(d("922337203685477580.7") + d("0.1")), tz::OverflowError);
}

TEST(Decimal, ComparesByValue) {
  EXPECT_EQ(d("1.5"), d("1.50"));
  EXPECT_LT(d("1.49"), d("1.5"));
  EXPECT_GT(d("-1"), d("-1.01"));
  EXPECT_LT(d("0.000000000000000001"), d("0.00000000000000001"));
  EXPECT_GT(d("92233720368547758.07"), d("92233720368547758"));
  std::unordered_set<Decimal> set{d("1.5"), d("1.50"), d("1.500")};
  EXPECT_EQ(set.size(), 1U);
}

TEST(Decimal, DividesWithTheChosenRounding) {
  EXPECT_EQ(Decimal::divide(Decimal(2), Decimal(3), 4), d("0.6667"));
  EXPECT_EQ(Decimal::divide(Decimal(2), Decimal(3), 4, tz::Rounding::toward_zero), d("0.6666"));
  EXPECT_EQ(Decimal::divide(Decimal(5), Decimal(2), 0, tz::Rounding::half_up), Decimal(3));
  EXPECT_EQ(Decimal::divide(Decimal(5), Decimal(2), 0, tz::Rounding::half_even), Decimal(2));
  EXPECT_EQ(Decimal::divide(Decimal(7), Decimal(2), 0, tz::Rounding::half_even), Decimal(4));
  EXPECT_EQ(Decimal::divide(Decimal(-5), Decimal(2), 0, tz::Rounding::half_up), Decimal(-3));
  EXPECT_EQ(Decimal::divide(d("4500"), d("18000"), 4), d("0.25"));
  EXPECT_THROW((void)Decimal::divide(Decimal(1), Decimal(0), 2), tz::Error);
  EXPECT_THROW((void)Decimal::divide(Decimal(1), d("0.000000000000000001"), 2), tz::OverflowError);
}

TEST(Decimal, DividesExactlyOrSaysItCannot) {
  EXPECT_EQ(Decimal::divide_exact(Decimal(5000), Decimal(10000)), d("0.5"));
  EXPECT_EQ(Decimal::divide_exact(d("1.2"), d("0.04")), Decimal(30));
  EXPECT_EQ(Decimal::divide_exact(Decimal(1), Decimal(8)), d("0.125"));
  EXPECT_FALSE(Decimal::divide_exact(Decimal(1), Decimal(3)).has_value());
  EXPECT_FALSE(Decimal::divide_exact(Decimal(2), Decimal(15)).has_value());
}

TEST(Decimal, RoundsAndFormatsToFixedPlaces) {
  EXPECT_EQ(d("2.345").rounded(2), d("2.35"));
  EXPECT_EQ(d("2.345").rounded(2, tz::Rounding::half_even), d("2.34"));
  EXPECT_EQ(d("-2.345").rounded(2), d("-2.35"));
  EXPECT_EQ(d("2.345").rounded(2, tz::Rounding::toward_zero), d("2.34"));
  EXPECT_EQ(d("1.5").to_fixed(2), "1.50");
  EXPECT_EQ(Decimal(7).to_fixed(1), "7.0");
  EXPECT_EQ(d("0.125").to_fixed(2), "0.13");
  EXPECT_EQ(d("-0.004").to_fixed(2), "0.00");
  EXPECT_EQ(d("99.995").to_fixed(2), "100.00");
}

TEST(Decimal, ShiftsByPowersOfTen) {
  EXPECT_EQ(d("1.6").shifted(4), Decimal(16000));
  EXPECT_EQ(Decimal(10).shifted(-2), d("0.1"));
  EXPECT_EQ(d("0.05").shifted(2), Decimal(5));
}

TEST(Decimal, ConvertsForChartsAndIntegers) {
  EXPECT_DOUBLE_EQ(d("0.25").to_double(), 0.25);
  EXPECT_DOUBLE_EQ(d("-1260").to_double(), -1260.0);
  EXPECT_EQ(d("1260").to_integer(), 1260);
  EXPECT_THROW((void)d("12.5").to_integer(), tz::Error);
  EXPECT_TRUE(d("3").is_integer());
  EXPECT_EQ(d("-3").sign(), -1);
  EXPECT_TRUE(Decimal().is_zero());
}

}  // namespace
