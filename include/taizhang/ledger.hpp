// The ledger: plans and progress reports kept in one file, so that nothing a unit ever filed is
// lost or silently changed.
//
// The embedded default keeps the ledger in an SQLite file (schema in docs/schema.md). Every write
// names an Actor and is checked against what the actor's role allows; every check happens before
// anything is written, and a call that fails writes nothing. Every save of a report is a new
// revision, recorded with its time and actor and chained to the previous one by a SHA-256 hash
// (verify() recomputes the chain).
//
// Thread safety: a Ledger may be shared by several threads; its calls are serialised on one
// connection. For parallel reading, open one Ledger per thread on the same file. Several processes
// may open the same file at once: writers take turns (waiting up to the busy timeout), and readers
// see the last committed state.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/export.hpp"
#include "taizhang/identity.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"
#include "taizhang/rollup.hpp"
#include "taizhang/timestamp.hpp"
#include "taizhang/unit.hpp"
#include "taizhang/values.hpp"

namespace taizhang {

// How hard a commit waits for the disk.
enum class Durability : std::uint8_t {
  full = 1,    // every committed call survives a power failure (fsync per commit)
  normal = 2,  // committed calls survive a crash of the program, perhaps not a power failure
};

struct LedgerOptions {
  // Create a new, empty ledger when the file does not exist. When false, a missing file is a
  // StorageError(cannot_open).
  bool create_if_missing = true;

  // Open without writing anything: every write call throws StorageError(read_only), and an older
  // schema is not upgraded (opening it throws StorageError(too_new/...) as appropriate).
  bool read_only = false;

  // How long a call waits for another process that holds the file locked before it gives up with
  // StorageError(busy).
  std::chrono::milliseconds busy_timeout{30'000};

  Durability durability = Durability::full;

  // The ledger's clock (UTC), which stamps every record. Empty: the system clock. Every write's
  // time is checked before anything is written: within the years 2000..2099; not ahead of the
  // system's clock by more than 10 minutes; never earlier than the ledger's last record (a clock up
  // to 10 minutes behind it is taken as that record's time); and more than 10 minutes in the past
  // only while an import window is open (begin_import): recording a past time is a historic
  // import, which an administrator opens and which is recorded.
  std::function<Timestamp()> clock;

  // The key that signs this object's writes (identity.hpp). In a ledger with identities every
  // write must be signed, and the actor of a write is derived from the key and its grants; in a
  // ledger without them the key is not used.
  std::shared_ptr<const Signer> signer;
};

// A plan as the ledger lists it.
struct PlanSummary {
  std::string code;
  std::string title;
  int year = 0;
  int versions = 0;         // 1 + the number of edits
  Timestamp imported_at{};  // when version 1 was recorded
  Timestamp updated_at{};   // when the current version was recorded

  friend bool operator==(const PlanSummary&, const PlanSummary&) = default;
};

// One recorded version of a plan: plan changes are dated events.
struct PlanVersion {
  int version = 0;  // 1, 2, …
  Timestamp recorded_at{};
  Actor actor;
  std::string reason;
  Plan plan;
  std::string hash;  // SHA-256 (hex) chaining it to the plan version recorded before it

  friend bool operator==(const PlanVersion&, const PlanVersion&) = default;
};

// Which reports to list. Empty members do not filter.
struct ReportFilter {
  std::string plan;  // required: the plan's code
  std::optional<Period> period;
  std::string unit;
  std::optional<int> initiative;  // reports whose content covers this initiative
  std::optional<ReportStatus> status;
  std::optional<Timestamp> recorded_at;  // the reports as they stood then (as recorded at t)

  friend bool operator==(const ReportFilter&, const ReportFilter&) = default;
};

// One report to file with Ledger::file_all (or to check with Ledger::check).
struct Filing {
  Actor actor;
  ReportKey key;
  ReportContent content;
  ContentMode mode = ContentMode::replace;  // merge: change only what `content` names

  friend bool operator==(const Filing&, const Filing&) = default;
};

// What filing one report would meet (Ledger::check). Nothing is written.
struct FilingCheck {
  // Every problem that would stop it, each with its path: "actor" (a permission), "period",
  // "status" (a lifecycle conflict: already submitted...), or one into the filing's content as
  // given ("values[2].unit", "progress[0].initiative").
  std::vector<Issue> errors;
  // What would be filed with a warning (需核实 values; what a replacement removes), with paths into
  // the filing's content as given.
  std::vector<Issue> warnings;
  // The class of the first error: permission_denied, conflict, not_found or validation.
  ErrorCode code = ErrorCode::validation;

