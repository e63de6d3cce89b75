// Clerk templates (template_form.hpp): what a unit's template holds, its identity kept in the
// file (.xlsx properties or hidden sheet, the CSV's "# taizhang:" line), and a filled template
// read back and filed whole or not at all, each bad cell named by row and column in Chinese.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "ledger_support.hpp"
#include "taizhang/message.hpp"
#include "taizhang/template_form.hpp"

namespace tz = taizhang;
using tz::test::linzi_key;
using tz::test::reporter;

namespace {

// Chinese for the test, then back to what it was.
struct InChinese {
  tz::Language before = tz::language();
  InChinese() { tz::set_language(tz::Language::chinese); }
  ~InChinese() { tz::set_language(before); }
};

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// The CSV template with `cell` in 本期数值 of target 1.1 and a narrative for initiative 1.
std::string filled_csv(const tz::ClerkTemplate& form, const std::string& cell) {
  std::string text = tz::render_template(form, tz::FormFormat::csv);
  const std::string row = "区卫健局,2021Q3,,,,,1.1,";
  const std::size_t at = text.find(row);
  EXPECT_NE(at, std::string::npos);
  const std::size_t end = text.find("\r\n", at);
  // 目标内容, 计量单位, 目标值, 上期累计 are kept; 本期数值 and 说明 (the last two, empty) filled.
  std::string line = text.substr(at, end - at);
  EXPECT_EQ(line.substr(line.size() - 2), ",,");
  line = line.substr(0, line.size() - 1) + cell + ",三季度（示例）";
  text.replace(at, end - at, line);
  return text;
}

}  // namespace

TEST(ClerkTemplate, AUnitsInitiativesAndTheTargetsItReportsOn) {
  tz::test::TestClock clock;
  const tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::ClerkTemplate form = tz::unit_template(
      ledger, "linzi-2021-women-children", "health", tz::Period::parse("2021Q3"));
  EXPECT_EQ(form.identity, (tz::TemplateIdentity{"linzi-2021-women-children", 1, "health",
                                                 tz::Period::parse("2021Q3"),
                                                 tz::TemplateKind::unit}));
  ASSERT_EQ(form.notice.size(), 2U);  // initiative 1 (lead) and another it shares
  EXPECT_EQ(form.notice[0].number, 1);
  EXPECT_EQ(form.notice[0].units.rfind("区卫健局、", 0), 0U);
  ASSERT_GE(form.data.size(), 2U);
  EXPECT_EQ(form.data[0].target, "1.1");
  EXPECT_EQ(form.data[0].goal, tz::Decimal(18000));
  EXPECT_EQ(form.data[0].unit_of_measure, "名");
  EXPECT_TRUE(form.data[1].milestone);
  EXPECT_NE(std::find(form.data[1].stages.begin(), form.data[1].stages.end(), "推进中"),
            form.data[1].stages.end());
  EXPECT_THROW((void)tz::unit_template(ledger, "linzi-2021-women-children", "no-such-unit",
                                       tz::Period::parse("2021Q3")),
               tz::NotFoundError);
}

TEST(ClerkTemplate, ARunningTotalCarriesTheLatestEarlierValueCounted) {
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  tz::ReportContent content;
  tz::TargetValue value;
  value.target = "3.6";
  value.value = tz::Decimal(5200);
  content.values.push_back(value);
  ledger.file(reporter("propaganda"), linzi_key("propaganda", "2021Q1"), content);
  content.values[0].value = tz::Decimal(7300);
  ledger.file(reporter("propaganda"), linzi_key("propaganda", "2021Q2"), content);
  const tz::ClerkTemplate form = tz::unit_template(
      ledger, "linzi-2021-women-children", "propaganda", tz::Period::parse("2021Q3"));
  const auto row = std::find_if(form.data.begin(), form.data.end(),
                                [](const tz::TemplateDataRow& r) { return r.target == "3.6"; });
  ASSERT_NE(row, form.data.end());
  EXPECT_EQ(row->previous, tz::Decimal(7300));
  EXPECT_EQ(row->previous_period, "2021Q2");
}

TEST(ClerkTemplate, TheIdentityIsKeptInTheXlsxAndTheCsv) {
  tz::test::TestClock clock;
  const tz::Ledger ledger = tz::test::linzi_ledger(clock);
  for (const tz::ClerkTemplate& form :
       {tz::unit_template(ledger, "linzi-2021-women-children", "health",
                          tz::Period::parse("2021Q3")),
        tz::consolidated_template(ledger, "linzi-2021-women-children",
                                  tz::Period::parse("2021Q3"))}) {
    for (const tz::FormFormat format : {tz::FormFormat::csv, tz::FormFormat::xlsx}) {
      if (format == tz::FormFormat::xlsx && !tz::xlsx_supported()) continue;
      const std::string bytes = tz::render_template(form, format);
      EXPECT_EQ(tz::template_identity(bytes), form.identity) << tz::to_string(format);
    }
  }
  EXPECT_EQ(tz::template_identity("单位,报告期\nhealth,2021Q3\n"), std::nullopt);
  EXPECT_THROW((void)tz::render_template(
                   tz::unit_template(ledger, "linzi-2021-women-children", "health",
                                     tz::Period::parse("2021Q3")),
                   tz::FormFormat::html),
               tz::ValidationError);
}

TEST(ImportTemplate, AFilledCsvTemplateIsFiledWholeOrNotAtAll) {
  const InChinese chinese;
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::test::TempDir dir;
  const tz::ClerkTemplate form = tz::unit_template(
      ledger, "linzi-2021-women-children", "health", tz::Period::parse("2021Q3"));
  // A bad cell: nothing filed, the cell named by row and column, in Chinese.
  write(dir / "bad.csv", filled_csv(form, "三十左右"));
  try {
    (void)tz::import_template(ledger, reporter("health"), dir / "bad.csv");
    FAIL() << "a bad cell was filed";
  } catch (const tz::ValidationError& e) {
    ASSERT_FALSE(e.issues().empty());
    EXPECT_EQ(e.issues()[0].message, "“三十左右”不是数字");
    EXPECT_NE(e.issues()[0].place.find("第L列（本期数值）"), std::string::npos)
        << e.issues()[0].place;
  }
  EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q3")));
  // A dry run files nothing and says what would be filed.
  write(dir / "good.csv", filled_csv(form, "4500"));
  tz::TemplateImportOptions dry;
  dry.dry_run = true;
  const tz::TemplateReading checked =
      tz::import_template(ledger, reporter("health"), dir / "good.csv", dry);
  EXPECT_TRUE(checked.reading.problems.empty());
  EXPECT_EQ(checked.reading.filings.size(), 1U);
  EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q3")));
  // Filed.
  (void)tz::import_template(ledger, reporter("health"), dir / "good.csv");
  const std::optional<tz::Report> report = ledger.report(linzi_key("health", "2021Q3"));
  ASSERT_TRUE(report);
  ASSERT_EQ(report->content().values.size(), 1U);
  EXPECT_EQ(report->content().values[0].value, tz::Decimal(4500));
  EXPECT_EQ(report->content().values[0].comment, "三季度（示例）");
}

TEST(ImportTemplate, AFileWithoutIdentityIsRefused) {
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::test::TempDir dir;
  write(dir / "plain.csv", "单位,报告期,目标,数值\nhealth,2021Q3,1.1,4500\n");
  EXPECT_THROW((void)tz::import_template(ledger, reporter("health"), dir / "plain.csv"),
               tz::ValidationError);
  EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q3")));
}
