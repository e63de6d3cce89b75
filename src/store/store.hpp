// The storage interface the ledger is written against (internal).
//
// The Ledger facade holds the rules (permissions, checks, lifecycle, hash chains); a Store only
// keeps and finds records. The embedded default is SqliteStore; a server database can be added as
// another implementation without touching the model, the ledger rules or the roll-up.
#pragma once

#include <chrono>
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

// How a store is opened, in terms every backend has (the ledger maps its LedgerOptions onto these;
// a backend's own settings, such as SQLite's page cache, are its own options).
struct StoreOptions {
  bool create_if_missing = true;                   // create an empty ledger where there is none
  bool read_only = false;                          // write nothing, upgrade nothing
  std::chrono::milliseconds busy_timeout{30'000};  // how long to wait for another writer's lock
  bool durable_commits =
      true;  // a commit survives a power failure, not only a crash of the program
};

// One recorded version of a plan, as stored.
struct PlanVersionRecord {
  std::int64_t id = 0;  // storage order
  std::string plan;     // the plan's code
  int version = 0;
  Timestamp recorded_at{};
  Actor actor;
  std::string reason;
  std::string document;   // the plan's canonical JSON
  std::string signer;     // the key id that signed it; empty: unsigned
  std::string signature;  // hex Ed25519 signature of its canonical bytes; empty: unsigned
  std::string prev_hash;
  std::string hash;
};

// One event of the registry: identities, keys, grants, the unit catalogue, import windows.
struct RegistryRecord {
  std::int64_t id = 0;  // storage order
  Timestamp recorded_at{};
  std::string kind;      // "identity", "key", "grant", "revoke", "unit", "catalogue", ...
  std::string subject;   // the identity's id or the unit's code; empty for the ledger as a whole
  std::string document;  // the event's canonical JSON
  Actor actor;
  std::string signer;
  std::string signature;
  std::string prev_hash;
  std::string hash;
};

// A head: the tips of every chain after one write transaction, chained to the head before it.
struct HeadRecord {
  std::int64_t id = 0;
  Timestamp recorded_at{};
  std::string revision_tip;
  std::string plan_tip;
  std::string registry_tip;
  std::string prev_head;
  std::string head;
};

// One revision of a report, as stored.
struct RevisionRecord {
  std::int64_t id = 0;  // storage order: the order revisions were recorded across the ledger
  ReportKey key;
  Revision revision;       // content filled from the revision that carries it
  int content_number = 0;  // the revision of this report whose content applies (itself when it
                           // carries content: saved, corrected)
  std::string signer;      // the key id that signed it; empty: unsigned
  std::string signature;   // hex Ed25519 signature of its canonical bytes; empty: unsigned
  std::string prev_hash;
  // Not stored: the hash of the revision whose content applies, which a signed revision that
  // carries no content commits to (filled by whoever computes or checks its hash).
  std::string content_hash;

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
  // A value row of a revision that carries content (revisions in id order, values grouped): the
  // value as the Decimal it is (how a backend stores it never leaves the store), nullopt for a
  // milestone's row, which carries its stage instead.
  virtual void value(std::int64_t revision_id, std::string_view target,
                     const std::optional<Decimal>& value, std::string_view stage) = 0;
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

  // ---- the registry and the heads
  // Every registry event with id > after_id, in storage order.
  virtual std::vector<RegistryRecord> registry(std::int64_t after_id) = 0;
  // Appends an event; sets record.id.
  virtual void add_registry(RegistryRecord& record) = 0;
  // The hash of the registry event recorded last ("" when none).
  virtual std::string last_registry_hash() = 0;
  // Every head, oldest first.
  virtual std::vector<HeadRecord> heads() = 0;
  virtual std::optional<HeadRecord> last_head() = 0;
  virtual void add_head(HeadRecord& record) = 0;
  // The latest time any revision, plan version or registry event (other than the opening and
  // closing of import windows) was recorded; nullopt in an empty ledger.
  virtual std::optional<Timestamp> last_record_time() = 0;

  // What the tables outside the chains say, for verify() to cross-check against the chains.
  struct ReportRowState {
    ReportKey key;
    std::string status;
    int revisions = 0;
  };
  struct PlanRowState {
    std::string code;
    std::string title;
    int year = 0;
    int current_version = 0;
  };
  virtual std::vector<ReportRowState> report_rows() = 0;
  virtual std::vector<PlanRowState> plan_rows() = 0;

  // ---- integrity
  // Calls `visit` for every revision in storage order (content filled), then every plan version.
  // A row that cannot be read is passed to `problem` (what, where) and skipped, when `problem` is
  // given; otherwise it throws.
  virtual void scan(const std::function<void(const RevisionRecord&)>& revision,
                    const std::function<void(const PlanVersionRecord&)>& plan_version,
                    const std::function<void(const std::string&)>& problem = {}) = 0;
  // "ok", or what the storage's own integrity check found.
  virtual std::string integrity_check() = 0;
  // A consistent copy of the whole ledger into a new file at `destination`.
  virtual void backup(const std::filesystem::path& destination) = 0;
};

}  // namespace taizhang::store
