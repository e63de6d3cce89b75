// Figures a county office can trust (issue 12): each silent trap a new office met, reproduced as
// it met it through the library, now showing the right figure or a clear warning or refusal.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/progress_form.hpp"
#include "taizhang/report_json.hpp"
#include "taizhang/validation.hpp"

namespace tz = taizhang;
using tz::Decimal;
using tz::test::TestClock;

namespace {

constexpr const char* kPlan = "county-2024";

// A county plan with a target counted in 万元 (2.4), one in 名, one in 所, a cumulative count and
// a level (a standard), like the notices county offices put to work.
tz::Plan county_plan() {
  tz::Plan p;
  p.code = kPlan;
  p.title = "2024年某县民生实事（示例）";
  p.year = 2024;
  p.start = tz::Date::parse("2024-01-01");
  p.end = tz::Date::parse("2024-12-31");
  p.coordinator = "office";
  p.units = {{"office", "县政府办公室", tz::UnitKind::coordinating_office, "", ""},
             {"health", "县卫健局", tz::UnitKind::bureau, "", ""},
             {"finance", "县财政局", tz::UnitKind::bureau, "", ""},
             {"tbd", "责任单位（待定）", tz::UnitKind::placeholder, "", ""}};
  tz::Initiative one;
  one.number = 1;
  one.title = "改善医疗条件（示例）";
  one.assignments = {{"health", tz::AssignmentRole::lead, "", ""},
                     {"finance", tz::AssignmentRole::co_responsible, "", ""}};
  const auto target = [](std::string code, tz::Measure measure, std::string unit, Decimal value,
                         tz::Accumulation accumulation = tz::Accumulation::incremental) {
    tz::Target t;
    t.code = std::move(code);
    t.description = "目标" + t.code + "（示例）";
    t.measure = measure;
    t.unit = std::move(unit);
    t.value = value;
    t.accumulation = accumulation;
    return t;
  };
  one.targets = {target("1.1", tz::Measure::count, "名", 18000),
                 target("1.2", tz::Measure::count, "所", 9),
                 target("1.3", tz::Measure::count, "户", 16000, tz::Accumulation::cumulative),
                 target("1.4", tz::Measure::money, "元", 1320, tz::Accumulation::level)};
  tz::Initiative two;
  two.number = 2;
  two.title = "加大投入（示例）";
  two.assignments = {{"finance", tz::AssignmentRole::lead, "", ""},
                     {"tbd", tz::AssignmentRole::co_responsible, "", ""}};
  two.targets = {target("2.4", tz::Measure::money, "万元", 3000)};
  p.initiatives = {one, two};
  return p;
}

class Figures : public ::testing::Test {
 protected:
  Figures() : ledger_(open()) {
    ledger_.import_plan(tz::test::admin_of("office"), county_plan(), "通知印发（示例）");
  }

  tz::Ledger open() {
    tz::LedgerOptions options;
    options.clock = clock_.function();
    tz::Ledger ledger = tz::Ledger::open(":memory:", options);
    ledger.begin_import(tz::test::admin_of("office"), "测试：历史数据导入");
    return ledger;
  }

  static tz::ReportKey key(const std::string& unit, const std::string& period) {
    return tz::ReportKey{kPlan, unit, tz::Period::parse(period)};
  }
  static tz::Actor reporter(const std::string& unit) {
    return tz::Actor{unit, tz::ActorRole::reporter, ""};
  }
  static tz::ReportContent written(const std::string& target, const std::string& text,
                                   const std::string& unit = "") {
    tz::ReportContent c;
    tz::TargetValue v;
    v.target = target;
    v.text = text;
    v.unit = unit;
    c.values.push_back(v);
    return c;
  }
  tz::RollupQuery query(const std::string& as_of) const {
    tz::RollupQuery q;
    q.plan = kPlan;
    q.as_of = tz::Period::parse(as_of);
    return q;
  }
  static tz::TargetRollup target(const tz::Rollup& r, const std::string& code) {
    return *r.find_target(code);
  }

