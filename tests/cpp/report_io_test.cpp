// Report input and output: the CSV import (read_progress_csv), report content as JSON, the
// progress form rendered as CSV, Markdown, HTML and .xlsx, the roll-up as JSON and as a terminal
// table. Unit names and narratives are SAMPLE DATA (示例).
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

// Boost.JSON compiled into this test only, to read rollup_to_json back.
#include <boost/json/src.hpp>

#include "ledger_support.hpp"
#include "taizhang/csv_import.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/progress_form.hpp"
#include "taizhang/report_json.hpp"
#include "taizhang/rollup_json.hpp"
#include "taizhang/status_report.hpp"
#include "test_support.hpp"

namespace tz = taizhang;
using tz::Decimal;
using tz::Issue;
using tz::test::linzi_key;
using tz::test::reporter;

namespace {

const tz::Plan& linzi() {
  static const tz::Plan plan = tz::test::linzi_plan();
  return plan;
}

tz::CsvReading read(std::string_view bytes, const std::string& unit = "health") {
  return tz::read_progress_csv(reporter(unit), linzi(), bytes, "clerk.csv");
}

std::vector<std::string> paths(const std::vector<Issue>& issues) {
  std::vector<std::string> out;
  for (const Issue& i : issues) out.push_back(i.path);
  return out;
}

std::string problems_text(const tz::CsvReading& r) {
  std::string out;
  for (const Issue& i : r.problems) out += i.path + ": " + i.message + "\n";
  return out;
}

tz::TargetValue value(const std::string& target, std::optional<std::string> v,
                      const std::string& unit = "", const std::string& stage = "") {
  tz::TargetValue out;
  out.target = target;
  if (v) out.value = Decimal::parse(*v);
  out.unit = unit;
  out.stage = stage;
  return out;
}

// Columns on a CJK terminal, as the status table counts them (“ and ” count two).
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c >= 0xF0) {
      n = 4;
      cp = c & 0x07U;
    } else if (c >= 0xE0) {
      n = 3;
      cp = c & 0x0FU;
    } else {
      n = 2;
      cp = c & 0x1FU;
    }
    for (std::size_t k = 1; k < n; ++k) {
      cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
    }
    i += n;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ||
                      cp == 0x201C || cp == 0x201D;
    width += wide ? 2 : 1;
  }
  return width;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace

// ---- read_progress_csv: encodings

TEST(ReadProgressCsv, Utf8WithAndWithoutByteOrderMark) {
  const std::string text =
      "单位,报告期,目标,数值,进展情况,序号\n"
      "区卫健局,2021Q1,1.1,4500,启动筛查（示例）,1\n";
  for (const bool bom : {false, true}) {
    const tz::CsvReading r = read(bom ? "\xEF\xBB\xBF" + text : text);
    EXPECT_EQ(r.encoding, bom ? tz::TextEncoding::utf8_bom : tz::TextEncoding::utf8);
    EXPECT_TRUE(r.problems.empty()) << problems_text(r);
    EXPECT_EQ(r.rows, 1U);
    ASSERT_EQ(r.filings.size(), 1U);
    EXPECT_EQ(r.filings[0].key, linzi_key("health", "2021Q1"));
    EXPECT_EQ(r.filings[0].actor, reporter("health"));
    EXPECT_EQ(r.filings[0].content.values, std::vector<tz::TargetValue>{value("1.1", "4500")});
    ASSERT_EQ(r.filings[0].content.progress.size(), 1U);
    EXPECT_EQ(r.filings[0].content.progress[0].narrative, "启动筛查（示例）");
  }
  EXPECT_STREQ(tz::to_string(tz::TextEncoding::utf8), "utf-8");
  EXPECT_STREQ(tz::to_string(tz::TextEncoding::utf8_bom), "utf-8-bom");
  EXPECT_STREQ(tz::to_string(tz::TextEncoding::gb18030), "gb18030");
}

TEST(ReadProgressCsv, GbkAndGb18030AsExcelSavesThem) {
  // 单位,报告期,目标,数值,进展情况 / 区卫健局,2021年第一季度,1.1,１．６万,筛查“两癌” in GBK, CRLF.
  const std::string gbk =
      "\xB5\xA5\xCE\xBB,\xB1\xA8\xB8\xE6\xC6\xDA,\xC4\xBF\xB1\xEA,\xCA\xFD\xD6\xB5,"
      "\xBD\xF8\xD5\xB9\xC7\xE9\xBF\xF6\r\n"
      "\xC7\xF8\xCE\xC0\xBD\xA1\xBE\xD6,2021\xC4\xEA\xB5\xDA\xD2\xBB\xBC\xBE\xB6\xC8,1.1,"
      "\xA3\xB1\xA3\xAE\xA3\xB6\xCD\xF2,\xC9\xB8\xB2\xE9\xA1\xB0\xC1\xBD\xB0\xA9\xA1\xB1\r\n";
  tz::CsvReading r = read(gbk);
  EXPECT_EQ(r.encoding, tz::TextEncoding::gb18030);
  EXPECT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.filings.size(), 1U);
  EXPECT_EQ(r.filings[0].key, linzi_key("health", "2021Q1"));
  // As written, to be read against the target when filed: "１．６万" on 1.1 (名) is 16000.
  EXPECT_EQ(r.filings[0].content.values[0].text, "１．６万");
  EXPECT_EQ(r.filings[0].content.progress[0].narrative, "筛查“两癌”");
  EXPECT_EQ(r.filings[0].content.progress[0].initiative, 1);  // from the target

  // A four-byte GB18030 sequence (𠮷, outside GBK: 95 34 B2 35) reads too.
  const std::string gb18030 =
      "unit,period,initiative,narrative\r\nhealth,2021Q1,1,\x95"
      "4"
      "\xB2"
      "5\r\n";
  r = read(gb18030);
  EXPECT_EQ(r.encoding, tz::TextEncoding::gb18030);
  ASSERT_EQ(r.filings.size(), 1U) << problems_text(r);
  EXPECT_EQ(r.filings[0].content.progress[0].narrative, "𠮷");

  r = read("unit,period\r\n\xFF\xFF\x80");
  EXPECT_TRUE(r.filings.empty());
  ASSERT_EQ(r.problems.size(), 1U);
  EXPECT_EQ(r.problems[0].path, "file");
  EXPECT_EQ(r.problems[0].message, "clerk.csv is neither UTF-8 nor GBK/GB18030 text");
}

