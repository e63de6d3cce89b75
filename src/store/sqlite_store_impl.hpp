// The SQLite store's class (internal to the SQLite store). Its parts live by concern:
// sqlite_open.cpp opens the file and creates or upgrades its schema; sqlite_store.cpp holds the
// transactions, reads and writes; sqlite_backup.cpp copies the ledger. Errors and the checks of the
// file itself are in sqlite_errors.cpp, the prepared statements in statement_cache.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include "store/sqlite_errors.hpp"
#include "store/sqlite_store.hpp"
#include "store/statement_cache.hpp"
#include "store/store.hpp"

namespace taizhang::store {

// The schema objects (type, name, sql) of a database, in a stable order.
using SchemaObjects = std::set<std::tuple<std::string, std::string, std::string>>;

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::filesystem::path& path, const StoreOptions& options,
              const SqliteOptions& sqlite);

  void write(const std::function<void()>& work) override;
  void read(const std::function<void()>& work) override;

  std::vector<Unit> units() override;
  std::optional<Unit> unit(std::string_view code) override;
  void put_unit(const Unit& u) override;

  std::optional<int> plan_version_now(std::string_view plan) override;
  std::vector<PlanVersionRecord> plan_versions(std::string_view plan) override;
  void add_plan_version(PlanVersionRecord& r, const Plan& plan) override;
  std::string last_plan_hash() override;

  std::vector<ReportKey> report_keys(std::string_view plan, const std::optional<Period>& period,
                                     std::string_view unit) override;
  std::vector<RevisionRecord> revisions(const ReportKey& key) override;
  void add_revision(RevisionRecord& r) override;
  std::string last_revision_hash() override;
  std::vector<std::pair<Period, Decimal>> current_values(std::string_view plan,
                                                         std::string_view unit,
                                                         std::string_view target) override;
  void scan_since(std::int64_t after_report, std::int64_t after_revision,
                  SnapshotSink& sink) override;

  std::vector<RegistryRecord> registry(std::int64_t after_id) override;
  void add_registry(RegistryRecord& r) override;
  std::string last_registry_hash() override;
  std::vector<HeadRecord> heads() override;
  std::optional<HeadRecord> last_head() override;
  void add_head(HeadRecord& h) override;
  std::optional<Timestamp> last_record_time() override;

  std::vector<ReportRowState> report_rows() override;
  std::vector<PlanRowState> plan_rows() override;

  void scan(const std::function<void(const RevisionRecord&)>& revision,
            const std::function<void(const PlanVersionRecord&)>& plan_version,
            const std::function<void(const std::string&)>& problem) override;
  std::string integrity_check() override;
  void backup(const std::filesystem::path& destination) override;

 private:
  // ---- opening and the schema (sqlite_open.cpp)
  static SQLite::Database open_database(const std::filesystem::path& path,
                                        const StoreOptions& options);
  void configure_connection();
  void configure_journal(const StoreOptions& options, const SqliteOptions& sqlite);
  void use_wal();
  int pragma_int(const char* pragma);

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
  Identity read_identity();
  Identity identify();
  void check_and_upgrade();
  void check_identity(const Identity& id);
  void check_schema(const SchemaObjects& found, int version);
  bool upgrade(const Identity& identified);

  // ---- transactions and errors (sqlite_store.cpp)
  void transaction(const char* begin, const std::function<void()>& work);
  // Throws the StorageError of an SQLite error met on this connection.
  [[noreturn]] void fail(const SQLite::Exception& e);
  void rollback() noexcept;

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

  // Leases the statement of `sql` on this connection with `args` bound to ?1, ?2, ... in order.
  template <class... Args>
  StatementCache::Query query(const std::string& sql, const Args&... args) {
    return cache_.query(db_, sql, args...);
  }

  // ---- reads and writes (sqlite_store.cpp)
  std::string last_hash(const char* sql);
  std::int64_t plan_id_of(const std::string& code);
  std::int64_t report_id_of(const RevisionRecord& r, std::int64_t plan_id);
  ReportContent load_content(std::int64_t revision_id);
  void fill_contents(std::vector<RevisionRecord>& records);
  void insert_content(std::int64_t revision_id, const ReportContent& content);
  void project(std::int64_t plan_id, const Plan& plan);
  bool nothing_since(std::int64_t after_report, std::int64_t after_revision);

  // ---- backup (sqlite_backup.cpp)
  void refuse_destination_in_use(const std::filesystem::path& destination) const;

  std::filesystem::path path_;
  bool read_only_;
  std::chrono::milliseconds busy_timeout_;
  SQLite::Database db_;
  StatementCache cache_;  // after db_: its statements are finalized before the connection closes
  int depth_ = 0;
  int errno_before_rollback_ = 0;  // see rollback()
};

}  // namespace taizhang::store
