#include "taizhang/unit_of_measure.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"

namespace tz = taizhang;
using tz::Decimal;

namespace {

const tz::UnitRegistry& standard() {
  return tz::UnitRegistry::standard();
}

TEST(UnitOfMeasure, MoneyConvertsExactly) {
  EXPECT_EQ(standard().convert(Decimal(12), "亿元", "元"), Decimal(1200000000));
  EXPECT_EQ(standard().convert(Decimal(12), "亿元", "万元"), Decimal(120000));
  EXPECT_EQ(standard().convert(Decimal(5000), "元", "万元"), Decimal::parse("0.5"));
  EXPECT_EQ(standard().convert(Decimal::parse("1.5"), "万元", "元"), Decimal(15000));
  EXPECT_EQ(standard().convert(Decimal::parse("0.01"), "元", "亿元"),
            Decimal::parse("0.0000000001"));
  EXPECT_EQ(standard().convert(Decimal(3), "千元", "元"), Decimal(3000));
}

TEST(UnitOfMeasure, PersonsAreOneThing) {
  EXPECT_TRUE(standard().convertible("名", "人"));
  EXPECT_TRUE(standard().convertible("位", "名"));
  EXPECT_EQ(standard().convert(Decimal(1100), "人", "名"), Decimal(1100));
}

TEST(UnitOfMeasure, MeasureWordsConvertOnlyToThemselves) {
  const std::vector<std::string> words = {"所", "个", "班", "处", "家", "户", "条", "场"};
  for (const std::string& word : words) {
    EXPECT_EQ(standard().convert(Decimal(3), word, word), Decimal(3));
    EXPECT_FALSE(standard().convertible(word, "名")) << word;
    for (const std::string& other : words) {
      EXPECT_EQ(standard().convertible(word, other), word == other) << word << " " << other;
    }
  }
}

TEST(UnitOfMeasure, NonsenseConversionsAreRefusedWithBothNames) {
  try {
    (void)standard().convert(Decimal(3), "所", "名");
    FAIL() << "所 converted to 名";
  } catch (const tz::UnitError& e) {
    EXPECT_EQ(e.code(), tz::ErrorCode::unit_mismatch);
    const std::string what = e.what();
    EXPECT_NE(what.find("所"), std::string::npos) << what;
    EXPECT_NE(what.find("名"), std::string::npos) << what;
  }
  EXPECT_THROW((void)standard().convert(Decimal(1), "元", "名"), tz::UnitError);
  EXPECT_THROW((void)standard().convert(Decimal(1), "%", "元"), tz::UnitError);
  EXPECT_THROW((void)standard().convert(Decimal(1), "亩", "平方米"), tz::UnitError);
  EXPECT_THROW((void)standard().convert(Decimal(1), "%", "个百分点"), tz::UnitError);
}

TEST(UnitOfMeasure, UnknownUnitsAreNamed) {
  try {
    (void)standard().at("头");
    FAIL();
  } catch (const tz::UnitError& e) {
    EXPECT_NE(std::string(e.what()).find("\"头\""), std::string::npos) << e.what();
  }
  EXPECT_EQ(standard().find("头"), nullptr);
  EXPECT_FALSE(standard().convertible("头", "头"));
}

TEST(UnitOfMeasure, LengthAndAreaConvert) {
  EXPECT_EQ(standard().convert(Decimal::parse("2.5"), "公里", "米"), Decimal(2500));
  EXPECT_EQ(standard().convert(Decimal(3), "公顷", "平方米"), Decimal(30000));
  EXPECT_EQ(standard().convert(Decimal(1), "平方公里", "公顷"), Decimal(100));
}

TEST(UnitOfMeasure, TheCallerCanExtendACopy) {
  tz::UnitRegistry mine = standard();
  mine.add({"头", "livestock", Decimal(1)});
  mine.add({"打", "dozens", Decimal(12)});
  mine.add({"只", "dozens", Decimal(1)});
  EXPECT_TRUE(mine.contains("头"));
  EXPECT_FALSE(standard().contains("头")) << "the standard registry must not change";
  EXPECT_EQ(mine.convert(Decimal(2), "打", "只"), Decimal(24));
  // 1 只 is 1/12 打: no exact decimal, so no silent rounding.
  EXPECT_THROW((void)mine.convert(Decimal(1), "只", "打"), tz::UnitError);
  EXPECT_EQ(mine.convert(Decimal(6), "只", "打"), Decimal::parse("0.5"));
  // The same definition twice is fine; a different one is a conflict.
  EXPECT_NO_THROW(mine.add({"头", "livestock", Decimal(1)}));
  try {
    mine.add({"元", "money", Decimal(2)});
    FAIL();
  } catch (const tz::Error& e) {
    EXPECT_EQ(e.code(), tz::ErrorCode::conflict);
  }
  EXPECT_THROW(mine.add({"", "x", Decimal(1)}), tz::Error);
  EXPECT_THROW(mine.add({"x", "", Decimal(1)}), tz::Error);
  EXPECT_THROW(mine.add({"x", "y", Decimal(0)}), tz::Error);
  EXPECT_THROW(mine.add({"3个", "y", Decimal(1)}), tz::Error);
  EXPECT_THROW(mine.add({"\xff", "y", Decimal(1)}), tz::Error);
  EXPECT_EQ(mine.size(), standard().size() + 3);
}

TEST(UnitOfMeasure, RegistryIsAValue) {
  tz::UnitRegistry a = standard();
  tz::UnitRegistry b = std::move(a);
  EXPECT_TRUE(b.contains("元"));
  a = b;  // a moved-from registry can be assigned again
  EXPECT_TRUE(a.contains("元"));
  tz::UnitRegistry c;
  EXPECT_EQ(c.size(), 0U);
  EXPECT_EQ(c.units().size(), 0U);
}

}  // namespace
