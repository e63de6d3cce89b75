#include <ostream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "taizhang/chinese_number.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/error.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/unit_of_measure.hpp"

namespace taizhang {
namespace {

enum class Expect { value, parse_error, overflow };

struct ParseCase {
  std::string_view input;
  Expect expect;
  std::string_view value;  // Decimal::to_string() of the value, for Expect::value
  std::string_view unit;   // "" for a bare number
};

void PrintTo(const ParseCase& c, std::ostream* os) {
  *os << '"' << c.input << '"';
}

constexpr Expect kOk = Expect::value;
constexpr Expect kBad = Expect::parse_error;
constexpr Expect kOverflow = Expect::overflow;

constexpr ParseCase kCases[] = {
    // Arabic digits, half- and full-width, signs, grouping commas, surrounding space.
    {"18000", kOk, "18000", ""},
    {"１８０００", kOk, "18000", ""},
    {"0.25", kOk, "0.25", ""},
    {"-2.5", kOk, "-2.5", ""},
    {"－2.5", kOk, "-2.5", ""},
    {"−2.5", kOk, "-2.5", ""},
    {"18,000", kOk, "18000", ""},
    {"1,234,567", kOk, "1234567", ""},
    {"１８，０００", kOk, "18000", ""},
    {"  18000  ", kOk, "18000", ""},
    {"\u3000一百\u3000", kOk, "100", ""},
    // Magnitudes after Arabic digits multiply.
    {"1.6万", kOk, "16000", ""},
    {"12亿", kOk, "1200000000", ""},
    {"1.2千万", kOk, "12000000", ""},
    {"3百万", kOk, "3000000", ""},
    {"2万亿", kOk, "2000000000000", ""},
    // Chinese numerals.
    {"三", kOk, "3", ""},
    {"十", kOk, "10", ""},
    {"十四", kOk, "14", ""},
    {"二十", kOk, "20", ""},
    {"二十一", kOk, "21", ""},
    {"两千五百", kOk, "2500", ""},
    {"一千一百", kOk, "1100", ""},
    {"一百零五", kOk, "105", ""},
    {"一千零五十", kOk, "1050", ""},
    {"一万零五百", kOk, "10500", ""},
    {"十万", kOk, "100000", ""},
    {"三万五千", kOk, "35000", ""},
    {"一亿二千万", kOk, "120000000", ""},
    {"一万亿", kOk, "1000000000000", ""},
    {"负三", kOk, "-3", ""},
    {"〇", kOk, "0", ""},
    // Spoken abbreviations: one digit right after a magnitude counts one place below it.
    {"两千五", kOk, "2500", ""},
    {"一万二", kOk, "12000", ""},
    {"三百五", kOk, "350", ""},
    {"一亿二", kOk, "120000000", ""},
    {"一万零二", kOk, "10002", ""},
    // Digit by digit, 点, financial forms.
    {"二〇二一", kOk, "2021", ""},
    {"一九九八", kOk, "1998", ""},
    {"一点五", kOk, "1.5", ""},
    {"零点五", kOk, "0.5", ""},
    {"一点六万", kOk, "16000", ""},
    {"十二点五万", kOk, "125000", ""},
    {"壹佰贰拾", kOk, "120", ""},
    {"叁仟零伍拾", kOk, "3050", ""},
    // Arabic coefficients that a magnitude follows are not ambiguous.
    {"3万5千", kOk, "35000", ""},
    {"1亿2000万", kOk, "120000000", ""},
    // Percentages.
    {"10%", kOk, "10", "%"},
    {"１０％", kOk, "10", "%"},
    {"百分之十", kOk, "10", "%"},
    {"百分之十二点五", kOk, "12.5", "%"},
    {"3.5个百分点", kOk, "3.5", "个百分点"},
    // Units of measure.
    {"12亿元", kOk, "12", "亿元"},
    {"12 亿元", kOk, "12", "亿元"},
    {"3.3万名", kOk, "33000", "名"},
    {"1.6万户", kOk, "16000", "户"},
    {"1260名", kOk, "1260", "名"},
    {"36个", kOk, "36", "个"},
    {"36 个", kOk, "36", "个"},
    {"三所", kOk, "3", "所"},
    {"１８０００名", kOk, "18000", "名"},
    {"18,000.50元", kOk, "18000.5", "元"},
    {"两人", kOk, "2", "人"},
    // A magnitude stays in the unit only when the cut does not change the value.
    {"五百万元", kOk, "500", "万元"},
    {"一千二百万元", kOk, "1200", "万元"},
    {"一万二千元", kOk, "12000", "元"},
    {"一亿二千万元", kOk, "120000000", "元"},
    {"1亿5000万元", kOk, "150000000", "元"},
    {"5千米", kOk, "5", "千米"},
    {"三千米", kOk, "3000", "米"},
    {"1.2千万元", kOk, "1200", "万元"},

    // Not numbers.
    {"", kBad, "", ""},
    {"   ", kBad, "", ""},
    {"abc", kBad, "", ""},
    {"名", kBad, "", ""},
    {"万", kBad, "", ""},
    {"万万", kBad, "", ""},
    {"一万万", kBad, "", ""},
    {"一亿亿", kBad, "", ""},
    {"1..2", kBad, "", ""},
    {"1.2.3", kBad, "", ""},
    {"1.", kBad, "", ""},
    {".5", kBad, "", ""},
    {"18,00", kBad, "", ""},
    {"1,8000", kBad, "", ""},
    {",18", kBad, "", ""},
    {"18,000,", kBad, "", ""},
    {"1.000,5", kBad, "", ""},
    {"十百", kBad, "", ""},
    {"五十三百", kBad, "", ""},
    {"一百零", kBad, "", ""},
    {"一百零五十", kBad, "", ""},
    {"十五六", kBad, "", ""},
    {"两三", kBad, "", ""},
    {"点五", kBad, "", ""},
    {"一点", kBad, "", ""},
    {"一点五点六", kBad, "", ""},
    {"1点5", kBad, "", ""},
    {"--2", kBad, "", ""},
    {"-", kBad, "", ""},
    {"负2", kBad, "", ""},
    {"1万千", kBad, "", ""},
    // Ambiguous: a digit after a magnitude, with Arabic digits in the mix or before another one.
    {"1万2", kBad, "", ""},
    {"1万2000", kBad, "", ""},
    {"1.5万3千", kBad, "", ""},
    {"三千五万", kBad, "", ""},
    // Digits read one by one never take a magnitude: 一二三万 could be 123万 or a typo.
    {"一二三万", kBad, "", ""},
    // A number followed by something that is not a known unit of measure.
    {"3头牛", kBad, "", ""},
    {"1.6万头", kBad, "", ""},
    {"10%%", kBad, "", ""},
    {"百分之", kBad, "", ""},
    {"百分之十名", kBad, "", ""},
    // Too large or too precise for a Decimal.
    {"99999999999999999999", kOverflow, "", ""},
    {"0.0000000000000000001", kOverflow, "", ""},
    {"99999999999999999999名", kOverflow, "", ""},
};

class QuantityParse : public testing::TestWithParam<ParseCase> {};

// Runs `parse`, expecting an exception of type E whose what() quotes `input`.
template <typename E, typename F>
void expect_error(std::string_view input, F parse) {
  try {
    parse();
    ADD_FAILURE() << "no exception for \"" << input << '"';
  } catch (const E& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("\"" + std::string(input) + "\""), std::string::npos) << what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception for \"" << input << "\": " << e.what();
  }
}

TEST_P(QuantityParse, ReadsOrRejects) {
  const ParseCase& c = GetParam();
  switch (c.expect) {
    case Expect::value: {
      const Quantity expected{Decimal::parse(c.value), std::string(c.unit)};
      EXPECT_EQ(parse_quantity(c.input), expected) << parse_quantity(c.input).to_string();
      if (c.unit.empty()) {
        EXPECT_EQ(parse_number(c.input), expected.value);
      } else {
        expect_error<ParseError>(c.input, [&] { static_cast<void>(parse_number(c.input)); });
      }
      break;
    }
    case Expect::parse_error:
      expect_error<ParseError>(c.input, [&] { static_cast<void>(parse_quantity(c.input)); });
      expect_error<ParseError>(c.input, [&] { static_cast<void>(parse_number(c.input)); });
      break;
    case Expect::overflow:
      expect_error<OverflowError>(c.input, [&] { static_cast<void>(parse_quantity(c.input)); });
      if (c.input.find("名") == std::string_view::npos) {
        expect_error<OverflowError>(c.input, [&] { static_cast<void>(parse_number(c.input)); });
      }
      break;
  }
}

INSTANTIATE_TEST_SUITE_P(Quantity, QuantityParse, testing::ValuesIn(kCases));

TEST(QuantityParseTable, IsLargeEnough) {
  std::size_t good = 0;
  std::size_t bad = 0;
  for (const ParseCase& c : kCases) (c.expect == Expect::value ? good : bad) += 1;
  EXPECT_GE(good + bad, 50U);
  EXPECT_GE(bad, 20U);
}

std::string message_of(std::string_view input) {
  try {
    static_cast<void>(parse_quantity(input));
  } catch (const Error& e) {
    return e.what();
  }
  return "no exception";
}

std::string number_message_of(std::string_view input) {
  try {
    static_cast<void>(parse_number(input));
  } catch (const Error& e) {
    return e.what();
  }
  return "no exception";
}

TEST(QuantityMessages, SayWhatIsWrong) {
  EXPECT_EQ(message_of("3头牛"), "cannot read \"3头牛\": \"头牛\" is not a known unit of measure");
  EXPECT_EQ(number_message_of("万万"),
            "cannot read \"万万\" as a number: 万 needs a number before it");
  EXPECT_NE(number_message_of("十百").find("百 cannot follow 十"), std::string::npos);
  EXPECT_NE(number_message_of("1..2").find("more than one decimal point"), std::string::npos);
  EXPECT_NE(number_message_of("18,00").find("groups of three"), std::string::npos);
  EXPECT_NE(number_message_of("1万2").find("ambiguous"), std::string::npos);
  EXPECT_NE(number_message_of("一二三万").find("digits read one by one"), std::string::npos);
  EXPECT_NE(number_message_of("").find("empty"), std::string::npos);
  EXPECT_NE(number_message_of("18000名").find("\"名\" is not part of a number"), std::string::npos);
}

TEST(QuantityParse, InvalidUtf8IsAParseError) {
  EXPECT_THROW(static_cast<void>(parse_number("1\xff")), ParseError);
  EXPECT_THROW(static_cast<void>(parse_quantity("1\xff")), ParseError);
  // The message stays valid UTF-8: the bad byte is escaped.
  EXPECT_NE(number_message_of("1\xff").find("\"1\\xFF\""), std::string::npos);
}

TEST(QuantityParse, TwelveYiYuanConvertsToYuanExactly) {
  const Quantity q = parse_quantity("12亿元");
  ASSERT_EQ(q, (Quantity{12, "亿元"}));
  EXPECT_EQ(UnitRegistry::standard().convert(q.value, q.unit, "元"), Decimal(1200000000));
}

TEST(QuantityParse, UsesTheGivenRegistry) {
  const UnitRegistry empty;
  EXPECT_EQ(parse_quantity("18000", empty), (Quantity{18000, ""}));
  EXPECT_THROW(static_cast<void>(parse_quantity("18000名", empty)), ParseError);
  EXPECT_THROW(static_cast<void>(parse_quantity("10%", empty)), ParseError);

  // With 万户 known, the magnitude stays in the unit (the earliest cut wins).
  UnitRegistry households = UnitRegistry::standard();
  households.add({"万户", "户", Decimal(10000)});
  EXPECT_EQ(parse_quantity("1.6万户", households), (Quantity{Decimal::parse("1.6"), "万户"}));
}

TEST(QuantityToString, ValueThenUnit) {
  EXPECT_EQ((Quantity{18000, "名"}).to_string(), "18000名");
  EXPECT_EQ((Quantity{12, "亿元"}).to_string(), "12亿元");
  EXPECT_EQ((Quantity{10, "%"}).to_string(), "10%");
  EXPECT_EQ((Quantity{Decimal::parse("1.5"), ""}).to_string(), "1.5");
  EXPECT_EQ((Quantity{Decimal::parse("-0.25"), "万元"}).to_string(), "-0.25万元");
}

TEST(QuantityToString, ReadsBack) {
  for (const std::string_view text : {"18000名", "12亿元", "10%", "1.5", "3.5个百分点"}) {
    EXPECT_EQ(parse_quantity(text).to_string(), text);
  }
}

TEST(ChineseOrdinal, WritesChineseNumerals) {
  EXPECT_EQ(chinese_ordinal(1), "一");
  EXPECT_EQ(chinese_ordinal(2), "二");
  EXPECT_EQ(chinese_ordinal(9), "九");
  EXPECT_EQ(chinese_ordinal(10), "十");
  EXPECT_EQ(chinese_ordinal(14), "十四");
  EXPECT_EQ(chinese_ordinal(20), "二十");
  EXPECT_EQ(chinese_ordinal(21), "二十一");
  EXPECT_EQ(chinese_ordinal(100), "一百");
  EXPECT_EQ(chinese_ordinal(105), "一百零五");
  EXPECT_EQ(chinese_ordinal(110), "一百一十");
  EXPECT_EQ(chinese_ordinal(1001), "一千零一");
  EXPECT_EQ(chinese_ordinal(1010), "一千零一十");
  EXPECT_EQ(chinese_ordinal(1100), "一千一百");
  EXPECT_EQ(chinese_ordinal(9999), "九千九百九十九");
}

TEST(ChineseOrdinal, FallsBackToArabicOutsideTheRange) {
  EXPECT_EQ(chinese_ordinal(0), "0");
  EXPECT_EQ(chinese_ordinal(-3), "-3");
  EXPECT_EQ(chinese_ordinal(10000), "10000");
}

TEST(ChineseOrdinal, ReadsBack) {
  for (int n = 1; n <= 9999; ++n) {
    ASSERT_EQ(parse_number(chinese_ordinal(n)), Decimal(n)) << chinese_ordinal(n);
  }
}

}  // namespace
}  // namespace taizhang
