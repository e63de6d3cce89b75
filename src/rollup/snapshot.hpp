// The columnar in-memory snapshot the roll-up works on (internal).
//
// Loaded once from the store and brought up to date by loading only what was recorded since
// (revisions are append-only and numbered in the order recorded, so "since" is an id), whoever
// recorded it: this process or another one. Values are kept column by column — target, exact
// coefficient, scale, stage — grouped by the revision that carries them; reports keep their
// revisions as a chain of small events, so a roll-up can ask for the content current at any time,
// or the content last accepted.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/report_lifecycle.hpp"
#include "store/store.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/period.hpp"
#include "taizhang/report.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang::rollup {

inline constexpr std::int32_t kNone = -1;

// A column that grows in fixed chunks of 2^16 entries: appending never moves what is there, so
// loading ten million values neither copies them on each doubling (which would hold two copies of a
// column at once, the peak memory of the load) nor leaves up to half of a doubled buffer unused.
template <class T>
class Column {
 public:
  static constexpr unsigned kShift = 16;
  static constexpr std::size_t kChunk = std::size_t{1} << kShift;

  void push_back(const T& v) {
    if ((size_ & (kChunk - 1)) == 0) chunks_.push_back(std::make_unique<T[]>(kChunk));
    chunks_.back()[size_ & (kChunk - 1)] = v;
    ++size_;
  }
  [[nodiscard]] const T& operator[](std::size_t i) const {
    return chunks_[i >> kShift][i & (kChunk - 1)];
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t bytes() const noexcept {
    return chunks_.size() * kChunk * sizeof(T) + chunks_.capacity() * sizeof(void*);
  }

 private:
  std::vector<std::unique_ptr<T[]>> chunks_;
  std::size_t size_ = 0;
};

// Lets the code maps be searched with a string_view, without making a string of it.
struct CodeHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
using CodeMap = std::unordered_map<std::string, std::int32_t, CodeHash, std::equal_to<>>;

// One revision of a report: when it was recorded, what it did, whose content applies.
// 24 bytes (there are as many as revisions): the revision's id in 32 bits and its number within
// the report in 16; sync() refuses a ledger beyond either (2^31 revisions, 65,535 of one report).
struct Event {
  std::int64_t recorded_ms = 0;
  std::int32_t revision_id = 0;
  std::int32_t content = kNone;  // index into Snapshot::contents
  std::int32_t next = kNone;     // the report's next event
  std::uint16_t number = 0;
  ReportAction action = ReportAction::saved;
};
static_assert(sizeof(Event) == 24);

// The values and progress entries one content revision holds: ranges into the columns.
struct Content {
  std::int64_t revision_id = 0;
  std::uint32_t values_begin = 0;
  std::uint32_t values_end = 0;
  std::uint32_t progress_begin = 0;
  std::uint32_t progress_end = 0;
};

struct SnapReport {
  std::int32_t plan = 0;  // index into Snapshot::plans
  std::int32_t unit = 0;  // index into Snapshot::unit_codes
  Period period;
  std::int32_t first_event = kNone;
  std::int32_t last_event = kNone;
};

// What a report holds at a moment (by its revisions recorded until then): the report lifecycle
// (model/report_lifecycle.hpp) folded over its events, with contents as indices into
// Snapshot::contents.
using ReportState = detail::Lifecycle<std::int32_t>;

struct SnapPlan {
  std::string code;
  std::vector<std::int32_t> reports;  // indices into Snapshot::reports
  CodeMap target_ids;                 // code → per-plan target id
  std::vector<std::string> target_codes;
};

class Snapshot final : public store::SnapshotSink {
 public:
  // Loads what was recorded since the last call (everything, the first time). Call inside a read
  // transaction of `store`. Returns the number of revisions loaded.
  std::int64_t sync(store::Store& store);

  // The state of report `r` counting the revisions recorded by `until_ms` (all when empty).
  [[nodiscard]] ReportState state(std::int32_t r, std::optional<std::int64_t> until_ms) const;

  [[nodiscard]] const SnapPlan* plan(std::string_view code) const;
  [[nodiscard]] std::int32_t unit_id(std::string_view code) const;  // kNone when unknown

  // The bytes the columns and tables take (for the benchmark's memory figures).
  [[nodiscard]] std::size_t memory_bytes() const;
  [[nodiscard]] std::size_t value_count() const { return value_target_.size(); }

  std::vector<SnapPlan> plans;
  std::vector<SnapReport> reports;
  std::vector<Event> events;
  std::vector<Content> contents;
  std::vector<std::string> unit_codes;
  std::vector<std::string> stage_names{""};  // index 0 is "" (no stage)

  // Value columns, grouped by content.
  [[nodiscard]] std::int32_t value_target(std::uint32_t i) const { return value_target_[i]; }
  [[nodiscard]] std::optional<Decimal> value(std::uint32_t i) const {
    if (value_scale_[i] < 0) return std::nullopt;
    return Decimal::from_parts(coefficient(i), value_scale_[i]);
  }
  [[nodiscard]] std::int16_t value_stage(std::uint32_t i) const { return value_stage_[i]; }
  [[nodiscard]] std::int32_t progress_initiative(std::uint32_t i) const {
    return progress_initiative_[i];
  }

  // store::SnapshotSink
  void report(const store::ReportRow& row) override;
  void revision(const store::RevisionRow& row) override;
  void value(std::int64_t revision_id, std::string_view target, const std::optional<Decimal>& value,
             std::string_view stage) override;
  void progress(std::int64_t revision_id, int initiative) override;

 private:
  std::int32_t intern_unit(std::string_view code);
  std::int32_t content_of(std::int64_t revision_id);

  std::int64_t last_report_id_ = 0;
  std::int64_t last_revision_id_ = 0;
  CodeMap plan_ids_;
  CodeMap unit_ids_;
  std::unordered_map<std::string, std::int16_t, CodeHash, std::equal_to<>> stage_ids_;
  std::vector<std::int64_t> report_store_ids_;   // store id of each report, ascending
  std::vector<std::int32_t> report_of_content_;  // the report each content belongs to
  // Where the value and progress rows of the current sync go: the content they belong to, and
  // whether its range has begun.
  std::size_t value_cursor_ = 0;
  std::size_t progress_cursor_ = 0;
  bool value_started_ = false;
  bool progress_started_ = false;
  SnapPlan* value_plan_ = nullptr;  // the plan of the content whose values are arriving
  std::int64_t loaded_in_sync_ = 0;

  Column<std::int32_t> value_target_;
  // Coefficients that fit in 32 bits (nearly all: 1.2 billion fen is 12 million yuan) are kept
  // here; the others are kBigCoefficient here and kept in big_coefficients_ by value index.
  static constexpr std::int32_t kBigCoefficient = std::numeric_limits<std::int32_t>::min();
  [[nodiscard]] std::int64_t coefficient(std::uint32_t i) const {
    const std::int32_t c = value_coefficient_[i];
    return c != kBigCoefficient ? c : big_coefficients_.at(i);
  }
  Column<std::int32_t> value_coefficient_;
  std::unordered_map<std::uint32_t, std::int64_t> big_coefficients_;
  Column<std::int8_t> value_scale_;  // -1: no value
  Column<std::int16_t> value_stage_;
  Column<std::int32_t> progress_initiative_;
};

}  // namespace taizhang::rollup
