// The report commands: file, save, submit, accept, return, correct, show, list, history.
#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <taizhang/limits.hpp>
#include <taizhang/report_json.hpp>
#include <taizhang/taizhang.hpp>
#include <utility>
#include <vector>

#include "commands.hpp"

namespace cli {
namespace {

// ---- The content of a report, from the command line

// "1.1=4500" → {"1.1", "4500"}.
std::pair<std::string, std::string> assignment(const std::string& item, const char* option) {
  const std::size_t eq = item.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw Usage{
        tr("--{option} takes KEY=VALUE, not \"{value}\"", {{"option", option}, {"value", item}})};
  }
  return {item.substr(0, eq), item.substr(eq + 1)};
}

// --value, --stage, --comment and --evidence: the target values of `content`.
void target_values_of(const po::variables_map& vm, tz::ReportContent& content) {
  const auto value_for = [&](const std::string& target) -> tz::TargetValue& {
    for (tz::TargetValue& v : content.values) {
      if (v.target == target) return v;
    }
    content.values.push_back(tz::TargetValue{});
    content.values.back().target = target;
    return content.values.back();
  };
  for (const std::string& item : many(vm, "value")) {
    auto [target, text_value] = assignment(item, "value");
    // Read against the target's unit when filed (read_value): 2.4=1500万 on 万元 is 1500.
    tz::TargetValue& v = value_for(target);
    v.value.reset();
    v.text = text_value;
    v.unit.clear();
  }
  for (const std::string& item : many(vm, "stage")) {
    auto [target, stage] = assignment(item, "stage");
    value_for(target).stage = stage;
  }
  for (const std::string& item : many(vm, "comment")) {
    auto [target, comment] = assignment(item, "comment");
    value_for(target).comment = comment;
  }
  for (const std::string& item : many(vm, "evidence")) {
    auto [target, evidence] = assignment(item, "evidence");
    value_for(target).evidence = evidence;
  }
}

// --progress and --completion: the initiatives' progress of `content`.
void progress_of(const po::variables_map& vm, tz::ReportContent& content) {
  const auto progress_for = [&](const std::string& number) -> tz::InitiativeProgress& {
    const tz::Decimal n = option_value("--progress/--completion", number,
                                       [](const std::string& t) { return tz::parse_number(t); });
    if (!n.is_integer() || n.sign() <= 0)
      throw Usage{tr("\"{value}\" is not an initiative's number", {{"value", number}})};
    const int initiative = static_cast<int>(n.to_integer());
    for (tz::InitiativeProgress& p : content.progress) {
      if (p.initiative == initiative) return p;
    }
    content.progress.push_back(tz::InitiativeProgress{initiative, "", std::nullopt});
    return content.progress.back();
  };
  for (const std::string& item : many(vm, "progress")) {
    auto [number, narrative] = assignment(item, "progress");
    progress_for(number).narrative = narrative;
  }
  for (const std::string& item : many(vm, "completion")) {
    auto [number, date] = assignment(item, "completion");
    progress_for(number).expected_completion = option_value(
        "--completion", item, [&](const std::string&) { return tz::Date::parse(date); });
  }
}

// The report content of a command line: --from FILE.json (or - for standard input), and/or
// --value T=V, --stage T=S, --comment T=C, --evidence T=E, --progress N=TEXT, --completion N=DATE.
tz::ReportContent content_of(const po::variables_map& vm) {
  tz::ReportContent content;
  if (const std::string from = text(vm, "from"); !from.empty()) {
    content = tz::report_content_from_json(
        read_input(from, tz::limits::report_json_bytes, "report content JSON"),
        from == "-" ? "<stdin>" : from);
  }
  target_values_of(vm, content);
  progress_of(vm, content);
  return content;
}

// How the command's content meets the report's: --from gives a whole content (it replaces), the
// per-value options alone change only what they name (merge); --replace and --merge say so.
tz::ContentMode mode_of(const po::variables_map& vm) {
  if (vm.count("replace") != 0 && vm.count("merge") != 0) {
    throw Usage{tr("--replace and --merge cannot both be given")};
  }
  if (vm.count("merge") != 0) return tz::ContentMode::merge;
  return vm.count("replace") != 0 || !text(vm, "from").empty() ? tz::ContentMode::replace
                                                               : tz::ContentMode::merge;
}

void content_options(po::options_description& o) {
  o.add_options()("from", po::value<std::string>(),
                  "the whole content as JSON (docs/cli.md); - for standard input. It replaces the "
                  "report's content; the options below adjust it")(
      "replace",
      "the content given is the report's whole content (default without --from: it changes "
      "only what it names and keeps the rest)")(
      "merge", "lay the content given (also --from) over the report's: change only what it names")(
      "value", po::value<std::vector<std::string>>(),
      "TARGET=VALUE, e.g. 1.1=4500 or 5.1=3000万元")(
      "stage", po::value<std::vector<std::string>>(),
      "TARGET=STAGE for a milestone, e.g. 1.2=推进中")(
      "comment", po::value<std::vector<std::string>>(), "TARGET=TEXT")(
      "evidence", po::value<std::vector<std::string>>(), "TARGET=LINK")(
      "progress", po::value<std::vector<std::string>>(),
      "N=TEXT: 本季度具体措施及任务进度情况 of initiative N")(
      "completion", po::value<std::vector<std::string>>(), "N=DATE: 完成时限 of initiative N");
}

tz::ReportKey key_of(const Context& ctx, const tz::Ledger& ledger, const po::variables_map& vm,
                     bool unit_from_actor) {
  std::string unit = text(vm, "unit");
  if (unit.empty() && unit_from_actor) {
    // A reader names the unit with --as; a writer in a ledger with identities reports for the unit
    // its key is granted.
    unit = !ctx.unit.empty() || !ledger.has_identities() || ctx.key_path.empty()
               ? ctx.unit
               : ctx.reporting_unit(ledger);
  }
  if (unit.empty()) throw Usage{tr("--unit is required")};
  return tz::ReportKey{ctx.plan_code(ledger), unit, period_option(vm, "period")};
}

void print_report(const tz::Report& r) {
  std::cout << tr("{report}: {status} (revision {revision}, {time})",
                  {{"report", r.key.to_string()},
                   {"status", tz::Message(tz::to_string(r.status())).text()},
                   {"revision", std::to_string(r.current.number)},
                   {"time", tz::format_local_time(r.current.recorded_at)}})
            << "\n";
  // Warnings never stop a filing; the clerk and the office must see them.
  for (const tz::Issue& w : r.warnings) {
    std::cerr << "taizhang: "
              << tr("warning: {path}: {message}", {{"path", w.path}, {"message", w.message}})
              << "\n";
  }
}

// What a revision did: its name in English (as scripts read it), the office's word in Chinese.
std::string action_word(tz::ReportAction action) {
  if (tz::language() == tz::Language::english) return tz::to_string(action);
  switch (action) {
    case tz::ReportAction::saved: return tr("action: saved");
    case tz::ReportAction::submitted: return tr("action: submitted");
    case tz::ReportAction::resubmitted: return tr("action: resubmitted");
    case tz::ReportAction::accepted: return tr("action: accepted");
    case tz::ReportAction::returned: return tr("action: returned");
    case tz::ReportAction::corrected: return tr("action: corrected");
    case tz::ReportAction::withdrawn: return tr("action: withdrawn");
  }
  return tz::to_string(action);
}

// A report's status as the office says it.
const char* status_word(tz::ReportStatus status) {
  switch (status) {
    case tz::ReportStatus::draft: return "草稿";
    case tz::ReportStatus::submitted: return "待审核";
    case tz::ReportStatus::accepted: return "已审核";
    case tz::ReportStatus::returned: return "已退回";
  }
  return "";
}

// --status: draft, submitted, accepted, returned, or the office's words for them.
tz::ReportStatus status_option(const std::string& text) {
  if (const auto parsed = tz::report_status_from_string(text)) return *parsed;
  for (const tz::ReportStatus s : {tz::ReportStatus::draft, tz::ReportStatus::submitted,
                                   tz::ReportStatus::accepted, tz::ReportStatus::returned}) {
    if (text == status_word(s)) return s;
  }
  throw Usage{
      tr("--status must be submitted (待审核), returned (已退回), draft (草稿) or "
         "accepted (已审核), not \"{value}\"",
         {{"value", text}})};
}

// ---- report list

// Days since a report was last recorded, as of `today`.
std::string days_of(const tz::Report& r, const tz::Date& today) {
  return std::to_string(today.days_since(tz::local_date(r.current.recorded_at)));
}

std::string first_submitted_of(const tz::Report& r) {
  return r.first_submitted ? tz::local_date(*r.first_submitted).to_string() : std::string("—");
}

// Machine formats: exact into a file or a pipe.
void list_reports_json(const tz::Plan& plan, const std::vector<tz::Report>& reports,
                       const tz::Date& today) {
  std::ostringstream out;
  out << "[";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const tz::Report& r = reports[i];
    out << (i > 0 ? ",\n " : "\n ") << "{\"period\": " << tz::json_text(r.key.period.to_string())
        << ", \"unit\": " << tz::json_text(r.key.unit)
        << ", \"unit_name\": " << tz::json_text(unit_name_of(plan, r.key.unit))
        << ", \"status\": " << tz::json_text(tz::to_string(r.status()))
        << ", \"revision\": " << r.current.number
        << ", \"recorded_at\": " << tz::json_text(tz::format_timestamp(r.current.recorded_at))
        << ", \"first_submitted\": "
        << (r.first_submitted ? tz::json_text(tz::format_timestamp(*r.first_submitted))
                              : std::string("null"))
        << ", \"days\": " << days_of(r, today) << ", \"warnings\": [";
    for (std::size_t k = 0; k < r.warnings.size(); ++k) {
      out << (k > 0 ? ", " : "") << tz::json_text(r.warnings[k].message);
    }
    out << "]}";
  }
  out << (reports.empty() ? "]\n" : "\n]\n");
  print_exact(out.str());
}

