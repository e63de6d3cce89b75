#include "taizhang/target.hpp"

#include "taizhang/error.hpp"
#include "util/enum_names.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;

constexpr auto kMeasures = detail::enum_names<Measure>(
    P<Measure>{Measure::count, "count"}, P<Measure>{Measure::money, "money"},
    P<Measure>{Measure::percent, "percent"}, P<Measure>{Measure::milestone, "milestone"},
    P<Measure>{Measure::qualitative, "qualitative"});
constexpr auto kDirections =
    detail::enum_names<Direction>(P<Direction>{Direction::higher_is_better, "higher_is_better"},
                                  P<Direction>{Direction::lower_is_better, "lower_is_better"});
constexpr auto kAccumulations =
    detail::enum_names<Accumulation>(P<Accumulation>{Accumulation::incremental, "incremental"},
                                     P<Accumulation>{Accumulation::cumulative, "cumulative"},
                                     P<Accumulation>{Accumulation::level, "level"});
constexpr auto kCombinations = detail::enum_names<Combination>(
    P<Combination>{Combination::sum, "sum"}, P<Combination>{Combination::lead_only, "lead_only"},
    P<Combination>{Combination::max, "max"}, P<Combination>{Combination::mean, "mean"});
constexpr auto kForms =
    detail::enum_names<TargetForm>(P<TargetForm>{TargetForm::absolute, "absolute"},
                                   P<TargetForm>{TargetForm::rise_percent, "rise_percent"},
                                   P<TargetForm>{TargetForm::rise_amount, "rise_amount"});
}  // namespace

const char* to_string(Measure v) noexcept {
  return kMeasures.name(v);
}
const char* to_string(Direction v) noexcept {
  return kDirections.name(v);
}
const char* to_string(Accumulation v) noexcept {
  return kAccumulations.name(v);
}
const char* to_string(Combination v) noexcept {
  return kCombinations.name(v);
}
const char* to_string(TargetForm v) noexcept {
  return kForms.name(v);
}
std::optional<Measure> measure_from_string(std::string_view s) noexcept {
  return kMeasures.parse(s);
}
std::optional<Direction> direction_from_string(std::string_view s) noexcept {
  return kDirections.parse(s);
}
std::optional<Accumulation> accumulation_from_string(std::string_view s) noexcept {
  return kAccumulations.parse(s);
}
std::optional<Combination> combination_from_string(std::string_view s) noexcept {
  return kCombinations.parse(s);
}
std::optional<TargetForm> target_form_from_string(std::string_view s) noexcept {
  return kForms.parse(s);
}

const std::vector<MilestoneStage>& default_milestone_stages() {
  static const std::vector<MilestoneStage> stages = {
      {"未启动", Decimal(0)},
      {"已启动", Decimal::from_parts(25, 2)},
      {"推进中", Decimal::from_parts(5, 1)},
      {"基本完成", Decimal::from_parts(75, 2)},
      {"已完成", Decimal(1)},
  };
  return stages;
}

std::optional<Decimal> Target::goal() const {
  if (!is_numeric() || !value) return std::nullopt;
  switch (form) {
    case TargetForm::absolute: return value;
    case TargetForm::rise_percent:
      if (!baseline || !baseline->value) return std::nullopt;
      // baseline × (1 + x/100), exact: x/100 is a shift, not a division.
      return *baseline->value + *baseline->value * value->shifted(-2);
    case TargetForm::rise_amount:
      if (!baseline || !baseline->value) return std::nullopt;
      return *baseline->value + *value;
  }
  return std::nullopt;
}

bool Target::is_measurable() const {
  if (measure == Measure::milestone) return true;
  try {
    return goal().has_value();
  } catch (const Error&) {
    return false;  // a goal too large for exact decimals cannot be measured against
  }
}

}  // namespace taizhang
