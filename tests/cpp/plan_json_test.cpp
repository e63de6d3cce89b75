#include "taizhang/plan_json.hpp"

#include <string>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"
#include "taizhang/validation.hpp"
#include "test_support.hpp"

namespace tz = taizhang;
using tz::test::read_text;
using tz::test::source_path;

namespace {

const char* const kMinimal = R"({
  "format": 1,
  "code": "mini",
  "title": "小计划",
  "year": 2021,
  "start": "2021-01-01",
  "end": "2021-12-31",
  "coordinator": "office",
  "units": [{"code": "office", "name": "办公室", "kind": "coordinating_office"}],
  "initiatives": [
    {
      "number": 1,
      "title": "第一件",
      "assignments": [{"unit": "office", "role": "lead"}],
      "targets": [{"code": "1.1", "description": "培训", "measure": "count", "unit": "场", "value": "31"}]
    }
  ]
})";

// The ValidationError thrown for `json`, or a failure.
tz::ValidationError structure_error(const std::string& json) {
  try {
    (void)tz::plan_from_json(json, "plan.json");
  } catch (const tz::ValidationError& e) {
    return e;
  }
  ADD_FAILURE() << "no ValidationError for:\n" << json;
  return tz::ValidationError({}, "");
}

tz::ParseError syntax_error(const std::string& json) {
  try {
    (void)tz::plan_from_json(json, "plan.json");
  } catch (const tz::ParseError& e) {
    return e;
  }
  ADD_FAILURE() << "no ParseError for:\n" << json;
  return tz::ParseError("");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

bool has_issue(const tz::ValidationError& e, const std::string& path, const std::string& fragment) {
  for (const tz::Issue& i : e.issues()) {
    if (i.path == path && i.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

TEST(PlanJson, ReadsAMinimalPlanWithDefaults) {
  const tz::Plan plan = tz::plan_from_json(kMinimal);
  EXPECT_EQ(plan.code, "mini");
  EXPECT_EQ(plan.reporting, tz::PeriodKind::quarter);
  EXPECT_EQ(plan.report_due_days, 10);
  EXPECT_EQ(plan.tolerance, tz::Decimal::parse("0.1"));
  ASSERT_EQ(plan.initiatives.size(), 1U);
  const tz::Target& t = plan.initiatives[0].targets[0];
  EXPECT_EQ(t.value, tz::Decimal(31));
  EXPECT_EQ(t.accumulation, tz::Accumulation::incremental);
  EXPECT_EQ(t.combination, tz::Combination::sum);
  EXPECT_EQ(t.weight, tz::Decimal(1));
  EXPECT_TRUE(tz::validate(plan).empty());
}

TEST(PlanJson, TheLinziPlanRoundTripsByteForByte) {
  const std::string text = read_text(source_path("examples/plans/linzi-2021.json"));
  const tz::Plan plan = tz::plan_from_json(text);
  EXPECT_EQ(tz::plan_to_json(plan), text) << "examples/plans/linzi-2021.json is not canonical";
  EXPECT_EQ(tz::plan_from_json(tz::plan_to_json(plan)), plan);
}

TEST(PlanJson, TheAllFieldsFixtureIsValidAndCanonical) {
  // tests/data/plan-all-fields.json uses every key of the format (the schema test checks that).
  const std::string text = read_text(source_path("tests/data/plan-all-fields.json"));
  const tz::Plan plan = tz::plan_from_json(text);
  EXPECT_EQ(tz::plan_to_json(plan), text);
  for (const tz::Issue& issue : tz::validate(plan)) ADD_FAILURE() << issue.to_string();
}

TEST(PlanJson, EveryFieldRoundTrips) {
  tz::Plan plan = tz::plan_from_json(kMinimal);
  plan.issuer = "区政府办";
  plan.issue_date = tz::Date::make(2021, 3, 1);
  plan.source = {"关于……的通知", "竹府办〔2016〕20号", "http://example.org/n", "进展情况报表"};
  plan.reporting = tz::PeriodKind::month;
  plan.report_due_days = -11;
  plan.contact = {"7220350", "a@b.cn"};
  plan.tolerance = tz::Decimal::parse("0.05");
  plan.notes = {"备注一", "备注\n二"};
  plan.units_of_measure = {{"头", "livestock", tz::Decimal(1)}};
  plan.units.push_back({"town", "某镇", tz::UnitKind::town, "office", "某镇人民政府"});
  tz::Initiative& i = plan.initiatives[0];
  i.description = "说明 “引号” \"quotes\" \\ 反斜杠\t制表";
  i.deadline = tz::Date::make(2021, 9, 30);
  i.assignments.push_back({"town", tz::AssignmentRole::co_responsible, "办公室", "张三"});
  tz::Target t;
  t.code = "1.2";
  t.description = "比例";
  t.measure = tz::Measure::percent;
  t.unit = "%";
  t.value = tz::Decimal::parse("10.5");
  t.baseline = tz::Baseline{tz::Decimal::parse("60.25"), tz::Date::make(2020, 12, 31), "2020年"};
  t.form = tz::TargetForm::rise_amount;
  t.direction = tz::Direction::lower_is_better;
  t.accumulation = tz::Accumulation::level;
  t.combination = tz::Combination::mean;
  t.contributors = {"office", "town"};
  t.deadline = tz::Date::make(2021, 6, 30);
  t.trajectory = {{tz::Period::month(2021, 3), tz::Decimal::parse("0.3")},
                  {tz::Period::month(2021, 6), tz::Decimal(1)}};
  t.weight = tz::Decimal(2);
  t.scope = "全区";
  t.note = "以上";
  t.source_text = "原文";
  i.targets.push_back(t);
  tz::Target m;
  m.code = "1.3";
  m.description = "阶段";
  m.measure = tz::Measure::milestone;
  m.stages = {{"开工", tz::Decimal::parse("0.3")}, {"竣工", tz::Decimal(1)}};
  i.targets.push_back(m);
  i.parameters = {{"补助", tz::Decimal::parse("1.5"), "万元", "每人", "每人补贴1.5万元"}};
  const std::string json = tz::plan_to_json(plan);
  const tz::Plan back = tz::plan_from_json(json);
  EXPECT_EQ(back, plan);
  EXPECT_EQ(tz::plan_to_json(back), json);
  // UTF-8 text is written as is, and decimals as strings.
  EXPECT_NE(json.find("\"description\": \"说明 “引号” \\\"quotes\\\" \\\\ 反斜杠\\t制表\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"value\": \"10.5\""), std::string::npos);
  EXPECT_NE(json.find("\"report_due_days\": -11"), std::string::npos);
}

TEST(PlanJson, UnknownKeysAreRejectedWithTheirPath) {
  const tz::ValidationError e =
      structure_error(replace(kMinimal, "\"value\": \"31\"", "\"vaule\": \"31\""));
  EXPECT_TRUE(has_issue(e, "initiatives[0].targets[0].vaule", "unknown key \"vaule\""));
  EXPECT_TRUE(has_issue(e, "initiatives[0].targets[0].vaule", "did you mean \"value\"?"));
  EXPECT_EQ(e.where().file, "plan.json");
  EXPECT_NE(std::string(e.what()).find("initiatives[0].targets[0].vaule"), std::string::npos);
  // Every unknown key is reported, not only the first.
  std::string two = replace(kMinimal, "\"year\"", "\"yaer\"");
  two = replace(two, "\"kind\"", "\"knd\"");
  const tz::ValidationError e2 = structure_error(two);
  EXPECT_TRUE(has_issue(e2, "yaer", "unknown key"));
  EXPECT_TRUE(has_issue(e2, "year", "is missing"));
  EXPECT_TRUE(has_issue(e2, "units[0].knd", "did you mean \"kind\"?"));
}

TEST(PlanJson, WrongTypesAndValuesNameTheirPath) {
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "\"year\": 2021", "\"year\": \"2021\"")),
                        "year", "must be a whole number"));
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "\"31\"", "\"3l\"")),
                        "initiatives[0].targets[0].value", "\"3l\" is not a decimal"));
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "\"count\"", "\"counts\"")),
                        "initiatives[0].targets[0].measure", "is not one of \"count\""));
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "2021-12-31", "2021-12-32")), "end",
                        "2021-12-32"));
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "\"lead\"", "\"boss\"")),
                        "initiatives[0].assignments[0].role", "\"boss\" is not one of"));
  EXPECT_TRUE(has_issue(structure_error(replace(kMinimal, "\"format\": 1", "\"format\": 2")),
                        "format", "reads plan format 1, not 2"));
  EXPECT_TRUE(has_issue(structure_error("[]"), "", "must be an object"));
  EXPECT_TRUE(has_issue(
      structure_error(replace(
          kMinimal,
          R"("units": [{"code": "office", "name": "办公室", "kind": "coordinating_office"}])",
          R"("units": {"code": "office"})")),
      "units", "must be an array"));
}