// ---- read_progress_csv: quoting

TEST(ReadProgressCsv, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  const std::string text =
      "unit,period,initiative,narrative,completion\r\n"
      "health,2021Q1,1,\"筛查4500人，\"\"两癌\"\"检查\r\n第二行\n第三行\",2021-12-31\r\n"
      "health,2021Q1,10,  \"  科普, 宣传  \"  ,\r\n"
      "\r\n"
      "health,2021Q1,\"1\",,\"2021-12-31\"\r\n";  // the same date again: no conflict
  const tz::CsvReading r = read(text);
  EXPECT_TRUE(r.problems.empty()) << problems_text(r);
  EXPECT_EQ(r.rows, 3U);  // the blank line is not a row
  ASSERT_EQ(r.filings.size(), 1U);
  const tz::ReportContent& c = r.filings[0].content;
  ASSERT_EQ(c.progress.size(), 2U);
  // A line break within a field is '\n', whatever the file's line ends.
  EXPECT_EQ(c.progress[0].narrative, "筛查4500人，\"两癌\"检查\n第二行\n第三行");
  EXPECT_EQ(c.progress[0].expected_completion, tz::Date::parse("2021-12-31"));
  EXPECT_EQ(c.progress[1].narrative, "科普, 宣传");  // trimmed
}

TEST(ReadProgressCsv, RowsAreNumberedByTheLineTheyStartOn) {
  // Row 2 runs over lines 2 and 3; the blank line 4 is skipped: the bad rows are 5 and 6.
  const std::string text =
      "unit,period,initiative,narrative,target,value\n"
      "health,2021Q1,1,\"两行\n说明\",,\n"
      "\n"
      "health,2021Q1,,,1.1,abc\n"
      "health,2021Q1,,,1.2,5\n";
  const tz::CsvReading r = read(text);
  EXPECT_EQ(paths(r.problems),
            (std::vector<std::string>{"row 5, column value", "row 6, column value"}));
}

TEST(ReadProgressCsv, AQuoteNeverClosedIsReportedAndTheOtherRowsStillChecked) {
  const tz::CsvReading r = read(
      "unit,period,target,value,comment\n"
      "health,2021Q1,9.9,5,\n"
      "health,2021Q1,1.1,4500,\"open\n");
  EXPECT_EQ(paths(r.problems), (std::vector<std::string>{"row 2, column target", "row 3"}));
  EXPECT_EQ(r.problems[1].message, "a quoted field is never closed");
  EXPECT_TRUE(r.filings.empty());
  // The row whose quote runs to the end is bad: its report is not filed, the others are.
  const tz::CsvReading open = read(
      "unit,period,target,value,comment\n"
      "health,2021Q1,1.1,4500,\n"
      "health,2021Q2,1.1,4800,\"open\nhealth,2021Q3,1.1,4875,\n");
  EXPECT_EQ(paths(open.problems), std::vector<std::string>{"row 3"});
  ASSERT_EQ(open.filings.size(), 1U);
  EXPECT_EQ(open.filings[0].key.period, tz::Period::parse("2021Q1"));
  // A header never closed.
  const tz::CsvReading header = read("unit,period,\"target\n");
  EXPECT_EQ(paths(header.problems), std::vector<std::string>{"row 1"});
}

// ---- read_progress_csv: every bad row

TEST(ReadProgressCsv, EveryBadRowWithItsRowAndColumn) {
  const std::string text =
      "单位,报告期,序号,目标,数值,计量单位,阶段,进展情况,完成时限\n"
      "区卫健局,2021Q1,,1.1,abc,,,,\n"           // 2
      "区卫健局,2021Q5,,1.1,100,,,,\n"           // 3
      "区财政局,2021Q1,2,,,,,资金,\n"            // 4
      "区卫健局,2021Q1,,9.9,5,,,,\n"             // 5
      "区卫健局,2021Q1,,1.2,,,快完成了,,\n"      // 6
      "区卫健局,2021Q1,3,,,,,美学,\n"            // 7
      "区卫健局,2021Q1,1,,,,,说明,2021-13-01\n"  // 8
      "区卫健局,2021Q1,,10.1,1,,,,\n"            // 9
      "区卫健局,2021Q1,,1.1,5,万元,,,\n"         // 10
      "区卫健局,2021-03,,10.2,,,推进中,,\n"      // 11
      ",2021Q1,,10.3,,,已启动,,\n"               // 12
      "区卫健局,2021Q1,,,,,,,\n"                 // 13
      "区卫健局,2021Q1,,,,,已启动,,\n"           // 14
      "区卫健局,2021Q1,,,,,,,2021-12-31\n"       // 15
      "区卫健局,2021Q1,2,1.1,,,,,\n"             // 16
      "区卫健局,2021Q1,,1.1,-3,,,,\n"            // 17
      "区卫健局,2021Q1,,1.1,,名,,,\n"            // 18
      "区卫健局,2021Q1,,1.2,,,,,\n"              // 19
      "nobody,2021Q1,,1.2,,,,,\n"                // 20
      "区卫健局,2021Q1,一百,,,,,说明,\n"         // 21
      "区卫健局,2021Q1,,1.1,4500,所,,,\n";       // 22
  const tz::CsvReading r = read(text);
  EXPECT_EQ(r.rows, 21U);
  EXPECT_TRUE(r.filings.empty());  // every row is of health's 2021Q1 report, which is bad
  // Every row is checked by the ledger's one report checker; each problem is named by its row
  // and column. Rows that repeat a target are checked on their own too.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"row 2, column 数值",
       "target 1.1 is counted in 名: cannot read \"abc\" as a value: it does not begin with a "
       "number"},
      {"row 3, column 报告期", "\"2021Q5\" is not a period: there is no quarter 5"},
      {"row 4, column 单位", "a reporter of \"health\" may not write the report of \"finance\""},
      {"row 5, column 目标", "plan \"linzi-2021-women-children\" has no target \"9.9\""},
      {"row 6, column 阶段",
       "\"快完成了\" is not a stage of target 1.2 (未启动、已启动、推进中、基本完成、已完成)"},
      {"row 7, column 序号",
       "区卫健局 (health) is not assigned to initiative 3 “开展乡村美学教育活动” of plan "
       "\"linzi-2021-women-children\", so it cannot report on it"},
      {"row 8, column 完成时限",
       "\"2021-13-01\" is not a date: the date 2021-13-01 does not exist"},
      {"row 9, column 数值", "target 10.1 is a milestone and takes no number"},
      {"row 10, column 目标",
       "target 1.1 already has a value for health in 2021Q1 in an earlier row"},
      {"row 10, column 计量单位",
       "target 1.1 is counted in 名: cannot convert 5万元 into 名: 万元 measures money and 名 "
       "measures persons"},
      {"row 11, column 报告期",
       "2021-03 is not a quarter: plan \"linzi-2021-women-children\" is reported by quarter"},
      {"row 12, column 单位", "the unit is empty"},
      {"row 13", "the row gives neither a target's value nor an initiative's progress"},
      {"row 14, column 阶段", "a value needs its target (目标) in the same row"},
      {"row 15, column 序号", "progress needs its initiative (序号) or a target in the same row"},
      {"row 16, column 序号", "target 1.1 belongs to initiative 1, not 2"},
      {"row 16, column 目标",
       "target 1.1 already has a value for health in 2021Q1 in an earlier row"},
      {"row 17, column 目标",
       "target 1.1 already has a value for health in 2021Q1 in an earlier row"},
      {"row 17, column 数值", "-3 is negative"},
      {"row 18, column 目标",
       "target 1.1 already has a value for health in 2021Q1 in an earlier row"},
      {"row 18, column 计量单位", "a unit of measure without a value"},
      {"row 19, column 目标",
       "target 1.2 already has a value for health in 2021Q1 in an earlier row"},
      {"row 20, column 单位", "\"nobody\" is not a unit of plan \"linzi-2021-women-children\""},
      {"row 21, column 序号", "plan \"linzi-2021-women-children\" has no initiative 100"},
      {"row 22, column 目标",
       "target 1.1 already has a value for health in 2021Q1 in an earlier row"},
      {"row 22, column 计量单位",
       "target 1.1 is counted in 名: cannot convert 4500所 into 名: 所 measures 所 and 名 "
       "measures persons"},
  };
  std::vector<std::pair<std::string, std::string>> got;
  for (const Issue& i : r.problems) {
    EXPECT_EQ(i.severity, Issue::Severity::error);
    got.emplace_back(i.path, i.message);
  }
  EXPECT_EQ(got, expected) << problems_text(r);
}

