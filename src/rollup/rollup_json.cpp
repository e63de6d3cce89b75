// The roll-up as JSON (rollup_json.hpp): every figure of the query, the targets, initiatives,
// units and the chasing list, decimals as strings.
#include "taizhang/rollup_json.hpp"

#include <optional>
#include <string>

#include <boost/json.hpp>

#include "util/json_writer.hpp"

namespace taizhang {

namespace {

namespace json = boost::json;

json::value decimal_value(const std::optional<Decimal>& d) {
  if (!d) return nullptr;
  return json::string(d->to_string());
}

json::value number(const std::optional<double>& d) {
  if (!d || !std::isfinite(*d)) return nullptr;
  return *d;
}

}  // namespace

std::string rollup_to_json(const Rollup& r) {
  json::object o;
  json::object query;
  query["plan"] = r.query.plan;
  query["as_of"] = r.query.as_of.to_string();
  query["recorded_at"] = r.query.recorded_at ? json::value(format_timestamp(*r.query.recorded_at))
                                             : json::value(nullptr);
  query["accepted_only"] = r.query.accepted_only;
  query["include_drafts"] = r.query.include_drafts;
  query["today"] = r.query.today ? json::value(r.query.today->to_string()) : json::value(nullptr);
  o["query"] = std::move(query);
  o["plan_version"] = r.plan_version;
  json::object plan;
  plan["completion"] = r.plan.completion;
  plan["expected"] = r.plan.expected;
  plan["status"] = to_string(r.plan.status);
  plan["worst_target"] = r.plan.worst_target;
  plan["measurable_targets"] = r.plan.measurable_targets;
  o["plan"] = std::move(plan);
  json::array targets;
  for (const TargetRollup& t : r.targets) {
    json::object e;
    e["code"] = t.code;
    e["initiative"] = t.initiative;
    json::array contributions;
    for (const Contribution& c : t.contributions) {
      json::object ce;
      ce["unit"] = c.unit;
      ce["value"] = decimal_value(c.value);
      ce["latest"] = c.latest ? json::value(c.latest->to_string()) : json::value(nullptr);
      ce["stage"] = c.stage;
      contributions.emplace_back(std::move(ce));
    }
    e["contributions"] = std::move(contributions);
    e["actual"] = decimal_value(t.actual);
    e["goal"] = decimal_value(t.goal);
    e["baseline"] = decimal_value(t.baseline);
    e["completion"] = number(t.completion);
    e["expected"] = t.expected;
    e["status"] = to_string(t.status);
    e["deadline"] = t.deadline.to_string();
    e["forecast"] = decimal_value(t.forecast);
    e["forecast_completion"] = number(t.forecast_completion);
    e["outlook"] = to_string(t.outlook);
    json::array warnings;
    for (const std::string& w : t.warnings) warnings.emplace_back(json::string(w));
    e["warnings"] = std::move(warnings);
    e["problem"] = t.problem;
    targets.emplace_back(std::move(e));
  }
  o["targets"] = std::move(targets);
  json::array initiatives;
  for (const InitiativeRollup& i : r.initiatives) {
    json::object e;
    e["number"] = i.number;
    e["completion"] = i.completion;
    e["expected"] = i.expected;
    e["status"] = to_string(i.status);
    e["worst_target"] = i.worst_target;
    e["measurable_targets"] = i.measurable_targets;
    initiatives.emplace_back(std::move(e));
  }
  o["initiatives"] = std::move(initiatives);
  json::array units;
  for (const UnitRollup& u : r.units) {
    json::object e;
    e["unit"] = u.unit;
    e["assignments"] = u.assignments;
    e["reports_due"] = u.reports_due;
    e["on_time"] = u.on_time;
    e["late"] = u.late;
    e["missing"] = u.missing;
    e["omitted"] = u.omitted;
    e["returned"] = u.returned;
    e["days_late"] = u.days_late;
    units.emplace_back(std::move(e));
  }
  o["units"] = std::move(units);
  const auto cells = [](const std::vector<ComplianceCell>& list) {
    json::array out;
    for (const ComplianceCell& c : list) {
      json::object e;
      e["period"] = c.period.to_string();
      e["unit"] = c.unit;
      e["compliance"] = to_string(c.compliance);
      e["due"] = c.due.to_string();
      e["days_overdue"] = c.days_overdue;
      e["submitted"] =
          c.submitted ? json::value(format_timestamp(*c.submitted)) : json::value(nullptr);
      json::array numbers;
      for (const int n : c.initiatives) numbers.emplace_back(n);
      e["initiatives"] = std::move(numbers);
      out.emplace_back(std::move(e));
    }
    return out;
  };
  o["compliance"] = cells(r.compliance);
  o["chasing"] = cells(r.chasing);
  return util::to_canonical_json(o);
}

}  // namespace taizhang
