// The roll-up rules of DESIGN.md, each written once (internal). The engine gathers the inputs;
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
Status status(bool measurable, const std::optional<Decimal>& r, bool has_data,
              const Decimal& expected, const Decimal& tolerance, const Date& deadline,
              const Date& today);

// Rule 6. The value projected at the deadline, from the actual's series up to the as-of period
// (position → actual, ordered): incremental → actual × (deadline position / as-of position)
// (a steady pace); cumulative, level and milestone shares → the straight line through the first
// and the latest reported points (the engine passes both), carried to the deadline (flat with a
// single point); for a milestone (`milestone`) no further than 1, the last stage's share.
std::optional<Decimal> forecast(Accumulation accumulation, const std::vector<PeriodValue>& series,
                                int as_of_position, int deadline_position, bool milestone = false);

// The status of a forecast: achieved when it reaches the goal (r ≥ 1), else the bands against
// full completion (on track ≥ 1 − tol, at risk ≥ 1 − 2·tol, behind); no data without a forecast.
Status forecast_status(const std::optional<Decimal>& forecast_r, const Decimal& tolerance);

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
  Status status = Status::no_data;
  std::string worst;
  int measurable = 0;
};
Aggregate aggregate(const std::vector<WeightedTarget>& targets, const Decimal& tolerance,
                    const Date& today);

// Rule 8. How an assignment stands for a period, judged on `today`: handed in (first submission,
// dated in China Standard Time, on or before `today`) by the due date and covering the
// initiative → on time; after the due date → late by the days between; not handed in by `today`
// (or not covering it) → missing once `today` is past the due date (overdue by the days
// between), not due before.
struct ComplianceResult {
  Compliance compliance = Compliance::not_due;
  int days = 0;
};
ComplianceResult compliance(const std::optional<Timestamp>& first_submitted, bool covers,
                            const Date& due, const Date& today);

}  // namespace taizhang::rollup
