// The roll-up: what the reports add up to — per target, initiative, plan and unit — as of a period,
// and the coordinator's chasing list.
//
// Every figure follows the rules of docs/rollup.md, each written once in src/rollup/rules.cpp:
//  1. a contributing unit's value: incremental → the sum of its amounts for periods up to the
//     as-of period; cumulative or level → its value in the latest period up to then it reported;
//  2. the target's actual combines those values (sum, lead only, max, mean);
//  3. completion r = (actual − baseline) / (goal − baseline), mirrored when lower is better,
//     uncapped; a milestone's r is the share of its latest stage;
//  4. the expected share e comes from the trajectory (linear over the reporting periods by
//  default);
//  5. status: achieved (r ≥ 1), overdue (deadline passed, r < 1), no data, on track
//     (r ≥ e − tol), at risk (r ≥ e − 2·tol), behind;
//  6. a forecast of the value at the deadline from the series so far, with its outlook (预计完成
//     or 预计滞后): whole units for counted things, levels not extrapolated, none once achieved and
//     none for milestones;
//  7. initiatives and the plan: the weighted mean of min(r, 1), the same bands, the worst target;
//  8. compliance, once for every figure that uses it: each unit that must report, each period
//     that ended after the plan was issued: 已报 on time, 迟报 late, 未报 missing, 漏报 omitted,
//     退回未改 returned (the chasing list, the units' counts, explain, the heat map).
// What counts: submitted and accepted content; only accepted content on request; drafts only in
// an explicit preview (include_drafts), which every output marks 含草稿.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/period.hpp"
#include "taizhang/report.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// Part of the public contract (and of the Python API): do not renumber.
enum class ProgressStatus : std::uint8_t {
  achieved = 1,  // r ≥ 1
  on_track = 2,  // r ≥ e − tolerance
  at_risk = 3,   // r ≥ e − 2 × tolerance
  behind = 4,    // below that
  no_data = 5,   // nothing reported yet, or the goal is not known (a rise without its baseline)
  overdue = 6,   // the deadline has passed and r < 1
};

// "achieved", "on_track", "at_risk", "behind", "no_data", "overdue".
TAIZHANG_EXPORT const char* to_string(ProgressStatus status) noexcept;
TAIZHANG_EXPORT std::optional<ProgressStatus> progress_status_from_string(
    std::string_view text) noexcept;

// The status as every output of the library says it, in Chinese: 已完成, 进度正常, 有风险, 滞后,
// 无数据, 逾期 ("" for a value that is no ProgressStatus).
TAIZHANG_EXPORT const char* status_label(ProgressStatus status) noexcept;
// The colour the dashboard and the Python plots give it, "#rrggbb": green for achieved, through
// amber and red, grey for no data, dark red for overdue ("" for a value that is no ProgressStatus).
TAIZHANG_EXPORT const char* status_colour(ProgressStatus status) noexcept;

// The names before 0.2.0.
using Status [[deprecated("renamed ProgressStatus in 0.2.0")]] = ProgressStatus;
[[deprecated("renamed progress_status_from_string in 0.2.0")]] inline std::optional<ProgressStatus>
status_from_string(std::string_view text) noexcept {
  return progress_status_from_string(text);
}

// How a forecast looks at the deadline (rule 6). Part of the public contract: do not renumber.
enum class Outlook : std::uint8_t {
  none = 0,          // no forecast: no data, a milestone, or the target is achieved already
  likely_met = 1,    // 预计完成: the forecast reaches the goal
  likely_short = 2,  // 预计滞后: the forecast falls short of the goal
};
// "none", "likely_met", "likely_short".
TAIZHANG_EXPORT const char* to_string(Outlook outlook) noexcept;
TAIZHANG_EXPORT std::optional<Outlook> outlook_from_string(std::string_view text) noexcept;
// The outlook as every output of the library says it: 预计完成, 预计滞后 — never the words of a
// ProgressStatus —, and "" for none (there is no forecast to label) or a value that is no Outlook.
TAIZHANG_EXPORT const char* outlook_label(Outlook outlook) noexcept;

