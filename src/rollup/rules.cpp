#include "rollup/rules.hpp"

#include <algorithm>

#include "taizhang/error.hpp"
#include "taizhang/message.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang::rollup {

namespace {

Decimal ratio(const Decimal& a, const Decimal& b) {
  return Decimal::divide(a, b, kRatioPlaces, Rounding::half_up);
}

const Decimal& one() {
  static const Decimal v(1);
  return v;
}

}  // namespace

std::optional<Decimal> unit_value(Accumulation accumulation,
                                  const std::vector<PeriodValue>& values) {
  if (values.empty()) return std::nullopt;
  if (accumulation == Accumulation::incremental) {
    Decimal sum;
    for (const PeriodValue& v : values) sum += v.value;
    return sum;
  }
  return values.back().value;
}

std::optional<Decimal> combine(Combination combination, const std::vector<UnitAmount>& amounts) {
  std::optional<Decimal> out;
  int count = 0;
  for (const UnitAmount& a : amounts) {
    if (!a.value || (combination == Combination::lead_only && !a.lead)) continue;
    ++count;
    if (!out) {
      out = a.value;
    } else if (combination == Combination::max) {
      out = std::max(*out, *a.value);
    } else {
      *out += *a.value;
    }
  }
  if (out && combination == Combination::mean) out = ratio(*out, Decimal(count));
  return out;
}

std::optional<Decimal> stage_share(const Target& target, std::string_view stage) {
  const auto& stages = target.stages.empty() ? default_milestone_stages() : target.stages;
  for (const MilestoneStage& s : stages) {
    if (s.name == stage) return s.share;
  }
  return std::nullopt;
}

std::optional<Decimal> completion(const Target& target, const Decimal& actual) {
  if (target.measure == Measure::milestone) return actual;
  if (target.measure == Measure::qualitative) return std::nullopt;
  const std::optional<Decimal> goal = target.goal();
  if (!goal) return std::nullopt;
  const std::optional<Decimal> base =
      target.baseline && target.baseline->value ? target.baseline->value : std::nullopt;
  if (target.direction == Direction::higher_is_better) {
    const Decimal b = base.value_or(Decimal(0));
    if (*goal == b) return std::nullopt;
    return ratio(actual - b, *goal - b);
  }
  if (!base) {
    if (actual <= *goal) return one();
    return ratio(*goal, actual);
  }
  if (*goal == *base) return std::nullopt;
  return ratio(*base - actual, *base - *goal);
}

int period_position(const std::vector<Period>& periods, const Period& period) {
  int position = 0;
  for (const Period& p : periods) {
    if (period.last_day() < p.last_day()) break;
    ++position;
  }
  return position;
}

Decimal expected_share(const Target& target, const Period& as_of, int as_of_position,
                       int deadline_position) {
  if (!target.trajectory.empty()) {
    Decimal share;
    for (const TrajectoryPoint& point : target.trajectory) {
      if (point.period.last_day() <= as_of.last_day()) share = point.share;
    }
    return share;
  }
  if (deadline_position <= 0 || as_of_position >= deadline_position) return one();
  return ratio(Decimal(as_of_position), Decimal(deadline_position));
}

ProgressStatus status(bool measurable, const std::optional<Decimal>& r, bool has_data,
                      const Decimal& expected, const Decimal& tolerance, const Date& deadline,
                      const Date& today) {
  if (!measurable) return ProgressStatus::no_data;
  if (has_data && r && *r >= one()) return ProgressStatus::achieved;
  if (today > deadline) return ProgressStatus::overdue;
  if (!has_data || !r) return ProgressStatus::no_data;
  if (*r >= expected - tolerance) return ProgressStatus::on_track;
  if (*r >= expected - tolerance - tolerance) return ProgressStatus::at_risk;
  return ProgressStatus::behind;
}

std::optional<Decimal> forecast(const Target& target, const std::vector<PeriodValue>& series,
                                int as_of_position, int deadline_position, bool achieved) {
  if (series.empty() || achieved || !target.is_numeric()) return std::nullopt;
  const PeriodValue& latest = series.back();
  std::optional<Decimal> out;
  switch (target.accumulation) {
    case Accumulation::level: out = latest.value; break;
    case Accumulation::incremental:
      if (as_of_position <= 0) return std::nullopt;
      out = deadline_position <= as_of_position
                ? latest.value
                : Decimal::divide(latest.value * Decimal(deadline_position),
                                  Decimal(as_of_position), 6, Rounding::half_up);
      break;
    case Accumulation::cumulative: {
      const PeriodValue& first = series.front();
      if (series.size() == 1 || latest.position == first.position ||
          deadline_position <= latest.position) {
        out = latest.value;
        break;
      }
      const Decimal slope =
          Decimal::divide(latest.value - first.value, Decimal(latest.position - first.position), 12,
                          Rounding::half_up);
      out = (latest.value + slope * Decimal(deadline_position - latest.position)).rounded(6);
      break;
    }
  }
  // 13.33所 is not a forecast anyone can believe: counted things come in whole units.
  if (out && target.measure == Measure::count) out = out->rounded(0, Rounding::toward_zero);
  return out;
}