void list_reports_csv(const tz::Plan& plan, const std::vector<tz::Report>& reports,
                      const tz::Date& today) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF"
      << "period,unit,unit_name,status,revision,first_submitted,days,warnings\r\n";
  for (const tz::Report& r : reports) {
    std::string warnings;
    for (const tz::Issue& w : r.warnings) warnings += (warnings.empty() ? "" : "; ") + w.message;
    out << r.key.period.to_string() << ',' << csv_field(r.key.unit) << ','
        << csv_field(unit_name_of(plan, r.key.unit)) << ',' << tz::to_string(r.status()) << ','
        << r.current.number << ',' << first_submitted_of(r) << ',' << days_of(r, today) << ','
        << csv_field(warnings) << "\r\n";
  }
  print_exact(out.str());
}

void list_reports_table(const tz::Plan& plan, const std::vector<tz::Report>& reports,
                        const tz::Date& today) {
  if (reports.empty()) {
    std::cout << "没有符合条件的报告\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"报告期", "单位", "状态", "修订", "首次报送", "距今天数", "需核实"}};
  for (const tz::Report& r : reports) {
    rows.push_back(
        {r.key.period.to_string(), unit_name_of(plan, r.key.unit), status_word(r.status()),
         std::to_string(r.current.number), first_submitted_of(r), days_of(r, today),
         r.warnings.empty() ? "" : "需核实 " + std::to_string(r.warnings.size()) + " 项"});
  }
  print_table(rows);
  for (const tz::Report& r : reports) {
    for (const tz::Issue& w : r.warnings) {
      std::cout << "  需核实 " << r.key.period.to_string() << " " << unit_name_of(plan, r.key.unit)
                << "：" << w.message << "\n";
    }
  }
}

// `report list`: submitted reports (待审核) first, then returned, drafts and accepted ones; within
// each, by period and unit.
void list_reports(const tz::Plan& plan, std::vector<tz::Report> reports, const tz::Date& today,
                  const std::string& format) {
  const auto rank = [](tz::ReportStatus s) {
    switch (s) {
      case tz::ReportStatus::submitted: return 0;
      case tz::ReportStatus::returned: return 1;
      case tz::ReportStatus::draft: return 2;
      case tz::ReportStatus::accepted: return 3;
    }
    return 4;
  };
  std::stable_sort(reports.begin(), reports.end(), [&](const tz::Report& a, const tz::Report& b) {
    return rank(a.status()) < rank(b.status());
  });
  if (format == "json") {
    list_reports_json(plan, reports, today);
  } else if (format == "csv") {
    list_reports_csv(plan, reports, today);
  } else {
    list_reports_table(plan, reports, today);
  }
}

// ---- report show

// The values and the progress of `c`, as tables and lines.
void print_content(const tz::Plan& plan, const tz::ReportContent& c) {
  if (!c.values.empty()) {
    std::vector<std::vector<std::string>> rows = {{"目标", "数值", "填报", "备注", "佐证"}};
    for (const tz::TargetValue& v : c.values) {
      const tz::Target* t = plan.find_target(v.target);
      const std::string unit = t != nullptr ? t->unit : "";
      rows.push_back({v.target, v.value ? tz::Quantity{*v.value, unit}.to_string() : v.stage,
                      v.filed_value ? tz::Quantity{*v.filed_value, v.filed_unit}.to_string() : "",
                      v.comment, v.evidence});
    }
    std::cout << "\n";
    print_table(rows);
  }
  if (!c.progress.empty()) {
    std::cout << "\n";
    for (const tz::InitiativeProgress& p : c.progress) {
      std::cout << "实事" << tz::chinese_ordinal(p.initiative) << "："
                << (p.narrative.empty() ? "（无进展情况）" : p.narrative)
                << (p.expected_completion
                        ? "（完成时限 " + p.expected_completion->to_string() + "）"
                        : std::string())
                << "\n";
    }
  }
  if (c.values.empty() && c.progress.empty()) std::cout << "（无内容）\n";
}

// `report show`: the content as it stands (or as of a revision), and what the office counts.
void show_report(const tz::Ledger& ledger, const tz::ReportKey& key, std::optional<int> revision,
                 bool json) {
  const std::optional<tz::Report> report = ledger.report(key);
  if (!report) throw tz::NotFoundError("nothing has been filed for " + key.to_string());
  const std::vector<tz::Revision> history = ledger.history(key);
  const tz::Revision* shown = &history.back();
  if (revision) {
    if (*revision < 1 || *revision > static_cast<int>(history.size())) {
      throw tz::NotFoundError("report " + key.to_string() + " has revisions 1 to " +
                              std::to_string(history.size()) + ", not " +
                              std::to_string(*revision));
    }
    shown = &history[static_cast<std::size_t>(*revision - 1)];
  }
  if (json) {
    print_exact(tz::report_content_to_json(shown->content));
    return;
  }
  const tz::Plan plan = ledger.plan(key.plan);
  std::cout << key.to_string() << "  " << unit_name_of(plan, key.unit) << "\n"
            << "修订 " << shown->number << "（" << tz::format_local_time(shown->recorded_at) << "，"
            << tz::to_string(shown->action) << "）  状态：" << status_word(shown->status) << "\n";
  if (!revision) {
    std::cout << "计入汇总的内容："
              << (report->counted_revision == 0
                      ? std::string("无（草稿或退回的报告不计入）")
                      : "修订 " + std::to_string(report->counted_revision))
              << "\n";
  }
  print_content(plan, shown->content);
  if (!revision) {
    for (const tz::Issue& w : report->warnings) std::cout << "需核实：" << w.message << "\n";
  }
}

// ---- The commands

// The report commands that write: what they act on, and how.
using Act =
    std::function<tz::Report(tz::Ledger&, const tz::Actor&, const tz::ReportKey&,
                             const tz::ReportContent&, const std::string&, tz::ContentMode)>;

Command content_command(const char* name, const char* summary, bool with_content, bool with_reason,
                        bool unit_from_actor, Act act) {
  return Command{
      name, summary,
      [with_content, with_reason, unit_from_actor](po::options_description& o,
                                                   po::positional_options_description&) {
        o.add_options()(
            "unit", po::value<std::string>(),
            unit_from_actor ? "the report's unit (default: --as)" : "the report's unit (required)")(
            "period", po::value<std::string>(), "the report's period, e.g. 2021Q3");
        if (with_reason)
          o.add_options()("reason", po::value<std::string>(), "the reason (required)");
        if (with_content) content_options(o);
      },
      [with_content, with_reason, unit_from_actor, act](const Context& ctx,
                                                        const po::variables_map& vm) {
        const tz::ReportContent content = with_content ? content_of(vm) : tz::ReportContent{};
        const std::string reason = with_reason ? required(vm, "reason") : std::string();
        tz::Ledger ledger = ctx.open();
        const tz::Actor actor = ctx.actor(ledger);  // before the key: the unit defaults to --as
        const tz::ReportKey key = key_of(ctx, ledger, vm, unit_from_actor);
        print_report(act(ledger, actor, key, content, reason, mode_of(vm)));
        return kOk;
      }};
}

void add_writing_commands(std::vector<Command>& all) {
  all.push_back(content_command(
      "report file", N_("check, save and submit a report (reporters)"), true, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string&, tz::ContentMode m) { return l.file(a, k, c, m); }));
  all.push_back(content_command(
      "report save", N_("save a report as a draft (reporters)"), true, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string&, tz::ContentMode m) { return l.save(a, k, c, m); }));
  all.push_back(content_command(
      "report submit", N_("hand in a saved or returned report (reporters)"), false, false, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string&, tz::ContentMode) { return l.submit(a, k); }));
  all.push_back(content_command(
      "report withdraw",
      N_("take a submitted report back before the office acts on it, with a reason (reporters)"),
      false, true, true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string& reason, tz::ContentMode) { return l.withdraw(a, k, reason); }));
  all.push_back(content_command(
      "report accept", N_("accept a submitted report (the coordinator)"), false, false, false,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string&, tz::ContentMode) { return l.accept(a, k); }));
  all.push_back(content_command(
      "report return", N_("send a submitted report back with a reason (the coordinator)"), false,
      true, false,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent&,
         const std::string& reason, tz::ContentMode) { return l.return_report(a, k, reason); }));
  all.push_back(content_command(
      "report correct", N_("correct an accepted report, with a reason (reporters)"), true, true,
      true,
      [](tz::Ledger& l, const tz::Actor& a, const tz::ReportKey& k, const tz::ReportContent& c,
         const std::string& reason, tz::ContentMode m) { return l.correct(a, k, c, reason, m); }));
}