// What to roll up.
struct RollupQuery {
  std::string plan;  // the plan's code
  Period as_of;      // count the reports of periods up to and including this one
  // Only revisions recorded by this time count, and the plan as it stood then.
  std::optional<Timestamp> recorded_at;
  // Count only content the coordinator accepted (the content last accepted, by recorded_at).
  // By default the content handed in counts: of a submitted or accepted report (a correction
  // awaiting acceptance included) what it holds; of a returned one, what was accepted before, if
  // anything. Drafts never count by default.
  bool accepted_only = false;
  // The day deadlines and due dates are judged on; empty: the last day of `as_of`.
  std::optional<Date> today;
  // A preview that also counts drafts (each report's latest content). Every output of such a
  // roll-up says 含草稿. Not with accepted_only (a ValidationError).
  bool include_drafts = false;

  friend bool operator==(const RollupQuery&, const RollupQuery&) = default;
};

// One contributing unit's value of a target (rule 1).
struct Contribution {
  std::string unit;
  std::optional<Decimal> value;  // empty when the unit reported nothing by the as-of period
  std::optional<Period> latest;  // the latest period it reported
  std::string stage;             // milestones: the latest stage reported

  friend bool operator==(const Contribution&, const Contribution&) = default;
};

struct TargetRollup {
  std::string code;
  int initiative = 0;
  std::vector<Contribution> contributions;
  std::optional<Decimal> actual;  // rule 2, in the target's unit
  std::optional<Decimal> goal;    // Target::goal()
  std::optional<Decimal> baseline;
  std::optional<double> completion;  // r, uncapped (rule 3); empty when it cannot be computed
  double expected = 0;               // e (rule 4)
  ProgressStatus status = ProgressStatus::no_data;  // rule 5
  Date deadline;
  std::optional<Decimal> forecast;  // the value projected at the deadline (rule 6)
  std::optional<double> forecast_completion;
  Outlook outlook = Outlook::none;  // 预计完成 or 预计滞后
  // 需核实: the counted values that look implausible (reporting_rules), e.g. "health 2021Q2:
  // 20005 is more than 10 times the goal 9". They count; the office decides.
  std::vector<std::string> warnings;
  // Why a figure could not be computed, when it could not (e.g. a sum beyond the range of exact
  // decimals); then the target has status no_data and counts as r = 0 in its initiative and the
  // plan. Empty when all is well. One target's problem never stops a roll-up.
  std::string problem;

  friend bool operator==(const TargetRollup&, const TargetRollup&) = default;
};

struct InitiativeRollup {
  int number = 0;
  double completion = 0;  // weighted mean of min(r, 1) over its measurable targets (rule 7)
  double expected = 0;    // weighted mean of e
  ProgressStatus status = ProgressStatus::no_data;
  std::string worst_target;  // the code of the target furthest behind; empty if none measurable
  int measurable_targets = 0;

  friend bool operator==(const InitiativeRollup&, const InitiativeRollup&) = default;
};

struct PlanRollup {
  double completion = 0;
  double expected = 0;
  ProgressStatus status = ProgressStatus::no_data;
  std::string worst_target;
  int measurable_targets = 0;

  friend bool operator==(const PlanRollup&, const PlanRollup&) = default;
};

// How a unit's report for one period stands (rule 8), judged on the roll-up's `today`.
// Part of the public contract: do not renumber.
enum class Compliance : std::uint8_t {
  not_due = 1,   // 未到期: the report is not due yet
  on_time = 2,   // 已报: handed in by the due date, covering every initiative the unit reports on
  late = 3,      // 迟报: handed in after the due date
  missing = 4,   // 未报: due, and nothing handed in by `today`
  omitted = 5,   // 漏报: handed in, but an initiative the unit must report on is left out
  returned = 6,  // 退回未改: returned by the coordinator and not handed in again by `today`
};
// "not_due", "on_time", "late", "missing", "omitted", "returned".
TAIZHANG_EXPORT const char* to_string(Compliance compliance) noexcept;
TAIZHANG_EXPORT std::optional<Compliance> compliance_from_string(std::string_view text) noexcept;
// The compliance as the chasing list says it: 未到期, 已报, 迟报, 未报, 漏报, 退回未改 ("" for a
// value that is no Compliance).
TAIZHANG_EXPORT const char* compliance_label(Compliance compliance) noexcept;
// The colour of the Python heat map, "#rrggbb": green on time, amber late, orange omitted, red
// missing, purple returned, pale blue not due ("" for a value that is no Compliance).
TAIZHANG_EXPORT const char* compliance_colour(Compliance compliance) noexcept;

