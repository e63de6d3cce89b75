// The storage interface the ledger is written against (internal).
//
// The Ledger facade holds the rules (permissions, checks, lifecycle, hash chains); a Store only
// keeps and finds records. The embedded default is SqliteStore; a server database can be added as
// another implementation without touching the model, the ledger rules or the roll-up.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/period.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"
#include "taizhang/timestamp.hpp"
#include "taizhang/unit.hpp"

namespace taizhang::store {

// One recorded version of a plan, as stored.
struct PlanVersionRecord {
  std::int64_t id = 0;  // storage order
  std::string plan;     // the plan's code
  int version = 0;
  Timestamp recorded_at{};
  Actor actor;
  std::string reason;
  std::string document;  // the plan's canonical JSON
  std::string prev_hash;
  std::string hash;
};

// One revision of a report, as stored.
struct RevisionRecord {
  std::int64_t id = 0;  // storage order: the order revisions were recorded across the ledger
  ReportKey key;
  Revision revision;       // content filled from the revision that carries it
  int content_number = 0;  // the revision of this report whose content applies (itself when it
                           // carries content: saved, corrected)
  std::string prev_hash;

  [[nodiscard]] bool carries_content() const noexcept { return content_number == revision.number; }
};

// What the roll-up snapshot needs of a report and of a revision: keys and times, no text.
struct ReportRow {
  std::int64_t id = 0;
  std::string plan;
  std::string unit;
  Period period;
};
struct RevisionRow {
  std::int64_t id = 0;
  std::int64_t report_id = 0;
  int number = 0;
  Timestamp recorded_at{};
  ReportAction action = ReportAction::saved;
  int content_number = 0;
};

// Receives, in storage order, what was recorded after a point: for the roll-up snapshot.
class SnapshotSink {
 public:
  SnapshotSink() = default;
  SnapshotSink(const SnapshotSink&) = delete;
  SnapshotSink& operator=(const SnapshotSink&) = delete;
  virtual ~SnapshotSink() = default;
  virtual void report(const ReportRow& row) = 0;
  virtual void revision(const RevisionRow& row) = 0;
  // A value row of a revision that carries content (revisions in id order, values grouped).
  virtual void value(std::int64_t revision_id, std::string_view target,
                     std::optional<std::string_view> value, std::string_view stage) = 0;
  virtual void progress(std::int64_t revision_id, int initiative) = 0;
};

class Store {
 public:
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store() = default;

  // Runs `work` as one write transaction, serialised against every other writer of the ledger:
  // committed when `work` returns, rolled back (nothing written) when it throws.
  virtual void write(const std::function<void()>& work) = 0;
  // Runs `work` as one read transaction: every query inside sees the same committed state.
  virtual void read(const std::function<void()>& work) = 0;

  // ---- units
  virtual std::vector<Unit> units() = 0;
  virtual std::optional<Unit> unit(std::string_view code) = 0;
  virtual void put_unit(const Unit& unit) = 0;

  // ---- plans
  // The current version number of one plan, or nullopt when there is no such plan.
  virtual std::optional<int> plan_version_now(std::string_view plan) = 0;
  // Every version of `plan` (oldest first); every version of every plan when `plan` is empty.
  virtual std::vector<PlanVersionRecord> plan_versions(std::string_view plan) = 0;
  // Appends a version (version 1 creates the plan) and makes it current; sets record.id.
  virtual void add_plan_version(PlanVersionRecord& record, const Plan& plan) = 0;
  // The hash of the plan version recorded last in the whole ledger ("" when none).
  virtual std::string last_plan_hash() = 0;

  // ---- reports
  // The keys of the reports of `plan`, filtered by period and unit when given.
  virtual std::vector<ReportKey> report_keys(std::string_view plan,
                                             const std::optional<Period>& period,
                                             std::string_view unit) = 0;
  // Every revision of the report, oldest first, each with the content that applies to it.
  virtual std::vector<RevisionRecord> revisions(const ReportKey& key) = 0;
  // Appends a revision (the first one creates the report); sets record.id. Content rows are
  // written only when the record carries content.
  virtual void add_revision(RevisionRecord& record) = 0;
  // The hash of the revision recorded last in the whole ledger ("" when none).
  virtual std::string last_revision_hash() = 0;
  // The unit's values of `target` in the current content of each of its reports of `plan`.
  virtual std::vector<std::pair<Period, Decimal>> current_values(std::string_view plan,
                                                                 std::string_view unit,
                                                                 std::string_view target) = 0;

  // Sends every report with id > after_report and every revision with id > after_revision (with
  // its values and progress) to `sink`, reports first, each kind in id order. Call inside read().
  virtual void scan_since(std::int64_t after_report, std::int64_t after_revision,
                          SnapshotSink& sink) = 0;

  // ---- integrity
  // Calls `visit` for every revision in storage order (content filled), then every plan version.
  virtual void scan(const std::function<void(const RevisionRecord&)>& revision,
                    const std::function<void(const PlanVersionRecord&)>& plan_version) = 0;
  // "ok", or what the storage's own integrity check found.
  virtual std::string integrity_check() = 0;
  // A consistent copy of the whole ledger into a new file at `destination`.
  virtual void backup(const std::filesystem::path& destination) = 0;
};

}  // namespace taizhang::store
