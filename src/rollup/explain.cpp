#include "rollup/explain.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "model/report_lifecycle.hpp"
#include "rollup/engine.hpp"
#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang::rollup {

namespace {

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string china_date(const std::optional<Timestamp>& t) {
  return t ? local_date(*t).to_string() : std::string("—");
}

// What every kind of explanation works from.
struct Explaining {
  const Snapshot& snapshot;
  const Plan& plan;
  int version;
  const RollupQuery& query;
  const RevisionLookup& revisions;
  // The revisions of each report asked for so far, by its key's text.
  std::map<std::string, std::vector<Revision>> seen;

  const std::vector<Revision>& revisions_of(const ReportKey& key) {
    auto [it, fresh] = seen.try_emplace(key.to_string());
    if (fresh) it->second = revisions(key);
    return it->second;
  }

  Rollup compute() const { return rollup::compute(snapshot, plan, version, query); }

  // A target's figure: the engine's inputs and steps, with the actor of each input.
  Explanation target(std::string_view code) {
    Explanation e;
    rollup::compute(snapshot, plan, version, query, &e, code);
    for (ExplanationInput& input : e.inputs) {
      for (const Revision& r : revisions_of(input.report)) {
        if (r.number == input.revision) input.actor = r.actor;
      }
    }
    return e;
  }

  Explanation aggregate(bool whole, int number);
  Explanation unit(const std::string& code);
};

// Rule 7: an initiative's or the plan's completion, from its targets' weights and figures.
Explanation Explaining::aggregate(bool whole, int number) {
  const Rollup result = compute();
  Explanation e;
  e.subject = (whole ? "plan " + plan.code : "initiative " + std::to_string(number)) + " as of " +
              query.as_of.to_string() +
              (query.include_drafts ? " (含草稿: a preview counting drafts)" : "");
  for (const Initiative& i : plan.initiatives) {
    if (!whole && i.number != number) continue;
    for (const Target& t : i.targets) {
      const TargetRollup* tr = result.find_target(t.code);
      if (!t.is_measurable()) {
        e.steps.push_back("target " + t.code +
                          (t.measure == Measure::qualitative ? ": qualitative, left out"
                                                             : ": goal not known, left out"));
        continue;
      }
      const double r = tr->completion && tr->actual ? *tr->completion : 0.0;
      e.steps.push_back("target " + t.code + ": weight " + t.weight.to_string() +
                        ", min(r, 1) = " + fixed(std::min(r, 1.0)) +
                        (tr->actual ? "" : " (no data)") + ", e = " + fixed(tr->expected));
      Explanation sub = target(t.code);
      for (ExplanationInput& in : sub.inputs) e.inputs.push_back(std::move(in));
    }
  }
  const InitiativeRollup* initiative = whole ? nullptr : result.find_initiative(number);
  const double completion = whole ? result.plan.completion : initiative->completion;
  const double expected = whole ? result.plan.expected : initiative->expected;
  const ProgressStatus status = whole ? result.plan.status : initiative->status;
  const std::string worst = whole ? result.plan.worst_target : initiative->worst_target;
  e.steps.push_back("rule 7: completion = Σ weight × min(r, 1) / Σ weight = " + fixed(completion) +
                    "; expected = Σ weight × e / Σ weight = " + fixed(expected) + " → " +
                    to_string(status) + (worst.empty() ? "" : "; worst target " + worst));
  return e;
}

// One period's line of a unit's compliance.
std::string compliance_line(const ComplianceCell& cell, const Date& today) {
  std::string line = cell.period.to_string() + ": due " + cell.due.to_string() +
                     ", first handed in " + china_date(cell.submitted);
  std::string initiatives;
  for (const int n : cell.initiatives) {
    initiatives += (initiatives.empty() ? "" : ", ") + std::to_string(n);
  }
  switch (cell.compliance) {
    case Compliance::on_time: return line + " → on time";
    case Compliance::late:
      return line + " → late by " + std::to_string(cell.days_overdue) + " days";
    case Compliance::missing:
      return line + " → missing, " + std::to_string(cell.days_overdue) + " days overdue on " +
             today.to_string();
    case Compliance::omitted:
      return line + " → omitted: initiative(s) " + initiatives + " left out, " +
             std::to_string(cell.days_overdue) + " days overdue on " + today.to_string();
    case Compliance::returned:
      return line + " → returned " + std::to_string(cell.days_overdue) +
             " days ago and not handed in again";
    case Compliance::not_due: return line + " → not due yet on " + today.to_string();
  }
  return line;
}

// Rule 8: a unit's reporting, period by period, with the revisions that handed reports in.
Explanation Explaining::unit(const std::string& code) {
  const Rollup result = compute();
  const UnitRollup* unit = result.find_unit(code);
  if (unit == nullptr) {
    throw NotFoundError("no unit " + util::in_quotes(code) + " is assigned in plan " +
                        util::in_quotes(plan.code));
  }
  Explanation e;
  e.subject = "unit " + code + " as of " + query.as_of.to_string();
  const Date today = result.query.today.value_or(query.as_of.last_day());
  if (plan.reported_initiatives(code).empty()) {
    e.steps.push_back(std::string("not required to report (reporting rules: ") +
                      to_string(plan.reporting_rules.reporters) + ")");
  }
  for (const ComplianceCell& cell : result.compliance) {
    if (cell.unit != code) continue;
    if (cell.submitted) {
      const ReportKey key{plan.code, code, cell.period};
      for (const Revision& r : revisions_of(key)) {
        // The hand-in that decides on time or late (a withdrawn one does not).
        if ((r.action != ReportAction::submitted && r.action != ReportAction::resubmitted) ||
            r.recorded_at != *cell.submitted) {
          continue;
        }
        ExplanationInput in;
        in.report = key;
        in.revision = r.number;
        in.recorded_at = r.recorded_at;
        in.actor = r.actor;
        in.counted = true;
        e.inputs.push_back(std::move(in));
      }
    }
    e.steps.push_back(compliance_line(cell, today));
  }
  e.steps.push_back("rule 8: " + std::to_string(unit->reports_due) + " due, " +
                    std::to_string(unit->on_time) + " on time, " + std::to_string(unit->late) +
                    " late (" + std::to_string(unit->days_late) + " days), " +
                    std::to_string(unit->missing) + " missing, " + std::to_string(unit->omitted) +
                    " omitted, " + std::to_string(unit->returned) + " returned");
  return e;
}

}  // namespace