  [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
  friend bool operator==(const FilingCheck&, const FilingCheck&) = default;
};

// What verify() checks beyond the ledger itself.
struct VerifyOptions {
  // A head published earlier (printed by verify, written on the forms sent upward): verify then
  // also checks that the ledger still holds the history that head covered, so that a later
  // truncation or rewrite of it is caught. Empty: no such check.
  std::string expect_head;

  friend bool operator==(const VerifyOptions&, const VerifyOptions&) = default;
};

// What verify() found.
struct VerifyResult {
  bool ok = true;  // every check held
  std::int64_t revisions_checked = 0;
  std::int64_t plan_versions_checked = 0;
  std::int64_t registry_events_checked = 0;
  std::int64_t signatures_checked = 0;
  bool has_identities = false;  // signed ledger: who did what is proven by keys
  // Every problem found, each naming the record ("revision 3 of report …") and what is wrong with
  // it: a broken chain, a hash or signature that does not hold, a write its actor was not entitled
  // to, a step of a report's lifecycle that the rules do not allow, a table outside the chains
  // that disagrees with them, a time out of range, an expected head not found.
  std::vector<Issue> problems;
  std::string first_mismatch;  // problems[0]'s message, or empty
  std::string integrity;       // "ok", or what the storage's own integrity check reported
  // The head: one hash over the tips of every chain as the ledger stands. Publish it (the office
  // puts it on the consolidated form it sends upward) and check it later with expect_head.
  std::string head;

  friend bool operator==(const VerifyResult&, const VerifyResult&) = default;
};

class TAIZHANG_EXPORT Ledger {
 public:
  // Opens the ledger file at `path`, creating it when it does not exist (unless
  // options.create_if_missing is false); ":memory:" gives a ledger that lives only as long as the
  // object. An older schema is upgraded in one transaction.
  // Throws StorageError naming the file, with fault not_sqlite, not_a_ledger, too_new, corrupt,
  // cannot_open or busy; then the file is left as it was.
  static Ledger open(const std::filesystem::path& path, const LedgerOptions& options = {});

  Ledger(Ledger&&) noexcept;
  Ledger& operator=(Ledger&&) noexcept;
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;
  ~Ledger();

  // The version of the ledger's schema this library writes (docs/schema.md); an older ledger is
  // upgraded when first opened for writing, a newer one refused (StorageError(too_new)).
  static int schema_version() noexcept;
  // The file this ledger lives in (":memory:" for an in-memory ledger).
  [[nodiscard]] const std::filesystem::path& path() const noexcept;

  // ---- The unit catalogue, shared by all plans ------------------------------------------------

  [[nodiscard]] std::vector<Unit> units() const;
  [[nodiscard]] std::optional<Unit> unit(std::string_view code) const;
  // Adds a unit or changes one (administrators only). Throws PermissionDenied, ValidationError.
  void put_unit(const Actor& actor, const Unit& unit);

  // ---- Plans -----------------------------------------------------------------------------------

  // Records a new plan as version 1 (administrators only). Its units join the catalogue; a unit
  // that is already there must be identical. Throws PermissionDenied; ValidationError listing every
  // problem of the plan; ConflictError when a plan with this code exists or a unit differs from
  // the catalogue.
  void import_plan(const Actor& actor, const Plan& plan, std::string_view reason = {});

  // Records a new version of an existing plan (administrators only), keeping every earlier one:
  // reports filed under the old version stay as they were filed. Throws as import_plan, and
  // NotFoundError when there is no such plan. An edit that changes nothing is a ConflictError.
  void update_plan(const Actor& actor, const Plan& plan, std::string_view reason);

  [[nodiscard]] std::vector<PlanSummary> plans() const;
  // The current version, equal to what was imported or last updated. Throws NotFoundError.
  [[nodiscard]] Plan plan(std::string_view code) const;
  // The plan as it stood at time t. Throws NotFoundError when it did not exist yet.
  [[nodiscard]] Plan plan_at(std::string_view code, Timestamp t) const;
  // Every version, oldest first.
  [[nodiscard]] std::vector<PlanVersion> plan_history(std::string_view code) const;

