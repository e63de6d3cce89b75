// Quickstart: open a ledger, import a plan, file and submit a report, print a roll-up.
//
//   quickstart LEDGER.db PLAN.json
//
// LEDGER.db is created when missing; the plan is imported unless the ledger holds it already.
// Exit status: 0 done, 1 when the ledger refuses something (the reason is printed to stderr),
// 2 on wrong usage.
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <taizhang/taizhang.hpp>

namespace tz = taizhang;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " LEDGER.db PLAN.json\n";
    return 2;
  }
  try {
    // 1. Open the ledger file (an SQLite file; created when missing).
    tz::Ledger ledger = tz::Ledger::open(argv[1]);

    // 2. An administrator imports the plan: the notice's initiatives, units and targets.
    const tz::Plan plan = tz::load_plan(argv[2]);
    bool imported = false;
    for (const tz::PlanSummary& p : ledger.plans()) imported = imported || p.code == plan.code;
    if (!imported) {
      // Here the coordinating office (区妇女儿童服务中心) also administers the ledger.
      const tz::Actor admin{plan.coordinator, tz::ActorRole::administrator, "管理员"};
      ledger.import_plan(admin, plan, "通知印发");
    }
    std::cout << "plan " << plan.code << ": " << plan.title << ", " << plan.initiatives.size()
              << " initiatives\n";

    // 3. The lead unit of initiative 1 files its first-quarter report: values for the targets,
    //    a narrative for the form. file() checks, saves and submits it in one step.
    const tz::Initiative& first = plan.initiatives.front();
    const std::string unit = first.lead_units().front();
    const tz::ReportKey key{plan.code, unit, plan.periods().front()};
    if (!ledger.report(key)) {  // unless an earlier run filed it
      tz::ReportContent content;
      content.progress.push_back({first.number, "一季度工作按计划推进（示例）", std::nullopt});
      for (const tz::Target& target : first.targets) {
        if (const auto goal = target.goal(); target.is_numeric() && goal) {
          // A quarter of the goal, in the target's own unit.
          tz::TargetValue value;
          value.target = target.code;
          value.value = tz::Decimal::divide(*goal, 4, 0);
          content.values.push_back(value);
        }
      }
      const tz::Actor clerk{unit, tz::ActorRole::reporter, "填报员"};
      const tz::Report report = ledger.file(clerk, key, content);
      std::cout << "filed " << key.to_string() << ": " << tz::to_string(report.status()) << '\n';
    }

    // 4. The roll-up as of that quarter: each initiative's completion against the expected share,
    //    and how many reports the coordinator still has to chase.
    tz::RollupQuery query;
    query.plan = plan.code;
    query.as_of = key.period;
    const tz::Rollup rollup = ledger.rollup(query);
    std::cout << std::fixed << std::setprecision(1);
    for (const tz::InitiativeRollup& i : rollup.initiatives) {
      std::cout << tz::chinese_ordinal(i.number) << "、" << plan.find_initiative(i.number)->title
                << "  " << 100 * i.completion << "% (expected " << 100 * i.expected << "%) "
                << tz::to_string(i.status) << '\n';
    }
    std::cout << "plan: " << 100 * rollup.plan.completion << "% done, "
              << tz::to_string(rollup.plan.status) << ", " << rollup.chasing.size()
              << " reports to chase as of " << rollup.query.as_of.to_string() << '\n';
  } catch (const tz::Error& e) {
    std::cerr << tz::to_string(e.code()) << ": " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
