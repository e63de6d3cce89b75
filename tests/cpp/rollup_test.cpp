// Focused roll-up cases on small quarterly plans built in code: each rule of docs/rollup.md
// on the kind of target the Linzi plan lacks (lower is better, a rise by an amount, two lead units
// combined by max or mean, an explicit trajectory, weights, milestone stages of its own,
// qualitative targets, an unknown goal), the snapshot following writes of another Ledger object,
// the plan version of an as-recorded-at query, compliance judged on `today`, and the errors.
// Every expected figure is worked out by hand from the values filed.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"

namespace tz = taizhang;
using tz::Decimal;
using tz::test::admin;
using tz::test::coordinator;
using tz::test::reporter;
using tz::test::TestClock;

namespace {

constexpr const char* kPlan = "rollup-test-2022";
constexpr double kEps = 1e-9;

Decimal dec(std::string_view text) {
  return Decimal::parse(text);
}
std::string name(tz::ProgressStatus s) {
  return tz::to_string(s);
}
std::string name(tz::Compliance c) {
  return tz::to_string(c);
}
std::string name(tz::Outlook o) {
  return tz::to_string(o);
}

// ---- building a plan ---------------------------------------------------------------------------

tz::Target count_target(std::string code, int value,
                        tz::Accumulation accumulation = tz::Accumulation::incremental) {
  tz::Target t;
  t.code = std::move(code);
  t.description = "测试目标 " + t.code;
  t.measure = tz::Measure::count;
  t.unit = "个";
  t.value = Decimal(value);
  t.accumulation = accumulation;
  return t;
}

tz::Initiative initiative_with(int number, std::vector<tz::Target> targets) {
  tz::Initiative i;
  i.number = number;
  i.title = "测试实事" + std::to_string(number);
  i.description = "测试用实事（示例）";
  // Two lead units and a co-responsible one.
  i.assignments = {{"lead-a", tz::AssignmentRole::lead, "", ""},
                   {"lead-b", tz::AssignmentRole::lead, "", ""},
                   {"co-c", tz::AssignmentRole::co_responsible, "", ""}};
  i.targets = std::move(targets);
  return i;
}

// A quarterly plan for 2022, reports due 10 days after each quarter, tolerance 0.1.
tz::Plan small_plan(std::vector<tz::Initiative> initiatives) {
  tz::Plan p;
  p.code = kPlan;
  p.title = "2022年测试计划（示例）";
  p.issuer = "测试区人民政府办公室";
  p.year = 2022;
  p.reporting = tz::PeriodKind::quarter;
  p.start = tz::Date::make(2022, 1, 1);
  p.end = tz::Date::make(2022, 12, 31);
  p.coordinator = "women-children-centre";
  p.report_due_days = 10;
  p.units = {
      {"women-children-centre", "区妇女儿童服务中心", tz::UnitKind::coordinating_office, "", ""},
      {"lead-a", "区甲局", tz::UnitKind::bureau, "", ""},
      {"lead-b", "区乙局", tz::UnitKind::bureau, "", ""},
      {"co-c", "区丙局", tz::UnitKind::bureau, "", ""}};
  p.initiatives = std::move(initiatives);
  return p;
}
tz::Plan small_plan(std::vector<tz::Target> targets) {
  std::vector<tz::Initiative> initiatives;
  initiatives.push_back(initiative_with(1, std::move(targets)));
  return small_plan(std::move(initiatives));
}

// ---- report content ----------------------------------------------------------------------------

tz::TargetValue number(std::string target, Decimal value) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.value = value;
  return v;
}
tz::TargetValue stage(std::string target, std::string name) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.stage = std::move(name);
  return v;
}
tz::TargetValue words(std::string target, std::string comment) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.comment = std::move(comment);
  return v;
}
tz::ReportContent values(std::vector<tz::TargetValue> v) {
  tz::ReportContent c;
  c.values = std::move(v);
  return c;
}
tz::ReportContent progress_only(int initiative) {
  tz::ReportContent c;
  c.progress.push_back({initiative, "进展情况（示例）", std::nullopt});
  return c;
}

tz::ReportKey key(const std::string& unit, const std::string& period) {
  return tz::ReportKey{kPlan, unit, tz::Period::parse(period)};
}

tz::RollupQuery query(const std::string& as_of) {
  tz::RollupQuery q;
  q.plan = kPlan;
  q.as_of = tz::Period::parse(as_of);
  return q;
}
tz::RollupQuery on(tz::RollupQuery q, const std::string& day) {
  q.today = tz::Date::parse(day);
  return q;
}

tz::TargetRollup target(const tz::Rollup& r, std::string_view code) {
  const tz::TargetRollup* t = r.find_target(code);
  if (t == nullptr) throw std::runtime_error("no target " + std::string(code));
  return *t;
}
double r_of(const tz::TargetRollup& t) {
  if (!t.completion) throw std::runtime_error("target " + t.code + " has no completion");
  return *t.completion;
}

