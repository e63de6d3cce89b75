#include "taizhang/ledger_export.hpp"

#include <boost/json.hpp>

#include "model/codes.hpp"
#include "present/text_format.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/report_json.hpp"
#include "util/file.hpp"
#include "util/json_parse.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += present::csv_field(fields[i]);
  }
  return out + "\r\n";
}

}  // namespace

std::vector<std::filesystem::path> export_ledger(const Ledger& ledger,
                                                 const std::filesystem::path& directory) {
  namespace json = boost::json;
  // A plan's code names its files: it is checked again here, as read from the ledger file, so
  // that a crafted file cannot make a path of it ("../../x", "/etc/x"); nothing is written then.
  const std::vector<PlanSummary> plans = ledger.plans();
  for (const PlanSummary& summary : plans) {
    if (!detail::is_code(summary.code)) {
      throw ValidationError("the ledger holds a plan whose code \"" + util::excerpt(summary.code) +
                                "\" is not a code (up to 64 ASCII letters, digits, '.', '_' or "
                                "'-', starting with a letter or digit), so it cannot name a file: "
                                "nothing exported (was the ledger file altered?)",
                            Location{ledger.path().string(), 0, 0, "plans"});
    }
  }
  std::vector<std::filesystem::path> written;
  std::error_code ec;
  std::filesystem::create_directories(directory / "plans", ec);
  if (ec) {
    throw IoError("cannot create the directory: " + ec.message(),
                  Location{(directory / "plans").string(), 0, 0, ""});
  }
  const auto write = [&](const std::filesystem::path& path, const std::string& text) {
    util::write_file_atomic(path, text);
    written.push_back(path);
  };

  std::string units = "\xEF\xBB\xBF" + csv_line({"code", "name", "kind", "parent", "full_name"});
  for (const Unit& u : ledger.units()) {
    units += csv_line({u.code, u.name, to_string(u.kind), u.parent, u.full_name});
  }
  write(directory / "units.csv", units);

  json::array reports;
  for (const PlanSummary& summary : plans) {
    write(directory / "plans" / (summary.code + ".json"), plan_to_json(ledger.plan(summary.code)));
    json::array versions;
    for (const PlanVersion& v : ledger.plan_history(summary.code)) {
      versions.emplace_back(json::object{{"version", v.version},
                                         {"recorded_at", format_timestamp(v.recorded_at)},
                                         {"actor", json::object{{"unit", v.actor.unit},
                                                                {"role", to_string(v.actor.role)},
                                                                {"person", v.actor.person}}},
                                         {"reason", v.reason},
                                         {"hash", v.hash},
                                         {"plan", util::parse_json(plan_to_json(v.plan), "plan")}});
    }
    write(directory / "plans" / (summary.code + ".history.json"),
          util::to_canonical_json(
              json::object{{"plan", summary.code}, {"versions", std::move(versions)}}));
    ReportFilter filter;
    filter.plan = summary.code;
    for (const Report& r : ledger.reports(filter)) {
      reports.emplace_back(util::parse_json(report_history_to_json(r.key, ledger.history(r.key)),
                                            r.key.to_string()));
    }
  }
  write(directory / "reports.json",
        util::to_canonical_json(json::object{{"reports", std::move(reports)}}));

  const ValueTable table = ledger.values();
  std::string values = "\xEF\xBB\xBF" + csv_line({"plan", "unit", "period", "target", "value",
                                                  "stage", "status", "revision", "recorded_at"});
  for (std::size_t i = 0; i < table.size(); ++i) {
    values +=
        csv_line({table.plans[static_cast<std::size_t>(table.plan[i])],
                  table.units[static_cast<std::size_t>(table.unit[i])], table.period[i].to_string(),
                  table.targets[static_cast<std::size_t>(table.target[i])],
                  table.value[i] ? table.value[i]->to_string() : std::string(),
                  table.stage[i] < 0 ? std::string()
                                     : table.stages[static_cast<std::size_t>(table.stage[i])],
                  to_string(table.status[i]), std::to_string(table.revision[i]),
                  format_timestamp(table.recorded_at[i])});
  }
  write(directory / "values.csv", values);
  return written;
}

}  // namespace taizhang
