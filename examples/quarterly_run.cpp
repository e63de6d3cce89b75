// The coordinator's quarterly run: accept or return the reports handed in, chase the missing, and
// write the forms and the dashboard.
//
//   quarterly_run LEDGER.db PERIOD OUTDIR [TODAY]
//
// For the ledger's plan and PERIOD (2021Q1): every submitted report that gives progress on each
// initiative its unit is assigned to is accepted; the others are returned with a reason naming
// what is missing. Then it prints the chasing list as of TODAY (2021-04-20; default: today in
// China Standard Time) and writes into OUTDIR (created when missing):
//   PERIOD-consolidated.xlsx / .html   the coordinator's consolidated form (汇总表)
//   units/PERIOD-UNIT.xlsx / .html     each responsible unit's form
//   dashboard.html                     the roll-up as of PERIOD, with burn-up charts
//
// Exit status: 0 done, 1 when the ledger refuses something or a file cannot be written (printed
// to stderr), 2 on wrong usage.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <taizhang/progress_form.hpp>
#include <taizhang/status_report.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

namespace tz = taizhang;
namespace fs = std::filesystem;

namespace {

// What a report leaves out: the initiatives of its unit it gives no progress on ("九、十").
std::string missing_progress(const tz::Plan& plan, const tz::Report& report) {
  std::string missing;
  for (const tz::Initiative& i : plan.initiatives) {
    if (i.find_assignment(report.key.unit) != nullptr &&
        report.content().find_progress(i.number) == nullptr) {
      missing += (missing.empty() ? "" : "、") + tz::chinese_ordinal(i.number);
    }
  }
  return missing;
}

void write_both(const tz::ProgressForm& form, const fs::path& stem) {
  tz::write_form(form, tz::FormFormat::xlsx, fs::path(stem).concat(".xlsx"));
  tz::write_form(form, tz::FormFormat::html, fs::path(stem).concat(".html"));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: " << argv[0] << " LEDGER.db PERIOD OUTDIR [TODAY]\n";
    return 2;
  }
  try {
    tz::LedgerOptions options;
    options.create_if_missing = false;
    tz::Ledger ledger = tz::Ledger::open(argv[1], options);
    const std::vector<tz::PlanSummary> plans = ledger.plans();
    if (plans.size() != 1) throw tz::NotFoundError("the ledger should hold exactly one plan");
    const tz::Plan plan = ledger.plan(plans.front().code);
    const tz::Period period = tz::Period::parse(argv[2]);
    const fs::path out = argv[3];
    const tz::Date today = argc == 5 ? tz::Date::parse(argv[4]) : tz::local_date(tz::now_utc());
    const tz::Actor office{plan.coordinator, tz::ActorRole::coordinator, "协调员"};

    // 1. Accept what is complete; return what is not, saying why. The unit edits and resubmits.
    tz::ReportFilter submitted;
    submitted.plan = plan.code;
    submitted.period = period;
    submitted.status = tz::ReportStatus::submitted;
    for (const tz::Report& report : ledger.reports(submitted)) {
      if (const std::string missing = missing_progress(plan, report); missing.empty()) {
        ledger.accept(office, report.key);
        std::cout << "accepted " << report.key.to_string() << '\n';
      } else {
        const std::string reason = "请补报实事" + missing + "的进展情况";
        ledger.return_report(office, report.key, reason);
        std::cout << "returned " << report.key.to_string() << ": " << reason << '\n';
      }
    }

    // 2. The chasing list (定期调度): whose report is late or missing as of today, one line per
    //    unit and period ("2021Q1  区财政局 (finance) missing 实事一、二, due 2021-04-10, ...").
    tz::RollupQuery query;
    query.plan = plan.code;
    query.as_of = period;
    query.today = today;
    const tz::Rollup rollup = ledger.rollup(query);
    std::cout << "chasing list as of " << today.to_string() << " (" << rollup.chasing.size()
              << " reports late, missing, incomplete or returned):\n";
    for (const tz::ChaseItem& c : rollup.chasing) {
      std::cout << "  " << c.period.to_string() << "  " << plan.find_unit(c.unit)->name << " ("
                << c.unit << ") " << tz::to_string(c.compliance);
      for (std::size_t k = 0; k < c.initiatives.size(); ++k) {
        std::cout << (k == 0 ? " 实事" : "、") << tz::chinese_ordinal(c.initiatives[k]);
      }
      std::cout << ", due " << c.due.to_string() << ", " << c.days_overdue << " days\n";
    }

    // 3. The forms: the consolidated one, then each responsible unit's.
    fs::create_directories(out / "units");
    const std::string p = period.to_string();
    write_both(tz::consolidated_progress_form(ledger, plan.code, period),
               out / (p + "-consolidated"));
    int unit_forms = 0;
    for (const tz::Unit& unit : plan.units) {
      const bool assigned = std::any_of(
          plan.initiatives.begin(), plan.initiatives.end(),
          [&](const tz::Initiative& i) { return i.find_assignment(unit.code) != nullptr; });
      if (!assigned) continue;  // the coordinating office itself
      write_both(tz::unit_progress_form(ledger, plan.code, unit.code, period),
                 out / "units" / (p + "-" + unit.code));
      ++unit_forms;
    }

    // 4. The dashboard: a self-contained HTML page with the roll-up and a burn-up chart per target.
    std::ofstream dashboard(out / "dashboard.html", std::ios::binary);
    dashboard << tz::render_dashboard(plan, rollup, ledger.rollup_series(query), tz::now_utc());
    if (!dashboard.flush()) {
      throw tz::IoError("cannot write the file",
                        tz::Location{(out / "dashboard.html").string(), 0, 0, ""});
    }

    std::cout << "wrote " << (out / (p + "-consolidated")).string() << ".xlsx and .html, "
              << unit_forms << " unit forms in " << (out / "units").string() << ", and "
              << (out / "dashboard.html").string() << '\n';
  } catch (const tz::Error& e) {
    std::cerr << tz::to_string(e.code()) << ": " << e.what() << '\n';
    return EXIT_FAILURE;
  } catch (const fs::filesystem_error& e) {
    std::cerr << "io: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
