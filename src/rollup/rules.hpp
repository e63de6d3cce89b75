// The roll-up rules of docs/rollup.md, each written once (internal). The engine gathers the inputs;
// these functions decide.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/rollup.hpp"

namespace taizhang::rollup {

// Ratios (completion, expected share) are exact decimals rounded to this many places.
inline constexpr int kRatioPlaces = 12;

// A unit's reported value in one period: `position` is the period's 1-based place in the plan's
// reporting periods.
struct PeriodValue {
  int position = 0;
  Decimal value;
};

// Rule 1. A contributing unit's value from its values of the periods up to the as-of period
// (ordered by position): incremental → their sum; cumulative and level → the latest.
std::optional<Decimal> unit_value(Accumulation accumulation,
                                  const std::vector<PeriodValue>& values);

// Rule 2. The target's actual from its contributing units' values (empty entries: units that
// reported nothing): sum, the lead units' sum, the largest, or the mean (rounded half up to
// kRatioPlaces). Empty when no unit reported.
struct UnitAmount {
  std::optional<Decimal> value;
  bool lead = false;
};
std::optional<Decimal> combine(Combination combination, const std::vector<UnitAmount>& amounts);

// The share a milestone stage stands for (the target's stages, else the default ones); empty
// for an unknown stage.
std::optional<Decimal> stage_share(const Target& target, std::string_view stage);

// Rule 3. Completion r, uncapped: (actual − baseline) / (goal − baseline) when higher is better,
// (baseline − actual) / (baseline − goal) when lower is better (baseline 0 when none; lower is
// better without a baseline: 1 when actual ≤ goal, else goal / actual). Empty when the goal is
// unknown or equals the baseline. Milestones: the share of the stage, given as `actual`.
std::optional<Decimal> completion(const Target& target, const Decimal& actual);

// The 1-based position of `period` among the plan's reporting `periods`: how many of them end
// by the time it ends (0 before the first).
int period_position(const std::vector<Period>& periods, const Period& period);

// Rule 4. The share expected to be done by the end of `as_of`: the explicit trajectory's share at
// its latest point up to `as_of` (0 before the first), else linear over the plan's reporting
// periods from the first to the one holding the deadline (Linzi: 0.25, 0.5, 0.75, 1):
// as_of_position / deadline_position, at most 1.
Decimal expected_share(const Target& target, const Period& as_of, int as_of_position,
                       int deadline_position);

// Rule 5. A target that cannot be measured (qualitative, or a goal not known yet) has no data,
// whatever the date. Otherwise: achieved (r ≥ 1); overdue (today is past the deadline, r < 1,
// data or not); no data (nothing reported); on track (r ≥ e − tol); at risk (r ≥ e − 2·tol);
// behind.
ProgressStatus status(bool measurable, const std::optional<Decimal>& r, bool has_data,
                      const Decimal& expected, const Decimal& tolerance, const Date& deadline,
                      const Date& today);

// Rule 6. The value of `target` projected at the deadline, from the actual's series up to the
// as-of period (position → actual, ordered), or none: none for a milestone or a qualitative target,
// and none once the target is achieved (`achieved`); incremental → actual × (deadline position /
// as-of position) (a steady pace); cumulative → the straight line through the first and the latest
// reported points (the engine passes both), carried to the deadline (flat with a single point);
// level (a rate, a standard) → the latest value, never extrapolated. Counted things (measure
// count) are forecast in whole units, rounded down.
std::optional<Decimal> forecast(const Target& target, const std::vector<PeriodValue>& series,
                                int as_of_position, int deadline_position, bool achieved);

// The outlook of a forecast: 预计完成 (likely_met) when it reaches the goal (its r ≥ 1), else
// 预计滞后 (likely_short); none without a forecast.
Outlook outlook(const std::optional<Decimal>& forecast_r);

// 需核实: why `value`, a unit's value of `target` for one period, looks implausible under the
// plan's reporting `rules`, or "" when it does not. Implausible: more than rules.over_goal times
// the goal; a running total (cumulative) more than rules.jump times `previous`; a level more than
// rules.jump times `previous` or less than 1/rules.jump of it. `previous` is the unit's value of
// the target in its latest earlier period, if any. A warning only: such a value is filed and
// counted; the office decides.
std::string implausible(const Target& target, const ReportingRules& rules, const Decimal& value,
                        const std::optional<Decimal>& previous);

// Rule 7. Initiatives and the plan: the weighted mean of min(r, 1) over measurable targets (a
// target with no data counts as r = 0), the weighted mean of e, the same bands, and the worst
// target (the largest shortfall e − min(r, 1), first in plan order on a tie).
struct WeightedTarget {
  std::string code;
  Decimal weight;
  std::optional<Decimal> r;  // empty: not measurable (left out)
  Decimal expected;
  Date deadline;
};
struct Aggregate {
  Decimal completion;
  Decimal expected;
  ProgressStatus status = ProgressStatus::no_data;
  std::string worst;
  int measurable = 0;
};
Aggregate aggregate(const std::vector<WeightedTarget>& targets, const Decimal& tolerance,
                    const Date& today);

// Rule 8. How a unit's report for one period stands, judged on `today` (the one place compliance
// is decided; the chasing list, the units' counts, explain and the heat map all take it from the
// roll-up's compliance cells). `handed_in`: the day of its first hand-in (China Standard Time) when
// that day is not after `today`; `returned`: the day of a return not followed by a new hand-in,
// when not after `today`; `covers_all`: whether the content handed in covers every initiative the
// unit must report on.
//   returned (退回未改)  — returned and not handed in again; days since the return;
//   omitted (漏报)       — handed in, an initiative left out, once the due date has passed; days
//                         from the due date;
//   on time (已报) / late (迟报) — handed in by / after the due date; days late;
//   missing (未报)       — nothing handed in and the due date passed; days from the due date;
//   not due (未到期)     — otherwise.
struct ComplianceResult {
  Compliance compliance = Compliance::not_due;
  int days = 0;
};
ComplianceResult compliance(const std::optional<Date>& handed_in,
                            const std::optional<Date>& returned, bool covers_all, const Date& due,
                            const Date& today);

}  // namespace taizhang::rollup
