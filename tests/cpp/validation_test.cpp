#include "taizhang/validation.hpp"

#include <functional>
#include <string>

#include <gtest/gtest.h>

namespace tz = taizhang;
using tz::Decimal;
using tz::Issue;

namespace {

// A small valid plan: one coordinating office, two bureaus, two initiatives.
tz::Plan small_plan() {
  tz::Plan plan;
  plan.code = "test-2021";
  plan.title = "2021年测试实事";
  plan.issuer = "某区人民政府办公室";
  plan.year = 2021;
  plan.start = tz::Date::make(2021, 1, 1);
  plan.end = tz::Date::make(2021, 12, 31);
  plan.coordinator = "office";
  plan.contact = {"7220350", "office@example.org"};
  plan.units = {{"office", "区妇女儿童服务中心", tz::UnitKind::coordinating_office, "", ""},
                {"health", "区卫健局", tz::UnitKind::bureau, "", ""},
                {"finance", "区财政局", tz::UnitKind::bureau, "", ""}};
  tz::Initiative one;
  one.number = 1;
  one.title = "“两癌”免费检查";
  one.assignments = {{"health", tz::AssignmentRole::lead, "", ""},
                     {"finance", tz::AssignmentRole::co_responsible, "", ""}};
  tz::Target screened;
  screened.code = "1.1";
  screened.description = "免费检查";
  screened.unit = "名";
  screened.value = Decimal(18000);
  tz::Target rescue;
  rescue.code = "1.2";
  rescue.description = "救助贫困妇女";
  rescue.measure = tz::Measure::milestone;
  one.targets = {screened, rescue};
  tz::Initiative two;
  two.number = 2;
  two.title = "城市建设";
  two.assignments = {{"finance", tz::AssignmentRole::lead, "", ""}};
  tz::Target money;
  money.code = "2.1";
  money.description = "计划投资";
  money.measure = tz::Measure::money;
  money.unit = "亿元";
  money.value = Decimal(12);
  two.targets = {money};
  plan.initiatives = {one, two};
  return plan;
}

std::string list(const std::vector<Issue>& issues) {
  std::string out;
  for (const Issue& i : issues) out += "  " + i.to_string() + "\n";
  return out;
}

// The issues of the plan after `change`; asserts one of them is at `path` and says `fragment`.
void expect_issue(const std::function<void(tz::Plan&)>& change, const std::string& path,
                  const std::string& fragment, Issue::Severity severity = Issue::Severity::error) {
  tz::Plan plan = small_plan();
  change(plan);
  const std::vector<Issue> issues = tz::validate(plan);
  for (const Issue& i : issues) {
    if (i.path == path && i.message.find(fragment) != std::string::npos && i.severity == severity) {
      return;
    }
  }
  ADD_FAILURE() << "expected an issue at " << path << " saying \"" << fragment << "\"; got:\n"
                << list(issues);
}

TEST(Validation, TheSmallPlanIsValid) {
  EXPECT_EQ(list(tz::validate(small_plan())), "");
  EXPECT_NO_THROW(tz::require_valid(small_plan()));
}

TEST(Validation, DuplicateCodesAndNumbers) {
  expect_issue([](tz::Plan& p) { p.units[2].code = "health"; }, "units[2].code",
               "duplicate unit code \"health\"");
  expect_issue([](tz::Plan& p) { p.initiatives[1].number = 1; }, "initiatives[1].number",
               "duplicate initiative number 1");
  expect_issue([](tz::Plan& p) { p.initiatives[1].targets[0].code = "1.1"; },
               "initiatives[1].targets[0].code", "duplicate target code \"1.1\"");
  expect_issue([](tz::Plan& p) { p.code = "临淄 2021"; }, "code", "is not a code");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[1].code = ""; },
               "initiatives[0].targets[1].code", "is empty");
}

TEST(Validation, UnknownOrUnfittingUnitsOfMeasure) {
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].unit = "头"; },
               "initiatives[0].targets[0].unit", "\"头\" is not a known unit of measure");
  expect_issue([](tz::Plan& p) { p.initiatives[1].targets[0].unit = "名"; },
               "initiatives[1].targets[0].unit", "money target");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].unit = "万元"; },
               "initiatives[0].targets[0].unit", "count target cannot be in");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].unit = ""; },
               "initiatives[0].targets[0].unit", "needs a unit of measure");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[1].unit = "项"; },
               "initiatives[0].targets[1].unit", "takes no unit of measure");
  // A plan can bring its own units of measure.
  tz::Plan plan = small_plan();
  plan.units_of_measure.push_back({"头", "livestock", Decimal(1)});
  plan.initiatives[0].targets[0].unit = "头";
  EXPECT_EQ(list(tz::validate(plan)), "");
  expect_issue(
      [](tz::Plan& p) {
        p.units_of_measure.push_back({"元", "money", Decimal(7)});
      },
      "units_of_measure[0]", "already defined");
}