TEST(ReadProgressCsv, TheHeader) {
  tz::CsvReading r = read("单位,季度,数值,数值\nhealth,2021Q1,1,2\n");
  EXPECT_EQ(paths(r.problems),
            (std::vector<std::string>{"row 1, column 季度", "row 1, column 数值", "row 1"}));
  EXPECT_EQ(r.problems[1].message, "the column \"数值\" appears twice");
  EXPECT_EQ(r.problems[2].message, "the header has no 报告期 (period) column");
  EXPECT_EQ(r.rows, 0U);
  r = read("");
  EXPECT_EQ(paths(r.problems), std::vector<std::string>{"row 1"});
  EXPECT_EQ(r.problems[0].message, "the file has no header row");
  // English names in any case and order; the unit by code, name or full name.
  r = read("PERIOD,Value,Target,UNIT\n2021Q1,4500,1.1,区卫健局\n");
  EXPECT_TRUE(r.problems.empty()) << problems_text(r);
  EXPECT_EQ(r.filings.size(), 1U);
}

TEST(ReadProgressCsv, OnlyTheActorsOwnReportsAndOnlyAsAReporter) {
  const std::string text = "unit,period,target,value\nhealth,2021Q1,1.1,4500\n";
  const tz::CsvReading r =
      tz::read_progress_csv(tz::test::coordinator(), linzi(), text, "clerk.csv");
  EXPECT_EQ(paths(r.problems), std::vector<std::string>{"row 2, column unit"});
  EXPECT_EQ(r.problems[0].message,
            "a coordinator of \"women-children-centre\" may not write reports; that takes a "
            "reporter");
}

// ---- read_progress_csv: rows grouped into reports

TEST(ReadProgressCsv, RowsOfOneUnitAndPeriodMakeOneReport) {
  const std::string text =
      "单位,报告期,序号,目标,数值,阶段,备注,佐证,进展情况,完成时限\n"
      "区卫健局,2021年第一季度,1,1.1,４５００,,首季（示例）,http://e.org/1,筛查（示例）,\n"
      "health,2021Q2,,1.1,4800,,,,,\n"
      "区卫健局,2021Q1,一、,1.2,,已启动,,,,2021-12-31\n"
      "health,2021Q1,10,,,,,,科普（示例）,\n"
      "health,2021Q2,10,10.1,,推进中,,,进校园（示例）,\n"
      "health,2021Q1,1,,,,,,筛查（示例）,\n";  // the same narrative again: no conflict
  const tz::CsvReading r = read(text);
  EXPECT_TRUE(r.problems.empty()) << problems_text(r);
  EXPECT_EQ(r.rows, 6U);
  ASSERT_EQ(r.filings.size(), 2U);
  EXPECT_EQ(r.filings[0].key, linzi_key("health", "2021Q1"));
  EXPECT_EQ(r.filings[1].key, linzi_key("health", "2021Q2"));

  tz::TargetValue screened;
  screened.target = "1.1";
  screened.text = "４５００";  // full-width: read against the target when filed
  screened.comment = "首季（示例）";
  screened.evidence = "http://e.org/1";
  const tz::ReportContent& q1 = r.filings[0].content;
  EXPECT_EQ(q1.values, (std::vector<tz::TargetValue>{screened, value("1.2", {}, "", "已启动")}));
  ASSERT_EQ(q1.progress.size(), 2U);
  EXPECT_EQ(q1.progress[0],
            (tz::InitiativeProgress{1, "筛查（示例）", tz::Date::parse("2021-12-31")}));
  EXPECT_EQ(q1.progress[1], (tz::InitiativeProgress{10, "科普（示例）", std::nullopt}));

  const tz::ReportContent& q2 = r.filings[1].content;
  EXPECT_EQ(q2.values,
            (std::vector<tz::TargetValue>{value("1.1", "4800"), value("10.1", {}, "", "推进中")}));
  EXPECT_EQ(q2.progress, (std::vector<tz::InitiativeProgress>{{10, "进校园（示例）", {}}}));
}