// ---- the fixture: an in-memory ledger on a test clock ------------------------------------------

class RollupRules : public ::testing::Test {
 protected:
  RollupRules() : ledger_(open(":memory:")) {}

  tz::Ledger open(const std::filesystem::path& path) const {
    tz::LedgerOptions options;
    options.clock = clock_.function();
    tz::Ledger ledger = tz::Ledger::open(path, options);
    if (!ledger.import_open()) ledger.begin_import(admin(), "测试：历史数据导入");
    return ledger;
  }

  void import(const tz::Plan& plan) {
    clock_.set("2022-01-05T09:00:00+08:00");
    ledger_.import_plan(admin(), plan, "测试计划（示例）");
  }
  // Files `content` for `unit` and `period` at time `when` (China time).
  void file(const std::string& unit, const std::string& period, const tz::ReportContent& content,
            const std::string& when) {
    clock_.set(when);
    ledger_.file(reporter(unit), key(unit, period), content);
  }
  // Files in the first days after the quarter, on time.
  void file(const std::string& unit, const std::string& period,
            const std::vector<tz::TargetValue>& v) {
    const tz::Period p = tz::Period::parse(period);
    file(unit, period, values(v), p.last_day().plus_days(3).to_string() + "T10:00:00+08:00");
  }
  tz::Rollup rollup(const tz::RollupQuery& q) const { return ledger_.rollup(q); }

  TestClock clock_{"2022-01-05T08:00:00+08:00"};
  tz::Ledger ledger_;
};

// ---- rule 3: completion ------------------------------------------------------------------------

TEST_F(RollupRules, LowerIsBetterWithABaseline) {
  // Complaints: from 50 (baseline) down to 30; a level.
  tz::Target t = count_target("1.1", 30, tz::Accumulation::level);
  t.direction = tz::Direction::lower_is_better;
  t.baseline = tz::Baseline{Decimal(50), tz::Date::make(2021, 12, 31), "2021年（示例）"};
  import(small_plan({t}));
  file("lead-a", "2022Q1", {number("1.1", 45)});
  const tz::TargetRollup q1 = target(rollup(query("2022Q1")), "1.1");
  EXPECT_NEAR(r_of(q1), (50 - 45) / (50.0 - 30.0), kEps);  // 0.25 = e
  EXPECT_EQ(name(q1.status), "on_track");
  file("lead-a", "2022Q2", {number("1.1", 36)});
  const tz::TargetRollup q2 = target(rollup(query("2022Q2")), "1.1");
  EXPECT_NEAR(r_of(q2), (50 - 36) / 20.0, kEps);  // 0.7
  EXPECT_EQ(name(q2.status), "on_track");
  // Forecast: a level is not extrapolated (no line through 45 and 36 down to 18): it stays at 36,
  // r = 14 / 20, short of the goal.
  EXPECT_EQ(q2.forecast, Decimal(36));
  EXPECT_NEAR(*q2.forecast_completion, (50 - 36) / 20.0, kEps);
  EXPECT_EQ(name(q2.outlook), "likely_short");
  // Worse than the baseline: r is negative, uncapped.
  file("lead-a", "2022Q3", {number("1.1", 55)});
  const tz::TargetRollup q3 = target(rollup(query("2022Q3")), "1.1");
  EXPECT_NEAR(r_of(q3), (50 - 55) / 20.0, kEps);
  EXPECT_EQ(name(q3.status), "behind");
  file("lead-a", "2022Q4", {number("1.1", 29)});
  const tz::TargetRollup q4 = target(rollup(query("2022Q4")), "1.1");
  EXPECT_NEAR(r_of(q4), (50 - 29) / 20.0, kEps);  // 1.05
  EXPECT_EQ(name(q4.status), "achieved");
}

TEST_F(RollupRules, LowerIsBetterWithoutABaseline) {
  // At most 30: r = 1 at or below it, else goal / actual.
  tz::Target t = count_target("1.1", 30, tz::Accumulation::level);
  t.direction = tz::Direction::lower_is_better;
  // At most 0 (zero accidents): 1 at 0, 0 above.
  tz::Target zero = count_target("1.2", 0, tz::Accumulation::level);
  zero.direction = tz::Direction::lower_is_better;
  import(small_plan({t, zero}));
  file("lead-a", "2022Q1", {number("1.1", 40), number("1.2", 0)});
  const tz::Rollup q1 = rollup(query("2022Q1"));
  EXPECT_NEAR(r_of(target(q1, "1.1")), 30 / 40.0, kEps);
  EXPECT_EQ(name(target(q1, "1.1").status), "on_track");  // 0.75 ≥ 0.25 − 0.1
  EXPECT_NEAR(r_of(target(q1, "1.2")), 1.0, kEps);
  EXPECT_EQ(name(target(q1, "1.2").status), "achieved");
  file("lead-a", "2022Q2", {number("1.1", 25), number("1.2", 2)});
  const tz::Rollup q2 = rollup(query("2022Q2"));
  EXPECT_NEAR(r_of(target(q2, "1.1")), 1.0, kEps);
  EXPECT_EQ(name(target(q2, "1.1").status), "achieved");
  EXPECT_NEAR(r_of(target(q2, "1.2")), 0 / 2.0, kEps);
  EXPECT_EQ(name(target(q2, "1.2").status), "behind");
}