  // ---- Progress reports ------------------------------------------------------------------------
  //
  // Content is checked before anything is written; every problem is listed in one ValidationError
  // with a path such as "values[2].unit": an unknown target or initiative, a period outside the
  // plan's window or not of its reporting kind, a value that cannot be read or can be read two ways
  // (read_value(): "1500万" on a target in 万元 is 1500), a unit of measure that does not convert
  // into the target's (所 for 名), a negative value, a value on a milestone or a stage on a number,
  // an unknown stage, a cumulative series that falls (allowed only in a correction, which carries a
  // reason), the same target or initiative twice. Values in a convertible unit are converted
  // exactly (万元 → 元). A reporter may write only its own unit's report, and only on the
  // initiatives its unit is assigned to: anything else is PermissionDenied. All report calls return
  // the report as it stands after the call, with its warnings (Report::warnings: values that look
  // implausible, 需核实, and what a replacement removed): a warning never stops a call.
  //
  // The calls that take content replace the report's content with it by default; with
  // ContentMode::merge they change only what it names (merge_content()).

  // Saves `content` as the report's draft (creating the report), or edits a draft or a returned
  // report. Reporters of the report's unit. Throws ConflictError when the report is submitted or
  // accepted (use correct() after acceptance).
  Report save(const Actor& actor, const ReportKey& key, const ReportContent& content,
              ContentMode mode = ContentMode::replace);
  // Hands in a draft, or hands in again a returned report. Reporters of the report's unit.
  Report submit(const Actor& actor, const ReportKey& key);
  // Takes a submitted report back before the office acts on it (neither accepted nor returned;
  // not a correction, which is corrected again instead): a draft again, as if it had not been
  // handed in — it counts in no default view and is not on time until it is handed in again.
  // Reporters of the report's unit; `reason` (may be empty) is recorded.
  Report withdraw(const Actor& actor, const ReportKey& key, std::string_view reason = {});
  // save() and submit() as one call: either both happen or neither.
  Report file(const Actor& actor, const ReportKey& key, const ReportContent& content,
              ContentMode mode = ContentMode::replace);
  // file() for many reports, as one transaction: all are filed or none (the first failure is
  // thrown, naming its report). For imports and for district systems pushing their own records.
  // Returns how many were filed.
  std::size_t file_all(const std::vector<Filing>& filings);
  // What file_all() would meet, report by report, without writing anything: every problem and
  // warning of each filing, as the checks of file() find them (a dry run; later filings are
  // checked as if the earlier good ones had been filed).
  [[nodiscard]] std::vector<FilingCheck> check(const std::vector<Filing>& filings) const;
  // The plan's coordinator accepts a submitted report.
  Report accept(const Actor& actor, const ReportKey& key);
  // The plan's coordinator sends a submitted report back; `reason` must not be empty.
  Report return_report(const Actor& actor, const ReportKey& key, std::string_view reason);
  // Changes an accepted report (reporters of its unit). The correction is a new revision with
  // `reason` (required), and the report awaits acceptance again; until then accepted-only views
  // keep the content last accepted.
  Report correct(const Actor& actor, const ReportKey& key, const ReportContent& content,
                 std::string_view reason, ContentMode mode = ContentMode::replace);

  // The report as it stands now, or nullopt when nothing was ever filed for `key`.
  [[nodiscard]] std::optional<Report> report(const ReportKey& key) const;
  // The report as recorded at time t: only revisions recorded by t count.
  [[nodiscard]] std::optional<Report> report_at(const ReportKey& key, Timestamp t) const;
  // Every revision, oldest first; empty when nothing was filed.
  [[nodiscard]] std::vector<Revision> history(const ReportKey& key) const;
  // The reports that match, ordered by period, then unit.
  [[nodiscard]] std::vector<Report> reports(const ReportFilter& filter) const;

  // ---- Roll-up (rollup.hpp) ---------------------------------------------------------------------
  //
  // Computed from a columnar in-memory snapshot of the values, loaded from the file on the first
  // call and brought up to date on each call with what was recorded since (by this object or any
  // other process). Throws NotFoundError for an unknown plan, ValidationError when `as_of` is not
  // of the plan's reporting kind.