TEST(PlanJson, MalformedJsonReportsLineAndColumn) {
  const tz::ParseError e = syntax_error("{\n  \"format\": 1,\n  \"code\" \"x\"\n}");
  EXPECT_EQ(e.where().file, "plan.json");
  EXPECT_EQ(e.where().line, 3U);
  EXPECT_EQ(e.where().column, 10U);
  EXPECT_NE(std::string(e.what()).find("plan.json:3:10"), std::string::npos) << e.what();
  EXPECT_EQ(syntax_error("{\"a\": [1, 2,]}").where().line, 1U);
  EXPECT_EQ(syntax_error("").code(), tz::ErrorCode::parse);
  EXPECT_EQ(syntax_error("{} trailing").where().column, 4U);
}

TEST(PlanJson, DecimalsMustBeStringsAndKeysUnique) {
  const tz::ParseError e = syntax_error(replace(kMinimal, "\"value\": \"31\"", "\"value\": 3.1"));
  EXPECT_NE(std::string(e.what()).find("3.1"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("string"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 15U);
  // Whole numbers are exact and accepted.
  EXPECT_EQ(tz::plan_from_json(replace(kMinimal, "\"value\": \"31\"", "\"value\": 31"))
                .initiatives[0]
                .targets[0]
                .value,
            tz::Decimal(31));
  const tz::ParseError dup =
      syntax_error(replace(kMinimal, "\"year\": 2021", "\"year\": 2021, \"year\": 2022"));
  EXPECT_NE(std::string(dup.what()).find("\"year\" appears twice"), std::string::npos)
      << dup.what();
  EXPECT_EQ(dup.where().line, 5U);
}

TEST(PlanJson, HostileInputGivesAClearError) {
  // Nesting far deeper than any plan: refused at the limit, not by running out of stack.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const tz::ParseError e = syntax_error(deep);
  EXPECT_NE(std::string(e.what()).find("nested deeper than 64"), std::string::npos) << e.what();
  // Invalid UTF-8 inside a string.
  const tz::ParseError u = syntax_error(replace(kMinimal, "小计划", "\xE5\xB0"));
  EXPECT_EQ(u.where().line, 4U);
  // A NUL byte in a name passes JSON but not validation.
  const tz::Plan nul = tz::plan_from_json(replace(kMinimal, "办公室", "办\\u0000公室"));
  bool flagged = false;
  for (const tz::Issue& i : tz::validate(nul)) flagged = flagged || i.path == "units[0].name";
  EXPECT_TRUE(flagged);
}

TEST(PlanJson, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(tz::plan_from_json(std::string("\xEF\xBB\xBF") + kMinimal).code, "mini");
}

TEST(PlanJson, FilesAreReadAndWrittenWithTheirNameInErrors) {
  tz::test::TempDir dir;
  const tz::Plan plan = tz::plan_from_json(kMinimal);
  tz::save_plan(plan, dir / "plan.json");
  EXPECT_EQ(tz::load_plan(dir / "plan.json"), plan);
  tz::save_plan(plan, dir / "plan.json");  // replacing an existing file
  EXPECT_EQ(read_text(dir / "plan.json"), tz::plan_to_json(plan));
  try {
    (void)tz::load_plan(dir / "missing.json");
    FAIL();
  } catch (const tz::IoError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.json"), std::string::npos) << e.what();
  }
  EXPECT_THROW(tz::save_plan(plan, dir / "no-such-dir" / "plan.json"), tz::IoError);
  std::ofstream(dir / "bad.json") << "{\n  \"format\": 1,\n  oops\n}";
  try {
    (void)tz::load_plan(dir / "bad.json");
    FAIL();
  } catch (const tz::ParseError& e) {
    EXPECT_EQ(e.where().file, (dir / "bad.json").string());
    EXPECT_EQ(e.where().line, 3U);
  }
}

}  // namespace