TEST(Validation, NumericTargetsNeedValuesThatAreNotNegative) {
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].value.reset(); },
               "initiatives[0].targets[0].value", "needs a value");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].value = Decimal(-5); },
               "initiatives[0].targets[0].value", "-5 is negative");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[1].value = Decimal(1); },
               "initiatives[0].targets[1].value", "takes no value");
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[0].weight = Decimal(0); },
               "initiatives[0].targets[0].weight", "not positive");
}

TEST(Validation, DeadlinesAndTrajectoriesStayInTheWindow) {
  expect_issue(
      [](tz::Plan& p) { p.initiatives[0].targets[0].deadline = tz::Date::make(2022, 3, 31); },
      "initiatives[0].targets[0].deadline", "outside the plan's window");
  expect_issue([](tz::Plan& p) { p.initiatives[1].deadline = tz::Date::make(2020, 12, 31); },
               "initiatives[1].deadline", "2020-12-31 is outside");
  expect_issue([](tz::Plan& p) { p.end = tz::Date::make(2020, 1, 1); }, "end",
               "ends (2020-01-01) before it starts");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[0].trajectory = {{tz::Period::quarter(2022, 1), Decimal(1)}};
      },
      "initiatives[0].targets[0].trajectory[0].period", "outside the plan's window");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[0].trajectory = {
            {tz::Period::quarter(2021, 1), Decimal::parse("0.5")},
            {tz::Period::quarter(2021, 2), Decimal::parse("0.4")}};
      },
      "initiatives[0].targets[0].trajectory[1].share", "falls below");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[0].trajectory = {
            {tz::Period::month(2021, 1), Decimal::parse("0.5")}};
      },
      "initiatives[0].targets[0].trajectory[0].period", "not a quarter");
}

TEST(Validation, InitiativesNeedALeadAmongKnownUnits) {
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[1].assignments[0].role = tz::AssignmentRole::co_responsible;
      },
      "initiatives[1].assignments", "no lead unit");
  expect_issue([](tz::Plan& p) { p.initiatives[1].assignments.clear(); },
               "initiatives[1].assignments", "no lead unit");
  expect_issue([](tz::Plan& p) { p.initiatives[0].assignments[1].unit = "police"; },
               "initiatives[0].assignments[1].unit", "\"police\" is not one of the plan's units");
  expect_issue([](tz::Plan& p) { p.initiatives[0].assignments[1].unit = "health"; },
               "initiatives[0].assignments[1].unit", "assigned to this initiative twice");
  expect_issue([](tz::Plan& p) { p.coordinator = "nobody"; }, "coordinator",
               "\"nobody\" is not one of the plan's units");
  expect_issue([](tz::Plan& p) { p.units[1].parent = "ghost"; }, "units[1].parent",
               "is not one of the plan's units");
  expect_issue(
      [](tz::Plan& p) {
        p.units[1].parent = "finance";
        p.units[2].parent = "health";
      },
      "units[1].parent", "cycle");
}

TEST(Validation, ContributorsMustBeAssigned) {
  expect_issue([](tz::Plan& p) { p.initiatives[1].targets[0].contributors = {"health"}; },
               "initiatives[1].targets[0].contributors[0]",
               "\"health\" is not assigned to initiative 2");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[0].contributors = {"health", "health"};
      },
      "initiatives[0].targets[0].contributors[1]", "listed twice");
  tz::Plan plan = small_plan();
  plan.initiatives[0].targets[0].contributors = {"health", "finance"};
  EXPECT_EQ(list(tz::validate(plan)), "");
}

TEST(Validation, TextMustBeValidUtf8WithoutControlCharacters) {
  expect_issue([](tz::Plan& p) { p.initiatives[0].title = "两癌\xE6\x97"; }, "initiatives[0].title",
               "not valid UTF-8");
  expect_issue([](tz::Plan& p) { p.units[1].name = std::string("区卫健局\0x", 14); },
               "units[1].name", "NUL byte");
  expect_issue([](tz::Plan& p) { p.title = "a\nb"; }, "title", "control character U+000A");
  expect_issue([](tz::Plan& p) { p.title = "   "; }, "title", "is empty");
  tz::Plan plan = small_plan();
  plan.initiatives[0].description = "第一行\n第二行";
  EXPECT_EQ(list(tz::validate(plan)), "") << "line breaks belong in descriptions";
}

