#include "taizhang/rollup.hpp"

#include <algorithm>

#include "util/enum_names.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;

constexpr auto kStatuses = detail::enum_names<Status>(
    P<Status>{Status::achieved, "achieved"}, P<Status>{Status::on_track, "on_track"},
    P<Status>{Status::at_risk, "at_risk"}, P<Status>{Status::behind, "behind"},
    P<Status>{Status::no_data, "no_data"}, P<Status>{Status::overdue, "overdue"});
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

const char* to_string(Status status) noexcept {
  return kStatuses.name(status);
}
std::optional<Status> status_from_string(std::string_view text) noexcept {
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
