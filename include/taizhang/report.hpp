// Progress reports: what a unit files for one period of a plan, and every revision of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/error.hpp"
#include "taizhang/export.hpp"
#include "taizhang/period.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// Which report: one per plan × unit × period.
struct ReportKey {
  std::string plan;  // plan code
  std::string unit;  // unit code
  Period period;     // a period of the plan's reporting kind inside its window

  // "linzi-2021-women-children/health/2021Q2".
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string() const;

  friend bool operator==(const ReportKey&, const ReportKey&) = default;
};

// The state a report is in. Part of the persistent format: do not renumber.
enum class ReportStatus : std::uint8_t {
  draft = 1,      // saved by the unit, not yet handed in
  submitted = 2,  // handed in (or resubmitted, or corrected), awaiting the coordinator
  accepted = 3,   // accepted by the coordinator
  returned = 4,   // sent back by the coordinator with a reason; the unit edits and resubmits
};

// What a revision did. Part of the persistent format: do not renumber.
enum class ReportAction : std::uint8_t {
  saved = 1,        // content saved as a draft (or edited after a return)
  submitted = 2,    // first handed in
  resubmitted = 3,  // handed in again after a return
  accepted = 4,
  returned = 5,   // with the coordinator's reason
  corrected = 6,  // content changed after acceptance, with a reason; awaits acceptance again
  withdrawn = 7,  // taken back by the unit before the office acted on it: a draft again
};

TAIZHANG_EXPORT const char* to_string(ReportStatus status) noexcept;
TAIZHANG_EXPORT const char* to_string(ReportAction action) noexcept;
TAIZHANG_EXPORT std::optional<ReportStatus> report_status_from_string(std::string_view) noexcept;
TAIZHANG_EXPORT std::optional<ReportAction> report_action_from_string(std::string_view) noexcept;

// The progress of one initiative in the period, as the notice's form asks for it.
struct InitiativeProgress {
  int initiative = 0;                       // the initiative's number
  std::string narrative;                    // 本季度具体措施及任务进度情况
  std::optional<Date> expected_completion;  // 完成时限

  friend bool operator==(const InitiativeProgress&, const InitiativeProgress&) = default;
};

// A value for one target. Filed with `value` in `unit` (empty: the target's own unit), or as
// written in `text`; stored and read back converted exactly into the target's unit, with what was
// filed kept beside it.
struct TargetValue {
  std::string target;            // the target's code: "1.1"
  std::optional<Decimal> value;  // count, money and percent targets
  std::string unit;   // unit of measure of `value` (or of `text`); empty: the target's unit
  std::string stage;  // milestone targets: the stage reached ("推进中")
  std::string comment;
  std::string evidence;  // a link or reference to the evidence

  // Read back only: the value and unit as filed, before conversion (empty when not converted).
  std::optional<Decimal> filed_value;
  std::string filed_unit;

  // Instead of `value`: the value as a person wrote it ("1500万", "3000万元", "１８０００"), read
  // against the target's unit of measure by read_value() (quantity.hpp) when it is filed, so that
  // "1500万" on a target in 万元 is 1500. Empty when read back.
  std::string text;

  friend bool operator==(const TargetValue&, const TargetValue&) = default;
};

// What a unit writes into a report.
struct ReportContent {
  std::vector<InitiativeProgress> progress;  // one per initiative at most
  std::vector<TargetValue> values;           // one per target at most

  [[nodiscard]] TAIZHANG_EXPORT const InitiativeProgress* find_progress(
      int initiative) const noexcept;
  [[nodiscard]] TAIZHANG_EXPORT const TargetValue* find_value(
      std::string_view target) const noexcept;

  friend bool operator==(const ReportContent&, const ReportContent&) = default;
};

// How the content a write call gives relates to the report's content. Part of the public
// contract: do not renumber.
enum class ContentMode : std::uint8_t {
  replace = 1,  // it is the report's whole content; values and narratives it leaves out are gone
                // (the returned report warns, naming each)
  merge = 2,    // it changes only what it names, as merge_content() lays it over the report's
};
TAIZHANG_EXPORT const char* to_string(ContentMode mode) noexcept;
TAIZHANG_EXPORT std::optional<ContentMode> content_mode_from_string(std::string_view text) noexcept;

// `patch` laid over `base`, for writes that change only what they name. A value of `patch` for a
// target replaces, of `base`'s value for that target, the fields the patch sets: the number (its
// `value` or `text`, with its `unit`), the stage, the comment, the evidence. A progress entry
// replaces the narrative and the 完成时限 it sets. Targets and initiatives `patch` does not name
// keep what `base` has; new ones are added. Nothing is removed: removing takes a replacement.
TAIZHANG_EXPORT ReportContent merge_content(const ReportContent& base, const ReportContent& patch);

// What `replacement` removes of `current`: a warning for each value (by target) and each
// narrative or 完成时限 (by initiative) that `current` has and `replacement` does not, with its
// path in `current` ("values[1]", "progress[0].narrative"). Empty when nothing is lost.
TAIZHANG_EXPORT std::vector<Issue> removed_by(const ReportContent& current,
                                              const ReportContent& replacement);

// One saved state of a report, kept forever.
struct Revision {
  int number = 0;           // 1, 2, … within the report
  Timestamp recorded_at{};  // when the ledger recorded it (UTC, ms)
  Actor actor;              // who
  ReportAction action = ReportAction::saved;
  ReportStatus status = ReportStatus::draft;  // the report's state after this revision
  std::string reason;     // the coordinator's reason for a return; the reason of a correction
  ReportContent content;  // the report's content in this state
  std::string hash;       // SHA-256 (hex) chaining this revision to the one recorded before it

  friend bool operator==(const Revision&, const Revision&) = default;
};

// A report as it stands (now, or as recorded at some time).
struct Report {
  ReportKey key;
  Revision current;                          // the latest revision (up to the time asked for)
  std::optional<Timestamp> first_submitted;  // when it was first handed in: decides on time or late
  std::optional<Timestamp> last_accepted;    // when it was last accepted
  int accepted_revision = 0;  // the revision whose content was last accepted (0: never accepted)
  // The revision whose content the default views (status, forms, the chasing list, values) count:
  // while the report is submitted or accepted, the content handed in; while it is a draft or
  // returned, the content last accepted. A draft is never counted. 0: nothing counts.
  int counted_revision = 0;
  ReportContent counted;  // the content of counted_revision (empty when nothing counts)
  // When the coordinator last returned it, while it waits to be handed in again (退回未改).
  std::optional<Timestamp> returned_at;
  // 需核实: the values of its current content that look implausible (more than the plan's
  // reporting_rules.over_goal times the goal; a running total or a level that moves by more than
  // reporting_rules.jump from the unit's latest earlier period), each with its path
  // ("values[0].value"). On the report a write call returns, also what that call's replacement of
  // the content removed. Warnings never stop a filing: the coordinating office decides.
  std::vector<Issue> warnings;

  [[nodiscard]] ReportStatus status() const noexcept { return current.status; }
  // The latest content, drafts included (what the unit sees); `counted` is what the office counts.
  [[nodiscard]] const ReportContent& content() const noexcept { return current.content; }

  friend bool operator==(const Report&, const Report&) = default;
};

}  // namespace taizhang
