// Every reported value of a ledger as one table, column by column: for exports and data frames.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "taizhang/decimal.hpp"
#include "taizhang/period.hpp"
#include "taizhang/report.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// Which values to list. Empty members do not filter.
struct ValuesQuery {
  std::string plan;                      // one plan's values; empty: every plan's
  std::optional<Timestamp> recorded_at;  // the values as recorded at this time
  bool accepted_only = false;            // the content last accepted instead of the one handed in
  bool include_drafts = false;           // a preview: each report's latest content, drafts included

  friend bool operator==(const ValuesQuery&, const ValuesQuery&) = default;
};

// One row per value in the content each report counts (what was handed in, as the roll-up counts
// it, never a draft unless include_drafts; or the one last accepted), ordered by plan, report (as
// stored) and target code. Repeated text is dictionary-encoded: `plan[i]` indexes `plans`,
// `unit[i]` `units`, `target[i]` `targets` and `stage[i]` `stages` (−1: no stage). Every column has
// size() entries.
struct ValueTable {
  std::vector<std::string> plans;
  std::vector<std::string> units;
  std::vector<std::string> targets;
  std::vector<std::string> stages;

  std::vector<std::int32_t> plan;
  std::vector<std::int32_t> unit;
  std::vector<Period> period;
  std::vector<std::int32_t> target;
  std::vector<std::optional<Decimal>> value;  // in the target's unit; empty for milestones
  std::vector<std::int32_t> stage;
  std::vector<ReportStatus> status;    // the report's status (as recorded at the time)
  std::vector<std::int32_t> revision;  // the revision whose content holds the value
  std::vector<Timestamp> recorded_at;  // when that revision was recorded

  [[nodiscard]] std::size_t size() const noexcept { return plan.size(); }

  friend bool operator==(const ValueTable&, const ValueTable&) = default;
};

}  // namespace taizhang
