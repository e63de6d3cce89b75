#include "taizhang/report.hpp"

#include <algorithm>

#include "model/enum_names.hpp"
#include "taizhang/actor.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;

constexpr auto kRoles = detail::enum_names<ActorRole>(
    P<ActorRole>{ActorRole::reporter, "reporter"},
    P<ActorRole>{ActorRole::coordinator, "coordinator"},
    P<ActorRole>{ActorRole::administrator, "administrator"});
constexpr auto kStatuses = detail::enum_names<ReportStatus>(
    P<ReportStatus>{ReportStatus::draft, "draft"},
    P<ReportStatus>{ReportStatus::submitted, "submitted"},
    P<ReportStatus>{ReportStatus::accepted, "accepted"},
    P<ReportStatus>{ReportStatus::returned, "returned"});
constexpr auto kActions = detail::enum_names<ReportAction>(
    P<ReportAction>{ReportAction::saved, "saved"},
    P<ReportAction>{ReportAction::submitted, "submitted"},
    P<ReportAction>{ReportAction::resubmitted, "resubmitted"},
    P<ReportAction>{ReportAction::accepted, "accepted"},
    P<ReportAction>{ReportAction::returned, "returned"},
    P<ReportAction>{ReportAction::corrected, "corrected"});
}  // namespace

const char* to_string(ActorRole role) noexcept { return kRoles.name(role); }
std::optional<ActorRole> actor_role_from_string(std::string_view text) noexcept {
  return kRoles.parse(text);
}
const char* to_string(ReportStatus status) noexcept { return kStatuses.name(status); }
const char* to_string(ReportAction action) noexcept { return kActions.name(action); }
std::optional<ReportStatus> report_status_from_string(std::string_view text) noexcept {
  return kStatuses.parse(text);
}
std::optional<ReportAction> report_action_from_string(std::string_view text) noexcept {
  return kActions.parse(text);
}

std::string ReportKey::to_string() const { return plan + "/" + unit + "/" + period.to_string(); }

const InitiativeProgress* ReportContent::find_progress(int initiative) const noexcept {
  const auto it = std::find_if(progress.begin(), progress.end(), [&](const InitiativeProgress& p) {
    return p.initiative == initiative;
  });
  return it == progress.end() ? nullptr : &*it;
}

const TargetValue* ReportContent::find_value(std::string_view target) const noexcept {
  const auto it = std::find_if(values.begin(), values.end(),
                               [&](const TargetValue& v) { return v.target == target; });
  return it == values.end() ? nullptr : &*it;
}

}  // namespace taizhang
