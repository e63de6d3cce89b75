#include "taizhang/rollup.hpp"

#include <algorithm>

#include "util/enum_names.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;

constexpr auto kStatuses =
    detail::enum_names<ProgressStatus>(P<ProgressStatus>{ProgressStatus::achieved, "achieved"},
                                       P<ProgressStatus>{ProgressStatus::on_track, "on_track"},
                                       P<ProgressStatus>{ProgressStatus::at_risk, "at_risk"},
                                       P<ProgressStatus>{ProgressStatus::behind, "behind"},
                                       P<ProgressStatus>{ProgressStatus::no_data, "no_data"},
                                       P<ProgressStatus>{ProgressStatus::overdue, "overdue"});
constexpr auto kCompliance = detail::enum_names<Compliance>(
    P<Compliance>{Compliance::not_due, "not_due"}, P<Compliance>{Compliance::on_time, "on_time"},
    P<Compliance>{Compliance::late, "late"}, P<Compliance>{Compliance::missing, "missing"},
    P<Compliance>{Compliance::omitted, "omitted"}, P<Compliance>{Compliance::returned, "returned"});
constexpr auto kOutlooks = detail::enum_names<Outlook>(
    P<Outlook>{Outlook::none, "none"}, P<Outlook>{Outlook::likely_met, "likely_met"},
    P<Outlook>{Outlook::likely_short, "likely_short"});

template <class T, class Key, class Field>
const T* find_in(const std::vector<T>& items, const Key& key, Field field) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*field == key; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const char* to_string(ProgressStatus status) noexcept {
  return kStatuses.name(status);
}
std::optional<ProgressStatus> progress_status_from_string(std::string_view text) noexcept {
  return kStatuses.parse(text);
}
const char* to_string(Compliance compliance) noexcept {
  return kCompliance.name(compliance);
}
std::optional<Compliance> compliance_from_string(std::string_view text) noexcept {
  return kCompliance.parse(text);
}
const char* to_string(Outlook outlook) noexcept {
  return kOutlooks.name(outlook);
}
std::optional<Outlook> outlook_from_string(std::string_view text) noexcept {
  return kOutlooks.parse(text);
}

// The words and colours of the outputs, each written once here: the dashboard, the terminal table,
// the CLI and the Python plots take them from these functions. A switch without a default, so
// that an enum value added without its words does not compile (-Wswitch).
const char* status_label(ProgressStatus status) noexcept {
  switch (status) {
    case ProgressStatus::achieved: return "已完成";
    case ProgressStatus::on_track: return "进度正常";
    case ProgressStatus::at_risk: return "有风险";
    case ProgressStatus::behind: return "滞后";
    case ProgressStatus::no_data: return "无数据";
    case ProgressStatus::overdue: return "逾期";
  }
  return "";
}
const char* status_colour(ProgressStatus status) noexcept {
  switch (status) {
    case ProgressStatus::achieved: return "#1a9850";
    case ProgressStatus::on_track: return "#91cf60";
    case ProgressStatus::at_risk: return "#fdae61";
    case ProgressStatus::behind: return "#d73027";
    case ProgressStatus::no_data: return "#bdbdbd";
    case ProgressStatus::overdue: return "#7f0000";
  }
  return "";
}
const char* outlook_label(Outlook outlook) noexcept {
  switch (outlook) {
    case Outlook::none: return "";
    case Outlook::likely_met: return "预计完成";
    case Outlook::likely_short: return "预计滞后";
  }
  return "";
}
const char* compliance_label(Compliance compliance) noexcept {
  switch (compliance) {
    case Compliance::not_due: return "未到期";
    case Compliance::on_time: return "已报";
    case Compliance::late: return "迟报";
    case Compliance::missing: return "未报";
    case Compliance::omitted: return "漏报";
    case Compliance::returned: return "退回未改";
  }
  return "";
}
const char* compliance_colour(Compliance compliance) noexcept {
  switch (compliance) {
    case Compliance::not_due: return "#deebf7";
    case Compliance::on_time: return "#1a9850";
    case Compliance::late: return "#fdae61";
    case Compliance::missing: return "#d73027";
    case Compliance::omitted: return "#f46d43";
    case Compliance::returned: return "#762a83";
  }
  return "";
}

const TargetRollup* Rollup::find_target(std::string_view code) const {
  return find_in(targets, code, &TargetRollup::code);
}
const InitiativeRollup* Rollup::find_initiative(int number) const {
  return find_in(initiatives, number, &InitiativeRollup::number);
}
const UnitRollup* Rollup::find_unit(std::string_view code) const {
  return find_in(units, code, &UnitRollup::unit);
}

}  // namespace taizhang