TEST_F(RollupRules, RiseByAnAmountAndByAPercentage) {
  tz::Target amount = count_target("1.1", 20, tz::Accumulation::level);
  amount.measure = tz::Measure::money;
  amount.unit = "元";
  amount.form = tz::TargetForm::rise_amount;
  amount.baseline = tz::Baseline{Decimal(100), std::nullopt, ""};
  tz::Target percent = amount;
  percent.code = "1.2";
  percent.form = tz::TargetForm::rise_percent;
  percent.value = Decimal(15);
  percent.baseline = tz::Baseline{Decimal(200), std::nullopt, ""};
  import(small_plan({amount, percent}));
  file("lead-a", "2022Q1", {number("1.1", 110), number("1.2", 215)});
  const tz::Rollup q1 = rollup(query("2022Q1"));
  EXPECT_EQ(target(q1, "1.1").goal, Decimal(100 + 20));
  EXPECT_EQ(target(q1, "1.1").baseline, Decimal(100));
  EXPECT_NEAR(r_of(target(q1, "1.1")), (110 - 100) / (120.0 - 100.0), kEps);  // 0.5
  EXPECT_EQ(name(target(q1, "1.1").status), "on_track");
  EXPECT_EQ(target(q1, "1.2").goal, Decimal(200 * 115 / 100));  // 230
  EXPECT_NEAR(r_of(target(q1, "1.2")), (215 - 200) / (230.0 - 200.0), kEps);
  // Values filed in 万元 convert into the target's 元.
  file("lead-a", "2022Q2", values({[] {
         tz::TargetValue v = number("1.1", dec("0.0125"));
         v.unit = "万元";
         return v;
       }()}),
       "2022-07-03T10:00:00+08:00");
  const tz::TargetRollup q2 = target(rollup(query("2022Q2")), "1.1");
  EXPECT_EQ(q2.actual, Decimal(125));  // 0.0125 万元
  EXPECT_NEAR(r_of(q2), (125 - 100) / 20.0, kEps);
}

// ---- rule 2: combinations ----------------------------------------------------------------------

TEST_F(RollupRules, CombinationsOfContributingUnits) {
  const std::vector<std::string> all = {"lead-a", "lead-b", "co-c"};
  std::vector<tz::Target> targets;
  const tz::Combination combos[] = {tz::Combination::sum, tz::Combination::lead_only,
                                    tz::Combination::max, tz::Combination::mean};
  int n = 0;
  for (const tz::Combination c : combos) {
    tz::Target t = count_target("1." + std::to_string(++n), 60);
    t.combination = c;
    t.contributors = all;
    targets.push_back(t);
  }
  targets.push_back(count_target("1.5", 60));  // default: the lead units, summed
  tz::Target mean_missing = count_target("1.6", 60);
  mean_missing.combination = tz::Combination::mean;
  mean_missing.contributors = all;
  targets.push_back(mean_missing);
  tz::Target mean_rounded = mean_missing;
  mean_rounded.code = "1.7";
  targets.push_back(mean_rounded);
  import(small_plan(targets));

  const auto same = [](int v) {
    std::vector<tz::TargetValue> out;
    for (const char* code : {"1.1", "1.2", "1.3", "1.4", "1.5"}) out.push_back(number(code, v));
    return out;
  };
  std::vector<tz::TargetValue> a = same(10);
  a.push_back(number("1.6", 10));
  a.push_back(number("1.7", 10));
  std::vector<tz::TargetValue> b = same(30);  // lead-b reports nothing of 1.6
  b.push_back(number("1.7", 10));
  std::vector<tz::TargetValue> c = same(20);
  c.push_back(number("1.6", 20));
  c.push_back(number("1.7", 11));
  file("lead-a", "2022Q1", a);
  file("lead-b", "2022Q1", b);
  file("co-c", "2022Q1", c);

  const tz::Rollup r = rollup(query("2022Q1"));
  EXPECT_EQ(target(r, "1.1").actual, Decimal(10 + 30 + 20));        // sum
  EXPECT_EQ(target(r, "1.2").actual, Decimal(10 + 30));             // lead only: both leads
  EXPECT_EQ(target(r, "1.3").actual, Decimal(30));                  // max
  EXPECT_EQ(target(r, "1.4").actual, Decimal((10 + 30 + 20) / 3));  // mean
  EXPECT_EQ(target(r, "1.5").actual, Decimal(10 + 30));             // default: the leads, summed
  ASSERT_EQ(target(r, "1.5").contributions.size(), std::size_t{2});
  EXPECT_EQ(target(r, "1.6").actual, Decimal((10 + 20) / 2));  // units that reported nothing: out
  ASSERT_EQ(target(r, "1.6").contributions.size(), std::size_t{3});
  EXPECT_FALSE(target(r, "1.6").contributions[1].value.has_value());
  EXPECT_EQ(target(r, "1.7").actual, dec("10.333333333333"));  // 31 / 3, half up to 12 places
  EXPECT_NEAR(r_of(target(r, "1.3")), 30 / 60.0, kEps);

  // Explained: which values each rule counted.
  const auto counted = [&](const std::string& code) {
    std::vector<bool> out;
    for (const tz::ExplanationInput& in : ledger_.explain(query("2022Q1"), code).inputs) {
      out.push_back(in.counted);
    }
    return out;
  };
  EXPECT_EQ(counted("1.1"), (std::vector<bool>{true, true, true}));
  EXPECT_EQ(counted("1.2"), (std::vector<bool>{true, true, false}));
  EXPECT_EQ(counted("1.3"), (std::vector<bool>{false, true, false}));
  EXPECT_EQ(counted("1.5"), (std::vector<bool>{true, true, false}));
}

