// Targets: what an initiative promises, in a form the roll-up can measure.
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

namespace taizhang {

// What a target measures. Part of the persistent format (this and the enums below): do not
// renumber.
enum class Measure : std::uint8_t {
  count = 1,    // things or people counted: 18000 名, 3 所, 60 家
  money = 2,    // an amount of money: 12 亿元
  percent = 3,  // a rate: a screening rate of 60 %
  milestone = 4,  // a commitment done in stages (开设美学讲堂): reported as a stage, not a value
  qualitative = 5,  // a commitment reported in words only; it carries no completion figure
};

// Which way is better.
enum class Direction : std::uint8_t { higher_is_better = 1, lower_is_better = 2 };

// What each report's value means over time.
enum class Accumulation : std::uint8_t {
  incremental = 1,  // the amount done in that period; the actual is the sum of periods so far
  cumulative = 2,   // the total done to date; the actual is the latest value
  level = 3,        // a snapshot such as a rate or a standard; the actual is the latest value
};

// How the values of several contributing units make the target's actual.
enum class Combination : std::uint8_t { sum = 1, lead_only = 2, max = 3, mean = 4 };

// How the target value is stated.
enum class TargetForm : std::uint8_t {
  absolute = 1,      // reach `value`
  rise_percent = 2,  // rise by `value` % over the baseline: target = baseline × (1 + value/100)
  rise_amount = 3,   // rise by `value` over the baseline: target = baseline + value
};

TAIZHANG_EXPORT const char* to_string(Measure) noexcept;
TAIZHANG_EXPORT const char* to_string(Direction) noexcept;
TAIZHANG_EXPORT const char* to_string(Accumulation) noexcept;
TAIZHANG_EXPORT const char* to_string(Combination) noexcept;
TAIZHANG_EXPORT const char* to_string(TargetForm) noexcept;
TAIZHANG_EXPORT std::optional<Measure> measure_from_string(std::string_view) noexcept;
TAIZHANG_EXPORT std::optional<Direction> direction_from_string(std::string_view) noexcept;
TAIZHANG_EXPORT std::optional<Accumulation> accumulation_from_string(std::string_view) noexcept;
TAIZHANG_EXPORT std::optional<Combination> combination_from_string(std::string_view) noexcept;
TAIZHANG_EXPORT std::optional<TargetForm> target_form_from_string(std::string_view) noexcept;

// The starting point a rise is measured from. A notice often promises a rise without stating the
// base; then value stays empty and `note` says where it is to come from.
struct Baseline {
  std::optional<Decimal> value;  // in the target's unit of measure; empty when not yet known
  std::optional<Date> date;      // when the baseline held
  std::string note;              // e.g. "2020年执行标准，通知未载明"

  friend bool operator==(const Baseline&, const Baseline&) = default;
};

// A stage of a milestone target and the share of completion it stands for (0..1).
struct MilestoneStage {
  std::string name;  // "已启动"
  Decimal share;     // 0.25

  friend bool operator==(const MilestoneStage&, const MilestoneStage&) = default;
};

// The stages a milestone target uses when it names none: 未启动 0, 已启动 0.25, 推进中 0.5,
// 基本完成 0.75, 已完成 1.
TAIZHANG_EXPORT const std::vector<MilestoneStage>& default_milestone_stages();

// The share of a target expected to be done by the end of a period.
struct TrajectoryPoint {
  Period period;
  Decimal share;  // 0..1, not decreasing along the trajectory

  friend bool operator==(const TrajectoryPoint&, const TrajectoryPoint&) = default;
};

struct Target {
  std::string code;         // unique within the plan, conventionally "<initiative>.<n>": "2.3"
  std::string description;  // what is promised, in the notice's words: "建成投用幼儿园"
  Measure measure = Measure::count;
  std::string unit;              // unit of measure of reported values ("名", "亿元"); empty for
                                 // milestone and qualitative targets
  std::optional<Decimal> value;  // absolute: the target; rise_*: the rise. Required for count,
                                 // money and percent; absent for milestone and qualitative
  std::optional<Baseline> baseline;
  TargetForm form = TargetForm::absolute;
  Direction direction = Direction::higher_is_better;
  Accumulation accumulation = Accumulation::incremental;
  Combination combination = Combination::sum;
  std::vector<std::string> contributors;  // unit codes whose values count; empty: the lead unit(s)
                                          // only, so that co-responsible units never double count
  std::optional<Date> deadline;  // empty: the initiative's deadline, else the plan's end (年内)
  std::vector<TrajectoryPoint> trajectory;  // empty: linear over the plan's reporting periods
  Decimal weight = 1;                       // relative weight within its initiative; positive
  std::string scope;  // who or where it covers: "35—64岁城乡妇女", "淄江社区、溡源社区"
  std::vector<MilestoneStage> stages;  // milestone only; empty: default_milestone_stages()
  std::string note;  // qualifiers and remarks: "余", "以上", "不少于", an unknown baseline
  std::string source_text;  // the words of the source document it was taken from

  // Whether reports give it a number (count, money, percent).
  [[nodiscard]] bool is_numeric() const noexcept {
    return measure == Measure::count || measure == Measure::money || measure == Measure::percent;
  }

  // The value to reach, in `unit`: `value` for an absolute target; baseline × (1 + value/100) or
  // baseline + value for a rise. Empty when it cannot be known yet (a rise whose baseline is
  // unknown) or when the target is not numeric. The one place this rule is written.
  [[nodiscard]] TAIZHANG_EXPORT std::optional<Decimal> goal() const;

  // Whether the roll-up gives it a completion and counts it in its initiative's and the plan's
  // (rule 7): a milestone, or a numeric target whose goal() is known. Qualitative targets and
  // rises whose baseline is not known yet are not. The one place this rule is written.
  [[nodiscard]] TAIZHANG_EXPORT bool is_measurable() const;

  friend bool operator==(const Target&, const Target&) = default;
};

}  // namespace taizhang