int run_report_show(const Context& ctx, const po::variables_map& vm) {
  const std::string format = text(vm, "format");
  if (format != "table" && format != "json") {
    throw Usage{tr("--format must be table or json, not \"{value}\"", {{"value", format}})};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  const tz::ReportKey key = key_of(ctx, ledger, vm, true);
  show_report(
      ledger, key,
      vm.count("revision") != 0 ? std::optional<int>(vm["revision"].as<int>()) : std::nullopt,
      format == "json");
  return kOk;
}

void list_options(po::options_description& o, po::positional_options_description&) {
  o.add_options()("period", po::value<std::string>(), "only this period")(
      "unit", po::value<std::string>(), "only this unit")(
      "status", po::value<std::string>(),
      "only this status: submitted (待审核), returned, draft, accepted")(
      "today", po::value<std::string>(), "the day to count days since filing on (default: today)")(
      "format", po::value<std::string>()->default_value("table"), "table, csv or json");
}

int run_report_list(const Context& ctx, const po::variables_map& vm) {
  const std::string format = text(vm, "format");
  if (format != "table" && format != "csv" && format != "json") {
    throw Usage{"--format must be table, csv or json, not \"" + format + "\""};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  tz::ReportFilter filter;
  filter.plan = ctx.plan_code(ledger);
  if (vm.count("period") != 0) filter.period = period_option(vm, "period");
  filter.unit = text(vm, "unit");
  if (const std::string st = text(vm, "status"); !st.empty()) {
    filter.status = status_option(st);
  }
  const tz::Date today = date_option(vm, "today").value_or(tz::local_date(tz::now_utc()));
  list_reports(ledger.plan(filter.plan), ledger.reports(filter), today, format);
  return kOk;
}

int run_report_history(const Context& ctx, const po::variables_map& vm) {
  if (const std::string f = text(vm, "format"); f != "table" && f != "json") {
    throw Usage{"--format must be table or json, not \"" + f + "\""};
  }
  const tz::Ledger ledger = ctx.open(false, true);
  const tz::ReportKey key = key_of(ctx, ledger, vm, true);
  const std::vector<tz::Revision> history = ledger.history(key);
  if (history.empty()) throw tz::NotFoundError("nothing has been filed for " + key.to_string());
  if (text(vm, "format") == "json") {
    print_exact(tz::report_history_to_json(key, history));
    return kOk;
  }
  std::cout << key.to_string() << "\n";
  for (const tz::Revision& r : history) {
    std::cout << "  " << r.number << "  " << tz::format_local_time(r.recorded_at) << "  "
              << tr("{action} → {status}  by {role} {unit}",
                    {{"action", action_word(r.action)},
                     {"status", tz::Message(tz::to_string(r.status)).text()},
                     {"role", tz::Message(tz::to_string(r.actor.role)).text()},
                     {"unit", r.actor.unit}})
              << (r.actor.person.empty() ? "" : " (" + r.actor.person + ")")
              << (r.reason.empty() ? "" : "  " + tr("reason: {reason}", {{"reason", r.reason}}))
              << "\n";
  }
  return kOk;
}

}  // namespace

void add_report_commands(std::vector<Command>& all) {
  add_writing_commands(all);
  all.push_back({"report show", N_("a report's content: as it stands, or as of a revision"),
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("unit", po::value<std::string>(),
                                   "the report's unit (default: --as)")(
                       "period", po::value<std::string>(), "the report's period")(
                       "revision", po::value<int>(), "the content as of this revision")(
                       "format", po::value<std::string>()->default_value("table"), "table or json");
                 },
                 run_report_show});
  all.push_back({"report list", N_("the office's inbox: reports by status, period and unit"),
                 list_options, run_report_list});
  all.push_back({"report history", N_("every revision of a report"),
                 [](po::options_description& o, po::positional_options_description&) {
                   o.add_options()("unit", po::value<std::string>(), "the report's unit")(
                       "period", po::value<std::string>(), "the report's period")(
                       "format", po::value<std::string>()->default_value("table"), "table or json");
                 },
                 run_report_history});
}

}  // namespace cli