// ---- rule 4: expected share ---------------------------------------------------------------------

TEST_F(RollupRules, ExplicitTrajectory) {
  tz::Target t = count_target("1.1", 100);
  t.trajectory = {{tz::Period::quarter(2022, 1), Decimal(0)},
                  {tz::Period::quarter(2022, 2), dec("0.2")},
                  {tz::Period::quarter(2022, 3), dec("0.6")},
                  {tz::Period::quarter(2022, 4), Decimal(1)}};
  tz::Target late_start = count_target("1.2", 100);
  late_start.trajectory = {{tz::Period::quarter(2022, 2), dec("0.5")},
                           {tz::Period::quarter(2022, 4), Decimal(1)}};
  import(small_plan({t, late_start}));
  file("lead-a", "2022Q1", {number("1.1", 0), number("1.2", 0)});
  const tz::Rollup q1 = rollup(query("2022Q1"));
  EXPECT_NEAR(target(q1, "1.1").expected, 0.0, kEps);
  EXPECT_EQ(name(target(q1, "1.1").status), "on_track");  // 0 ≥ 0 − 0.1
  EXPECT_NEAR(target(q1, "1.2").expected, 0.0, kEps);     // before its first point
  file("lead-a", "2022Q2", {number("1.1", 10), number("1.2", 30)});
  const tz::Rollup q2 = rollup(query("2022Q2"));
  EXPECT_NEAR(target(q2, "1.1").expected, 0.2, kEps);
  EXPECT_NEAR(r_of(target(q2, "1.1")), 10 / 100.0, kEps);
  EXPECT_EQ(name(target(q2, "1.1").status), "on_track");  // 0.1 = 0.2 − 0.1, exactly
  EXPECT_EQ(name(target(q2, "1.2").status), "at_risk");   // 0.3 = 0.5 − 2 × 0.1, exactly
  file("lead-a", "2022Q3", {number("1.1", 35), number("1.2", 30)});
  const tz::Rollup q3 = rollup(query("2022Q3"));
  EXPECT_NEAR(target(q3, "1.1").expected, 0.6, kEps);
  EXPECT_NEAR(r_of(target(q3, "1.1")), (10 + 35) / 100.0, kEps);
  EXPECT_EQ(name(target(q3, "1.1").status), "at_risk");   // 0.45 in [0.4, 0.5)
  EXPECT_NEAR(target(q3, "1.2").expected, 0.5, kEps);     // its latest point up to Q3 is Q2
  EXPECT_EQ(name(target(q3, "1.2").status), "on_track");  // 0.6 ≥ 0.4
}

TEST_F(RollupRules, DeadlineBeforeThePlansEnd) {
  tz::Target t = count_target("1.1", 100);
  t.deadline = tz::Date::make(2022, 6, 30);  // two quarters
  import(small_plan({t}));
  file("lead-a", "2022Q1", {number("1.1", 40)});
  const tz::TargetRollup q1 = target(rollup(query("2022Q1")), "1.1");
  EXPECT_NEAR(q1.expected, 1 / 2.0, kEps);
  EXPECT_EQ(name(q1.status), "on_track");  // 0.4 ≥ 0.5 − 0.1
  EXPECT_EQ(q1.forecast, Decimal(40 * 2 / 1));
  EXPECT_EQ(name(q1.outlook), "likely_short");  // 0.8
  file("lead-a", "2022Q2", {number("1.1", 50)});
  const tz::TargetRollup q2 = target(rollup(query("2022Q2")), "1.1");
  EXPECT_NEAR(q2.expected, 1.0, kEps);
  EXPECT_EQ(name(q2.status), "on_track");  // 0.9 on 2022-06-30, the deadline itself
  EXPECT_EQ(q2.deadline, tz::Date::make(2022, 6, 30));
  const tz::TargetRollup q3 = target(rollup(query("2022Q3")), "1.1");
  EXPECT_NEAR(q3.expected, 1.0, kEps);
  EXPECT_EQ(name(q3.status), "overdue");
}

