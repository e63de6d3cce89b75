// The roll-up commands: status, explain, chase, form.
#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <taizhang/progress_form.hpp>
#include <taizhang/rollup_json.hpp>
#include <taizhang/status_report.hpp>
#include <taizhang/taizhang.hpp>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

tz::RollupQuery query_of(const Context& ctx, const tz::Ledger& ledger,
                         const po::variables_map& vm) {
  tz::RollupQuery q;
  q.plan = ctx.plan_code(ledger);
  const tz::Plan plan = ledger.plan(q.plan);
  if (vm.count("as-of") != 0) {
    q.as_of = period_option(vm, "as-of");
  } else {
    // The current period, kept inside the plan's window: a plan that has ended is shown as of its
    // last period, one not yet begun as of its first.
    q.as_of = tz::Period::containing(tz::local_date(tz::now_utc()), plan.reporting);
    if (const std::vector<tz::Period> periods = plan.periods(); !periods.empty()) {
      q.as_of = std::clamp(q.as_of, periods.front(), periods.back());
    }
  }
  if (const std::string t = text(vm, "as-recorded-at"); !t.empty()) {
    q.recorded_at = option_value("--as-recorded-at", t, tz::parse_timestamp);
  }
  q.accepted_only = vm.count("accepted-only") != 0;
  q.include_drafts = vm.count("include-drafts") != 0;
  q.today = date_option(vm, "today");
  return q;
}

void query_options(po::options_description& o) {
  o.add_options()("as-of", po::value<std::string>(),
                  "the period to roll up to (2021Q3); default: the current one, or the "
                  "plan's last when it has ended")(
      "today", po::value<std::string>(),
      "the day to judge due dates and deadlines on (default: the as-of period's last day)")(
      "as-recorded-at", po::value<std::string>(), "the ledger as it stood at this time (ISO 8601)")(
      "accepted-only", "count only reports the coordinator accepted")(
      "include-drafts",
      "a preview that also counts drafts (marked 含草稿); by default only what was handed in "
      "counts");
}

// The words of `explain`'s subject, as one ("initiative 3", given as one argument or two).
std::string subject_of(const po::variables_map& vm) {
  std::string subject;
  if (vm.count("subject") != 0) {
    for (const std::string& word : vm["subject"].as<std::vector<std::string>>()) {
      subject += (subject.empty() ? "" : " ") + word;
    }
  }
  if (subject.empty()) {
    throw Usage{
        "the subject is required: a target (1.1), \"initiative 3\", \"plan\" or \"unit CODE\""};
  }
  return subject;
}

// ---- status

void status_options(po::options_description& o, po::positional_options_description&) {
  query_options(o);
  o.add_options()("format", po::value<std::string>()->default_value("table"),
                  "table, json or html")("output,o", po::value<std::string>(),
                                         "the file (default: standard output)")(
      "width", po::value<std::size_t>()->default_value(100), "the table's width");
}

int run_status(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const tz::RollupQuery query = query_of(ctx, ledger, vm);
  const tz::Rollup rollup = ledger.rollup(query);
  const tz::Plan plan = ledger.plan(query.plan);
  const std::string format = text(vm, "format");
  if (format == "json") {
    write_output(text(vm, "output"), tz::rollup_to_json(rollup));
  } else if (format == "html") {
    write_output(text(vm, "output"),
                 tz::render_dashboard(plan, rollup, ledger.rollup_series(query), tz::now_utc()));
  } else if (format == "table") {
    const bool colour = text(vm, "output").empty() && isatty(STDOUT_FILENO) != 0;
    // The library's terminal table: its text is made safe, its colours kept.
    write_output(text(vm, "output"),
                 tz::render_status_table(plan, rollup, vm["width"].as<std::size_t>(), colour),
                 true);
  } else {
    throw Usage{"--format must be table, json or html, not \"" + format + "\""};
  }
  return kOk;
}

// ---- explain

int run_explain(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const tz::Explanation e = ledger.explain(query_of(ctx, ledger, vm), subject_of(vm));
  std::cout << e.subject << "\n";
  for (const std::string& step : e.steps) std::cout << "  " << step << "\n";
  for (const tz::ExplanationInput& in : e.inputs) {
    std::cout << "  input: " << in.report.to_string() << " revision " << in.revision << " ("
              << tz::format_local_time(in.recorded_at) << ", " << in.actor.unit << ")"
              << (in.target.empty() ? "" : " " + in.target + " = ")
              << (in.value ? in.value->to_string() : in.stage)
              << (in.counted ? "" : "  [not counted]") << "\n";
  }
  return kOk;
}