struct UnitRollup {
  std::string unit;
  int assignments = 0;  // initiatives the unit is assigned to
  int reports_due = 0;  // periods up to as-of it must report for whose report was due by `today`
  int on_time = 0;
  int late = 0;
  int missing = 0;
  int omitted = 0;    // handed in, leaving out an initiative
  int returned = 0;   // returned and not handed in again
  int days_late = 0;  // summed over late reports

  friend bool operator==(const UnitRollup&, const UnitRollup&) = default;
};

// How one unit's report for one period stands: a cell of the compliance grid, and, when late,
// missing, omitted or returned, a line of the chasing list (定期调度).
struct ComplianceCell {
  Period period;
  std::string unit;
  Compliance compliance = Compliance::not_due;
  Date due;
  // late: days between `due` and the hand-in; missing and omitted: days from `due` to `today`;
  // returned: days from the return to `today`; otherwise 0.
  int days_overdue = 0;
  std::optional<Timestamp> submitted;  // the first hand-in, if any by `today`
  // The initiatives concerned: missing or returned, every one the unit reports on; omitted, those
  // left out; otherwise empty.
  std::vector<int> initiatives;

  friend bool operator==(const ComplianceCell&, const ComplianceCell&) = default;
};
// A line of the chasing list.
using ChaseItem = ComplianceCell;

struct Rollup {
  RollupQuery query;  // as asked, with `today` filled in
  int plan_version = 0;
  std::vector<TargetRollup> targets;          // in the plan's order
  std::vector<InitiativeRollup> initiatives;  // in the plan's order
  PlanRollup plan;
  std::vector<UnitRollup> units;  // in the plan's order of units
  // Every unit that must report (Plan::reported_initiatives) × every period up to as-of that it
  // must report for (Plan::requires_report): by unit in the plan's order, then period.
  std::vector<ComplianceCell> compliance;
  // The cells that are late, missing, omitted or returned, by period, then unit in the plan's
  // order.
  std::vector<ChaseItem> chasing;

  [[nodiscard]] TAIZHANG_EXPORT const TargetRollup* find_target(std::string_view code) const;
  [[nodiscard]] TAIZHANG_EXPORT const InitiativeRollup* find_initiative(int number) const;
  [[nodiscard]] TAIZHANG_EXPORT const UnitRollup* find_unit(std::string_view code) const;

  friend bool operator==(const Rollup&, const Rollup&) = default;
};

// One input of a figure: a value from a report revision.
struct ExplanationInput {
  ReportKey report;
  int revision = 0;  // the revision whose content holds the value
  Timestamp recorded_at{};
  Actor actor;
  std::string target;
  std::optional<Decimal> value;
  std::string stage;
  bool counted = false;  // false: shown for context but left out by the rule (e.g. an earlier
                         // period of a cumulative target, or a unit that does not contribute)
  std::string warning;   // 需核实: why the value looks implausible; empty when it does not

  friend bool operator==(const ExplanationInput&, const ExplanationInput&) = default;
};

// Where a figure came from: the inputs and the rules applied, in words.
struct Explanation {
  std::string subject;  // "target 1.1 as of 2021Q3"
  std::vector<ExplanationInput> inputs;
  std::vector<std::string> steps;  // each rule applied, with the numbers it used

  friend bool operator==(const Explanation&, const Explanation&) = default;
};

}  // namespace taizhang
