// The roll-up: what the reports add up to — per target, initiative, plan and unit — as of a period,
// and the coordinator's chasing list.
//
// Every figure follows the rules of DESIGN.md "Roll-up", each written once in src/rollup/rules.cpp:
//  1. a contributing unit's value: incremental → the sum of its amounts for periods up to the
//     as-of period; cumulative or level → its value in the latest period up to then it reported;
//  2. the target's actual combines those values (sum, lead only, max, mean);
//  3. completion r = (actual − baseline) / (goal − baseline), mirrored when lower is better,
//     uncapped; a milestone's r is the share of its latest stage;
//  4. the expected share e comes from the trajectory (linear over the reporting periods by
//  default);
//  5. status: achieved (r ≥ 1), overdue (deadline passed, r < 1), no data, on track
//     (r ≥ e − tol), at risk (r ≥ e − 2·tol), behind;
//  6. a forecast of the value at the deadline from the series so far, with its status;
//  7. initiatives and the plan: the weighted mean of min(r, 1), the same bands, the worst target;
//  8. reports due, on time, late and missing per unit and per assignment (the chasing list).
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
enum class Status : std::uint8_t {
  achieved = 1,  // r ≥ 1
  on_track = 2,  // r ≥ e − tolerance
  at_risk = 3,   // r ≥ e − 2 × tolerance
  behind = 4,    // below that
  no_data = 5,   // nothing reported yet, or the goal is not known (a rise without its baseline)
  overdue = 6,   // the deadline has passed and r < 1
};

// "achieved", "on_track", "at_risk", "behind", "no_data", "overdue".
TAIZHANG_EXPORT const char* to_string(Status status) noexcept;
TAIZHANG_EXPORT std::optional<Status> status_from_string(std::string_view text) noexcept;

// What to roll up.
struct RollupQuery {
  std::string plan;  // the plan's code
  Period as_of;      // count the reports of periods up to and including this one
  // Only revisions recorded by this time count, and the plan as it stood then.
  std::optional<Timestamp> recorded_at;
  // Count only content the coordinator accepted (the content last accepted, by recorded_at).
  bool accepted_only = false;
  // The day deadlines and due dates are judged on; empty: the last day of `as_of`.
  std::optional<Date> today;
};

// One contributing unit's value of a target (rule 1).
struct Contribution {
  std::string unit;
  std::optional<Decimal> value;  // empty when the unit reported nothing by the as-of period
  std::optional<Period> latest;  // the latest period it reported
  std::string stage;             // milestones: the latest stage reported
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
  Status status = Status::no_data;   // rule 5
  Date deadline;
  std::optional<Decimal> forecast;  // the value projected at the deadline (rule 6)
  std::optional<double> forecast_completion;
  Status forecast_status = Status::no_data;
};

struct InitiativeRollup {
  int number = 0;
  double completion = 0;  // weighted mean of min(r, 1) over its measurable targets (rule 7)
  double expected = 0;    // weighted mean of e
  Status status = Status::no_data;
  std::string worst_target;  // the code of the target furthest behind; empty if none measurable
  int measurable_targets = 0;
};

struct PlanRollup {
  double completion = 0;
  double expected = 0;
  Status status = Status::no_data;
  std::string worst_target;
  int measurable_targets = 0;
};

// How one assignment (a unit on an initiative) stands for one period (rule 8).
enum class Compliance : std::uint8_t {
  not_due = 1,  // the report is not due yet
  on_time = 2,  // handed in by the due date, covering the initiative
  late = 3,     // handed in after the due date
  missing = 4,  // due, and not handed in (or not covering the initiative) by `today`
};
TAIZHANG_EXPORT const char* to_string(Compliance compliance) noexcept;

struct UnitRollup {
  std::string unit;
  int assignments = 0;  // initiatives the unit is assigned to
  int reports_due = 0;  // periods up to as-of whose report was due by `today`
  int on_time = 0;
  int late = 0;
  int missing = 0;
  int days_late = 0;  // summed over late reports
};

// One line of the chasing list (定期调度): an assignment whose report is late or missing.
struct ChaseItem {
  Period period;
  std::string unit;
  int initiative = 0;
  Compliance compliance = Compliance::missing;  // late or missing
  Date due;
  int days_overdue = 0;  // late: handed in this many days after `due`; missing: `today` − `due`
  std::optional<Timestamp> submitted;
};

struct Rollup {
  RollupQuery query;  // as asked, with `today` filled in
  int plan_version = 0;
  std::vector<TargetRollup> targets;          // in the plan's order
  std::vector<InitiativeRollup> initiatives;  // in the plan's order
  PlanRollup plan;
  std::vector<UnitRollup> units;   // in the plan's order of units
  std::vector<ChaseItem> chasing;  // by period, then unit, then initiative

  [[nodiscard]] TAIZHANG_EXPORT const TargetRollup* find_target(std::string_view code) const;
  [[nodiscard]] TAIZHANG_EXPORT const InitiativeRollup* find_initiative(int number) const;
  [[nodiscard]] TAIZHANG_EXPORT const UnitRollup* find_unit(std::string_view code) const;
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
};

// Where a figure came from: the inputs and the rules applied, in words.
struct Explanation {
  std::string subject;  // "target 1.1 as of 2021Q3"
  std::vector<ExplanationInput> inputs;
  std::vector<std::string> steps;  // each rule applied, with the numbers it used
};

}  // namespace taizhang
