#include "store/sqlite_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "store/schema.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan_json.hpp"
#include "taizhang/version.hpp"

namespace taizhang::store {

namespace {

namespace fs = std::filesystem;

Location file_location(const fs::path& path) {
  Location where;
  where.file = path.string();
  return where;
}

StorageFault fault_of(int code) {
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StorageFault::busy;
    case SQLITE_FULL: return StorageFault::full;
    case SQLITE_READONLY: return StorageFault::read_only;
    case SQLITE_CORRUPT: return StorageFault::corrupt;
    case SQLITE_NOTADB: return StorageFault::not_sqlite;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return StorageFault::cannot_open;
    default: return StorageFault::other;
  }
}

std::string explain(StorageFault fault, const std::string& detail) {
  switch (fault) {
    case StorageFault::busy:
      return "another process kept the ledger locked longer than the busy timeout (" + detail + ")";
    case StorageFault::full: return "the disk is full (" + detail + ")";
    case StorageFault::read_only: return "the ledger cannot be written (" + detail + ")";
    case StorageFault::corrupt: return "the ledger file is damaged (" + detail + ")";
    case StorageFault::not_sqlite: return "the file is not an SQLite database (" + detail + ")";
    case StorageFault::cannot_open: return "the ledger file cannot be opened (" + detail + ")";
    default: return detail;
  }
}

// SQLite reports a write that found no room as SQLITE_FULL only when the write was short; a write
// refused outright (ENOSPC, EFBIG past a file size limit, EDQUOT over a quota) is SQLITE_IOERR, as
// is a file system gone read-only. The operating system's error, which SQLite keeps for the
// connection, tells them apart, and is named in the message.
StorageFault fault_of(int code, int system_errno) {
  if ((code & 0xFF) == SQLITE_IOERR) {
    switch (system_errno) {
      case ENOSPC:
      case EFBIG:
      case EDQUOT: return StorageFault::full;
      case EROFS:
      case EACCES:
      case EPERM: return StorageFault::read_only;
      default: break;
    }
  }
  return fault_of(code);
}

// Throws the StorageError of an SQLite error, naming the file; `system_errno` is the operating
// system's error of the I/O call that failed, 0 when unknown.
[[noreturn]] void rethrow(const SQLite::Exception& e, const fs::path& path, int system_errno = 0) {
  const bool io =
      (e.getErrorCode() & 0xFF) == SQLITE_IOERR || (e.getErrorCode() & 0xFF) == SQLITE_FULL;
  StorageFault fault = fault_of(e.getErrorCode(), io ? system_errno : 0);
  std::string detail = e.what();
  if (io && system_errno != 0) {
    detail += ": " + std::error_code(system_errno, std::generic_category()).message();
  }
  switch (e.getExtendedErrorCode()) {
    case SQLITE_IOERR_SHMSIZE:  // the -shm file could not be grown
      fault = StorageFault::full;
      break;
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_TRUNCATE:
      // SQLite does not always keep the system's error: say what usually causes it.
      if (system_errno == 0) detail += " (a write to the ledger's files failed: is the disk full?)";
      break;
    case SQLITE_READONLY_DIRECTORY:
    case SQLITE_READONLY_CANTINIT:
    case SQLITE_READONLY_CANTLOCK:
      detail += "; its directory cannot be written, and SQLite must create the files " +
                path.filename().string() + "-wal and " + path.filename().string() +
                "-shm beside it to use it, even to read it";
      break;
    default: break;
  }
  throw StorageError(fault, explain(fault, detail), file_location(path));
}

std::int64_t ms(Timestamp t) {
  return t.time_since_epoch().count();
}
Timestamp from_ms(std::int64_t v) {
  return Timestamp{std::chrono::milliseconds(v)};
}

// A value the library wrote as text, read back: text that does not parse was changed behind the
// library's back (or damaged where SQLite cannot see it).
template <class T>
T stored(const SQLite::Column& c, T (*parse)(std::string_view), const char* what) {
  const std::string s = c.getString();
  try {
    return parse(s);
  } catch (const Error& e) {
    throw StorageError(StorageFault::corrupt, "the ledger holds \"" + s + "\" in column " +
                                                  c.getName() + ", which is not " + what + " (" +
                                                  e.message() + ")");
  }
}

Decimal parse_decimal(std::string_view s) {
  return Decimal::parse(s);
}
Period parse_period(std::string_view s) {
  return Period::parse(s);
}
Date parse_date(std::string_view s) {
  return Date::parse(s);
}

std::optional<Decimal> decimal(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return stored(c, &parse_decimal, "a decimal number");
}

Period stored_period(const SQLite::Column& c) {
  return stored(c, &parse_period, "a period");
}

template <class E>
E enum_column(const SQLite::Column& c, std::optional<E> (*parse)(std::string_view) noexcept) {
  const std::string s = c.getString();
  if (auto e = parse(s)) return *e;
  throw StorageError(StorageFault::corrupt, "the ledger holds \"" + s + "\" in column " +
                                                c.getName() + ", which this library does not know");
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<Decimal>& d) {
  if (d) {
    st.bind(index, d->to_string());
  } else {
    st.bind(index);
  }
}

// The schema objects (type, name, sql) of a database, in a stable order.
using SchemaObjects = std::set<std::tuple<std::string, std::string, std::string>>;

// The statistics tables that ANALYZE (or PRAGMA optimize, which SQLite recommends to every
// application) creates are SQLite's own: they hold no SQL that runs and change no data, so a reader
// that ran them has not altered the ledger's schema. Only exactly as SQLite creates them, though: a
// file can be crafted with a statistics table of other columns, defaults or generated columns.
SchemaObjects schema_objects(SQLite::Database& db) {
  SchemaObjects out;
  SQLite::Statement st(
      db,
      "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
      "WHERE NOT (type = 'table' AND (name, sql) IN ("
      "VALUES ('sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'), "
      "('sqlite_stat4', 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)')))");
  while (st.executeStep()) {
    out.emplace(st.getColumn(0).getString(), st.getColumn(1).getString(),
                st.getColumn(2).getString());
  }
  return out;
}

// The schema a ledger of `version` must have: the migrations run on an empty in-memory database.
const SchemaObjects& expected_schema(int version) {
  static std::map<int, SchemaObjects> cache;
  static std::mutex mutex;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(version);
  if (it == cache.end()) {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 0; v < version; ++v)
      db.exec(std::string(migrations()[static_cast<std::size_t>(v)]));
    it = cache.emplace(version, schema_objects(db)).first;
  }
  return it->second;
}

std::uint32_t big_endian(const unsigned char* p, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8U) | p[i];
  return v;
}

fs::path beside(const fs::path& path, const char* suffix) {
  return path.string() + suffix;
}

bool exists_beside(const fs::path& path, const char* suffix) {
  std::error_code ec;
  return fs::exists(beside(path, suffix), ec);
}

// The first bytes of the open database file and its size, read through SQLite's own file handle.
// Reading through a descriptor of our own would be wrong: closing it drops every POSIX lock this
// process holds on the file, including those of other connections to it, and a checkpoint by
// another process could then delete a WAL still in use here.
struct Head {
  std::string bytes;
  std::int64_t size = 0;
  bool known = false;
};

