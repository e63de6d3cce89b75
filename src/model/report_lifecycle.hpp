// The lifecycle of a report, folded revision by revision (internal). The one place its rules are
// written: which state each action leaves, which revisions carry content, when a report was handed
// in, accepted and returned, and which content each view counts (docs/rollup.md "What counts").
// The ledger (Report), the roll-up snapshot, the values table and the history JSON all fold with
// it.
#pragma once

#include <cstdint>
#include <optional>

#include "taizhang/report.hpp"

namespace taizhang::detail {

// The state a report is in after a revision with `action`.
constexpr ReportStatus status_after(ReportAction action) noexcept {
  switch (action) {
    case ReportAction::saved:
    case ReportAction::withdrawn: return ReportStatus::draft;
    case ReportAction::submitted:
    case ReportAction::resubmitted:
    case ReportAction::corrected: return ReportStatus::submitted;
    case ReportAction::accepted: return ReportStatus::accepted;
    case ReportAction::returned: return ReportStatus::returned;
  }
  return ReportStatus::draft;
}

// Whether a revision with `action` carries content of its own (the others keep the content of the
// revision before them).
constexpr bool carries_content(ReportAction action) noexcept {
  return action == ReportAction::saved || action == ReportAction::corrected;
}

// Which content a view counts. The default counts what was handed in; drafts only in a preview.
enum class Counting : std::uint8_t { handed_in, accepted_only, with_drafts };

constexpr Counting counting(bool accepted_only, bool include_drafts) noexcept {
  return accepted_only ? Counting::accepted_only
                       : (include_drafts ? Counting::with_drafts : Counting::handed_in);
}

// `Content` names a content (a revision number, an index); `none` stands for no content.
template <class Content>
class Lifecycle {
 public:
  explicit constexpr Lifecycle(Content none) noexcept
      : current(none), accepted(none), last_hand_in(none), none_(none) {}

  // Applies the next revision: its action, time, and the content that applies after it.
  void apply(ReportAction action, std::int64_t recorded_ms, Content content) {
    exists = true;
    status = status_after(action);
    current = content;
    switch (action) {
      case ReportAction::submitted:
        if (!first_submitted_ms) first_submitted_ms = recorded_ms;
        returned_ms.reset();
        last_hand_in = content;
        break;
      case ReportAction::resubmitted:
        // Handed in again after a return (the first hand-in stands), or after a withdrawal (the
        // hand-in taken back never counted: this one is the first).
        if (!first_submitted_ms) first_submitted_ms = recorded_ms;
        returned_ms.reset();
        last_hand_in = content;
        break;
      case ReportAction::corrected:
        returned_ms.reset();
        last_hand_in = content;
        break;
      case ReportAction::withdrawn:
        // Taken back before the office acted: as if it had not been handed in.
        first_submitted_ms.reset();
        last_hand_in = none_;
        break;
      case ReportAction::accepted:
        accepted = content;
        last_accepted_ms = recorded_ms;
        returned_ms.reset();
        break;
      case ReportAction::returned: returned_ms = recorded_ms; break;
      case ReportAction::saved: break;
    }
  }

  // The content the default views count: the content handed in while the report is submitted or
  // accepted; otherwise (a draft, a returned report) the content last accepted, if any.
  [[nodiscard]] Content handed_in() const noexcept {
    return status == ReportStatus::submitted || status == ReportStatus::accepted ? current
                                                                                 : accepted;
  }

  [[nodiscard]] Content counted(Counting how) const noexcept {
    switch (how) {
      case Counting::handed_in: return handed_in();
      case Counting::accepted_only: return accepted;
      case Counting::with_drafts: return current;
    }
    return none_;
  }

  bool exists = false;
  ReportStatus status = ReportStatus::draft;
  Content current;   // the content of the latest revision, drafts included
  Content accepted;  // the content last accepted
  // The content of the latest hand-in (submitted, resubmitted, corrected), even if returned since:
  // what the unit handed in, for the chasing list's question whether it covered its initiatives.
  Content last_hand_in;
  std::optional<std::int64_t> first_submitted_ms;  // the first hand-in: decides on time or late
  std::optional<std::int64_t> last_accepted_ms;
  std::optional<std::int64_t> returned_ms;  // the last return, while not handed in again

 private:
  Content none_;
};

}  // namespace taizhang::detail