Explanation explain(const Snapshot& snapshot, const Plan& plan, int plan_version,
                    const RollupQuery& query, std::string_view subject,
                    const RevisionLookup& revisions) {
  Explaining x{snapshot, plan, plan_version, query, revisions, {}};
  const std::string text(util::trim(subject));
  const auto word = [&](std::string_view w) {
    return text.rfind(std::string(w) + " ", 0) == 0 || text.rfind(std::string(w) + ":", 0) == 0;
  };
  if (plan.find_target(text) != nullptr) return x.target(text);
  if (text == "plan") return x.aggregate(true, 0);
  if (word("initiative")) {
    const std::string digits(util::trim(std::string_view(text).substr(11)));
    const int number = std::atoi(digits.c_str());
    if (plan.find_initiative(number) == nullptr || std::to_string(number) != digits) {
      throw NotFoundError("plan " + util::in_quotes(plan.code) + " has no initiative " +
                          util::in_quotes(digits));
    }
    return x.aggregate(false, number);
  }
  if (word("unit")) return x.unit(std::string(util::trim(std::string_view(text).substr(5))));
  if (!text.empty() && (std::isdigit(static_cast<unsigned char>(text[0])) != 0)) {
    throw NotFoundError("plan " + util::in_quotes(query.plan) + " has no target " +
                        util::in_quotes(text));
  }
  throw ValidationError("cannot tell which figure " + util::in_quotes(text) +
                            " is: name a target (\"1.1\"), \"initiative 3\", \"plan\" or "
                            "\"unit health\"",
                        Location{query.plan, 0, 0, "subject"});
}

ValueTable values(const Snapshot& snap, const ValuesQuery& query) {
  if (query.accepted_only && query.include_drafts) {
    throw ValidationError(
        "values count either the accepted content only or, as a preview, drafts too: not both",
        Location{query.plan, 0, 0, "include_drafts"});
  }
  std::optional<std::int64_t> until;
  if (query.recorded_at) until = query.recorded_at->time_since_epoch().count();
  ValueTable out;
  out.units = snap.unit_codes;
  out.stages.assign(snap.stage_names.begin() + 1, snap.stage_names.end());
  std::map<std::string, std::int32_t> target_index;
  for (const SnapPlan& plan : snap.plans) {
    if (!query.plan.empty() && plan.code != query.plan) continue;
    const auto plan_index = static_cast<std::int32_t>(out.plans.size());
    out.plans.push_back(plan.code);
    // The plan's targets in the table's dictionary, by the snapshot's per-plan target id.
    std::vector<std::int32_t> dictionary;
    for (const std::string& code : plan.target_codes) {
      auto [it, fresh] =
          target_index.try_emplace(code, static_cast<std::int32_t>(out.targets.size()));
      if (fresh) out.targets.push_back(code);
      dictionary.push_back(it->second);
    }
    const detail::Counting counting = detail::counting(query.accepted_only, query.include_drafts);
    for (const std::int32_t r : plan.reports) {
      const ReportState state = snap.state(r, until);
      const std::int32_t c = state.counted(counting);
      if (c == kNone) continue;
      const SnapReport& report = snap.reports[static_cast<std::size_t>(r)];
      const Content& content = snap.contents[static_cast<std::size_t>(c)];
      const ReportStatus status = state.status;
      // The number and time of the revision holding the content.
      std::int32_t number = 0;
      Timestamp recorded{};
      for (std::int32_t e = report.first_event; e != kNone;
           e = snap.events[static_cast<std::size_t>(e)].next) {
        const Event& event = snap.events[static_cast<std::size_t>(e)];
        if (until && event.recorded_ms > *until) break;
        if (event.revision_id == content.revision_id) {
          number = event.number;
          recorded = Timestamp{std::chrono::milliseconds(event.recorded_ms)};
        }
      }
      for (std::uint32_t v = content.values_begin; v < content.values_end; ++v) {
        out.plan.push_back(plan_index);
        out.unit.push_back(report.unit);
        out.period.push_back(report.period);
        out.target.push_back(dictionary[static_cast<std::size_t>(snap.value_target(v))]);
        out.value.push_back(snap.value(v));
        out.stage.push_back(static_cast<std::int32_t>(snap.value_stage(v)) - 1);
        out.status.push_back(status);
        out.revision.push_back(number);
        out.recorded_at.push_back(recorded);
      }
    }
  }
  return out;
}

}  // namespace taizhang::rollup