Head read_head(sqlite3* db, const fs::path& path, std::size_t n) {
  Head head;
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return head;
  }
  // The size from stat(), which opens nothing: SQLite's own xFileSize reports a 1-byte file as
  // empty (a work-around of its own), and an empty file is a new ledger.
  std::error_code ec;
  const auto stat_size = fs::file_size(path, ec);
  if (ec) return head;
  const auto size = static_cast<sqlite3_int64>(stat_size);
  const auto amount =
      static_cast<int>(std::min<sqlite3_int64>(size, static_cast<sqlite3_int64>(n)));
  head.bytes.assign(static_cast<std::size_t>(amount), '\0');
  if (amount > 0) {
    const int rc = file->pMethods->xRead(file, head.bytes.data(), amount, 0);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return head;
  }
  head.size = size;
  head.known = true;
  return head;
}

// Why the file is shorter than its header says ("" when it is not, or when that cannot be told).
// Meaningful only when no -wal file is beside it: a WAL may hold pages that a checkpoint has not
// yet written to the file (or was writing when the process died), and SQLite reads them from there.
std::string truncation(sqlite3* db, const fs::path& path) {
  const Head head = read_head(db, path, 100);
  if (!head.known) return {};
  if (head.bytes.size() < 100) {
    return "the ledger file is truncated: it has only " + std::to_string(head.bytes.size()) +
           " bytes, not even a whole SQLite header";
  }
  const auto* h = reinterpret_cast<const unsigned char*>(head.bytes.data());
  std::uint64_t page_size = big_endian(&h[16], 2);
  if (page_size == 1) page_size = 65536;
  const std::uint32_t change_counter = big_endian(&h[24], 4);
  const std::uint32_t pages = big_endian(&h[28], 4);
  const std::uint32_t valid_for = big_endian(&h[92], 4);
  const auto size = static_cast<std::uint64_t>(head.size);
  if (pages != 0 && valid_for == change_counter && size < page_size * pages) {
    return "the ledger file is truncated: it has " + std::to_string(size) +
           " bytes but its header says " + std::to_string(page_size * pages);
  }
  return {};
}

// Checks what can be checked of an existing ledger file before anything is read through SQLite:
// that it is an SQLite database at all, and that it is not shorter than its header says. SQLite
// has opened the file but not read or written it yet.
void check_file_header(sqlite3* db, const fs::path& path) {
  const Head head = read_head(db, path, 16);
  if (!head.known || head.size == 0) return;  // an empty file becomes a new ledger
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  const std::size_t compare = std::min(head.bytes.size(), kMagic.size());
  if (std::string_view(head.bytes).substr(0, compare) != kMagic.substr(0, compare)) {
    throw StorageError(StorageFault::not_sqlite,
                       "is not a taizhang ledger: it is not an SQLite database at all",
                       file_location(path));
  }
  // With no -wal beside it, the file is the whole database. (With one, SQLite checks the size
  // itself, counting the pages in the WAL; see SqliteStore::identify().) Checked again after
  // reading: a writer may have come.
  if (exists_beside(path, "-wal")) return;
  const std::string truncated = truncation(db, path);
  if (!truncated.empty() && !exists_beside(path, "-wal")) {
    throw StorageError(StorageFault::corrupt, truncated, file_location(path));
  }
}

// Prepared statements kept for the life of a connection: the write path runs the same dozen
// statements for every report filed, and preparing them again each time (parsing, name
// resolution, planning) cost more than running them. A Lease hands one out and, when it ends,
// resets it, which also ends the read it may hold open (a stepped but unreset SELECT keeps its
// snapshot, and would stop a WAL checkpoint). A statement already leased (a nested use of the
// same SQL) is never handed out twice: the nested user gets a fresh one for its own use.
class StatementCache {
 public:
  class Lease {
   public:
    Lease(SQLite::Statement& st, bool* busy) : st_(&st), busy_(busy) {}
    Lease(std::unique_ptr<SQLite::Statement> own) : own_(std::move(own)), st_(own_.get()) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (busy_ == nullptr) return;
      st_->tryReset();  // its error, if any, was thrown by the step that met it
      try {
        st_->clearBindings();  // sqlite3_clear_bindings() cannot fail; SQLiteCpp checks anyway
      } catch (const SQLite::Exception&) {
      }
      *busy_ = false;
    }
    SQLite::Statement& operator*() const { return *st_; }
    SQLite::Statement* operator->() const { return st_; }

