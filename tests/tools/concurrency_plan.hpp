// What the concurrency and crash tests and their helper program (ledger_writer) share: a monthly
// plan with one initiative per unit, the content each unit files for each month, and the check
// that a stored report holds exactly that content.
#pragma once

#include <string>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/assignment.hpp"
#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/period.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"
#include "taizhang/target.hpp"
#include "taizhang/unit.hpp"

namespace taizhang::concurrency {

inline constexpr const char* kPlanCode = "concurrency-monthly";
inline constexpr const char* kCoordinator = "office";

inline std::string unit_code(int unit) {
  return "unit-" + std::to_string(unit);
}
inline std::string target_code(int unit) {
  return std::to_string(unit + 1) + ".1";
}

inline Actor administrator() {
  return Actor{kCoordinator, ActorRole::administrator, "管理员"};
}
inline Actor coordinator() {
  return Actor{kCoordinator, ActorRole::coordinator, "协调员"};
}
inline Actor reporter(int unit) {
  return Actor{unit_code(unit), ActorRole::reporter, "填报员" + std::to_string(unit)};
}

// A plan reported monthly over `years` years from January 2001, with `units` reporting units:
// unit i leads initiative i + 1, which has one count target "<i + 1>.1".
inline Plan monthly_plan(int units, int years = 20) {
  Plan plan;
  plan.code = kPlanCode;
  plan.title = "并发测试实事";
  plan.issuer = "测试区人民政府办公室";
  plan.year = 2001;
  plan.reporting = PeriodKind::month;
  plan.start = Date::make(2001, 1, 1);
  plan.end = Date::make(2001 + years - 1, 12, 31);
  plan.coordinator = kCoordinator;
  plan.contact = {"7220350", "office@example.org"};
  plan.units.push_back({kCoordinator, "区妇女儿童服务中心", UnitKind::coordinating_office, "", ""});
  for (int i = 0; i < units; ++i) {
    plan.units.push_back({unit_code(i), "测试局" + std::to_string(i), UnitKind::bureau, "", ""});
    Initiative initiative;
    initiative.number = i + 1;
    initiative.title = "实事" + std::to_string(i + 1);
    initiative.assignments = {{unit_code(i), AssignmentRole::lead, "", ""}};
    Target target;
    target.code = target_code(i);
    target.description = "服务人次";
    target.measure = Measure::count;
    target.unit = "名";
    target.value = Decimal(1'000'000);
    initiative.targets = {target};
    plan.initiatives.push_back(std::move(initiative));
  }
  return plan;
}

// The `index`-th month of the plan (0: 2001-01).
inline Period month(int index) {
  return Period::month(2001 + index / 12, index % 12 + 1);
}

// The months since 2001-01 of a monthly period.
inline int month_index(const Period& period) {
  return (period.year_number() - 2001) * 12 + period.index() - 1;
}

// What unit `unit` files for the `index`-th month: distinct for every unit and month.
inline ReportContent content(int unit, int index) {
  const Period period = month(index);
  const std::string tag = unit_code(unit) + "/" + period.to_string();
  ReportContent c;
  c.progress.push_back(
      {unit + 1, "第" + std::to_string(index) + "期进展：" + tag, period.last_day()});
  TargetValue value;
  value.target = target_code(unit);
  value.value = Decimal(1000 * unit + index % 997 + 1);
  value.comment = "说明 " + tag;
  value.evidence = "ref:" + tag;
  c.values.push_back(std::move(value));
  return c;
}

// Empty when `report` is unit `unit`'s report for month `index` of the plan, handed in with the
// content content(unit, index); otherwise what differs.
inline std::string check_report(const Report& report, int unit, int index) {
  std::string problems;
  const auto problem = [&](const std::string& what) {
    problems += (problems.empty() ? "" : "; ") + what;
  };
  if (report.key.plan != kPlanCode || report.key.unit != unit_code(unit) ||
      report.key.period != month(index)) {
    problem("it is report " + report.key.to_string());
  }
  if (report.status() != ReportStatus::submitted && report.status() != ReportStatus::accepted) {
    problem(std::string("its status is ") + to_string(report.status()));
  }
  if (!report.first_submitted) problem("it was never submitted");
  const ReportContent expected = content(unit, index);
  const ReportContent& got = report.content();
  if (got.progress != expected.progress) problem("its progress differs from what was filed");
  if (got.values.size() != 1) {
    problem("it holds " + std::to_string(got.values.size()) + " values, not 1");
  } else {
    const TargetValue& v = got.values.front();
    const TargetValue& e = expected.values.front();
    if (v.target != e.target || v.value != e.value || v.comment != e.comment ||
        v.evidence != e.evidence) {
      problem("its value differs from what was filed");
    }
  }
  return problems;
}

}  // namespace taizhang::concurrency