Outlook outlook(const std::optional<Decimal>& forecast_r) {
  if (!forecast_r) return Outlook::none;
  return *forecast_r >= one() ? Outlook::likely_met : Outlook::likely_short;
}

namespace {

// Whether a > b × factor, without overflowing (a product too large to represent exceeds any a).
bool exceeds(const Decimal& a, const Decimal& b, const Decimal& factor) {
  try {
    return a > b * factor;
  } catch (const OverflowError&) {
    return false;
  }
}

}  // namespace

std::string implausible(const Target& target, const ReportingRules& rules, const Decimal& value,
                        const std::optional<Decimal>& previous) {
  if (!target.is_numeric()) return {};
  std::optional<Decimal> goal;
  try {
    goal = target.goal();
  } catch (const OverflowError&) {
    goal.reset();
  }
  if (goal && goal->sign() > 0 && exceeds(value, *goal, rules.over_goal)) {
    return Message("{value} is more than {factor} times the goal {goal}",
                   {{"value", value.to_string() + target.unit},
                    {"factor", rules.over_goal.to_string()},
                    {"goal", goal->to_string() + target.unit}})
        .text();
  }
  if (!previous || previous->sign() <= 0) return {};
  const std::string before = previous->to_string() + target.unit;
  if (target.accumulation == Accumulation::cumulative && exceeds(value, *previous, rules.jump)) {
    return Message(
               "the running total {value} is more than {factor} times {before} of the period "
               "before",
               {{"value", value.to_string() + target.unit},
                {"factor", rules.jump.to_string()},
                {"before", before}})
        .text();
  }
  if (target.accumulation == Accumulation::level) {
    if (exceeds(value, *previous, rules.jump)) {
      return Message("{value} is more than {factor} times {before} of the period before",
                     {{"value", value.to_string() + target.unit},
                      {"factor", rules.jump.to_string()},
                      {"before", before}})
          .text();
    }
    if (exceeds(*previous, value, rules.jump)) {
      return Message("{value} is less than 1/{factor} of {before} of the period before",
                     {{"value", value.to_string() + target.unit},
                      {"factor", rules.jump.to_string()},
                      {"before", before}})
          .text();
    }
  }
  return {};
}

Aggregate aggregate(const std::vector<WeightedTarget>& targets, const Decimal& tolerance,
                    const Date& today) {
  Aggregate out;
  Decimal weights;
  Decimal done;
  Decimal expected;
  std::optional<Decimal> worst_gap;
  std::optional<Date> deadline;
  for (const WeightedTarget& t : targets) {
    if (!t.r) continue;
    ++out.measurable;
    const Decimal capped = std::min(*t.r, one());
    weights += t.weight;
    done += t.weight * capped;
    expected += t.weight * t.expected;
    const Decimal gap = t.expected - capped;
    if (!worst_gap || gap > *worst_gap) {
      worst_gap = gap;
      out.worst = t.code;
    }
    if (!deadline || t.deadline > *deadline) deadline = t.deadline;
  }
  if (out.measurable == 0) return out;
  out.completion = ratio(done, weights);
  out.expected = ratio(expected, weights);
  out.status = status(true, out.completion, true, out.expected, tolerance, *deadline, today);
  return out;
}

ComplianceResult compliance(const std::optional<Date>& handed_in,
                            const std::optional<Date>& returned, bool covers_all, const Date& due,
                            const Date& today) {
  const auto days = [](const Date& later, const Date& earlier) {
    return static_cast<int>(later.days_since(earlier));
  };
  if (handed_in && *handed_in <= today) {
    if (returned && *returned <= today) return {Compliance::returned, days(today, *returned)};
    if (!covers_all && today > due) return {Compliance::omitted, days(today, due)};
    if (*handed_in <= due) return {Compliance::on_time, 0};
    return {Compliance::late, days(*handed_in, due)};
  }
  if (today > due) return {Compliance::missing, days(today, due)};
  return {Compliance::not_due, 0};
}

}  // namespace taizhang::rollup