   private:
    std::unique_ptr<SQLite::Statement> own_;
    SQLite::Statement* st_;
    bool* busy_ = nullptr;
  };

  Lease get(SQLite::Database& db, const std::string& sql) {
    auto it = entries_.find(sql);
    if (it == entries_.end()) {
      it = entries_.emplace(sql, Entry{std::make_unique<SQLite::Statement>(db, sql), false}).first;
    }
    Entry& e = it->second;
    if (e.busy) return Lease(std::make_unique<SQLite::Statement>(db, sql));
    e.busy = true;
    return Lease(*e.statement, &e.busy);
  }

 private:
  struct Entry {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;
  };
  std::unordered_map<std::string, Entry> entries_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(const fs::path& path, const LedgerOptions& options)
      : path_(path),
        read_only_(options.read_only),
        busy_timeout_(options.busy_timeout),
        db_(open_database(path, options)) {
    try {
      configure_connection();
      check_and_upgrade();
      configure_journal(options);
    } catch (const SQLite::Exception& e) {
      fail(e);
    }
  }

  void write(const std::function<void()>& work) override {
    if (read_only_) {
      throw StorageError(StorageFault::read_only, "the ledger was opened read-only",
                         file_location(path_));
    }
    transaction("BEGIN IMMEDIATE", work);
  }

  void read(const std::function<void()>& work) override { transaction("BEGIN", work); }

  std::vector<Unit> units() override {
    return guard([&] {
      std::vector<Unit> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_, "SELECT code, name, kind, parent, full_name FROM units ORDER BY code");
      SQLite::Statement& st = *st_lease;
      while (st.executeStep()) out.push_back(unit_row(st));
      return out;
    });
  }

  std::optional<Unit> unit(std::string_view code) override {
    return guard([&]() -> std::optional<Unit> {
      const StatementCache::Lease st_lease =
          cache_.get(db_, "SELECT code, name, kind, parent, full_name FROM units WHERE code = ?");
      SQLite::Statement& st = *st_lease;
      st.bind(1, std::string(code));
      if (!st.executeStep()) return std::nullopt;
      return unit_row(st);
    });
  }

  void put_unit(const Unit& u) override {
    guard([&] {
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "INSERT INTO units (code, name, kind, parent, full_name) "
                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                     "name = excluded.name, kind = excluded.kind, parent = excluded.parent, "
                     "full_name = excluded.full_name");
      SQLite::Statement& st = *st_lease;
      st.bind(1, u.code);
      st.bind(2, u.name);
      st.bind(3, to_string(u.kind));
      st.bind(4, u.parent);
      st.bind(5, u.full_name);
      st.exec();
      return 0;
    });
  }

  std::optional<int> plan_version_now(std::string_view plan) override {
    return guard([&]() -> std::optional<int> {
      const StatementCache::Lease st_lease =
          cache_.get(db_, "SELECT current_version FROM plans WHERE code = ?");
      SQLite::Statement& st = *st_lease;
      st.bind(1, std::string(plan));
      if (!st.executeStep()) return std::nullopt;
      return st.getColumn(0).getInt();
    });
  }

  std::vector<PlanVersionRecord> plan_versions(std::string_view plan) override {
    return guard([&] {
      std::vector<PlanVersionRecord> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT v.id, p.code, v.version, v.recorded_at, v.actor_unit, "
                     "v.actor_role, v.actor_person, v.reason, v.document, v.prev_hash, v.hash, "
                     "v.signer, v.signature "
                     "FROM plan_versions v JOIN plans p ON p.id = v.plan_id "
                     "WHERE ?1 = '' OR p.code = ?1 ORDER BY v.id");
      SQLite::Statement& st = *st_lease;
      st.bind(1, std::string(plan));
      while (st.executeStep()) {
        PlanVersionRecord r;
        r.id = st.getColumn(0).getInt64();
        r.plan = st.getColumn(1).getString();
        r.version = st.getColumn(2).getInt();
        r.recorded_at = from_ms(st.getColumn(3).getInt64());
        r.actor = actor_columns(st, 4);
        r.reason = st.getColumn(7).getString();
        r.document = st.getColumn(8).getString();
        r.prev_hash = st.getColumn(9).getString();
        r.hash = st.getColumn(10).getString();
        r.signer = st.getColumn(11).getString();
        r.signature = st.getColumn(12).getString();
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  void add_plan_version(PlanVersionRecord& r, const Plan& plan) override {
    guard([&] {
      if (r.version == 1) {
        const StatementCache::Lease st_lease =
            cache_.get(db_,
                       "INSERT INTO plans (code, title, year, current_version) "
                       "VALUES (?, ?, ?, 1)");
        SQLite::Statement& st = *st_lease;
        st.bind(1, plan.code);
        st.bind(2, plan.title);
        st.bind(3, plan.year);
        st.exec();
      } else {
        const StatementCache::Lease st_lease =
            cache_.get(db_,
                       "UPDATE plans SET title = ?, year = ?, current_version = ? "
                       "WHERE code = ?");
        SQLite::Statement& st = *st_lease;
        st.bind(1, plan.title);
        st.bind(2, plan.year);
        st.bind(3, r.version);
        st.bind(4, plan.code);
        st.exec();
      }
      const std::int64_t plan_id = plan_id_of(plan.code);
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "INSERT INTO plan_versions (plan_id, version, recorded_at, actor_unit, "
                     "actor_role, actor_person, reason, document, prev_hash, hash, signer, "
                     "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      SQLite::Statement& st = *st_lease;
      st.bind(1, plan_id);
      st.bind(2, r.version);
      st.bind(3, ms(r.recorded_at));
      st.bind(4, r.actor.unit);
      st.bind(5, to_string(r.actor.role));
      st.bind(6, r.actor.person);
      st.bind(7, r.reason);
      st.bind(8, r.document);
      st.bind(9, r.prev_hash);
      st.bind(10, r.hash);
      st.bind(11, r.signer);
      st.bind(12, r.signature);
      st.exec();
      r.id = db_.getLastInsertRowid();
      project(plan_id, plan);
      return 0;
    });
  }

  // The hash of a chain's newest record (`sql` selects it), or '' when the chain is empty.
  std::string last_hash(const char* sql) {
    return guard([&] {
      const StatementCache::Lease st_lease = cache_.get(db_, sql);
      SQLite::Statement& st = *st_lease;
      return st.executeStep() ? st.getColumn(0).getString() : std::string();
    });
  }

  std::string last_plan_hash() override {
    return last_hash("SELECT hash FROM plan_versions ORDER BY id DESC LIMIT 1");
  }

  std::vector<ReportKey> report_keys(std::string_view plan, const std::optional<Period>& period,
                                     std::string_view unit) override {
    return guard([&] {
      std::vector<ReportKey> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT r.unit, r.period FROM reports r JOIN plans p ON p.id = r.plan_id "
                     "WHERE p.code = ?1 AND (?2 = '' OR r.period = ?2) "
                     "AND (?3 = '' OR r.unit = ?3) ORDER BY r.period, r.unit");
      SQLite::Statement& st = *st_lease;
      st.bind(1, std::string(plan));
      st.bind(2, period ? period->to_string() : std::string());
      st.bind(3, std::string(unit));
      while (st.executeStep()) {
        out.push_back(ReportKey{std::string(plan), st.getColumn(0).getString(),
                                stored_period(st.getColumn(1))});
      }
      return out;
    });
  }

  std::vector<RevisionRecord> revisions(const ReportKey& key) override {
    return guard([&] {
      std::vector<RevisionRecord> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT v.id, v.number, v.recorded_at, v.actor_unit, v.actor_role, "
                     "v.actor_person, v.action, v.status, v.reason, v.content_number, "
                     "v.prev_hash, v.hash, v.signer, v.signature FROM revisions v "
                     "JOIN reports r ON r.id = v.report_id "
                     "JOIN plans p ON p.id = r.plan_id "
                     "WHERE p.code = ? AND r.unit = ? AND r.period = ? ORDER BY v.number");
      SQLite::Statement& st = *st_lease;
      st.bind(1, key.plan);
      st.bind(2, key.unit);
      st.bind(3, key.period.to_string());
      while (st.executeStep()) out.push_back(revision_row(st, key));
      fill_contents(out);
      return out;
    });
  }

  void add_revision(RevisionRecord& r) override {
    guard([&] {
      const std::int64_t plan_id = plan_id_of(r.key.plan);
      std::int64_t report_id = 0;
      {
        const StatementCache::Lease st_lease =
            cache_.get(db_, "SELECT id FROM reports WHERE plan_id = ? AND unit = ? AND period = ?");
        SQLite::Statement& st = *st_lease;
        st.bind(1, plan_id);
        st.bind(2, r.key.unit);
        st.bind(3, r.key.period.to_string());
        if (st.executeStep()) report_id = st.getColumn(0).getInt64();
      }
      if (report_id == 0) {
        const StatementCache::Lease st_lease =
            cache_.get(db_,
                       "INSERT INTO reports (plan_id, unit, period, status, revisions) "
                       "VALUES (?, ?, ?, ?, 0)");
        SQLite::Statement& st = *st_lease;
        st.bind(1, plan_id);
        st.bind(2, r.key.unit);
        st.bind(3, r.key.period.to_string());
        st.bind(4, to_string(r.revision.status));
        st.exec();
        report_id = db_.getLastInsertRowid();
      }
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "INSERT INTO revisions (report_id, number, recorded_at, actor_unit, "
                     "actor_role, actor_person, action, status, reason, content_number, "
                     "prev_hash, hash, signer, signature) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      SQLite::Statement& st = *st_lease;
      const Revision& v = r.revision;
      st.bind(1, report_id);
      st.bind(2, v.number);
      st.bind(3, ms(v.recorded_at));
      st.bind(4, v.actor.unit);
      st.bind(5, to_string(v.actor.role));
      st.bind(6, v.actor.person);
      st.bind(7, to_string(v.action));
      st.bind(8, to_string(v.status));
      st.bind(9, v.reason);
      st.bind(10, r.content_number);
      st.bind(11, r.prev_hash);
      st.bind(12, v.hash);
      st.bind(13, r.signer);
      st.bind(14, r.signature);
      st.exec();
      r.id = db_.getLastInsertRowid();
      if (r.carries_content()) insert_content(r.id, v.content);
      const StatementCache::Lease update_lease =
          cache_.get(db_, "UPDATE reports SET status = ?, revisions = ? WHERE id = ?");
      SQLite::Statement& update = *update_lease;
      update.bind(1, to_string(v.status));
      update.bind(2, v.number);
      update.bind(3, report_id);
      update.exec();
      return 0;
    });
  }

  std::string last_revision_hash() override {
    return last_hash("SELECT hash FROM revisions ORDER BY id DESC LIMIT 1");
  }

  std::vector<std::pair<Period, Decimal>> current_values(std::string_view plan,
                                                         std::string_view unit,
                                                         std::string_view target) override {
    return guard([&] {
      std::vector<std::pair<Period, Decimal>> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT r.period, val.value FROM reports r JOIN plans p ON p.id = r.plan_id "
                     "JOIN revisions cur ON cur.report_id = r.id AND cur.number = r.revisions "
                     "JOIN revisions c ON c.report_id = r.id AND c.number = cur.content_number "
                     "JOIN revision_values val ON val.revision_id = c.id AND val.target = ? "
                     "WHERE p.code = ? AND r.unit = ? AND val.value IS NOT NULL ORDER BY r.period");
      SQLite::Statement& st = *st_lease;
      st.bind(1, std::string(target));
      st.bind(2, std::string(plan));
      st.bind(3, std::string(unit));
      while (st.executeStep()) {
        out.emplace_back(stored_period(st.getColumn(0)), *decimal(st.getColumn(1)));
      }
      return out;
    });
  }

  void scan(const std::function<void(const RevisionRecord&)>& revision,
            const std::function<void(const PlanVersionRecord&)>& plan_version,
            const std::function<void(const std::string&)>& problem) override {
    guard([&] {
      // Each row read on its own: a row damaged behind the library's back is named and skipped
      // (when a problem callback is given), never the end of the scan.
      const auto each = [&](const std::string& where, const std::function<void()>& read_row) {
        if (!problem) {
          read_row();
          return;
        }
        try {
          read_row();
        } catch (const Error& e) {
          problem(where + ": " + e.message());
        } catch (const SQLite::Exception& e) {
          problem(where + ": " + e.what());
        }
      };
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT v.id, v.number, v.recorded_at, v.actor_unit, v.actor_role, "
                     "v.actor_person, v.action, v.status, v.reason, v.content_number, "
                     "v.prev_hash, v.hash, v.signer, v.signature, p.code, r.unit, r.period "
                     "FROM revisions v JOIN reports r ON r.id = v.report_id "
                     "JOIN plans p ON p.id = r.plan_id ORDER BY v.id");
      SQLite::Statement& st = *st_lease;
      while (st.executeStep()) {
        each("revision row " + std::to_string(st.getColumn(0).getInt64()), [&] {
          const ReportKey key{st.getColumn(14).getString(), st.getColumn(15).getString(),
                              stored_period(st.getColumn(16))};
          RevisionRecord record = revision_row(st, key);
          if (record.carries_content()) record.revision.content = load_content(record.id);
          revision(record);
        });
      }
      std::vector<PlanVersionRecord> versions;
      each("the plan versions", [&] { versions = plan_versions(""); });
      for (const PlanVersionRecord& r : versions) {
        each("plan version row " + std::to_string(r.id), [&] { plan_version(r); });
      }
      return 0;
    });
  }

  std::vector<RegistryRecord> registry(std::int64_t after_id) override {
    return guard([&] {
      std::vector<RegistryRecord> out;
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "SELECT id, recorded_at, kind, subject, document, actor_unit, actor_role, "
                     "actor_person, signer, signature, prev_hash, hash FROM registry "
                     "WHERE id > ? ORDER BY id");
      SQLite::Statement& st = *st_lease;
      st.bind(1, after_id);
      while (st.executeStep()) {
        RegistryRecord r;
        r.id = st.getColumn(0).getInt64();
        r.recorded_at = from_ms(st.getColumn(1).getInt64());
        r.kind = st.getColumn(2).getString();
        r.subject = st.getColumn(3).getString();
        r.document = st.getColumn(4).getString();
        r.actor = actor_columns(st, 5);
        r.signer = st.getColumn(8).getString();
        r.signature = st.getColumn(9).getString();
        r.prev_hash = st.getColumn(10).getString();
        r.hash = st.getColumn(11).getString();
        out.push_back(std::move(r));
      }
      return out;
    });
  }

  void add_registry(RegistryRecord& r) override {
    guard([&] {
      const StatementCache::Lease st_lease =
          cache_.get(db_,
                     "INSERT INTO registry (recorded_at, kind, subject, document, actor_unit, "
                     "actor_role, actor_person, signer, signature, prev_hash, hash) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      SQLite::Statement& st = *st_lease;
      st.bind(1, ms(r.recorded_at));
      st.bind(2, r.kind);
      st.bind(3, r.subject);
      st.bind(4, r.document);
      st.bind(5, r.actor.unit);
      st.bind(6, to_string(r.actor.role));
      st.bind(7, r.actor.person);
      st.bind(8, r.signer);
      st.bind(9, r.signature);
      st.bind(10, r.prev_hash);
      st.bind(11, r.hash);
      st.exec();
      r.id = db_.getLastInsertRowid();
      return 0;
    });
  }

  std::string last_registry_hash() override {
    return last_hash("SELECT hash FROM registry ORDER BY id DESC LIMIT 1");
  }

  static HeadRecord head_row(SQLite::Statement& st) {
    HeadRecord h;
    h.id = st.getColumn(0).getInt64();
    h.recorded_at = from_ms(st.getColumn(1).getInt64());
    h.revision_tip = st.getColumn(2).getString();
    h.plan_tip = st.getColumn(3).getString();
    h.registry_tip = st.getColumn(4).getString();
    h.prev_head = st.getColumn(5).getString();
    h.head = st.getColumn(6).getString();
    return h;
  }

  std::vector<HeadRecord> heads() override {
    return guard([&] {
      std::vector<HeadRecord> out;
      const StatementCache::Lease st_lease = cache_.get(
          db_,
          "SELECT id, recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head FROM "
          "heads ORDER BY id");
      SQLite::Statement& st = *st_lease;
      while (st.executeStep()) out.push_back(head_row(st));
      return out;
    });
  }

  std::optional<HeadRecord> last_head() override {
    return guard([&]() -> std::optional<HeadRecord> {
      const StatementCache::Lease st_lease = cache_.get(
          db_,
          "SELECT id, recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head FROM "
          "heads ORDER BY id DESC LIMIT 1");
      SQLite::Statement& st = *st_lease;
      if (!st.executeStep()) return std::nullopt;
      return head_row(st);
    });
  }

  void add_head(HeadRecord& h) override {
    guard([&] {
      const StatementCache::Lease st_lease = cache_.get(
          db_,
          "INSERT INTO heads (recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head) "
          "VALUES (?, ?, ?, ?, ?, ?)");
      SQLite::Statement& st = *st_lease;
      st.bind(1, ms(h.recorded_at));
      st.bind(2, h.revision_tip);
      st.bind(3, h.plan_tip);
      st.bind(4, h.registry_tip);
      st.bind(5, h.prev_head);
      st.bind(6, h.head);
      st.exec();
      h.id = db_.getLastInsertRowid();
      return 0;
    });
  }

  std::optional<Timestamp> last_record_time() override {
    return guard([&]() -> std::optional<Timestamp> {
      // The newest row of each table is the one recorded last (ids follow the order of writes).
      const StatementCache::Lease st_lease = cache_.get(
          db_,
          "SELECT max(coalesce((SELECT recorded_at FROM revisions ORDER BY id DESC LIMIT 1), "
          "-1), coalesce((SELECT recorded_at FROM plan_versions ORDER BY id DESC LIMIT 1), -1), "
          "coalesce((SELECT recorded_at FROM registry WHERE kind NOT IN ('import_begin', "
          "'import_end') ORDER BY id DESC LIMIT 1), -1))");
      SQLite::Statement& st = *st_lease;
      if (!st.executeStep()) return std::nullopt;
      const std::int64_t t = st.getColumn(0).getInt64();
      if (t < 0) return std::nullopt;
      return from_ms(t);
    });
  }

  std::vector<ReportRowState> report_rows() override {
    return guard([&] {
      std::vector<ReportRowState> out;
      SQLite::Statement st(db_,
                           "SELECT p.code, r.unit, r.period, r.status, r.revisions FROM reports r "
                           "JOIN plans p ON p.id = r.plan_id ORDER BY r.id");
      while (st.executeStep()) {
        ReportRowState row;
        row.key.plan = st.getColumn(0).getString();
        row.key.unit = st.getColumn(1).getString();
        const std::optional<Period> period = [&]() -> std::optional<Period> {
          try {
            return Period::parse(st.getColumn(2).getString());
          } catch (const Error&) {
            return std::nullopt;
          }
        }();
        if (period) row.key.period = *period;
        row.status = st.getColumn(3).getString();
        row.revisions = st.getColumn(4).getInt();
        out.push_back(std::move(row));
      }
      return out;
    });
  }

  std::vector<PlanRowState> plan_rows() override {
    return guard([&] {
      std::vector<PlanRowState> out;
      SQLite::Statement st(db_, "SELECT code, title, year, current_version FROM plans ORDER BY id");
      while (st.executeStep()) {
        out.push_back(PlanRowState{st.getColumn(0).getString(), st.getColumn(1).getString(),
                                   st.getColumn(2).getInt(), st.getColumn(3).getInt()});
      }
      return out;
    });
  }

  void scan_since(std::int64_t after_report, std::int64_t after_revision,
                  SnapshotSink& sink) override {
    guard([&] {
      // Usually nothing was recorded since: one statement tells, instead of four.
      {
        const StatementCache::Lease newest_lease = cache_.get(
            db_, "SELECT (SELECT max(id) FROM reports), (SELECT max(id) FROM revisions)");
        SQLite::Statement& newest = *newest_lease;
        newest.executeStep();
        const SQLite::Column report = newest.getColumn(0);
        const SQLite::Column revision = newest.getColumn(1);
        if ((report.isNull() || report.getInt64() <= after_report) &&
            (revision.isNull() || revision.getInt64() <= after_revision)) {
          return 0;
        }
      }
      const StatementCache::Lease reports_lease =
          cache_.get(db_,
                     "SELECT r.id, p.code, r.unit, r.period FROM reports r "
                     "JOIN plans p ON p.id = r.plan_id WHERE r.id > ? ORDER BY r.id");
      SQLite::Statement& reports = *reports_lease;
      reports.bind(1, after_report);
      while (reports.executeStep()) {
        ReportRow row;
        row.id = reports.getColumn(0).getInt64();
        row.plan = reports.getColumn(1).getString();
        row.unit = reports.getColumn(2).getString();
        row.period = stored_period(reports.getColumn(3));
        sink.report(row);
      }
      const StatementCache::Lease revisions_lease =
          cache_.get(db_,
                     "SELECT id, report_id, number, recorded_at, action, "
                     "content_number FROM revisions WHERE id > ? ORDER BY id");
      SQLite::Statement& revisions = *revisions_lease;
      revisions.bind(1, after_revision);
      while (revisions.executeStep()) {
        RevisionRow row;
        row.id = revisions.getColumn(0).getInt64();
        row.report_id = revisions.getColumn(1).getInt64();
        row.number = revisions.getColumn(2).getInt();
        row.recorded_at = from_ms(revisions.getColumn(3).getInt64());
        row.action = enum_column<ReportAction>(revisions.getColumn(4), &report_action_from_string);
        row.content_number = revisions.getColumn(5).getInt();
        sink.revision(row);
      }
      const StatementCache::Lease values_lease =
          cache_.get(db_,
                     "SELECT revision_id, target, value, stage FROM revision_values "
                     "WHERE revision_id > ? ORDER BY revision_id, target");
      SQLite::Statement& values = *values_lease;
      values.bind(1, after_revision);
      while (values.executeStep()) {
        const SQLite::Column value = values.getColumn(2);
        const char* stage = values.getColumn(3).getText();
        sink.value(values.getColumn(0).getInt64(), values.getColumn(1).getText(),
                   value.isNull() ? std::nullopt : std::optional<std::string_view>(value.getText()),
                   stage);
      }
      const StatementCache::Lease progress_lease =
          cache_.get(db_,
                     "SELECT revision_id, initiative FROM revision_progress "
                     "WHERE revision_id > ? ORDER BY revision_id, initiative");
      SQLite::Statement& progress = *progress_lease;
      progress.bind(1, after_revision);
      while (progress.executeStep()) {
        sink.progress(progress.getColumn(0).getInt64(), progress.getColumn(1).getInt());
      }
      return 0;
    });
  }

  std::string integrity_check() override {
    return guard([&] {
      std::string out;
      SQLite::Statement st(db_, "PRAGMA integrity_check");
      while (st.executeStep()) {
        if (!out.empty()) out += "; ";
        out += st.getColumn(0).getString();
      }
      return out;
    });
  }

  void backup(const fs::path& destination) override {
    refuse_destination_in_use(destination);
    const fs::path temp = destination.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                          std::to_string(std::random_device{}());
    // The copy is made with the ledger file's permissions (a 0600 ledger stays private in its
    // backup): the empty file is created with them before a byte is copied into it; SQLite makes
    // its journal with the same. A ledger in memory has none: the copy gets the default.
    // (Written as the owner may write while it is copied, a read-only ledger's backup is read-only
    // once it is done.)
    struct stat source {};
    std::optional<mode_t> mode;
    if (path_ != ":memory:" && ::stat(path_.c_str(), &source) == 0) {
      mode = source.st_mode & 0777U;
      const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 || ::fchmod(fd, *mode | S_IRUSR | S_IWUSR) != 0) {
        const int error = errno;
        if (fd >= 0) ::close(fd);
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw IoError(std::string("cannot create the backup: ") + std::strerror(error),
                      file_location(destination));
      }
      ::close(fd);
    }
    try {
      {
        SQLite::Database copy(temp.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        SQLite::Backup backup(copy, db_);
        backup.executeStep(-1);  // one step: a consistent snapshot; WAL lets others keep writing
      }
      std::error_code ec;
      if (mode && (*mode & (S_IRUSR | S_IWUSR)) != (S_IRUSR | S_IWUSR) &&
          ::chmod(temp.c_str(), *mode) != 0) {
        const int error = errno;
        fs::remove(temp, ec);
        throw IoError(std::string("cannot set the backup's permissions: ") + std::strerror(error),
                      file_location(destination));
      }
      fs::rename(temp, destination, ec);
      if (ec) {
        fs::remove(temp, ec);
        throw IoError("cannot move the backup into place: " + ec.message(),
                      file_location(destination));
      }
    } catch (const SQLite::Exception& e) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      const StorageFault fault = fault_of(e.getErrorCode());
      throw StorageError(fault, "backup failed: " + explain(fault, e.what()),
                         file_location(destination));
    }
  }

 private:
  // The copy is renamed over the destination: that must not be this ledger, nor a database that
  // some connection has open (or left unfinished), whose -wal, -shm or -journal would then be
  // taken for the copy's.
  void refuse_destination_in_use(const fs::path& destination) const {
    std::error_code ec;
    if (path_ != ":memory:" && fs::equivalent(destination, path_, ec)) {
      throw IoError("cannot back the ledger up onto itself: the file is in use by this ledger",
                    file_location(destination));
    }
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      if (exists_beside(destination, suffix)) {
        throw IoError(std::string("will not replace a database that is in use or was not closed "
                                  "cleanly (") +
                          beside(destination, suffix).filename().string() + " is beside it)",
                      file_location(destination));
      }
    }
  }

  // Refuses the ledger file `path` (or, with a `suffix`, its -wal, -shm or -journal) unless it is a
  // regular file, saying what it is instead. lstat(): a symbolic link is not followed.
  static void refuse_unless_regular(const fs::path& path, const char* suffix) {
    const fs::path file = *suffix == '\0' ? path : beside(path, suffix);
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return;  // gone: SQLite says
    const char* kind = S_ISFIFO(st.st_mode)   ? "a FIFO (named pipe)"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                       : S_ISDIR(st.st_mode)  ? "a directory"
                       : S_ISLNK(st.st_mode)  ? "a symbolic link"
                                              : "not a regular file";
    throw StorageError(
        StorageFault::cannot_open,
        *suffix == '\0' ? std::string("is ") + kind +
                              ", not a ledger file: not opened (a ledger is a regular file)"
                        : "has beside it " + file.filename().string() + ", which is " + kind +
                              ", not a file SQLite made: not opened (remove it if it is not yours)",
        file_location(path));
  }

  static SQLite::Database open_database(const fs::path& path, const LedgerOptions& options) {
    const bool memory = path == ":memory:";
    std::error_code ec;
    if (!memory && fs::is_symlink(fs::symlink_status(path, ec))) {
      throw StorageError(StorageFault::cannot_open,
                         "is a symbolic link; open the ledger file it points to (" +
                             fs::read_symlink(path, ec).string() + ") by its own name",
                         file_location(path));
    }
    const bool exists = !memory && fs::exists(path, ec);
    if (!memory && !exists && (!options.create_if_missing || options.read_only)) {
      throw StorageError(StorageFault::cannot_open, "there is no ledger file here",
                         file_location(path));
    }
    if (exists && fs::is_directory(path, ec)) {
      throw StorageError(StorageFault::cannot_open, "is a directory, not a ledger file",
                         file_location(path));
    }
    // Only a regular file is a ledger, and so are the files SQLite keeps beside it: a FIFO would
    // wait for a writer forever, a device (/dev/zero) never ends. Refused before anything opens
    // or reads them.
    if (exists) refuse_unless_regular(path, "");
    if (!memory) {
      for (const char* suffix : {"-wal", "-shm", "-journal"}) refuse_unless_regular(path, suffix);
    }
    int flags = options.read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
    if (!options.read_only && options.create_if_missing) flags |= SQLite::OPEN_CREATE;
    // The file itself must not be a symbolic link (its -wal and -shm must sit beside it), but the
    // directories on the way to it may be: SQLITE_OPEN_NOFOLLOW refuses a link anywhere in the
    // name, so the directory is resolved first.
    flags |= SQLITE_OPEN_NOFOLLOW;
    fs::path name = path;
    if (!memory && !path.parent_path().empty()) {
      const fs::path directory = fs::canonical(path.parent_path(), ec);
      if (!ec) name = directory / path.filename();
    }
    try {
      SQLite::Database db(name.string(), flags, static_cast<int>(options.busy_timeout.count()));
      if (exists) check_file_header(db.getHandle(), path);
      return db;
    } catch (const SQLite::Exception& e) {
      rethrow(e, path);
    }
  }

  void configure_connection() {
    // The file may come from elsewhere: no writable schema, no unsafe functions in its schema.
    sqlite3* handle = db_.getHandle();
    sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
    db_.exec("PRAGMA trusted_schema = OFF");
    db_.exec("PRAGMA foreign_keys = ON");
  }

  void configure_journal(const LedgerOptions& options) {
    if (path_ == ":memory:") return;
    if (!read_only_) use_wal();
    db_.exec(options.durability == Durability::full ? "PRAGMA synchronous = FULL"
                                                    : "PRAGMA synchronous = NORMAL");
    // SQLite's default page cache is 2 MiB: a year of a district's reports, but on a province's
    // file every filing then reads its index pages back from the OS (a profile of the benchmark's
    // writer showed a third of its time in pread). Up to 32 MiB, used only as the file needs it.
    db_.exec("PRAGMA cache_size = -32768");
  }

  // Puts the file in WAL mode (nothing to do when it is already). Leaving rollback-journal mode
  // turns a read into a write, which SQLite does not retry when another connection holds the file
  // (it fails at once with SQLITE_BUSY rather than risk a deadlock): so this retries, for as long
  // as the busy timeout.
  void use_wal() {
    const auto deadline = std::chrono::steady_clock::now() + busy_timeout_;
    std::chrono::milliseconds pause{1};
    for (;;) {
      try {
        db_.exec("PRAGMA journal_mode = WAL");
        return;
      } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() & 0xFF) != SQLITE_BUSY ||
            std::chrono::steady_clock::now() + pause > deadline) {
          throw;
        }
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
  }

  int pragma_int(const char* pragma) {
    SQLite::Statement st(db_, std::string("PRAGMA ") + pragma);
    return st.executeStep() ? st.getColumn(0).getInt() : 0;
  }

  // What a file says it is: its mark, its schema version and its schema objects.
  struct Identity {
    int application_id = 0;
    int version = 0;
    SchemaObjects objects;

    [[nodiscard]] bool empty() const {
      return objects.empty() && application_id == 0 && version == 0;
    }
    friend bool operator==(const Identity&, const Identity&) = default;
  };

  // Reads the identity inside the current transaction.
  Identity read_identity() {
    Identity id;
    id.application_id = pragma_int("application_id");
    id.version = pragma_int("user_version");
    id.objects = schema_objects(db_);
    return id;
  }

  // Reads the identity in one read transaction: another connection may create or upgrade the file
  // meanwhile, and the mark, the version and the schema must come from the same state of it.
  Identity identify() {
    try {
      db_.exec("BEGIN");
      try {
        Identity id = read_identity();
        db_.exec("COMMIT");
        return id;
      } catch (...) {
        rollback();
        throw;
      }
    } catch (const SQLite::Exception& e) {
      StorageFault fault = fault_of(e.getErrorCode(), sqlite3_system_errno(db_.getHandle()));
      if (fault == StorageFault::other) fault = StorageFault::corrupt;
      // With a -wal beside it, the file's size was not checked before SQLite opened it: when
      // SQLite finds it damaged and it is shorter than its header says, say so.
      if ((fault == StorageFault::corrupt || fault == StorageFault::not_sqlite) &&
          path_ != ":memory:") {
        const std::string truncated = truncation(db_.getHandle(), path_);
        if (!truncated.empty()) {
          throw StorageError(StorageFault::corrupt, truncated, file_location(path_));
        }
      }
      if (fault == StorageFault::corrupt || fault == StorageFault::not_sqlite) {
        throw StorageError(fault, explain(fault, e.what()), file_location(path_));
      }
      fail(e);
    }
  }

  // Identifies the file, creates or upgrades its schema, and refuses anything else. Nothing is
  // written to a file that turns out not to be a ledger of a version this library knows.
  void check_and_upgrade() {
    for (int attempt = 0; attempt < 10; ++attempt) {
      const Identity id = identify();
      if (id.empty()) {
        if (read_only_) {
          throw StorageError(StorageFault::not_a_ledger,
                             "is an empty database, not a ledger, and was opened read-only",
                             file_location(path_));
        }
        if (path_ != ":memory:") use_wal();
      } else {
        check_identity(id);
        if (id.version == kSchemaVersion) return;
        if (read_only_) {
          throw StorageError(StorageFault::read_only,
                             "has ledger schema version " + std::to_string(id.version) +
                                 ", which must be upgraded to " + std::to_string(kSchemaVersion) +
                                 ", but it was opened read-only",
                             file_location(path_));
        }
      }
      if (upgrade(id)) return;
      // Another connection created or upgraded the file first: look at it again.
    }
    throw StorageError(StorageFault::busy, "the file kept changing while it was being opened",
                       file_location(path_));
  }

  // Refuses anything but a ledger of a version this library knows, with exactly the schema that
  // version's migrations create.
  void check_identity(const Identity& id) {
    if (id.application_id != kApplicationId) {
      std::string tables;
      int n = 0;
      for (const auto& [type, name, sql] : id.objects) {
        if (type != "table" || n++ >= 5) continue;
        tables += (tables.empty() ? "" : ", ") + name;
      }
      throw StorageError(StorageFault::not_a_ledger,
                         "is an SQLite database but not a taizhang ledger" +
                             (tables.empty() ? std::string() : " (it holds tables " + tables + ")"),
                         file_location(path_));
    }
    if (id.version > kSchemaVersion) {
      throw StorageError(StorageFault::too_new,
                         "was written by a newer taizhang (ledger schema version " +
                             std::to_string(id.version) + "); this library (" +
                             TAIZHANG_VERSION_STRING + ") knows versions up to " +
                             std::to_string(kSchemaVersion),
                         file_location(path_));
    }
    if (id.version < 1) {
      throw StorageError(StorageFault::corrupt, "has the ledger's mark but no schema version",
                         file_location(path_));
    }
    check_schema(id.objects, id.version);
  }

  // Refuses a file whose schema is not exactly what taizhang created: a trigger, view or table
  // added or changed elsewhere could run or hide SQL when the ledger writes.
  void check_schema(const SchemaObjects& found, int version) {
    const SchemaObjects& expected = expected_schema(version);
    for (const auto& object : found) {
      if (expected.count(object) == 0) {
        throw StorageError(StorageFault::corrupt,
                           "its schema was altered outside taizhang: the " + std::get<0>(object) +
                               " \"" + std::get<1>(object) +
                               "\" is not what taizhang created; refusing to use it",
                           file_location(path_));
      }
    }
    for (const auto& object : expected) {
      if (found.count(object) == 0) {
        throw StorageError(StorageFault::corrupt,
                           "its schema was altered outside taizhang: the " + std::get<0>(object) +
                               " \"" + std::get<1>(object) + "\" is missing",
                           file_location(path_));
      }
    }
  }

  // Runs the migrations from the identified version to the current one in one transaction, and
  // returns true; or, when the file is no longer as identified once the write lock is held
  // (another connection created or upgraded it meanwhile), writes nothing and returns false.
  bool upgrade(const Identity& identified) {
    db_.exec("BEGIN IMMEDIATE");
    try {
      if (!(read_identity() == identified)) {
        db_.exec("COMMIT");
        return false;
      }
      const int from = identified.version;
      for (int v = from; v < kSchemaVersion; ++v) {
        db_.exec(std::string(migrations()[static_cast<std::size_t>(v)]));
      }
      db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db_.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
      SQLite::Statement meta(db_,
                             "INSERT INTO meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
      const std::pair<const char*, std::string> rows[] = {
          {from == 0 ? "created_by" : "upgraded_by",
           std::string("taizhang ") + TAIZHANG_VERSION_STRING},
          {from == 0 ? "created_at" : "upgraded_at", format_timestamp(now_utc())},
      };
      for (const auto& [key, value] : rows) {
        meta.bind(1, key);
        meta.bind(2, value);
        meta.exec();
        meta.reset();
      }
      db_.exec("COMMIT");
      return true;
    } catch (...) {
      rollback();
      throw;
    }
  }

  void transaction(const char* begin, const std::function<void()>& work) {
    if (depth_ > 0) {
      work();
      return;
    }
    try {
      db_.exec(begin);
    } catch (const SQLite::Exception& e) {
      fail(e);
    }
    ++depth_;
    try {
      work();
      db_.exec("COMMIT");
      --depth_;
    } catch (const SQLite::Exception& e) {
      --depth_;
      rollback();
      fail(e);
    } catch (...) {
      --depth_;
      rollback();
      throw;
    }
  }

  // Throws the StorageError of an SQLite error met on this connection.
  [[noreturn]] void fail(const SQLite::Exception& e) {
    int system_errno = sqlite3_system_errno(db_.getHandle());
    if (system_errno == 0) system_errno = errno_before_rollback_;
    errno_before_rollback_ = 0;
    rethrow(e, path_, system_errno);
  }

  void rollback() noexcept {
    // The rollback's own file operations replace the error of the one that failed.
    errno_before_rollback_ = sqlite3_system_errno(db_.getHandle());
    try {
      if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is the one to report
    }
  }

  // Runs a query outside Ledger's transactions too, turning SQLite errors into StorageErrors.
  template <class F>
  auto guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      fail(e);
    } catch (const StorageError& e) {
      if (!e.where().empty()) throw;
      throw StorageError(e.fault(), e.message(), file_location(path_));
    }
  }

  std::int64_t plan_id_of(const std::string& code) {
    const StatementCache::Lease st_lease = cache_.get(db_, "SELECT id FROM plans WHERE code = ?");
    SQLite::Statement& st = *st_lease;
    st.bind(1, code);
    if (!st.executeStep()) throw NotFoundError("there is no plan \"" + code + "\" in the ledger");
    return st.getColumn(0).getInt64();
  }

  static Unit unit_row(SQLite::Statement& st) {
    Unit u;
    u.code = st.getColumn(0).getString();
    u.name = st.getColumn(1).getString();
    u.kind = enum_column<UnitKind>(st.getColumn(2), &unit_kind_from_string);
    u.parent = st.getColumn(3).getString();
    u.full_name = st.getColumn(4).getString();
    return u;
  }

  static Actor actor_columns(SQLite::Statement& st, int first) {
    Actor a;
    a.unit = st.getColumn(first).getString();
    a.role = enum_column<ActorRole>(st.getColumn(first + 1), &actor_role_from_string);
    a.person = st.getColumn(first + 2).getString();
    return a;
  }

  static RevisionRecord revision_row(SQLite::Statement& st, const ReportKey& key) {
    RevisionRecord r;
    r.id = st.getColumn(0).getInt64();
    r.key = key;
    r.revision.number = st.getColumn(1).getInt();
    r.revision.recorded_at = from_ms(st.getColumn(2).getInt64());
    r.revision.actor = actor_columns(st, 3);
    r.revision.action = enum_column<ReportAction>(st.getColumn(6), &report_action_from_string);
    r.revision.status = enum_column<ReportStatus>(st.getColumn(7), &report_status_from_string);
    r.revision.reason = st.getColumn(8).getString();
    r.content_number = st.getColumn(9).getInt();
    r.prev_hash = st.getColumn(10).getString();
    r.revision.hash = st.getColumn(11).getString();
    r.signer = st.getColumn(12).getString();
    r.signature = st.getColumn(13).getString();
    return r;
  }

  ReportContent load_content(std::int64_t revision_id) {
    ReportContent content;
    const StatementCache::Lease progress_lease =
        cache_.get(db_,
                   "SELECT initiative, narrative, expected_completion "
                   "FROM revision_progress WHERE revision_id = ? ORDER BY initiative");
    SQLite::Statement& progress = *progress_lease;
    progress.bind(1, revision_id);
    while (progress.executeStep()) {
      InitiativeProgress p;
      p.initiative = progress.getColumn(0).getInt();
      p.narrative = progress.getColumn(1).getString();
      if (!progress.getColumn(2).getString().empty()) {
        p.expected_completion = stored(progress.getColumn(2), &parse_date, "a date");
      }
      content.progress.push_back(std::move(p));
    }
    const StatementCache::Lease values_lease =
        cache_.get(db_,
                   "SELECT target, value, stage, comment, evidence, filed_value, "
                   "filed_unit FROM revision_values WHERE revision_id = ?");
    SQLite::Statement& values = *values_lease;
    values.bind(1, revision_id);
    while (values.executeStep()) {
      TargetValue v;
      v.target = values.getColumn(0).getString();
      v.value = decimal(values.getColumn(1));
      v.stage = values.getColumn(2).getString();
      v.comment = values.getColumn(3).getString();
      v.evidence = values.getColumn(4).getString();
      v.filed_value = decimal(values.getColumn(5));
      v.filed_unit = values.getColumn(6).getString();
      content.values.push_back(std::move(v));
    }
    return content;
  }

  // Gives each revision the content of the revision it points to.
  void fill_contents(std::vector<RevisionRecord>& records) {
    std::map<int, ReportContent> by_number;
    for (const RevisionRecord& r : records) {
      if (r.carries_content()) by_number.emplace(r.revision.number, load_content(r.id));
    }
    for (RevisionRecord& r : records) {
      const auto it = by_number.find(r.content_number);
      if (it != by_number.end()) r.revision.content = it->second;
    }
  }

  void insert_content(std::int64_t revision_id, const ReportContent& content) {
    const StatementCache::Lease progress_lease =
        cache_.get(db_,
                   "INSERT INTO revision_progress (revision_id, initiative, narrative, "
                   "expected_completion) VALUES (?, ?, ?, ?)");
    SQLite::Statement& progress = *progress_lease;
    for (const InitiativeProgress& p : content.progress) {
      progress.bind(1, revision_id);
      progress.bind(2, p.initiative);
      progress.bind(3, p.narrative);
      progress.bind(4, p.expected_completion ? p.expected_completion->to_string() : std::string());
      progress.exec();
      progress.reset();
    }
    const StatementCache::Lease values_lease =
        cache_.get(db_,
                   "INSERT INTO revision_values (revision_id, target, value, stage, "
                   "comment, evidence, filed_value, filed_unit) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& values = *values_lease;
    for (const TargetValue& v : content.values) {
      values.bind(1, revision_id);
      values.bind(2, v.target);
      bind_optional(values, 3, v.value);
      values.bind(4, v.stage);
      values.bind(5, v.comment);
      values.bind(6, v.evidence);
      bind_optional(values, 7, v.filed_value);
      values.bind(8, v.filed_unit);
      values.exec();
      values.reset();
    }
  }

  // Rebuilds the flattened tables of the plan's current version.
  void project(std::int64_t plan_id, const Plan& plan) {
    for (const char* table : {"targets", "assignments", "initiatives"}) {
      const StatementCache::Lease st_lease =
          cache_.get(db_, std::string("DELETE FROM ") + table + " WHERE plan_id = ?");
      SQLite::Statement& st = *st_lease;
      st.bind(1, plan_id);
      st.exec();
    }
    const StatementCache::Lease ini_lease =
        cache_.get(db_,
                   "INSERT INTO initiatives (plan_id, number, title, description, deadline) "
                   "VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement& ini = *ini_lease;
    const StatementCache::Lease asg_lease =
        cache_.get(db_,
                   "INSERT INTO assignments (plan_id, initiative, position, unit, role, "
                   "division, person) VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& asg = *asg_lease;
    const StatementCache::Lease tgt_lease =
        cache_.get(db_,
                   "INSERT INTO targets (plan_id, code, initiative, position, description, "
                   "measure, unit, value, goal, form, direction, accumulation, combination, "
                   "deadline, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    SQLite::Statement& tgt = *tgt_lease;
    for (const Initiative& i : plan.initiatives) {
      ini.bind(1, plan_id);
      ini.bind(2, i.number);
      ini.bind(3, i.title);
      ini.bind(4, i.description);
      ini.bind(5, i.deadline ? i.deadline->to_string() : plan.end.to_string());
      ini.exec();
      ini.reset();
      int position = 0;
      for (const Assignment& a : i.assignments) {
        asg.bind(1, plan_id);
        asg.bind(2, i.number);
        asg.bind(3, ++position);
        asg.bind(4, a.unit);
        asg.bind(5, to_string(a.role));
        asg.bind(6, a.division);
        asg.bind(7, a.person);
        asg.exec();
        asg.reset();
      }
      position = 0;
      for (const Target& t : i.targets) {
        tgt.bind(1, plan_id);
        tgt.bind(2, t.code);
        tgt.bind(3, i.number);
        tgt.bind(4, ++position);
        tgt.bind(5, t.description);
        tgt.bind(6, to_string(t.measure));
        tgt.bind(7, t.unit);
        bind_optional(tgt, 8, t.value);
        bind_optional(tgt, 9, t.goal());
        tgt.bind(10, to_string(t.form));
        tgt.bind(11, to_string(t.direction));
        tgt.bind(12, to_string(t.accumulation));
        tgt.bind(13, to_string(t.combination));
        tgt.bind(14, plan.deadline_of(i, t).to_string());
        tgt.bind(15, t.weight.to_string());
        tgt.exec();
        tgt.reset();
      }
    }
  }

  fs::path path_;
  bool read_only_;
  std::chrono::milliseconds busy_timeout_;
  SQLite::Database db_;
  StatementCache cache_;  // after db_: its statements are finalized before the connection closes
  int depth_ = 0;
  int errno_before_rollback_ = 0;  // see rollback()
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const fs::path& path, const LedgerOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace taizhang::store