// ---- rule 7: weights; milestones; what is left out
// -----------------------------------------------

TEST_F(RollupRules, WeightsInInitiativeAndPlanCompletion) {
  tz::Target heavy = count_target("1.1", 100);
  heavy.weight = Decimal(3);
  tz::Target light = count_target("1.2", 10);  // weight 1
  tz::Target other = count_target("2.1", 10);
  std::vector<tz::Initiative> initiatives;
  initiatives.push_back(initiative_with(1, {heavy, light}));
  initiatives.push_back(initiative_with(2, {other}));
  import(small_plan(std::move(initiatives)));
  file("lead-a", "2022Q1", {number("1.1", 50), number("1.2", 20), number("2.1", 1)});
  const tz::Rollup r = rollup(query("2022Q1"));
  EXPECT_NEAR(r_of(target(r, "1.2")), 20 / 10.0, kEps);  // uncapped
  const tz::InitiativeRollup* i1 = r.find_initiative(1);
  ASSERT_NE(i1, nullptr);
  EXPECT_NEAR(i1->completion, (3 * (50 / 100.0) + 1 * 1.0) / (3 + 1), kEps);  // min(2, 1) = 1
  EXPECT_NEAR(i1->expected, 0.25, kEps);
  EXPECT_EQ(name(i1->status), "on_track");
  EXPECT_EQ(i1->worst_target, "1.1");  // shortfall 0.25 − 0.5 > 0.25 − 1
  EXPECT_EQ(i1->measurable_targets, 2);
  // The plan: every target with its weight.
  EXPECT_NEAR(r.plan.completion, (3 * 0.5 + 1 * 1.0 + 1 * (1 / 10.0)) / (3 + 1 + 1), kEps);
  EXPECT_EQ(r.plan.worst_target, "2.1");  // 0.25 − 0.1
  EXPECT_EQ(r.plan.measurable_targets, 3);
}

TEST_F(RollupRules, MilestoneWithItsOwnStages) {
  tz::Target t;
  t.code = "1.1";
  t.description = "建设儿童保健中心（示例）";
  t.measure = tz::Measure::milestone;
  t.stages = {
      {"立项", Decimal(0)}, {"施工", dec("0.4")}, {"竣工", dec("0.9")}, {"验收", Decimal(1)}};
  import(small_plan({t}));
  file("lead-a", "2022Q1", {stage("1.1", "立项")});
  const tz::TargetRollup q1 = target(rollup(query("2022Q1")), "1.1");
  EXPECT_NEAR(r_of(q1), 0.0, kEps);
  EXPECT_EQ(name(q1.status), "behind");  // 0 < 0.25 − 0.2
  EXPECT_FALSE(q1.goal.has_value());
  file("lead-a", "2022Q2", {stage("1.1", "施工")});
  const tz::TargetRollup q2 = target(rollup(query("2022Q2")), "1.1");
  EXPECT_NEAR(r_of(q2), 0.4, kEps);
  EXPECT_EQ(name(q2.status), "on_track");  // 0.4 = 0.5 − 0.1
  file("lead-a", "2022Q3", {stage("1.1", "竣工")});
  const tz::TargetRollup q3 = target(rollup(query("2022Q3")), "1.1");
  EXPECT_EQ(q3.actual, dec("0.9"));
  EXPECT_EQ(q3.contributions[0].stage, "竣工");
  EXPECT_NEAR(r_of(q3), 0.9, kEps);
  // A milestone gets no forecast: a stage is not a quantity to project.
  EXPECT_FALSE(q3.forecast.has_value());
  EXPECT_EQ(name(q3.outlook), "none");
  // A stage of the default list is not one of this target's.
  clock_.set("2022-10-05T10:00:00+08:00");
  EXPECT_THROW(
      ledger_.file(reporter("lead-a"), key("lead-a", "2022Q4"), values({stage("1.1", "已完成")})),
      tz::ValidationError);
}

TEST_F(RollupRules, QualitativeTargetsAreLeftOut) {
  tz::Target words_only;
  words_only.code = "1.1";
  words_only.description = "开展宣传（示例）";
  words_only.measure = tz::Measure::qualitative;
  import(small_plan({words_only, count_target("1.2", 10)}));
  file("lead-a", "2022Q1", {words("1.1", "开展宣传三次（示例）"), number("1.2", 5)});
  const tz::Rollup r = rollup(query("2022Q1"));
  const tz::TargetRollup q = target(r, "1.1");
  EXPECT_FALSE(q.actual.has_value());
  EXPECT_FALSE(q.completion.has_value());
  EXPECT_EQ(name(q.status), "no_data");
  const tz::InitiativeRollup* i = r.find_initiative(1);
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->measurable_targets, 1);
  EXPECT_NEAR(i->completion, 5 / 10.0, kEps);
  EXPECT_EQ(i->worst_target, "1.2");
}