TEST(ReadProgressCsv, OneNarrativeAndOneDatePerInitiative) {
  const tz::CsvReading r = read(
      "unit,period,initiative,narrative,completion\n"
      "health,2021Q1,1,筛查（示例）,2021-12-31\n"
      "health,2021Q1,1,另一说法（示例）,\n"
      "health,2021Q1,1,,2021-11-30\n");
  EXPECT_EQ(paths(r.problems),
            (std::vector<std::string>{"row 3, column narrative", "row 4, column completion"}));
  EXPECT_EQ(r.problems[0].message, "initiative 1 already has its progress in an earlier row");
  EXPECT_EQ(r.problems[1].message, "initiative 1 already has another 完成时限 in an earlier row");
}

TEST(ReadProgressCsv, AReportWithABadRowIsLeftOutAndTheOthersKept) {
  const tz::CsvReading r = read(
      "unit,period,target,value\n"
      "health,2021Q1,1.1,4500\n"
      "health,2021Q2,1.1,4800\n"
      "health,2021Q2,1.2,5\n"
      "health,2021Q3,1.1,4875\n");
  EXPECT_EQ(paths(r.problems), std::vector<std::string>{"row 4, column value"});
  ASSERT_EQ(r.filings.size(), 2U);
  EXPECT_EQ(r.filings[0].key.period, tz::Period::parse("2021Q1"));
  EXPECT_EQ(r.filings[1].key.period, tz::Period::parse("2021Q3"));
}

TEST(ImportProgressCsv, WanYiAndUnitsOfMeasureAsTheLedgerReadsThem) {
  // 5.1 is counted in 亿元. A magnitude word without a unit counts 元: "12亿" is 12亿元 = 12, never
  // 12亿 × 亿元; "3000万" is 3000万元 = 0.3.
  tz::test::TempDir dir;
  tz::test::TestClock clock("2021-04-06T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const auto path = dir / "law.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "unit,period,target,value,unit_of_measure\n"
           "law-enforcement,2021Q1,5.1,3000万元,\n"
           "law-enforcement,2021Q2,5.1,0.5,亿元\n"
           "law-enforcement,2021Q3,5.1,1.2亿元,亿元\n"
           "law-enforcement,2021Q3,5.2,１２,个\n"
           "law-enforcement,2021Q4,5.1,12亿,\n";
  }
  const tz::CsvReading r = tz::import_progress_csv(ledger, reporter("law-enforcement"),
                                                   "linzi-2021-women-children", path);
  EXPECT_TRUE(r.problems.empty()) << problems_text(r);
  ASSERT_EQ(r.filings.size(), 4U);
  const auto stored = [&](const char* period, const char* target) {
    const std::optional<tz::Report> report = ledger.report(linzi_key("law-enforcement", period));
    const tz::TargetValue* v = report ? report->content().find_value(target) : nullptr;
    return v != nullptr ? v->value : std::nullopt;
  };
  EXPECT_EQ(stored("2021Q1", "5.1"), Decimal::parse("0.3"));
  EXPECT_EQ(stored("2021Q2", "5.1"), Decimal::parse("0.5"));
  EXPECT_EQ(stored("2021Q3", "5.1"), Decimal::parse("1.2"));
  EXPECT_EQ(stored("2021Q3", "5.2"), Decimal(12));
  EXPECT_EQ(stored("2021Q4", "5.1"), Decimal(12));
  // What was written is kept beside: 3000万元, and "12亿" as 1200000000 元.
  const tz::Report q1_report = *ledger.report(linzi_key("law-enforcement", "2021Q1"));
  const tz::TargetValue* q1 = q1_report.content().find_value("5.1");
  EXPECT_EQ(q1->filed_value, Decimal(3000));
  EXPECT_EQ(q1->filed_unit, "万元");
}

TEST(ReadProgressCsv, AValueThatReadsTwoWaysIsRefusedNamingBoth) {
  // "1500万" in the value column with 万元 in the unit column: 1500万元, or 1500万 × 万元?
  const tz::CsvReading r = read(
      "unit,period,target,value,unit_of_measure\n"
      "law-enforcement,2021Q1,5.1,1500万,万元\n",
      "law-enforcement");
  ASSERT_EQ(paths(r.problems), std::vector<std::string>{"row 2, column value"});
  EXPECT_NE(r.problems[0].message.find("15000000元"), std::string::npos) << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("15000000万元"), std::string::npos) << r.problems[0].message;
  EXPECT_TRUE(r.filings.empty());
}

TEST(ImportProgressCsv, NothingUnlessEveryRowIsGoodOrPartial) {
  tz::test::TempDir dir;
  tz::test::TestClock clock("2021-04-06T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const auto path = dir / "health.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "unit,period,target,value\nhealth,2021Q1,1.1,4500\nhealth,2021Q2,1.1,x\n";
  }
  try {
    tz::import_progress_csv(ledger, reporter("health"), "linzi-2021-women-children", path);
    FAIL() << "a bad row was imported";
  } catch (const tz::ValidationError& e) {
    EXPECT_EQ(paths(e.issues()), std::vector<std::string>{"row 3, column value"});
    EXPECT_EQ(e.where().file, path.string());
  }
  EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q1")));
  tz::CsvImportOptions partial;
  partial.partial = true;
  const tz::CsvReading r = tz::import_progress_csv(ledger, reporter("health"),
                                                   "linzi-2021-women-children", path, partial);
  EXPECT_EQ(r.filings.size(), 1U);
  EXPECT_EQ(r.problems.size(), 1U);
  const std::optional<tz::Report> filed = ledger.report(linzi_key("health", "2021Q1"));
  ASSERT_TRUE(filed);
  EXPECT_EQ(filed->status(), tz::ReportStatus::submitted);
  EXPECT_FALSE(ledger.report(linzi_key("health", "2021Q2")));
  EXPECT_THROW(tz::import_progress_csv(ledger, reporter("health"), "linzi-2021-women-children",
                                       dir / "missing.csv"),
               tz::IoError);
}

// ---- report content as JSON