// ---- chase

int run_chase(const Context& ctx, const po::variables_map& vm) {
  if (const std::string f = text(vm, "format"); f != "table" && f != "csv") {
    throw Usage{"--format must be table or csv, not \"" + f + "\""};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  const tz::RollupQuery query = query_of(ctx, ledger, vm);
  const tz::Rollup rollup = ledger.rollup(query);
  const tz::Plan plan = ledger.plan(query.plan);
  const bool csv = text(vm, "format") == "csv";
  std::ostringstream csv_out;  // a machine format: exact into a file or a pipe
  if (csv) {
    csv_out << "\xEF\xBB\xBF"
            << "period,unit,unit_name,initiatives,compliance,due,days_overdue\r\n";
  }
  std::vector<std::vector<std::string>> rows;
  for (const tz::ChaseItem& c : rollup.chasing) {
    std::string numbers;
    std::string words;
    for (const int n : c.initiatives) {
      numbers += (numbers.empty() ? "" : ";") + std::to_string(n);
      words += (words.empty() ? "实事" : "、") + tz::chinese_ordinal(n);
    }
    if (csv) {
      csv_out << c.period.to_string() << ',' << csv_field(c.unit) << ','
              << csv_field(unit_name_of(plan, c.unit)) << ',' << numbers << ','
              << tz::to_string(c.compliance) << ',' << c.due.to_string() << ',' << c.days_overdue
              << "\r\n";
    } else {
      rows.push_back({c.period.to_string(), unit_name_of(plan, c.unit) + "（" + c.unit + "）",
                      std::string(tz::compliance_label(c.compliance)) + " " +
                          std::to_string(c.days_overdue) + " 天",
                      "应于 " + c.due.to_string(), words});
    }
  }
  if (csv) {
    print_exact(csv_out.str());
  } else if (rollup.chasing.empty()) {
    std::cout << "没有迟报、未报、漏报或退回未改的报告\n";
  } else {
    print_table(rows);
  }
  return kOk;
}

// ---- form

void form_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("unit", po::value<std::string>(),
                  "the unit; omit for the coordinator's consolidated form")(
      "period", po::value<std::string>(), "the period, e.g. 2021Q3")(
      "format", po::value<std::string>()->default_value("xlsx"), "xlsx, csv, md or html")(
      "output,o", po::value<std::string>(), "the file (required for xlsx)")(
      "include-drafts", "a preview with drafts, marked 含草稿 (never to send)");
}

int run_form(const Context& ctx, const po::variables_map& vm) {
  const tz::Ledger ledger = ctx.open(false, true);
  const std::string code = ctx.plan_code(ledger);
  const tz::Period period = period_option(vm, "period");
  const std::string unit = text(vm, "unit");
  tz::FormOptions form_options;
  form_options.include_drafts = vm.count("include-drafts") != 0;
  const tz::ProgressForm form =
      unit.empty() ? tz::consolidated_progress_form(ledger, code, period, form_options)
                   : tz::unit_progress_form(ledger, code, unit, period, form_options);
  const auto format = tz::form_format_from_string(text(vm, "format"));
  if (!format) throw Usage{"--format must be xlsx, csv, md or html"};
  const std::string output = text(vm, "output");
  if (output.empty() || output == "-") {
    if (*format == tz::FormFormat::xlsx) throw Usage{"an xlsx form needs --output FILE"};
    print_exact(tz::render_form(form, *format));
  } else {
    tz::write_form(form, *format, output);
    std::cout << "wrote " << output << "\n";
  }
  return kOk;
}

}  // namespace

void add_rollup_commands(std::vector<Command>& all) {
  all.push_back({"status", N_("the roll-up: progress, status and the chasing list"), status_options,
                 run_status});
  all.push_back({"explain", N_("where a figure of the roll-up came from"),
                 [](po::options_description& o, po::positional_options_description& p) {
                   query_options(o);
                   o.add_options()("subject", po::value<std::vector<std::string>>(),
                                   "a target (1.1), \"initiative 3\", \"plan\" or \"unit CODE\"");
                   p.add("subject", -1);
                 },
                 run_explain});
  all.push_back({"chase", N_("the chasing list (定期调度): reports late or missing"),
                 [](po::options_description& o, po::positional_options_description&) {
                   query_options(o);
                   o.add_options()("format", po::value<std::string>()->default_value("table"),
                                   "table or csv");
                 },
                 run_chase});
  all.push_back({"form", N_("the progress form (进展情况报表) of a unit, or consolidated"),
                 form_options, run_form});
}

}  // namespace cli