TEST_F(RollupRules, UnknownGoalIsNoData) {
  tz::Target rise = count_target("1.1", 10, tz::Accumulation::level);
  rise.measure = tz::Measure::money;
  rise.unit = "元";
  rise.form = tz::TargetForm::rise_percent;
  rise.baseline = tz::Baseline{std::nullopt, std::nullopt, "基数待定（示例）"};
  import(small_plan({rise}));
  file("lead-a", "2022Q1", {number("1.1", 1000)});
  const tz::Rollup r = rollup(query("2022Q1"));
  const tz::TargetRollup t = target(r, "1.1");
  EXPECT_EQ(t.actual, Decimal(1000));
  EXPECT_FALSE(t.goal.has_value());
  EXPECT_FALSE(t.completion.has_value());
  EXPECT_EQ(name(t.status), "no_data");
  EXPECT_EQ(name(t.outlook), "none");
  const tz::InitiativeRollup* i = r.find_initiative(1);
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->measurable_targets, 0);
  EXPECT_EQ(name(i->status), "no_data");
  EXPECT_EQ(i->worst_target, "");
  EXPECT_EQ(name(r.plan.status), "no_data");
}

// ---- the content that counts
// ---------------------------------------------------------------------

TEST_F(RollupRules, DraftsCountOnlyInAPreview) {
  import(small_plan({count_target("1.1", 100)}));
  clock_.set("2022-04-03T10:00:00+08:00");
  ledger_.save(reporter("lead-a"), key("lead-a", "2022Q1"), values({number("1.1", 30)}));
  // A draft is not handed in: the default view does not count it (docs/rollup.md "What counts").
  EXPECT_FALSE(target(rollup(query("2022Q1")), "1.1").actual.has_value());
  tz::RollupQuery accepted = query("2022Q1");
  accepted.accepted_only = true;
  EXPECT_FALSE(target(rollup(accepted), "1.1").actual.has_value());
  // Only the explicit preview counts it.
  tz::RollupQuery preview = query("2022Q1");
  preview.include_drafts = true;
  EXPECT_EQ(target(rollup(preview), "1.1").actual, Decimal(30));
  // Not both at once.
  preview.accepted_only = true;
  EXPECT_THROW((void)rollup(preview), tz::ValidationError);
  // And the chasing list agrees with the status: missing once due.
  const tz::Rollup later = rollup(on(query("2022Q1"), "2022-04-15"));
  EXPECT_EQ(later.find_unit("lead-a")->missing, 1);
  EXPECT_EQ(later.chasing.size(), std::size_t{3});  // lead-a, lead-b, co-c
  EXPECT_EQ(name(later.chasing[0].compliance), "missing");
  EXPECT_EQ(later.chasing[0].days_overdue, 15 - 10);
  // Handed in, it counts everywhere.
  ledger_.submit(reporter("lead-a"), key("lead-a", "2022Q1"));
  EXPECT_EQ(target(rollup(query("2022Q1")), "1.1").actual, Decimal(30));
}

// ---- rule 8: compliance judged on `today`, in China time ----------------------------------------