TEST(ReportContentJson, RoundTrip) {
  tz::ReportContent content;
  content.progress = {{1, "筛查“两癌”4500人（示例）\n第二行", tz::Date::parse("2021-12-31")},
                      {10, "", std::nullopt}};
  tz::TargetValue v = value("1.1", "4500", "名");
  v.comment = "首季";
  v.evidence = "http://e.org/1";
  content.values = {v, value("1.2", {}, "", "已启动")};
  const std::string json = tz::report_content_to_json(content);
  EXPECT_EQ(json.back(), '\n');
  EXPECT_NE(json.find("筛查“两癌”"), std::string::npos);  // unescaped
  EXPECT_EQ(tz::report_content_from_json(json), content);
  EXPECT_EQ(tz::report_content_from_json("\xEF\xBB\xBF" + json), content);
  EXPECT_EQ(tz::report_content_from_json("{}"), tz::ReportContent{});

  // What the ledger read back shows the value as filed beside the converted one; read in
  // again, the converted value stands (in the target's unit) and the filed one is left out.
  tz::TargetValue converted = value("5.1", "0.3");
  converted.filed_value = Decimal(3000);
  converted.filed_unit = "万元";
  tz::ReportContent stored;
  stored.values = {converted};
  const std::string written = tz::report_content_to_json(stored);
  EXPECT_NE(written.find("\"filed_value\": \"3000\""), std::string::npos) << written;
  EXPECT_NE(written.find("\"filed_unit\": \"万元\""), std::string::npos) << written;
  tz::ReportContent again;
  again.values = {value("5.1", "0.3")};
  EXPECT_EQ(tz::report_content_from_json(written), again);
}

TEST(ReportContentJson, ValuesInEveryForm) {
  const tz::ReportContent c = tz::report_content_from_json(
      R"({"values": [{"target": "3.6", "value": "1.6万"}, {"target": "1.1", "value": "１８０００"},
                     {"target": "7.1", "value": 35}, {"target": "1.2", "value": null,
                      "stage": "推进中"}]})");
  ASSERT_EQ(c.values.size(), 4U);
  // Written forms are kept as written, to be read against the target's unit when filed
  // (read_value: "1.6万" on a target in 户 is 16000, "1500万" on one in 万元 is 1500).
  EXPECT_FALSE(c.values[0].value);
  EXPECT_EQ(c.values[0].text, "1.6万");
  EXPECT_EQ(c.values[1].text, "１８０００");
  EXPECT_EQ(c.values[2].value, Decimal(35));
  EXPECT_FALSE(c.values[3].value);
}

TEST(ReportContentJson, EveryUnknownKeyAndBadValueWithItsPath) {
  try {
    tz::report_content_from_json(
        R"({"progress": [{"initiative": 1, "narative": "x"}, {"narrative": "y"},
                         {"initiative": "2", "expected_completion": "2021-02-30"}],
            "values": [{"target": "1.1", "value": "abc"}, {"value": "1", "unit": 5},
                       {"target": "1.2", "value": true}],
            "extra": []})",
        "q1.json");
    FAIL() << "no error";
  } catch (const tz::ValidationError& e) {
    EXPECT_EQ(e.where().file, "q1.json");
    EXPECT_EQ(paths(e.issues()),
              (std::vector<std::string>{"extra", "progress[0].narative", "progress[1].initiative",
                                        "progress[2].initiative", "progress[2].expected_completion",
                                        "values[0].value", "values[1].target", "values[1].unit",
                                        "values[2].value"}));
    EXPECT_EQ(e.issues()[0].message, "unknown key \"extra\"");
    EXPECT_EQ(e.issues()[2].message, "is missing");
    EXPECT_EQ(e.issues()[8].message, "must be a number written as a string (\"4500\", \"1.6万\")");
  }
  try {
    tz::report_content_from_json(R"({"progress": {}, "values": [1]})");
    FAIL() << "no error";
  } catch (const tz::ValidationError& e) {
    EXPECT_EQ(paths(e.issues()), (std::vector<std::string>{"progress", "values[0]"}));
  }
}

TEST(ReportContentJson, FloatsAndMalformedJsonAreRefusedWithLineAndColumn) {
  try {
    tz::report_content_from_json("{\"values\": [\n  {\"target\": \"1.1\", \"value\": 4500.5}]}",
                                 "q1.json");
    FAIL() << "a float was read";
  } catch (const tz::ParseError& e) {
    EXPECT_EQ(e.where().file, "q1.json");
    EXPECT_EQ(e.where().line, 2U);
    EXPECT_GT(e.where().column, 0U);
    EXPECT_NE(e.message().find("decimals as strings"), std::string::npos) << e.what();
  }
  try {
    tz::report_content_from_json("{\"values\": [\n", "q1.json");
    FAIL() << "malformed JSON was read";
  } catch (const tz::ParseError& e) {
    EXPECT_EQ(e.where().line, 2U);
  }
  EXPECT_THROW(tz::report_content_from_json(R"({"values": [], "values": []})"), tz::ParseError);
}

// ---- the progress form

namespace {

tz::ProgressForm sample_form(bool consolidated) {
  tz::ProgressForm form;
  form.title = "2021年为全区妇女儿童办实事工作进展情况报表";
  form.plan = "linzi-2021-women-children";
  form.period = tz::Period::parse("2021Q3");
  form.made_at = tz::parse_timestamp("2021-10-08T09:30:00+08:00");
  tz::FormRow one;
  one.number = 1;
  one.initiative = "继续实施“两癌”免费检查和救助行动";
  one.units = {"区卫健局", "区财政局"};
  tz::FormEntry health{"health",
                       "区卫健局",
                       "筛查4875人，\"示例\"\n第二行 | 竖线",
                       tz::Date::parse("2021-12-31"),
                       tz::ReportStatus::accepted,
                       true};
  tz::FormEntry finance{"finance",
                        "区财政局",
                        "拨付经费（示例）",
                        tz::Date::parse("2021-11-30"),
                        tz::ReportStatus::submitted,
                        true};
  tz::FormRow ten;
  ten.number = 10;
  ten.initiative = "提高妇女儿童体质健康水平";
  ten.units = {"区卫健局", "区教体局"};
  tz::FormEntry blank{"health", "区卫健局", "", std::nullopt, tz::ReportStatus::draft, false};
  if (consolidated) {
    one.entries = {health, finance};
    tz::FormEntry sports{"education-sports",         "区教体局", "<体育联赛>", std::nullopt,
                         tz::ReportStatus::accepted, true};
    ten.entries = {blank, sports};
  } else {
    form.unit = "health";
    form.unit_name = "区卫健局";
    one.entries = {health};
    ten.entries = {blank};
  }
  form.rows = {one, ten};
  return form;
}

}  // namespace

