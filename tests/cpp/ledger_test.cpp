// The ledger's main path: import the Linzi plan, file, submit, accept, return and correct reports,
// and read them back as they stand and as they stood.
#include "taizhang/ledger.hpp"

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/error.hpp"

namespace tz = taizhang;
using tz::Decimal;
using tz::test::admin;
using tz::test::coordinator;
using tz::test::linzi_key;
using tz::test::reporter;

namespace {

tz::ReportContent health_q1() {
  tz::ReportContent c;
  c.progress.push_back(
      {1, "完成第一季度“两癌”筛查4500人，救助确诊贫困妇女2人。", tz::Date::make(2021, 12, 31)});
  c.values.push_back(
      {"1.1", Decimal(4500), "", "", "按乡镇汇总", "https://example.org/q1", {}, {}, {}});
  c.values.push_back({"1.2", std::nullopt, "", "已启动", "", "", {}, {}, {}});
  return c;
}

TEST(Ledger, ImportsAPlanAndLoadsItBackEqual) {
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  EXPECT_EQ(ledger.plan("linzi-2021-women-children"), tz::test::linzi_plan());
  const std::vector<tz::PlanSummary> plans = ledger.plans();
  ASSERT_EQ(plans.size(), 1U);
  EXPECT_EQ(plans[0].title, "2021年为全区妇女儿童办实事");
  EXPECT_EQ(plans[0].versions, 1);
  EXPECT_EQ(ledger.units().size(), 16U);
  EXPECT_EQ(ledger.unit("health")->name, "区卫健局");
  EXPECT_THROW(ledger.import_plan(admin(), tz::test::linzi_plan()), tz::ConflictError);
  EXPECT_THROW((void)ledger.plan("nope"), tz::NotFoundError);
}

TEST(Ledger, FilesAReportThroughItsLifecycle) {
  tz::test::TestClock clock("2021-04-06T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::ReportKey key = linzi_key("health", "2021Q1");

  const tz::Report draft = ledger.save(reporter("health"), key, health_q1());
  EXPECT_EQ(draft.status(), tz::ReportStatus::draft);
  EXPECT_EQ(draft.current.number, 1);
  EXPECT_EQ(draft.content(), health_q1());
  EXPECT_FALSE(draft.first_submitted);

  clock.set("2021-04-08T10:00:00+08:00");
  const tz::Report submitted = ledger.submit(reporter("health"), key);
  EXPECT_EQ(submitted.status(), tz::ReportStatus::submitted);
  EXPECT_EQ(submitted.first_submitted, clock.now());

  clock.set("2021-04-09T10:00:00+08:00");
  const tz::Report returned = ledger.return_report(coordinator(), key, "请补充救助人数的佐证材料");
  EXPECT_EQ(returned.status(), tz::ReportStatus::returned);
  EXPECT_EQ(returned.current.reason, "请补充救助人数的佐证材料");

  clock.set("2021-04-10T10:00:00+08:00");
  tz::ReportContent fixed = health_q1();
  fixed.values[1].evidence = "https://example.org/rescue";
  ledger.save(reporter("health"), key, fixed);
  const tz::Report resubmitted = ledger.submit(reporter("health"), key);
  EXPECT_EQ(resubmitted.current.action, tz::ReportAction::resubmitted);
  EXPECT_EQ(resubmitted.first_submitted, tz::parse_timestamp("2021-04-08T10:00:00+08:00"));

  clock.set("2021-04-12T10:00:00+08:00");
  const tz::Report accepted = ledger.accept(coordinator(), key);
  EXPECT_EQ(accepted.status(), tz::ReportStatus::accepted);
  EXPECT_EQ(accepted.accepted_revision, 4);

  clock.set("2021-05-01T10:00:00+08:00");
  tz::ReportContent corrected = fixed;
  corrected.values[0].value = Decimal(4550);
  const tz::Report correction =
      ledger.correct(reporter("health"), key, corrected, "漏报一个乡镇的50人");
  EXPECT_EQ(correction.status(), tz::ReportStatus::submitted);
  EXPECT_EQ(correction.current.action, tz::ReportAction::corrected);
  EXPECT_EQ(correction.accepted_revision, 4) << "the accepted content stays until re-accepted";

  const std::vector<tz::Revision> history = ledger.history(key);
  ASSERT_EQ(history.size(), 7U);
  std::vector<tz::ReportAction> actions;
  for (const tz::Revision& r : history) actions.push_back(r.action);
  EXPECT_EQ(actions,
            (std::vector<tz::ReportAction>{
                tz::ReportAction::saved, tz::ReportAction::submitted, tz::ReportAction::returned,
                tz::ReportAction::saved, tz::ReportAction::resubmitted, tz::ReportAction::accepted,
                tz::ReportAction::corrected}));
}

TEST(Ledger, ConvertsValuesExactlyAndKeepsWhatWasFiled) {
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  tz::ReportContent c;
  c.values.push_back({"5.1", Decimal(30000), "万元", "", "", "", {}, {}, {}});
  const tz::Report r =
      ledger.save(reporter("law-enforcement"), linzi_key("law-enforcement", "2021Q1"), c);
  ASSERT_EQ(r.content().values.size(), 1U);
  EXPECT_EQ(r.content().values[0].value, Decimal(3));  // 3 亿元
  EXPECT_EQ(r.content().values[0].filed_value, Decimal(30000));
  EXPECT_EQ(r.content().values[0].filed_unit, "万元");
}

TEST(Ledger, VerifiesItsChains) {
  tz::test::TestClock clock;
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  ledger.file(reporter("health"), linzi_key("health", "2021Q1"), health_q1());
  const tz::VerifyResult result = ledger.verify();
  EXPECT_TRUE(result.ok) << result.first_mismatch;
  EXPECT_EQ(result.revisions_checked, 2);
  EXPECT_EQ(result.plan_versions_checked, 1);
  EXPECT_EQ(result.integrity, "ok");
}

}  // namespace