  TestClock clock_{"2024-04-03T09:00:00+08:00"};
  tz::Ledger ledger_;
};

// ---- 1. magnitude words count the base unit ------------------------------------------------

TEST(ReadValue, AMagnitudeWordWithoutAUnitCountsTheBaseUnit) {
  // On a target in 万元: "1500万" = "1500万元" = 1500, and "0.15亿" = 1500, never 1500亿元.
  EXPECT_EQ(tz::read_value("1500万", "", "万元").value, Decimal(1500));
  EXPECT_EQ(tz::read_value("1500万元", "", "万元").value, Decimal(1500));
  EXPECT_EQ(tz::read_value("0.15亿", "", "万元").value, Decimal(1500));
  EXPECT_EQ(tz::read_value("一千五百万", "", "万元").value, Decimal(1500));
  // A bare number is in the target's own unit.
  EXPECT_EQ(tz::read_value("1500", "", "万元").value, Decimal(1500));
  // On a target in 亿元: 3000万 is 3000万元 = 0.3, what the clerk meant.
  EXPECT_EQ(tz::read_value("3000万", "", "亿元").value, Decimal::parse("0.3"));
  const tz::ValueReading r = tz::read_value("3000万", "", "亿元");
  EXPECT_EQ(r.as_written, (tz::Quantity{Decimal(30000000), "元"}));
  // Counted things: the measure word itself is the base. 1.6万 on 名 is 16000, on 户 too.
  EXPECT_EQ(tz::read_value("1.6万", "", "名").value, Decimal(16000));
  EXPECT_EQ(tz::read_value("1.6万", "", "户").value, Decimal(16000));
  EXPECT_EQ(tz::read_value("3千", "", "万元").value, Decimal::parse("0.3"));
  // A unit given apart: the value is in it.
  EXPECT_EQ(tz::read_value("3000", "万元", "亿元").value, Decimal::parse("0.3"));
  EXPECT_EQ(tz::read_value("1500万", "元", "万元").value, Decimal(1500));
}

TEST(ReadValue, AValueThatReadsTwoWaysIsRefusedNamingBoth) {
  // "1500万" with 万元 given apart: 1500万元, or 1500万 × 万元?
  try {
    (void)tz::read_value("1500万", "万元", "万元");
    FAIL() << "read one way";
  } catch (const tz::ParseError& e) {
    EXPECT_NE(e.message().find("15000000元"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("15000000万元"), std::string::npos) << e.message();
  }
  // "三千" in Chinese numerals on a target in 万元: 三千万元 or 三千元?
  try {
    (void)tz::read_value("三千", "", "万元");
    FAIL() << "read one way";
  } catch (const tz::ParseError& e) {
    EXPECT_NE(e.message().find("三千万元 (= 3000 万元)"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("三千元 (= 0.3 万元)"), std::string::npos) << e.message();
  }
  // On a target in 名 they mean the same: no ambiguity.
  EXPECT_EQ(tz::read_value("三千", "", "名").value, Decimal(3000));
  // A unit of its own that begins with a magnitude, with nothing smaller: 3万 of 万人次?
  tz::UnitRegistry units = tz::UnitRegistry::standard();
  units.add({"万人次", "万人次", Decimal(1)});
  EXPECT_THROW((void)tz::read_value("3万", "", "万人次", units), tz::ParseError);
  EXPECT_EQ(tz::read_value("3", "", "万人次", units).value, Decimal(3));
  // Units that do not convert.
  EXPECT_THROW((void)tz::read_value("5所", "", "名"), tz::UnitError);
}

TEST_F(Figures, MagnitudeWordsOnAMoneyTargetAreReadOnce) {
  // The county's clerk writes 1500万 for target 2.4 (counted in 万元).
  const tz::Report r =
      ledger_.file(reporter("finance"), key("finance", "2024Q1"), written("2.4", "1500万"));
  const tz::TargetValue* v = r.content().find_value("2.4");
  EXPECT_EQ(v->value, Decimal(1500));
  EXPECT_EQ(v->filed_value, Decimal(15000000));
  EXPECT_EQ(v->filed_unit, "元");
  EXPECT_TRUE(r.warnings.empty());
  const tz::TargetRollup& t = target(ledger_.rollup(query("2024Q1")), "2.4");
  EXPECT_EQ(t.actual, Decimal(1500));
  EXPECT_NEAR(*t.completion, 0.5, 1e-12);
}

TEST_F(Figures, AnAmbiguousValueIsRefusedAndNothingIsWritten) {
  try {
    ledger_.file(reporter("finance"), key("finance", "2024Q1"), written("2.4", "1500万", "万元"));
    FAIL() << "filed";
  } catch (const tz::ValidationError& e) {
    ASSERT_EQ(e.issues().size(), 1U);
    EXPECT_EQ(e.issues()[0].path, "values[0].value");
    EXPECT_NE(e.issues()[0].message.find("two ways"), std::string::npos);
  }
  EXPECT_FALSE(ledger_.report(key("finance", "2024Q1")).has_value());
}

// ---- no single value takes the roll-up down -------------------------------------------------

TEST_F(Figures, AValueTooLargeForOneTargetIsReportedOnThatTargetOnly) {
  // 1.1 is incremental: two quarters near the largest decimal overflow their sum.
  ledger_.file(reporter("health"), key("health", "2024Q1"), written("1.1", "9000000000000000000"));
  clock_.set("2024-07-03T09:00:00+08:00");
  const tz::Report q2 = ledger_.file(reporter("health"), key("health", "2024Q2"),
                                     written("1.1", "9000000000000000000"));
  EXPECT_FALSE(q2.warnings.empty());                     // absurd: more than 10 times the goal
  const tz::Rollup r = ledger_.rollup(query("2024Q2"));  // does not throw
  const tz::TargetRollup& t = target(r, "1.1");
  EXPECT_NE(t.problem.find("cannot be computed"), std::string::npos) << t.problem;
  EXPECT_EQ(t.status, tz::ProgressStatus::no_data);
  EXPECT_FALSE(t.actual.has_value());
  // Every other figure is there: the initiative counts 1.1 as r = 0.
  EXPECT_TRUE(target(r, "1.2").problem.empty());
  EXPECT_EQ(r.find_initiative(1)->measurable_targets, 4);
  // explain says so too.
  const tz::Explanation e = ledger_.explain(query("2024Q2"), "1.1");
  EXPECT_NE(e.steps.back().find("cannot be computed"), std::string::npos);
}

// ---- 2. absurd values are flagged, not refused -----------------------------------------------

TEST_F(Figures, AbsurdValuesAreFiledWithAWarning) {
  // 20005 所 against a goal of 9: more than 10 times the goal.
  const tz::Report r =
      ledger_.file(reporter("health"), key("health", "2024Q1"), written("1.2", "20005"));
  EXPECT_EQ(r.status(), tz::ReportStatus::submitted);  // filed: the office decides
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_EQ(r.warnings[0].severity, tz::Issue::Severity::warning);
  EXPECT_EQ(r.warnings[0].path, "values[0].value");
  EXPECT_NE(r.warnings[0].message.find("需核实"), std::string::npos);
  EXPECT_NE(r.warnings[0].message.find("20005所 is more than 10 times the goal 9所"),
            std::string::npos)
      << r.warnings[0].message;
  // The roll-up counts it and marks it; explain names it; reading the report back shows it.
  const tz::TargetRollup& t = target(ledger_.rollup(query("2024Q1")), "1.2");
  ASSERT_EQ(t.warnings.size(), 1U);
  EXPECT_NE(t.warnings[0].find("health 2024Q1"), std::string::npos);
  const tz::Explanation e = ledger_.explain(query("2024Q1"), "1.2");
  ASSERT_EQ(e.inputs.size(), 1U);
  EXPECT_FALSE(e.inputs[0].warning.empty());
  EXPECT_EQ(ledger_.report(key("health", "2024Q1"))->warnings.size(), 1U);
}

TEST_F(Figures, JumpsOfARunningTotalOrALevelAreFlagged) {
  ledger_.file(reporter("health"), key("health", "2024Q1"), written("1.3", "1000"));
  ledger_.file(reporter("health"), key("health", "2024Q2"), written("1.4", "1200"));
  clock_.set("2024-07-03T09:00:00+08:00");
  // The running total jumps from 1000 to 15000 (15×); the standard from 1200 to 1320 (fine).
  tz::ReportContent c = written("1.3", "15000");
  const tz::Report r = ledger_.file(reporter("health"), key("health", "2024Q3"), c);
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_NE(r.warnings[0].message.find("more than 10 times 1000户"), std::string::npos)
      << r.warnings[0].message;
  // A level that falls below a tenth: 1200 → 100.
  clock_.set("2024-10-03T09:00:00+08:00");
  const tz::Report level =
      ledger_.file(reporter("health"), key("health", "2024Q4"), written("1.4", "100"));
  ASSERT_EQ(level.warnings.size(), 1U);
  EXPECT_NE(level.warnings[0].message.find("less than 1/10"), std::string::npos);
  // The thresholds are the plan's.
  tz::Plan plan = ledger_.plan(kPlan);
  plan.reporting_rules.jump = Decimal(20);
  ledger_.update_plan(tz::test::admin_of("office"), plan, "放宽核实阈值（示例）");
  EXPECT_TRUE(ledger_.report(key("health", "2024Q3"))->warnings.empty());
}

// ---- 3. drafts never count by default ----------------------------------------------------------

TEST_F(Figures, ADraftMovesNoFigureAndNoForm) {
  ledger_.file(reporter("health"), key("health", "2024Q1"), written("1.1", "4500"));
  tz::ReportContent draft = written("1.1", "12000");
  draft.progress.push_back({1, "草稿中的进展（示例）", std::nullopt});
  clock_.set("2024-07-05T09:00:00+08:00");
  ledger_.save(reporter("health"), key("health", "2024Q2"), draft);
  tz::RollupQuery q = query("2024Q2");
  EXPECT_EQ(target(ledger_.rollup(q), "1.1").actual, Decimal(4500));
  const tz::ProgressForm form =
      tz::consolidated_progress_form(ledger_, kPlan, tz::Period::parse("2024Q2"));
  EXPECT_FALSE(form.rows[0].entries[0].reported);
  q.include_drafts = true;
  EXPECT_EQ(target(ledger_.rollup(q), "1.1").actual, Decimal(16500));
}

// ---- 4. a correction changes only what it names ------------------------------------------------

TEST_F(Figures, AMergeKeepsTheRestAndAReplacementWarnsWhatItRemoves) {
  tz::ReportContent full = written("1.1", "4500");
  tz::TargetValue schools;
  schools.target = "1.2";
  schools.value = Decimal(3);
  full.values.push_back(schools);
  full.progress.push_back({1, "一季度进展（示例）", std::nullopt});
  const tz::ReportKey k = key("health", "2024Q1");
  ledger_.file(reporter("health"), k, full);
  ledger_.accept(tz::Actor{"office", tz::ActorRole::coordinator, ""}, k);
  // report correct --value 1.2=4: only 1.2 changes.
  tz::ReportContent patch;
  tz::TargetValue four;
  four.target = "1.2";
  four.value = Decimal(4);
  patch.values.push_back(four);
  const tz::Report merged =
      ledger_.correct(reporter("health"), k, patch, "录入错误（示例）", tz::ContentMode::merge);
  EXPECT_EQ(merged.content().find_value("1.1")->value, Decimal(4500));
  EXPECT_EQ(merged.content().find_value("1.2")->value, Decimal(4));
  EXPECT_EQ(merged.content().find_progress(1)->narrative, "一季度进展（示例）");
  EXPECT_TRUE(merged.warnings.empty());
  ledger_.accept(tz::Actor{"office", tz::ActorRole::coordinator, ""}, k);
  // The same content given as a whole replacement removes 1.1 and the narrative: it says so.
  const tz::Report replaced = ledger_.correct(reporter("health"), k, patch, "整表替换（示例）");
  EXPECT_EQ(replaced.content().values.size(), 1U);
  std::vector<std::string> paths;
  for (const tz::Issue& w : replaced.warnings) paths.push_back(w.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"values[0]", "progress[0].narrative"}));
  EXPECT_NE(replaced.warnings[0].message.find("target 1.1 (4500)"), std::string::npos);
}

TEST(MergeContent, NamesOnlyWhatItChanges) {
  tz::ReportContent base;
  base.values.push_back({"1.1", Decimal(4500), "", "", "按乡镇汇总", "http://e/1", {}, {}, {}});
  base.progress.push_back({1, "进展", tz::Date::parse("2024-12-31")});
  tz::ReportContent patch;
  tz::TargetValue comment;
  comment.target = "1.1";
  comment.comment = "已核实";
  patch.values.push_back(comment);
  patch.progress.push_back({2, "新增", std::nullopt});
  const tz::ReportContent out = tz::merge_content(base, patch);
  EXPECT_EQ(out.values[0].value, Decimal(4500));
  EXPECT_EQ(out.values[0].comment, "已核实");
  EXPECT_EQ(out.values[0].evidence, "http://e/1");
  EXPECT_EQ(out.progress.size(), 2U);
  EXPECT_EQ(out.progress[0].expected_completion, tz::Date::parse("2024-12-31"));
  EXPECT_TRUE(tz::removed_by(base, out).empty());
  // 1.1's value and evidence, initiative 1's narrative and 完成时限.
  EXPECT_EQ(tz::removed_by(out, patch).size(), 4U);
}

// ---- 5. who must report; placeholders are never chased -----------------------------------------

TEST_F(Figures, APlaceholderUnitIsNeverChasedAndTheOmittedInitiativeIsNamed) {
  // finance leads initiative 2 and co-responsible on 1; it reports on 2 only.
  ledger_.file(reporter("finance"), key("finance", "2024Q1"), written("2.4", "500"));
  ledger_.file(reporter("health"), key("health", "2024Q1"), written("1.1", "4500"));
  tz::RollupQuery q = query("2024Q1");
  q.today = tz::Date::parse("2024-04-20");
  const tz::Rollup r = ledger_.rollup(q);
  ASSERT_EQ(r.chasing.size(), 1U);
  EXPECT_EQ(r.chasing[0].unit, "finance");
  EXPECT_EQ(r.chasing[0].compliance, tz::Compliance::omitted);
  EXPECT_EQ(r.chasing[0].initiatives, std::vector<int>{1});
  EXPECT_EQ(r.chasing[0].days_overdue, 10);
  for (const tz::ComplianceCell& c : r.compliance) EXPECT_NE(c.unit, "tbd");
  EXPECT_EQ(r.find_unit("tbd")->reports_due, 0);
  // And validation says the placeholder is there to be replaced.
  bool warned = false;
  for (const tz::Issue& i : tz::validate(county_plan())) {
    warned = warned || (i.severity == tz::Issue::Severity::warning &&
                        i.message.find("placeholder") != std::string::npos);
  }
  EXPECT_TRUE(warned);
}

// ---- 7. one truth about a report ------------------------------------------------------------

TEST_F(Figures, AcceptedRevisionIsTheContentAcceptedEverywhere) {
  const tz::ReportKey k = key("health", "2024Q1");
  ledger_.file(reporter("health"), k, written("1.1", "4500"));  // 1 saved, 2 submitted
  const tz::Report accepted =
      ledger_.accept(tz::Actor{"office", tz::ActorRole::coordinator, ""}, k);  // 3
  EXPECT_EQ(accepted.accepted_revision, 1);  // the content of revision 1 was accepted
  EXPECT_EQ(accepted.counted_revision, 1);
  const std::string json = tz::report_history_to_json(k, ledger_.history(k));
  EXPECT_NE(json.find("\"accepted_revision\": 1"), std::string::npos) << json;
  EXPECT_NE(json.find("\"counted_revision\": 1"), std::string::npos) << json;
}

// ---- 8. only a unit the ledger knows may act ---------------------------------------------------

TEST_F(Figures, AnActorWhoseUnitIsNotInTheCatalogueIsRefused) {
  const tz::Actor stranger{"nobody-at-all", tz::ActorRole::administrator, ""};
  tz::Unit renamed = *ledger_.unit("office");
  renamed.name = "改名（示例）";
  EXPECT_THROW(ledger_.put_unit(stranger, renamed), tz::PermissionDenied);
  EXPECT_EQ(ledger_.unit("office")->name, "县政府办公室");
  tz::Plan plan = ledger_.plan(kPlan);
  plan.title = "改（示例）";
  EXPECT_THROW(ledger_.update_plan(stranger, plan, "（示例）"), tz::PermissionDenied);
  EXPECT_EQ(ledger_.plan(kPlan).title, county_plan().title);
}

}  // namespace