TEST_F(RollupRules, ComplianceIsJudgedOnTodayInChinaTime) {
  import(small_plan({count_target("1.1", 100)}));
  // lead-a early (2022-04-03), lead-b at 23:30 on the due day in Beijing (15:30 UTC), co-c at 07:00
  // the day after in Beijing (still the due day, 23:00, in UTC).
  file("lead-a", "2022Q1", values({number("1.1", 10)}), "2022-04-03T10:00:00+08:00");
  file("lead-b", "2022Q1", progress_only(1), "2022-04-10T23:30:00+08:00");
  file("co-c", "2022Q1", progress_only(1), "2022-04-11T07:00:00+08:00");

  // On 2022-04-05 nothing is due yet: the early report is not counted on time before it is due.
  const tz::Rollup early = rollup(on(query("2022Q1"), "2022-04-05"));
  for (const tz::UnitRollup& u : early.units) {
    EXPECT_EQ(u.reports_due, 0) << u.unit;
    EXPECT_EQ(u.on_time + u.late + u.missing, 0) << u.unit;
  }
  EXPECT_TRUE(early.chasing.empty());
  // On the due day: lead-a and lead-b on time; co-c is due but not missing yet.
  const tz::Rollup due = rollup(on(query("2022Q1"), "2022-04-10"));
  EXPECT_EQ(due.find_unit("lead-b")->on_time, 1);
  EXPECT_EQ(due.find_unit("co-c")->reports_due, 1);
  EXPECT_EQ(due.find_unit("co-c")->on_time + due.find_unit("co-c")->late, 0);
  EXPECT_EQ(due.find_unit("co-c")->missing, 0);
  EXPECT_TRUE(due.chasing.empty());
  // A day later: co-c was late by one day.
  const tz::Rollup after = rollup(on(query("2022Q1"), "2022-04-20"));
  EXPECT_EQ(after.find_unit("lead-a")->on_time, 1);
  EXPECT_EQ(after.find_unit("lead-b")->on_time, 1);
  EXPECT_EQ(after.find_unit("co-c")->late, 1);
  EXPECT_EQ(after.find_unit("co-c")->days_late, 11 - 10);
  ASSERT_EQ(after.chasing.size(), std::size_t{1});
  EXPECT_EQ(after.chasing[0].unit, "co-c");
  EXPECT_EQ(name(after.chasing[0].compliance), "late");
  EXPECT_EQ(after.chasing[0].days_overdue, 11 - 10);
  // As recorded at 2022-04-10T20:00 Beijing time, judged on 04-20: lead-b and co-c missing.
  tz::RollupQuery then = on(query("2022Q1"), "2022-04-20");
  then.recorded_at = tz::parse_timestamp("2022-04-10T20:00:00+08:00");
  const tz::Rollup as_then = rollup(then);
  EXPECT_EQ(as_then.find_unit("lead-b")->missing, 1);
  ASSERT_EQ(as_then.chasing.size(), std::size_t{2});
  EXPECT_EQ(as_then.chasing[0].days_overdue, 20 - 10);
}

// ---- the snapshot follows writes ---------------------------------------------------------------

TEST_F(RollupRules, SnapshotFollowsWritesOfAnotherLedgerAndLaterWrites) {
  const tz::test::TempDir dir;
  tz::Ledger first = open(dir / "ledger.db");
  clock_.set("2022-01-05T09:00:00+08:00");
  first.import_plan(admin(), small_plan({count_target("1.1", 100), count_target("1.2", 10)}),
                    "测试计划（示例）");
  clock_.set("2022-04-03T10:00:00+08:00");
  first.file(reporter("lead-a"), key("lead-a", "2022Q1"), values({number("1.1", 10)}));
  EXPECT_EQ(target(first.rollup(query("2022Q2")), "1.1").actual, Decimal(10));

  // A second Ledger object on the same file writes a report with progress only, then values.
  tz::Ledger second = open(dir / "ledger.db");
  clock_.set("2022-07-03T10:00:00+08:00");
  second.file(reporter("lead-b"), key("lead-b", "2022Q2"), progress_only(1));
  const tz::Rollup after_progress = first.rollup(on(query("2022Q2"), "2022-07-20"));
  EXPECT_EQ(target(after_progress, "1.1").actual, Decimal(10));
  EXPECT_EQ(after_progress.find_unit("lead-b")->on_time, 1);  // Q2 handed in, Q1 not
  EXPECT_EQ(after_progress.find_unit("lead-b")->missing, 1);
  clock_.set("2022-07-04T10:00:00+08:00");
  second.file(reporter("lead-a"), key("lead-a", "2022Q2"),
              values({number("1.1", 15), number("1.2", 4)}));
  const tz::Rollup after_values = first.rollup(query("2022Q2"));
  EXPECT_EQ(target(after_values, "1.1").actual, Decimal(10 + 15));
  EXPECT_EQ(target(after_values, "1.2").actual, Decimal(4));

  // The first object writes after its roll-ups; both objects see everything.
  clock_.set("2022-07-05T10:00:00+08:00");
  first.accept(coordinator(), key("lead-a", "2022Q2"));
  first.file(reporter("lead-b"), key("lead-b", "2022Q3"), progress_only(1));
  clock_.set("2022-10-03T10:00:00+08:00");
  first.file(reporter("lead-a"), key("lead-a", "2022Q3"), values({number("1.1", 20)}));
  for (const tz::Ledger* l : {&first, &second}) {
    EXPECT_EQ(target(l->rollup(query("2022Q3")), "1.1").actual, Decimal(10 + 15 + 20));
    tz::RollupQuery accepted = query("2022Q3");
    accepted.accepted_only = true;
    EXPECT_EQ(target(l->rollup(accepted), "1.1").actual, Decimal(15));  // only 2022Q2 accepted
  }
  // A correction made through the second object after acceptance shows in the first one.
  clock_.set("2022-10-04T10:00:00+08:00");
  second.correct(reporter("lead-a"), key("lead-a", "2022Q2"),
                 values({number("1.1", 16), number("1.2", 4)}), "更正（示例）");
  EXPECT_EQ(target(first.rollup(query("2022Q3")), "1.1").actual, Decimal(10 + 16 + 20));
}

// ---- as recorded at: the plan version of that time
// -------------------------------------------------