TEST(RenderForm, CsvWithAByteOrderMarkAndExactCells) {
  EXPECT_EQ(tz::render_form(sample_form(false), tz::FormFormat::csv),
            "\xEF\xBB\xBF"
            "2021年为全区妇女儿童办实事工作进展情况报表\r\n"
            "单位：（盖章）区卫健局\r\n"
            "报告期：2021年第三季度\r\n"
            "序号,实事名称,责任单位,本季度具体措施及任务进度情况,完成时限\r\n"
            "1,继续实施“两癌”免费检查和救助行动,\"区卫健局\n区财政局\","
            "\"筛查4875人，\"\"示例\"\"\n第二行 | 竖线\",2021年12月31日\r\n"
            "10,提高妇女儿童体质健康水平,\"区卫健局\n区教体局\",,\r\n");
  EXPECT_EQ(tz::render_form(sample_form(true), tz::FormFormat::csv),
            "\xEF\xBB\xBF"
            "2021年为全区妇女儿童办实事工作进展情况报表\r\n"
            "单位：（盖章）\r\n"
            "报告期：2021年第三季度\r\n"
            "序号,实事名称,责任单位,本季度具体措施及任务进度情况,完成时限\r\n"
            "1,继续实施“两癌”免费检查和救助行动,\"区卫健局\n区财政局\","
            "\"【区卫健局】筛查4875人，\"\"示例\"\"\n第二行 | 竖线\n【区财政局】拨付经费（示例）\","
            "\"区卫健局：2021年12月31日\n区财政局：2021年11月30日\"\r\n"
            "10,提高妇女儿童体质健康水平,\"区卫健局\n区教体局\",【区教体局】<体育联赛>,\r\n");
}

TEST(RenderForm, Markdown) {
  EXPECT_EQ(tz::render_form(sample_form(false), tz::FormFormat::markdown),
            "# 2021年为全区妇女儿童办实事工作进展情况报表\n\n"
            "单位：（盖章）区卫健局  \n"
            "报告期：2021年第三季度\n\n"
            "| 序号 | 实事名称 | 责任单位 | 本季度具体措施及任务进度情况 | 完成时限 |\n"
            "|---:|---|---|---|---|\n"
            "| 1 | 继续实施“两癌”免费检查和救助行动 | 区卫健局<br>区财政局 | "
            "筛查4875人，\"示例\"<br>第二行 \\| 竖线 | 2021年12月31日 |\n"
            "| 10 | 提高妇女儿童体质健康水平 | 区卫健局<br>区教体局 |  |  |\n"
            "\n制表时间：2021年10月8日 09:30\n");
}

TEST(RenderForm, PrintableHtml) {
  const std::string html = tz::render_form(sample_form(true), tz::FormFormat::html);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0), 0U);
  EXPECT_NE(html.find("@page { size: A4 landscape;"), std::string::npos);
  EXPECT_NE(html.find("thead { display: table-header-group; }"), std::string::npos);
  EXPECT_NE(html.find("<h1>2021年为全区妇女儿童办实事工作进展情况报表</h1>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"meta unit\">单位：（盖章）</p>"), std::string::npos);
  EXPECT_NE(html.find("<thead><tr><th>序号</th><th>实事名称</th><th>责任单位</th>"
                      "<th>本季度具体措施及任务进度情况</th><th>完成时限</th></tr></thead>"),
            std::string::npos);
  EXPECT_NE(html.find("<tr><td class=\"number\">1</td><td class=\"initiative\">继续实施“两癌”"
                      "免费检查和救助行动</td><td class=\"units\">区卫健局\n区财政局</td>"
                      "<td class=\"narrative\">【区卫健局】筛查4875人，&quot;示例&quot;\n第二行 | "
                      "竖线\n【区财政局】拨付经费（示例）</td><td class=\"date\">区卫健局："
                      "2021年12月31日\n区财政局：2021年11月30日</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<td class=\"narrative\">【区教体局】&lt;体育联赛&gt;</td>"),
            std::string::npos);
  EXPECT_NE(html.find("制表时间：2021年10月8日 09:30"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
}

TEST(RenderForm, XlsxAndWriteForm) {
  const std::string bytes = tz::render_form(sample_form(false), tz::FormFormat::xlsx);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  tz::test::TempDir dir;
  const auto path = dir / "form.xlsx";
  tz::write_form(sample_form(false), tz::FormFormat::xlsx, path);
  tz::write_form(sample_form(true), tz::FormFormat::xlsx, path);  // replaces it
  EXPECT_EQ(tz::test::read_text(path).substr(0, 4), std::string("PK\x03\x04", 4));
  tz::write_form(sample_form(false), tz::FormFormat::markdown, dir / "form.md");
  EXPECT_EQ(tz::test::read_text(dir / "form.md"),
            tz::render_form(sample_form(false), tz::FormFormat::markdown));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"form.md", "form.xlsx"}));  // no temporary left
  try {
    tz::write_form(sample_form(false), tz::FormFormat::xlsx, dir / "no" / "such" / "form.xlsx");
    FAIL() << "wrote into a missing directory";
  } catch (const tz::IoError& e) {
    EXPECT_EQ(e.where().file, (dir / "no" / "such" / "form.xlsx").string());
  }
}

TEST(RenderForm, FormatNames) {
  EXPECT_STREQ(tz::to_string(tz::FormFormat::xlsx), "xlsx");
  EXPECT_STREQ(tz::to_string(tz::FormFormat::markdown), "md");
  EXPECT_EQ(tz::form_format_from_string("markdown"), tz::FormFormat::markdown);
  EXPECT_EQ(tz::form_format_from_string("md"), tz::FormFormat::markdown);
  EXPECT_EQ(tz::form_format_from_string("html"), tz::FormFormat::html);
  EXPECT_EQ(tz::form_format_from_string("csv"), tz::FormFormat::csv);
  EXPECT_EQ(tz::form_format_from_string("docx"), std::nullopt);
}

