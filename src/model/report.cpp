#include "taizhang/report.hpp"

#include <algorithm>

#include "taizhang/actor.hpp"
#include "util/enum_names.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;

constexpr auto kRoles =
    detail::enum_names<ActorRole>(P<ActorRole>{ActorRole::reporter, "reporter"},
                                  P<ActorRole>{ActorRole::coordinator, "coordinator"},
                                  P<ActorRole>{ActorRole::administrator, "administrator"});
constexpr auto kStatuses =
    detail::enum_names<ReportStatus>(P<ReportStatus>{ReportStatus::draft, "draft"},
                                     P<ReportStatus>{ReportStatus::submitted, "submitted"},
                                     P<ReportStatus>{ReportStatus::accepted, "accepted"},
                                     P<ReportStatus>{ReportStatus::returned, "returned"});
constexpr auto kActions =
    detail::enum_names<ReportAction>(P<ReportAction>{ReportAction::saved, "saved"},
                                     P<ReportAction>{ReportAction::submitted, "submitted"},
                                     P<ReportAction>{ReportAction::resubmitted, "resubmitted"},
                                     P<ReportAction>{ReportAction::accepted, "accepted"},
                                     P<ReportAction>{ReportAction::returned, "returned"},
                                     P<ReportAction>{ReportAction::corrected, "corrected"},
                                     P<ReportAction>{ReportAction::withdrawn, "withdrawn"});
constexpr auto kModes = detail::enum_names<ContentMode>(
    P<ContentMode>{ContentMode::replace, "replace"}, P<ContentMode>{ContentMode::merge, "merge"});
}  // namespace

const char* to_string(ContentMode mode) noexcept {
  return kModes.name(mode);
}
std::optional<ContentMode> content_mode_from_string(std::string_view text) noexcept {
  return kModes.parse(text);
}

const char* to_string(ActorRole role) noexcept {
  return kRoles.name(role);
}
std::optional<ActorRole> actor_role_from_string(std::string_view text) noexcept {
  return kRoles.parse(text);
}
const char* to_string(ReportStatus status) noexcept {
  return kStatuses.name(status);
}
const char* to_string(ReportAction action) noexcept {
  return kActions.name(action);
}
std::optional<ReportStatus> report_status_from_string(std::string_view text) noexcept {
  return kStatuses.parse(text);
}
std::optional<ReportAction> report_action_from_string(std::string_view text) noexcept {
  return kActions.parse(text);
}

std::string ReportKey::to_string() const {
  return plan + "/" + unit + "/" + period.to_string();
}

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

ReportContent merge_content(const ReportContent& base, const ReportContent& patch) {
  ReportContent out = base;
  for (const InitiativeProgress& p : patch.progress) {
    const auto it =
        std::find_if(out.progress.begin(), out.progress.end(),
                     [&](const InitiativeProgress& q) { return q.initiative == p.initiative; });
    if (it == out.progress.end()) {
      out.progress.push_back(p);
      continue;
    }
    if (!p.narrative.empty()) it->narrative = p.narrative;
    if (p.expected_completion) it->expected_completion = p.expected_completion;
  }
  for (const TargetValue& v : patch.values) {
    const auto it = std::find_if(out.values.begin(), out.values.end(),
                                 [&](const TargetValue& w) { return w.target == v.target; });
    if (it == out.values.end()) {
      out.values.push_back(v);
      continue;
    }
    if (v.value || !v.text.empty()) {
      // A new number replaces the old one with its unit and what was filed.
      it->value = v.value;
      it->text = v.text;
      it->unit = v.unit;
      it->filed_value.reset();
      it->filed_unit.clear();
    }
    if (!v.stage.empty()) it->stage = v.stage;
    if (!v.comment.empty()) it->comment = v.comment;
    if (!v.evidence.empty()) it->evidence = v.evidence;
  }
  return out;
}

std::vector<Issue> removed_by(const ReportContent& current, const ReportContent& replacement) {
  std::vector<Issue> out;
  const auto warn = [&](std::string path, std::string message) {
    out.push_back({Issue::Severity::warning, std::move(path), std::move(message)});
  };
  for (std::size_t i = 0; i < current.values.size(); ++i) {
    const TargetValue& v = current.values[i];
    const TargetValue* kept = replacement.find_value(v.target);
    const std::string path = "values[" + std::to_string(i) + "]";
    const std::string was = v.value ? v.value->to_string() : (!v.text.empty() ? v.text : v.stage);
    if (kept == nullptr) {
      if (!was.empty() || !v.comment.empty() || !v.evidence.empty()) {
        warn(path, "the replacement removes the value of target " + v.target +
                       (was.empty() ? "" : " (" + was + ")"));
      }
      continue;
    }
    if (!was.empty() && !kept->value && kept->text.empty() && kept->stage.empty()) {
      warn(path, "the replacement removes the value of target " + v.target + " (" + was + ")");
    }
    if (!v.comment.empty() && kept->comment.empty()) {
      warn(path + ".comment", "the replacement removes the comment on target " + v.target);
    }
    if (!v.evidence.empty() && kept->evidence.empty()) {
      warn(path + ".evidence", "the replacement removes the evidence of target " + v.target);
    }
  }
  for (std::size_t i = 0; i < current.progress.size(); ++i) {
    const InitiativeProgress& p = current.progress[i];
    const InitiativeProgress* kept = replacement.find_progress(p.initiative);
    const std::string path = "progress[" + std::to_string(i) + "]";
    const std::string n = std::to_string(p.initiative);
    if (!p.narrative.empty() && (kept == nullptr || kept->narrative.empty())) {
      warn(path + ".narrative", "the replacement removes the narrative of initiative " + n);
    }
    if (p.expected_completion && (kept == nullptr || !kept->expected_completion)) {
      warn(path + ".expected_completion",
           "the replacement removes the 完成时限 of initiative " + n);
    }
  }
  return out;
}

}  // namespace taizhang