TEST_F(RollupRules, AsRecordedAtUsesThePlanVersionOfThatTime) {
  import(small_plan({count_target("1.1", 100)}));  // 2022-01-05
  file("lead-a", "2022Q1", {number("1.1", 40)});   // 2022-04-03
  clock_.set("2022-05-01T10:00:00+08:00");
  tz::Plan raised = ledger_.plan(kPlan);
  raised.initiatives[0].targets[0].value = Decimal(200);
  ledger_.update_plan(admin(), raised, "目标调整为200（示例）");

  const tz::Rollup now = rollup(query("2022Q1"));
  EXPECT_EQ(now.plan_version, 2);
  EXPECT_EQ(target(now, "1.1").goal, Decimal(200));
  EXPECT_NEAR(r_of(target(now, "1.1")), 40 / 200.0, kEps);
  EXPECT_EQ(name(target(now, "1.1").status), "on_track");  // 0.2 ≥ 0.15

  tz::RollupQuery then = query("2022Q1");
  then.recorded_at = tz::parse_timestamp("2022-04-20T12:00:00+08:00");
  const tz::Rollup before = rollup(then);
  EXPECT_EQ(before.plan_version, 1);
  EXPECT_EQ(target(before, "1.1").goal, Decimal(100));
  EXPECT_NEAR(r_of(target(before, "1.1")), 40 / 100.0, kEps);
  EXPECT_EQ(ledger_.rollup_series(then).back().plan_version, 1);

  // Before the plan was imported there is nothing to roll up.
  then.recorded_at = tz::parse_timestamp("2022-01-01T00:00:00+08:00");
  EXPECT_THROW((void)rollup(then), tz::NotFoundError);
}

// ---- errors
// --------------------------------------------------------------------------------------

TEST_F(RollupRules, AsOfOfTheWrongPeriodKindIsAValidationError) {
  import(small_plan({count_target("1.1", 100)}));
  for (const tz::Period& p : {tz::Period::month(2022, 3), tz::Period::year(2022)}) {
    tz::RollupQuery q = query("2022Q1");
    q.as_of = p;
    EXPECT_THROW((void)ledger_.rollup(q), tz::ValidationError) << p.to_string();
    EXPECT_THROW((void)ledger_.rollup_series(q), tz::ValidationError) << p.to_string();
    EXPECT_THROW((void)ledger_.explain(q, "1.1"), tz::ValidationError) << p.to_string();
  }
}

TEST_F(RollupRules, UnknownPlanIsNotFound) {
  import(small_plan({count_target("1.1", 100)}));
  tz::RollupQuery q = query("2022Q1");
  q.plan = "no-such-plan";
  EXPECT_THROW((void)ledger_.rollup(q), tz::NotFoundError);
  EXPECT_THROW((void)ledger_.rollup_series(q), tz::NotFoundError);
  EXPECT_THROW((void)ledger_.explain(q, "1.1"), tz::NotFoundError);
}

TEST_F(RollupRules, ExplainOfAnUnknownSubject) {
  import(small_plan({count_target("1.1", 100)}));
  EXPECT_THROW((void)ledger_.explain(query("2022Q1"), "9.9"), tz::NotFoundError);
  EXPECT_THROW((void)ledger_.explain(query("2022Q1"), "initiative 7"), tz::NotFoundError);
  EXPECT_THROW((void)ledger_.explain(query("2022Q1"), "unit nobody"), tz::NotFoundError);
  EXPECT_THROW((void)ledger_.explain(query("2022Q1"), "something else"), tz::ValidationError);
  // A target nobody reported is explained with no inputs.
  const tz::Explanation e = ledger_.explain(query("2022Q1"), "1.1");
  EXPECT_TRUE(e.inputs.empty());
  EXPECT_EQ(e.subject, "target 1.1 as of 2022Q1");
}

}  // namespace

// ---- results compare as values -----------------------------------------------------------------

TEST_F(RollupRules, ResultsCompareAsValues) {
  import(small_plan({count_target("1.1", 100, tz::Accumulation::cumulative)}));
  file("lead-a", "2022Q1", {number("1.1", 20)});
  // The same question asked twice gives equal results, whole and in their parts.
  const tz::Rollup a = rollup(query("2022Q1"));
  EXPECT_EQ(a, rollup(query("2022Q1")));
  EXPECT_EQ(ledger_.explain(query("2022Q1"), "1.1"), ledger_.explain(query("2022Q1"), "1.1"));
  EXPECT_EQ(ledger_.values(), ledger_.values());
  // A new figure makes them differ, and says where.
  file("lead-a", "2022Q2", {number("1.1", 45)});
  const tz::Rollup b = rollup(query("2022Q2"));
  EXPECT_NE(a, b);
  EXPECT_NE(target(a, "1.1"), target(b, "1.1"));
  EXPECT_EQ(a.query.plan, b.query.plan);
  EXPECT_NE(ledger_.values(), tz::ValueTable{});
}
