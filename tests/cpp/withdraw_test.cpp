// Ledger::withdraw (issue 15): a clerk takes a submitted report back before the office acts on it.
// The report is a draft again, as if it had not been handed in: it counts in no default view, the
// chasing list asks for it again, and a later hand-in is judged on its own time.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/rollup.hpp"

namespace tz = taizhang;
using tz::test::coordinator;
using tz::test::linzi_key;
using tz::test::reporter;

namespace {

tz::ReportContent screened(const char* value) {
  tz::ReportContent c;
  tz::TargetValue v;
  v.target = "1.1";
  v.value = tz::Decimal::parse(value);
  c.values.push_back(v);
  // Progress on every initiative the unit reports on: nothing omitted.
  for (const int n : tz::test::linzi_plan().reported_initiatives("health")) {
    c.progress.push_back(tz::InitiativeProgress{n, "一季度推进（示例）", std::nullopt});
  }
  return c;
}

const tz::ComplianceCell& cell_of(const tz::Rollup& r, const std::string& unit) {
  const auto it = std::find_if(r.compliance.begin(), r.compliance.end(),
                               [&](const tz::ComplianceCell& c) { return c.unit == unit; });
  EXPECT_NE(it, r.compliance.end());
  return *it;
}

tz::Rollup q1(const tz::Ledger& ledger, const char* today) {
  tz::RollupQuery q;
  q.plan = linzi_key("health", "2021Q1").plan;
  q.as_of = tz::Period::parse("2021Q1");
  q.today = tz::Date::parse(today);
  return ledger.rollup(q);
}

TEST(Withdraw, ASubmittedReportTakenBackCountsNowhereUntilHandedInAgain) {
  tz::test::TestClock clock("2021-04-05T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger.file(reporter("health"), key, screened("4500"));
  EXPECT_EQ(q1(ledger, "2021-04-20").find_target("1.1")->actual, tz::Decimal(4500));

  clock.set("2021-04-06T09:00:00+08:00");
  const tz::Report taken = ledger.withdraw(reporter("health"), key, "数字有误，撤回修改");
  EXPECT_EQ(taken.status(), tz::ReportStatus::draft);
  EXPECT_EQ(taken.current.action, tz::ReportAction::withdrawn);
  EXPECT_EQ(taken.current.reason, "数字有误，撤回修改");
  const tz::Rollup after = q1(ledger, "2021-04-20");
  EXPECT_FALSE(after.find_target("1.1")->actual.has_value());  // counts nowhere now
  EXPECT_EQ(cell_of(after, "health").compliance, tz::Compliance::missing);

  // Corrected and handed in after the due day (10 April): late, on its own time.
  clock.set("2021-04-12T09:00:00+08:00");
  ledger.save(reporter("health"), key, screened("4600"));
  const tz::Report again = ledger.submit(reporter("health"), key);
  EXPECT_EQ(again.current.action, tz::ReportAction::resubmitted);
  const tz::Rollup late = q1(ledger, "2021-04-20");
  EXPECT_EQ(late.find_target("1.1")->actual, tz::Decimal(4600));
  EXPECT_EQ(cell_of(late, "health").compliance, tz::Compliance::late);
  EXPECT_EQ(cell_of(late, "health").submitted, tz::parse_timestamp("2021-04-12T09:00:00+08:00"));

  ledger.accept(coordinator(), key);
  EXPECT_TRUE(ledger.verify().ok) << ledger.verify().first_mismatch;
}

TEST(Withdraw, OnlyTheUnitAndOnlyBeforeTheOfficeActs) {
  tz::test::TestClock clock("2021-04-05T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock);
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger.save(reporter("health"), key, screened("4500"));
  EXPECT_THROW(ledger.withdraw(reporter("health"), key), tz::ConflictError);  // a draft
  ledger.submit(reporter("health"), key);
  EXPECT_THROW(ledger.withdraw(coordinator(), key), tz::PermissionDenied);
  EXPECT_THROW(ledger.withdraw(reporter("finance"), key), tz::PermissionDenied);
  ledger.accept(coordinator(), key);
  try {
    ledger.withdraw(reporter("health"), key);
    ADD_FAILURE() << "an accepted report was withdrawn";
  } catch (const tz::ConflictError& e) {
    EXPECT_NE(std::string(e.what()).find("only a submitted report can be withdrawn"),
              std::string::npos);
  }
  // A correction awaiting acceptance is corrected again, not withdrawn.
  ledger.correct(reporter("health"), key, screened("4700"), "录入错误");
  EXPECT_THROW(ledger.withdraw(reporter("health"), key), tz::ConflictError);
  EXPECT_EQ(ledger.report(key)->status(), tz::ReportStatus::submitted);
  EXPECT_TRUE(ledger.verify().ok);
}

}  // namespace