  // What the reports add up to as of `query.as_of`.
  [[nodiscard]] Rollup rollup(const RollupQuery& query) const;
  // The roll-up as of each reporting period of the plan up to `query.as_of`, oldest first (a
  // burn-up chart's points). Each is judged on its period's last day, or on `query.today` when
  // that is earlier.
  [[nodiscard]] std::vector<Rollup> rollup_series(const RollupQuery& query) const;
  // Where a figure came from: the report revisions and values it was computed from, and each rule
  // applied with its numbers. `subject` names the figure: a target's code ("1.1"),
  // "initiative 3", "plan", or "unit health" (its reports due, on time, late and missing).
  // Throws NotFoundError when the plan has no such target, initiative or unit, and
  // ValidationError for a subject of another form.
  [[nodiscard]] Explanation explain(const RollupQuery& query, std::string_view subject) const;

  // Every value filed, as one column-wise table (values.hpp): the content each report counts now
  // (what was handed in, as the roll-up counts it), as recorded at a time, or as last accepted.
  // Throws NotFoundError for an unknown plan.
  [[nodiscard]] ValueTable values(const ValuesQuery& query = {}) const;

  // ---- Identities (identity.hpp)
  // -----------------------------------------------------------------
  //
  // Registry writes are administrators' and, in a ledger with identities, signed like any write.

  // Whether the ledger has identities (every write signed, the actor derived from the key).
  [[nodiscard]] bool has_identities() const;
  // Registers a principal with its public key (`identity.public_key`, PEM). The first one turns
  // identities on — from then on every write must be signed — and is made by an administrator
  // acting as today (declared), whose unit the new identity administers from then on; that first
  // call must be signed with the new identity's own key (LedgerOptions::signer), which proves it is
  // held. Throws PermissionDenied, ValidationError (a bad id, name or key), ConflictError (an id or
  // key registered already).
  void add_identity(const Actor& actor, const Identity& identity);
  // Grants `grant.identity` the unit and role, from `grant.from` (empty time: now) until
  // `grant.until`. Throws NotFoundError for an unknown identity or unit.
  void grant(const Actor& actor, const Grant& grant);
  // Ends every grant of `unit` and `role` to `identity` now.
  void revoke(const Actor& actor, std::string_view identity, std::string_view unit, ActorRole role);
  // Replaces `identity`'s key from now: writes signed with the old key are refused from now on
  // (and those signed before stay valid).
  void rotate_key(const Actor& actor, std::string_view identity, std::string_view public_key_pem);
  [[nodiscard]] std::vector<Identity> identities() const;
  [[nodiscard]] std::vector<Grant> grants() const;
  // Who this object's signer may act as now: one Actor (unit, role, the identity's id as person)
  // per valid grant, ordered by role then unit. Empty without a signer, without identities, or
  // when the key is no identity's now.
  [[nodiscard]] std::vector<Actor> signer_actors() const;

  // ---- Historic imports ------------------------------------------------------------------------
  //
  // Opens an import window (administrators), recorded with `reason` at the system's time: while
  // it is open, the ledger's clock may read in the past, so that historic records keep their
  // times; records still go in time order. Closes it. Throws ConflictError when one is (not) open.
  void begin_import(const Actor& actor, std::string_view reason);
  void end_import(const Actor& actor);
  [[nodiscard]] bool import_open() const;

  // ---- Integrity -------------------------------------------------------------------------------

  // Re-checks everything and lists every problem, never stopping at a bad record: every chain
  // (report revisions, plan versions, the registry, the heads) recomputed; every signature
  // against the key valid when it was made; the rules replayed over the history (roles, the
  // lifecycle of reports, what each key was entitled to); the tables outside the chains (units,
  // plans, reports) against the chained records; times in range; the storage's own integrity
  // check; and, when options.expect_head is given, that the ledger still holds the history that
  // head covered. Never throws for a damaged record, never writes.
  [[nodiscard]] VerifyResult verify(const VerifyOptions& options = {}) const;

  // Writes a copy of the ledger as it stands at one moment to `destination`, while others may go
  // on writing (they are not stopped; the copy holds what was committed when it began), and
  // returns when the copy is complete: the copy is written beside the destination and renamed
  // into place, so an earlier backup there is replaced only by a whole one. The copy is a ledger
  // like any other (open it; verify() it), with the ledger file's permissions. Refuses a
  // destination that is this ledger or a ledger in use. Throws StorageError or IoError naming the
  // destination. (The SQLite file uses SQLite's online backup; a ledger in use is one with its
  // -wal, -shm or -journal file beside it.)
  void backup(const std::filesystem::path& destination) const;

 private:
  struct Impl;
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace taizhang