TEST(Validation, RisesNeedABaselineEventually) {
  expect_issue(
      [](tz::Plan& p) {
        tz::Target& t = p.initiatives[1].targets[0];
        t.form = tz::TargetForm::rise_percent;
        t.value = Decimal(10);
        t.unit = "元";
        t.accumulation = tz::Accumulation::level;
      },
      "initiatives[1].targets[0].baseline", "not yet known", Issue::Severity::warning);
  expect_issue(
      [](tz::Plan& p) {
        tz::Target& t = p.initiatives[1].targets[0];
        t.form = tz::TargetForm::rise_amount;
        t.value = Decimal(0);
        t.baseline = tz::Baseline{Decimal(500), std::nullopt, ""};
      },
      "initiatives[1].targets[0].baseline.value", "equals the goal 500");
  expect_issue(
      [](tz::Plan& p) {
        tz::Target& t = p.initiatives[0].targets[0];
        t.direction = tz::Direction::lower_is_better;
        t.baseline = tz::Baseline{Decimal(100), std::nullopt, ""};
      },
      "initiatives[0].targets[0].baseline.value", "wrong side", Issue::Severity::warning);
  expect_issue([](tz::Plan& p) { p.initiatives[0].targets[1].form = tz::TargetForm::rise_percent; },
               "initiatives[0].targets[1].form", "only a count, money or percent target");
}

TEST(Validation, PlanSettings) {
  expect_issue([](tz::Plan& p) { p.tolerance = Decimal(0); }, "tolerance", "outside (0, 1)");
  expect_issue([](tz::Plan& p) { p.tolerance = Decimal(1); }, "tolerance", "outside (0, 1)");
  expect_issue([](tz::Plan& p) { p.contact.email = "lzqfl"; }, "contact.email",
               "not an e-mail address");
  expect_issue([](tz::Plan& p) { p.report_due_days = 400; }, "report_due_days", "more than a year");
  expect_issue([](tz::Plan& p) { p.year = 2022; }, "year", "2022 is outside the window");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[1].measure = tz::Measure::qualitative;
        p.initiatives[0].targets[1].weight = Decimal(3);
      },
      "initiatives[0].targets[1].weight", "qualitative target carries no completion figure");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[0].measure = tz::Measure::percent;
        p.initiatives[0].targets[0].unit = "%";
      },
      "initiatives[0].targets[0].accumulation", "rate cannot be added up");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[1].stages = {{"开始", Decimal::parse("0.5")},
                                              {"一半", Decimal::parse("0.5")}};
      },
      "initiatives[0].targets[1].stages[1].share", "rising share");
  expect_issue(
      [](tz::Plan& p) {
        p.initiatives[0].targets[1].stages = {{"开始", Decimal::parse("0.5")}};
      },
      "initiatives[0].targets[1].stages", "share 1");
  expect_issue([](tz::Plan& p) { p.initiatives[1].targets.clear(); }, "initiatives[1].targets",
               "no targets", Issue::Severity::warning);
}

TEST(Validation, EveryProblemIsCollectedNotOnlyTheFirst) {
  tz::Plan plan = small_plan();
  plan.code = "";
  plan.units[2].code = "health";
  plan.initiatives[0].targets[0].unit = "头";
  plan.initiatives[1].targets[0].value = Decimal(-1);
  plan.initiatives[1].assignments.clear();
  const std::vector<Issue> issues = tz::validate(plan);
  EXPECT_GE(issues.size(), 5U) << list(issues);
  try {
    tz::require_valid(plan, "plan.json");
    FAIL() << "an invalid plan passed";
  } catch (const tz::ValidationError& e) {
    EXPECT_EQ(e.code(), tz::ErrorCode::validation);
    EXPECT_EQ(e.issues(), issues);
    EXPECT_EQ(e.where().file, "plan.json");
    EXPECT_EQ(e.where().path, "code");
    const std::string what = e.what();
    EXPECT_NE(what.find("plan.json"), std::string::npos) << what;
    EXPECT_NE(what.find("initiatives[0].targets[0].unit"), std::string::npos) << what;
    EXPECT_NE(what.find("initiatives[1].targets[0].value"), std::string::npos) << what;
  }
}

TEST(Validation, WarningsAloneDoNotThrow) {
  tz::Plan plan = small_plan();
  plan.initiatives[1].targets.clear();
  EXPECT_EQ(tz::validate(plan).size(), 1U);
  EXPECT_NO_THROW(tz::require_valid(plan));
}

}  // namespace