TEST(ProgressForms, FromTheLedger) {
  tz::test::TestClock clock("2021-10-08T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  tz::ReportContent health;
  health.progress = {{1, "三季度筛查4875人（示例）", tz::Date::parse("2021-12-31")}};
  health.values = {value("1.1", "4875")};
  ledger.file(reporter("health"), linzi_key("health", "2021Q3"), health);
  tz::ReportContent finance;
  finance.progress = {{2, "拨付建设资金（示例）", std::nullopt},
                      {1, "拨付检查经费（示例）", std::nullopt}};
  ledger.save(reporter("finance"), linzi_key("finance", "2021Q3"), finance);

  const tz::ProgressForm unit = tz::unit_progress_form(ledger, "linzi-2021-women-children",
                                                       "health", tz::Period::parse("2021Q3"));
  EXPECT_EQ(unit.title, "2021年为全区妇女儿童办实事工作进展情况报表");
  EXPECT_EQ(unit.unit_name, "区卫健局");
  EXPECT_FALSE(unit.consolidated());
  ASSERT_EQ(unit.rows.size(), 2U);
  EXPECT_EQ(unit.rows[0].number, 1);
  EXPECT_EQ(unit.rows[0].units, (std::vector<std::string>{"区卫健局", "区财政局", "区民政局",
                                                          "临淄医保分局", "区妇联"}));
  ASSERT_EQ(unit.rows[0].entries.size(), 1U);
  EXPECT_EQ(unit.rows[0].entries[0].narrative, "三季度筛查4875人（示例）");
  EXPECT_EQ(unit.rows[0].entries[0].status, tz::ReportStatus::submitted);
  EXPECT_EQ(unit.rows[1].number, 10);
  EXPECT_FALSE(unit.rows[1].entries[0].reported);

  const tz::ProgressForm all = tz::consolidated_progress_form(ledger, "linzi-2021-women-children",
                                                              tz::Period::parse("2021Q3"));
  EXPECT_TRUE(all.consolidated());
  ASSERT_EQ(all.rows.size(), 10U);
  ASSERT_EQ(all.rows[0].entries.size(), 5U);
  EXPECT_TRUE(all.rows[0].entries[0].reported);
  // finance's report is a draft: not handed in, so not on the form the office sends upward.
  EXPECT_FALSE(all.rows[0].entries[1].reported);
  EXPECT_EQ(all.rows[0].entries[1].status, tz::ReportStatus::draft);
  EXPECT_FALSE(all.rows[0].entries[2].reported);
  EXPECT_FALSE(all.rows[1].entries[1].reported);
  EXPECT_FALSE(all.includes_drafts);
  EXPECT_EQ(tz::render_form(all, tz::FormFormat::markdown).find("含草稿"), std::string::npos);
  // A preview with drafts shows it, and says so on the form.
  tz::FormOptions preview;
  preview.include_drafts = true;
  const tz::ProgressForm with_drafts = tz::consolidated_progress_form(
      ledger, "linzi-2021-women-children", tz::Period::parse("2021Q3"), preview);
  EXPECT_EQ(with_drafts.rows[0].entries[1].narrative, "拨付检查经费（示例）");
  EXPECT_EQ(with_drafts.rows[1].entries[1].narrative, "拨付建设资金（示例）");
  for (const tz::FormFormat f :
       {tz::FormFormat::csv, tz::FormFormat::markdown, tz::FormFormat::html}) {
    EXPECT_NE(tz::render_form(with_drafts, f).find("含草稿"), std::string::npos)
        << tz::to_string(f);
  }

  EXPECT_THROW(tz::unit_progress_form(ledger, "linzi-2021-women-children", "women-children-centre",
                                      tz::Period::parse("2021Q3")),
               tz::NotFoundError);
  EXPECT_THROW(tz::consolidated_progress_form(ledger, "nope", tz::Period::parse("2021Q3")),
               tz::NotFoundError);
}

// ---- the roll-up as JSON and as a table

namespace {

tz::Ledger small_year(tz::test::TestClock& clock) {
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  clock.set("2021-04-06T09:00:00+08:00");
  tz::ReportContent health;
  health.values = {value("1.1", "4500"), value("1.2", {}, "", "已启动")};
  ledger.file(reporter("health"), linzi_key("health", "2021Q1"), health);
  clock.set("2021-04-12T09:00:00+08:00");
  tz::ReportContent law;
  law.values = {value("5.1", "25000", "万元")};
  ledger.file(reporter("law-enforcement"), linzi_key("law-enforcement", "2021Q1"), law);
  return ledger;
}

tz::RollupQuery q1() {
  tz::RollupQuery q;
  q.plan = "linzi-2021-women-children";
  q.as_of = tz::Period::parse("2021Q1");
  return q;
}

}  // namespace

TEST(RollupJson, ParsesAndHasTheFigures) {
  tz::test::TestClock clock;
  const tz::Ledger ledger = small_year(clock);
  const tz::Rollup rollup = ledger.rollup(q1());
  const std::string text = tz::rollup_to_json(rollup);
  EXPECT_NE(text.find("\"已启动\""), std::string::npos);  // UTF-8, unescaped
  const boost::json::value doc = boost::json::parse(text);
  const boost::json::object& o = doc.as_object();
  EXPECT_EQ(o.at("query").at("plan").as_string(), "linzi-2021-women-children");
  EXPECT_EQ(o.at("query").at("as_of").as_string(), "2021Q1");
  EXPECT_EQ(o.at("query").at("today").as_string(), "2021-03-31");
  EXPECT_TRUE(o.at("query").at("recorded_at").is_null());
  EXPECT_EQ(o.at("plan_version").as_int64(), 1);
  EXPECT_DOUBLE_EQ(o.at("plan").at("completion").as_double(), rollup.plan.completion);
  EXPECT_EQ(o.at("plan").at("status").as_string(), tz::to_string(rollup.plan.status));

  const boost::json::array& targets = o.at("targets").as_array();
  ASSERT_EQ(targets.size(), rollup.targets.size());
  const auto target = [&](std::string_view code) -> const boost::json::object& {
    for (const auto& t : targets) {
      if (t.at("code").as_string() == code) return t.as_object();
    }
    throw std::runtime_error("no target " + std::string(code));
  };
  const boost::json::object& screening = target("1.1");
  EXPECT_EQ(screening.at("actual").as_string(), "4500");  // decimals as strings
  EXPECT_EQ(screening.at("goal").as_string(), "18000");
  EXPECT_DOUBLE_EQ(screening.at("completion").as_double(), 0.25);
  EXPECT_DOUBLE_EQ(screening.at("expected").as_double(), 0.25);
  EXPECT_EQ(screening.at("status").as_string(), "on_track");
  EXPECT_EQ(screening.at("deadline").as_string(), "2021-12-31");
  EXPECT_EQ(screening.at("contributions").at(0).at("unit").as_string(), "health");
  EXPECT_EQ(screening.at("contributions").at(0).at("latest").as_string(), "2021Q1");
  EXPECT_EQ(target("1.2").at("contributions").at(0).at("stage").as_string(), "已启动");
  EXPECT_EQ(target("5.1").at("actual").as_string(), "2.5");  // 25000 万元 in 亿元
  EXPECT_TRUE(target("2.1").at("actual").is_null());
  EXPECT_TRUE(target("2.1").at("completion").is_null());

  const boost::json::array& initiatives = o.at("initiatives").as_array();
  ASSERT_EQ(initiatives.size(), 10U);
  EXPECT_EQ(initiatives[0].at("number").as_int64(), 1);
  EXPECT_EQ(initiatives[0].at("measurable_targets").as_int64(), 2);

  // law-enforcement filed on 04-12, after the due date 04-10: it is chased as late.
  clock.set("2021-04-20T09:00:00+08:00");
  tz::RollupQuery later = q1();
  later.today = tz::Date::parse("2021-04-20");
  const boost::json::value chased = boost::json::parse(tz::rollup_to_json(ledger.rollup(later)));
  const boost::json::array& chasing = chased.at("chasing").as_array();
  std::vector<std::string> units;
  for (const auto& c : chasing) units.emplace_back(c.at("unit").as_string());
  EXPECT_NE(std::find(units.begin(), units.end(), "law-enforcement"), units.end());
  for (const auto& c : chasing) {
    if (c.at("unit").as_string() != "law-enforcement") continue;
    EXPECT_EQ(c.at("compliance").as_string(), "late");
    EXPECT_EQ(c.at("days_overdue").as_int64(), 2);
    EXPECT_EQ(c.at("due").as_string(), "2021-04-10");
    EXPECT_EQ(c.at("submitted").as_string(), "2021-04-12T01:00:00.000Z");
  }
  const boost::json::array& units_json = chased.at("units").as_array();
  EXPECT_FALSE(units_json.empty());
}

TEST(StatusTable, FitsTheWidthWithItsColumnsAligned) {
  tz::test::TestClock clock;
  const tz::Ledger ledger = small_year(clock);
  const tz::Rollup rollup = ledger.rollup(q1());
  for (const std::size_t width : {80U, 100U, 140U}) {
    const std::string table = tz::render_status_table(linzi(), rollup, width);
    const std::vector<std::string> lines = lines_of(table);
    ASSERT_GT(lines.size(), 50U);
    EXPECT_EQ(lines[0], "2021年为全区妇女儿童办实事 · 截至2021年第一季度 · 判定日 2021-03-31");
    EXPECT_EQ(table.find('\x1b'), std::string::npos);
    // The head, the rule under it, then a line per initiative and per target, all as wide.
    std::size_t head = 0;
    while (head < lines.size() && lines[head].rfind("编号", 0) != 0) ++head;
    ASSERT_LT(head, lines.size());
    EXPECT_EQ(lines[head + 1], std::string(width, '-'));
    std::size_t rows = 0;
    for (std::size_t i = head + 2; i < lines.size() && !lines[i].empty(); ++i, ++rows) {
      EXPECT_EQ(display_width(lines[i]), width - 1) << width << ": " << lines[i];
    }
    EXPECT_EQ(display_width(lines[head]), width - 1);
    EXPECT_EQ(rows, 10U + 43U);
    for (const std::string& line : lines) EXPECT_LE(display_width(line), width) << line;
    // Long titles are cut with "…" only when the column is too narrow.
    const bool cut = table.find("…") != std::string::npos;
    EXPECT_EQ(cut, width < 140) << width;
  }
  const std::string table = tz::render_status_table(linzi(), rollup, 100);
  EXPECT_NE(table.find("  1.1    “两癌”免费检查"), std::string::npos);
  EXPECT_NE(table.find("4500名        18000名    25.0%    25.0%  进度正常"), std::string::npos)
      << table;
  EXPECT_NE(table.find("定期调度（迟报、未报、漏报、退回未改）：无\n"), std::string::npos);
  EXPECT_NE(table.find("计入已报送和已审核的报告，不含草稿\n"), std::string::npos);
  // With colour: ANSI escapes around the statuses, the same text without them.
  const std::string coloured = tz::render_status_table(linzi(), rollup, 100, true);
  EXPECT_NE(coloured.find("\x1b[92m进度正常"), std::string::npos);
  EXPECT_EQ(strip_ansi(coloured), table);
}

TEST(Dashboard, OneBurnUpChartPerTargetAndNothingFromOutside) {
  tz::test::TestClock clock;
  const tz::Ledger ledger = small_year(clock);
  tz::RollupQuery q = q1();
  const std::string html = tz::render_dashboard(linzi(), ledger.rollup(q), ledger.rollup_series(q),
                                                tz::parse_timestamp("2021-04-15T10:05:00+08:00"));
  std::size_t svgs = 0;
  for (std::size_t at = html.find("<svg"); at != std::string::npos;
       at = html.find("<svg", at + 1)) {
    ++svgs;
  }
  EXPECT_EQ(svgs, 43U);
  EXPECT_NE(html.find("<span class=\"made-at\">2021年4月15日 10:05</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"as-of\">2021年第一季度</span>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  // 1.1 at 4500 of 18000 after the first quarter; the forecast 18000 is the top of the chart.
  EXPECT_NE(html.find("class=\"actual\" points=\"4.0,31.0\""), std::string::npos) << html;
  EXPECT_NE(html.find("<tr data-target=\"1.2\">"), std::string::npos);
}
