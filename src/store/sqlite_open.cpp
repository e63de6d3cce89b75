// Opening a ledger file: the checks before SQLite reads it, the connection's settings, and the
// schema, identified and then created or upgraded by the numbered migrations.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "store/schema.hpp"
#include "store/sqlite_errors.hpp"
#include "store/sqlite_store.hpp"
#include "store/sqlite_store_impl.hpp"
#include "taizhang/error.hpp"
#include "taizhang/version.hpp"

namespace taizhang::store {

namespace {

namespace fs = std::filesystem;

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

}  // namespace

SqliteStore::SqliteStore(const fs::path& path, const StoreOptions& options,
                         const SqliteOptions& sqlite)
    : path_(path),
      read_only_(options.read_only),
      busy_timeout_(options.busy_timeout),
      db_(open_database(path, options)) {
  try {
    configure_connection();
    check_and_upgrade();
    configure_journal(options, sqlite);
  } catch (const SQLite::Exception& e) {
    fail(e);
  }
}

SQLite::Database SqliteStore::open_database(const fs::path& path, const StoreOptions& options) {
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

void SqliteStore::configure_connection() {
  // The file may come from elsewhere: no writable schema, no unsafe functions in its schema.
  sqlite3* handle = db_.getHandle();
  sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  db_.exec("PRAGMA trusted_schema = OFF");
  db_.exec("PRAGMA foreign_keys = ON");
}

void SqliteStore::configure_journal(const StoreOptions& options, const SqliteOptions& sqlite) {
  if (path_ == ":memory:") return;
  if (!read_only_) use_wal();
  db_.exec(options.durable_commits ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
  // A negative cache_size is in KiB.
  db_.exec("PRAGMA cache_size = -" + std::to_string(sqlite.page_cache_kib));
}

// Puts the file in WAL mode (nothing to do when it is already). Leaving rollback-journal mode
// turns a read into a write, which SQLite does not retry when another connection holds the file
// (it fails at once with SQLITE_BUSY rather than risk a deadlock): so this retries, for as long
// as the busy timeout.
void SqliteStore::use_wal() {
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

int SqliteStore::pragma_int(const char* pragma) {
  SQLite::Statement st(db_, std::string("PRAGMA ") + pragma);
  return st.executeStep() ? st.getColumn(0).getInt() : 0;
}

// Reads the identity inside the current transaction.
SqliteStore::Identity SqliteStore::read_identity() {
  Identity id;
  id.application_id = pragma_int("application_id");
  id.version = pragma_int("user_version");
  id.objects = schema_objects(db_);
  return id;
}

// Reads the identity in one read transaction: another connection may create or upgrade the file
// meanwhile, and the mark, the version and the schema must come from the same state of it.
SqliteStore::Identity SqliteStore::identify() {
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
void SqliteStore::check_and_upgrade() {
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
void SqliteStore::check_identity(const Identity& id) {
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
void SqliteStore::check_schema(const SchemaObjects& found, int version) {
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
bool SqliteStore::upgrade(const Identity& identified) {
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

std::unique_ptr<Store> open_sqlite_store(const fs::path& path, const StoreOptions& options,
                                         const SqliteOptions& sqlite) {
  return std::make_unique<SqliteStore>(path, options, sqlite);
}

}  // namespace taizhang::store
