// The ledger file itself, on real files: how it is created and recognised, how every kind of bad
// file is refused with its own error and left exactly as it was, how a schema altered elsewhere is
// refused, how changes made with plain sqlite3 behind the library's back show in verify(), online
// backup, read-only opening and the schema version.
//
// The test target links the library only, so the file is inspected and tampered with through the
// sqlite3 command-line shell (installed by scripts/bootstrap), as another system would. The last
// tests keep docs/schema.md honest: its queries print what it shows, its tables are the file's, and
// its Python program recomputes the hash chains.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"

namespace tz = taizhang;
namespace fs = std::filesystem;
using tz::Decimal;
using tz::StorageFault;
using tz::test::admin;
using tz::test::coordinator;
using tz::test::linzi_key;
using tz::test::reporter;
using tz::test::TempDir;

namespace {

constexpr const char* kPlan = "linzi-2021-women-children";

// ---- the sqlite3 shell ------------------------------------------------------------------------

struct ShellResult {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs `before` + a file holding `text` + `after` as a shell command. The file is outside the
// ledger's directory, so that the directory holds only what SQLite leaves.
ShellResult run_with_file(const std::string& before, const std::string& text,
                          const std::string& after) {
  static int counter = 0;
  const fs::path file =
      fs::temp_directory_path() /
      ("taizhang-file-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  {
    std::ofstream out(file, std::ios::binary);
    out << text << "\n";
  }
  const std::string command = before + "'" + file.string() + "'" + after + " 2>&1";
  ShellResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe != nullptr) {
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
      result.output.append(buffer.data(), n);
    }
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::error_code ignored;
  fs::remove(file, ignored);
  return result;
}

// Runs `sql` with the sqlite3 shell on `db`, stopping at the first error.
ShellResult sqlite3_shell(const fs::path& db, const std::string& sql,
                          const std::string& options = "") {
  return run_with_file("sqlite3 -batch -bail " + options + " '" + db.string() + "' < ", sql, "");
}

// The shell's output of `sql` without the final newline; a failure of the shell fails the test.
std::string sql(const fs::path& db, const std::string& text) {
  ShellResult r = sqlite3_shell(db, text);
  EXPECT_EQ(r.status, 0) << "sqlite3 failed on " << text << ":\n" << r.output;
  while (!r.output.empty() && r.output.back() == '\n') r.output.pop_back();
  return r.output;
}

bool have_sqlite3_shell() {
  return std::system("sqlite3 -version > /dev/null 2>&1") == 0;
}

#define REQUIRE_SQLITE3_SHELL()     \
  ASSERT_TRUE(have_sqlite3_shell()) \
      << "these tests need the sqlite3 command-line shell (scripts/bootstrap installs it)"

// ---- files ------------------------------------------------------------------------------------

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Everything a test can see of a file: its bytes, size and modification time, and the names in
// its directory (so that a -wal, -shm or -journal file left behind shows).
struct FileState {
  std::string bytes;
  std::uintmax_t size = 0;
  fs::file_time_type mtime;
  std::set<std::string> directory;
};

FileState state_of(const fs::path& path) {
  FileState s;
  s.bytes = tz::test::read_text(path);
  s.size = fs::file_size(path);
  s.mtime = fs::last_write_time(path);
  for (const fs::directory_entry& e : fs::directory_iterator(path.parent_path())) {
    s.directory.insert(e.path().filename().string());
  }
  return s;
}

// A connection opened read-only cannot remove the -wal and -shm files that SQLite creates beside
// a WAL-mode database to read it (it never writes to them: the -wal stays empty); SQLite leaves
// them for the next connection that writes. Every other connection removes them when it closes.
void expect_untouched(const fs::path& path, const FileState& before, bool read_only = false) {
  const FileState after = state_of(path);
  EXPECT_EQ(after.size, before.size) << path;
  EXPECT_TRUE(after.bytes == before.bytes) << path << ": the file's bytes changed";
  EXPECT_TRUE(after.mtime == before.mtime) << path << ": the file's modification time changed";
  std::set<std::string> directory = after.directory;
  if (read_only && before.directory.count(path.filename().string() + "-wal") == 0) {
    const fs::path wal = path.string() + "-wal";
    if (fs::exists(wal)) {
      EXPECT_EQ(fs::file_size(wal), 0U) << "a read-only connection wrote to " << wal;
      EXPECT_EQ(before.bytes.substr(18, 2), std::string("\x02\x02", 2))
          << "a -wal file beside a database not in WAL mode";
    }
    directory.erase(path.filename().string() + "-wal");
    directory.erase(path.filename().string() + "-shm");
  }
  EXPECT_EQ(directory, before.directory) << "files appeared or went beside " << path;
}

// Runs `call` expecting a StorageError with `fault` that names the file and mentions each of
// `mentions`; returns its what().
std::string expect_storage_error(const std::function<void()>& call, StorageFault fault,
                                 const fs::path& file, const std::vector<std::string>& mentions) {
  try {
    call();
    ADD_FAILURE() << "no StorageError(" << tz::to_string(fault) << ") for " << file;
  } catch (const tz::StorageError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.fault(), fault) << what;
    EXPECT_EQ(e.code(), tz::ErrorCode::storage) << what;
    EXPECT_EQ(e.where().file, file.string()) << what;
    for (const std::string& m : mentions) {
      EXPECT_NE(what.find(m), std::string::npos) << "\"" << m << "\" is not in: " << what;
    }
    return what;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a StorageError for " << file << ": " << e.what();
  }
  return {};
}

// Opening `path` read-write and read-only both fail with `fault`, and leave it as it was.
void expect_refused(const fs::path& path, StorageFault fault,
                    const std::vector<std::string>& mentions) {
  const FileState before = state_of(path);
  for (const bool read_only : {false, true}) {
    SCOPED_TRACE(read_only ? "read-only" : "read-write");
    tz::LedgerOptions options;
    options.read_only = read_only;
    expect_storage_error([&] { (void)tz::Ledger::open(path, options); }, fault, path, mentions);
    expect_untouched(path, before, read_only);
  }
}

// ---- a real ledger ----------------------------------------------------------------------------

tz::ReportContent health_q1() {
  tz::ReportContent c;
  c.progress.push_back({1, "完成第一季度“两癌”筛查4500人。", tz::Date::make(2021, 12, 31)});
  c.values.push_back(
      {"1.1", Decimal(4500), "", "", "按乡镇汇总", "https://example.org/q1", {}, {}, {}});
  c.values.push_back({"1.2", std::nullopt, "", "已启动", "", "", {}, {}, {}});
  return c;
}

tz::ReportContent law_q1() {
  tz::ReportContent c;
  c.values.push_back({"5.1", Decimal(30000), "万元", "", "", "", {}, {}, {}});
  return c;
}

// The Linzi plan and five revisions: health's 2021Q1 report saved and submitted (1, 2), accepted
// (3) and corrected (4); law-enforcement's 2021Q1 report saved (5).
void make_ledger(const fs::path& path) {
  tz::test::TestClock clock("2021-04-06T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
  ledger.file(reporter("health"), linzi_key("health", "2021Q1"), health_q1());
  clock.set("2021-04-08T10:00:00+08:00");
  ledger.accept(coordinator(), linzi_key("health", "2021Q1"));
  clock.set("2021-04-20T10:00:00+08:00");
  tz::ReportContent corrected = health_q1();
  corrected.values[0].value = Decimal(4550);
  ledger.correct(reporter("health"), linzi_key("health", "2021Q1"), corrected, "漏报50人");
  ledger.save(reporter("law-enforcement"), linzi_key("law-enforcement", "2021Q1"), law_q1());
}

// The SQL text of a schema object, to drop it and create it again exactly as it was.
std::string object_sql(const fs::path& db, const std::string& name) {
  return sql(db, "SELECT sql FROM sqlite_schema WHERE name = '" + name + "';");
}

// Runs `change` with the named append-only triggers out of the way, then puts them back exactly
// as they were: the schema check still passes, only the data differs.
void behind_the_back(const fs::path& db, const std::vector<std::string>& triggers,
                     const std::string& change) {
  std::string drop;
  std::string create;
  for (const std::string& t : triggers) {
    const std::string text = object_sql(db, t);
    ASSERT_FALSE(text.empty()) << "no trigger " << t;
    drop += "DROP TRIGGER " + t + ";\n";
    create += text + ";\n";
  }
  (void)sql(db, "BEGIN;\n" + drop + change + "\n" + create + "COMMIT;");
}

// Each unit assigned in the plan, with the first initiative it is assigned to.
std::vector<std::pair<std::string, int>> one_initiative_per_unit(const tz::Plan& plan) {
  std::vector<std::pair<std::string, int>> units;
  for (const tz::Initiative& i : plan.initiatives) {
    for (const tz::Assignment& a : i.assignments) {
      const bool seen =
          std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.first == a.unit; });
      if (!seen) units.emplace_back(a.unit, i.number);
    }
  }
  return units;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) {
    v = (v << 8U) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  }
  return v;
}

// =================================================================================================
// Opening
// =================================================================================================

TEST(LedgerFileOpen, CreatesANewFileMarkedAsALedgerInWalMode) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "new.taizhang";
  {
    const tz::Ledger ledger = tz::Ledger::open(path);
    EXPECT_EQ(ledger.path(), path);
    EXPECT_TRUE(fs::exists(path));
    EXPECT_TRUE(ledger.plans().empty());
  }
  EXPECT_EQ(sql(path, "PRAGMA user_version;"), std::to_string(tz::Ledger::schema_version()));
  EXPECT_EQ(sql(path, "PRAGMA application_id;"), std::to_string(0x545A4C47));
  EXPECT_EQ(sql(path, "PRAGMA journal_mode;"), "wal");
  EXPECT_EQ(sql(path, "SELECT value FROM meta WHERE key = 'created_by';").rfind("taizhang ", 0),
            0U);
  EXPECT_EQ(sql(path, "PRAGMA integrity_check;"), "ok");
  // Every table is STRICT.
  EXPECT_EQ(sql(path,
                "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' "
                "AND name NOT LIKE 'sqlite_%' AND strict = 0;"),
            "0");
  // Closed cleanly: nothing but the ledger is left in the directory.
  EXPECT_EQ(state_of(path).directory, std::set<std::string>{"new.taizhang"});
}

// Foreign keys are a setting of each connection, not of the file: the file declares them, and the
// library's connection enforces them. To see that, the shell (whose connection does not enforce
// them) removes a unit that the plan names; the library then refuses to file a report that would
// refer to the missing unit, and writes nothing.
TEST(LedgerFileOpen, DeclaresForeignKeysAndEnforcesThem) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  EXPECT_EQ(sql(path, "PRAGMA foreign_key_check;"), "");
  EXPECT_EQ(sql(path,
                "SELECT count(*) FROM pragma_foreign_key_list('reports') "
                "WHERE \"table\" IN ('plans', 'units');"),
            "2");
  EXPECT_EQ(sql(path, "SELECT count(*) FROM pragma_foreign_key_list('revision_values');"), "1");

  (void)sql(path, "DELETE FROM units WHERE code = 'education-sports';");
  tz::Ledger ledger = tz::Ledger::open(path);
  tz::ReportContent c;
  c.progress.push_back({2, "新建幼儿园主体完工", std::nullopt});
  const tz::ReportKey key = linzi_key("education-sports", "2021Q1");
  expect_storage_error([&] { ledger.save(reporter("education-sports"), key, c); },
                       StorageFault::other, path, {"FOREIGN KEY"});
  EXPECT_FALSE(ledger.report(key));
  EXPECT_EQ(ledger.verify().revisions_checked, 5);
}

TEST(LedgerFileOpen, InMemoryLedgerLeavesNoFile) {
  const tz::test::TestClock clock;
  const tz::Ledger a = tz::test::linzi_ledger(clock);
  const tz::Ledger b = tz::Ledger::open(":memory:");
  EXPECT_EQ(a.path(), fs::path(":memory:"));
  EXPECT_EQ(a.plans().size(), 1U);
  EXPECT_TRUE(b.plans().empty()) << "each in-memory ledger is its own";
  EXPECT_TRUE(a.verify().ok);
  EXPECT_FALSE(fs::exists(":memory:"));
}

TEST(LedgerFileOpen, MissingFileWithoutCreateIsCannotOpen) {
  const TempDir dir;
  const fs::path path = dir / "missing.taizhang";
  tz::LedgerOptions options;
  options.create_if_missing = false;
  expect_storage_error([&] { (void)tz::Ledger::open(path, options); }, StorageFault::cannot_open,
                       path, {});
  options = {};
  options.read_only = true;
  expect_storage_error([&] { (void)tz::Ledger::open(path, options); }, StorageFault::cannot_open,
                       path, {});
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(LedgerFileOpen, DirectoryIsCannotOpen) {
  const TempDir dir;
  const fs::path path = dir / "folder.taizhang";
  fs::create_directory(path);
  expect_storage_error([&] { (void)tz::Ledger::open(path); }, StorageFault::cannot_open, path,
                       {"directory"});
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_TRUE(fs::is_empty(path));
  // A file in a directory that does not exist cannot be created.
  const fs::path nowhere = dir / "no-such-folder" / "ledger.taizhang";
  expect_storage_error([&] { (void)tz::Ledger::open(nowhere); }, StorageFault::cannot_open, nowhere,
                       {});
  EXPECT_FALSE(fs::exists(nowhere.parent_path()));
}

TEST(LedgerFileOpen, ReopeningKeepsEverything) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  std::optional<tz::Report> health;
  std::vector<tz::Revision> history;
  std::vector<tz::PlanSummary> plans;
  {
    make_ledger(path);
    const tz::Ledger ledger = tz::Ledger::open(path);
    health = ledger.report(linzi_key("health", "2021Q1"));
    history = ledger.history(linzi_key("health", "2021Q1"));
    plans = ledger.plans();
  }
  const tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_EQ(ledger.plans(), plans);
  EXPECT_EQ(ledger.plan(kPlan), tz::test::linzi_plan());
  ASSERT_TRUE(health);
  EXPECT_EQ(health->content().values[0].value, Decimal(4550));
  EXPECT_EQ(ledger.report(linzi_key("health", "2021Q1")), health);
  EXPECT_EQ(ledger.history(linzi_key("health", "2021Q1")), history);
  EXPECT_EQ(history.size(), 4U);
  EXPECT_EQ(ledger.report(linzi_key("law-enforcement", "2021Q1"))->content().values[0].value,
            Decimal(3));
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, 5);
}

// The ledger file itself must not be a symbolic link (SQLite puts its -wal and -shm files beside
// the name it opens, so two names for one file could pair it with two WALs); the directories on the
// way to it may be links.
TEST(LedgerFileOpen, SymbolicLinkIsCannotOpen) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const fs::path link = dir / "link.taizhang";
  fs::create_symlink(path, link);
  const fs::path dangling = dir / "dangling.taizhang";
  fs::create_symlink(dir / "nothing.taizhang", dangling);
  const FileState before = state_of(path);
  expect_storage_error([&] { (void)tz::Ledger::open(link); }, StorageFault::cannot_open, link,
                       {"symbolic link", path.string()});
  expect_storage_error([&] { (void)tz::Ledger::open(dangling); }, StorageFault::cannot_open,
                       dangling, {"symbolic link"});
  expect_untouched(path, before);
  EXPECT_FALSE(fs::exists(dir / "nothing.taizhang"));
}

TEST(LedgerFileOpen, DirectoryThroughASymbolicLinkIsFine) {
  const TempDir dir;
  fs::create_directory(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "linked");
  const fs::path path = dir / "linked" / "ledger.taizhang";
  make_ledger(path);
  EXPECT_TRUE(fs::exists(dir / "real" / "ledger.taizhang"));
  const tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_EQ(ledger.path(), path);
  EXPECT_EQ(ledger.verify().revisions_checked, 5);
}

// A process that dies while a checkpoint copies the WAL into the file leaves a file whose header
// (page 1, written first) already counts pages that are still only in the WAL. SQLite recovers such
// a file from its WAL: the ledger opens it, and does not take it for a truncated one. (A reader
// that opens the file while another process checkpoints sees the same.)
TEST(LedgerFileOpen, RecoversFromACrashDuringACheckpoint) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const TempDir crash;
  const fs::path image = crash / "ledger.taizhang";
  std::int64_t revisions = 0;
  {
    const tz::test::TestClock clock("2021-07-05T09:00:00+08:00");
    tz::LedgerOptions options;
    options.clock = clock.function();
    tz::Ledger ledger = tz::Ledger::open(path, options);
    // Enough to grow the file by some pages, too little for an automatic checkpoint.
    for (const auto& [unit, initiative] : one_initiative_per_unit(ledger.plan(kPlan))) {
      tz::ReportContent c;
      c.progress.push_back({initiative, std::string(3000, 'x'), std::nullopt});
      ledger.file(reporter(unit), linzi_key(unit, "2021Q2"), c);
    }
    revisions = ledger.verify().revisions_checked;
    // The files as a crash would leave them now (the ledger is idle between calls).
    ASSERT_TRUE(fs::exists(path.string() + "-wal"));
    fs::copy_file(path, image);
    fs::copy_file(path.string() + "-wal", image.string() + "-wal");
  }
  // The checkpoint had written page 1, as the WAL's last committed copy of it has it.
  const std::string wal = tz::test::read_text(image.string() + "-wal");
  ASSERT_GE(wal.size(), 32U);
  const std::size_t page_size = big_endian(wal, 8, 4);
  const std::string salt = wal.substr(16, 8);
  std::string page1;
  for (std::size_t at = 32; at + 24 + page_size <= wal.size(); at += 24 + page_size) {
    if (wal.substr(at + 8, 8) != salt) break;
    if (big_endian(wal, at, 4) == 1) page1 = wal.substr(at + 24, page_size);
  }
  ASSERT_EQ(page1.size(), page_size);
  std::string bytes = tz::test::read_text(image);
  bytes.replace(0, page_size, page1);
  write_bytes(image, bytes);
  ASSERT_GT(std::size_t{big_endian(page1, 28, 4)} * page_size, bytes.size())
      << "the header must count pages that the file does not have yet";

  const tz::Ledger recovered = tz::Ledger::open(image);
  const tz::VerifyResult v = recovered.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, revisions);
}

// A reader that follows SQLite's advice to run PRAGMA optimize (or ANALYZE), or that compacts the
// file with VACUUM, changes no data and no SQL of the schema: the ledger still opens and verifies.
TEST(LedgerFileOpen, AnalyzeAndVacuumByAnotherReaderAreHarmless) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  (void)sql(path, "ANALYZE; PRAGMA optimize; VACUUM;");
  EXPECT_EQ(sql(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1';"), "1");
  {
    tz::Ledger ledger = tz::Ledger::open(path);
    const tz::VerifyResult v = ledger.verify();
    EXPECT_TRUE(v.ok) << v.first_mismatch;
    EXPECT_EQ(v.revisions_checked, 5);
    ledger.submit(reporter("law-enforcement"), linzi_key("law-enforcement", "2021Q1"));
  }
  const tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_EQ(ledger.verify().revisions_checked, 6);
}

// =================================================================================================
// Bad files: each its own clear error, and the file left exactly as it was
// =================================================================================================

TEST(LedgerFileBad, NewerVersionIsTooNew) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "newer.taizhang";
  make_ledger(path);
  (void)sql(path, "PRAGMA user_version = 99;");
  expect_refused(path, StorageFault::too_new, {"version 99", "newer"});
}

TEST(LedgerFileBad, OtherSqliteDatabaseIsNotALedger) {
  REQUIRE_SQLITE3_SHELL();
  for (const bool wal : {false, true}) {
    SCOPED_TRACE(wal ? "WAL" : "rollback journal");
    const TempDir dir;
    const fs::path path = dir / "shop.db";
    (void)sql(path, std::string(wal ? "PRAGMA journal_mode = WAL;" : "") +
                        "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                        "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER);"
                        "INSERT INTO customers VALUES (1, '张三');");
    expect_refused(path, StorageFault::not_a_ledger, {"customers", "orders", "not a taizhang"});
    EXPECT_EQ(sql(path, "SELECT name FROM customers;"), "张三");
  }
}

// A damaged b-tree page is found when it is first read, not at open: open reads only the file's
// header and its schema (a full check of every page would cost a scan of the whole ledger on every
// open). verify(), which reads every record, meets the damage too and throws the same: the answer
// is a StorageError(corrupt), never a crash or wrong data.
TEST(LedgerFileBad, DamagedPagesAreCorruptAtFirstRead) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "damaged.taizhang";
  make_ledger(path);
  const auto page_size = std::stoul(sql(path, "PRAGMA page_size;"));
  const auto revisions_page = std::stoul(sql(path,
                                             "SELECT rootpage FROM sqlite_schema WHERE "
                                             "name = 'revisions';"));
  const auto values_page = std::stoul(sql(path,
                                          "SELECT rootpage FROM sqlite_schema WHERE "
                                          "name = 'revision_values';"));
  std::string bytes = tz::test::read_text(path);
  for (const auto page : {revisions_page, values_page}) {
    // The b-tree page header and cell pointers, in the middle of the file.
    const std::size_t offset = (page - 1) * page_size;
    ASSERT_LT(offset + 200, bytes.size());
    for (std::size_t i = 0; i < 200; ++i) bytes[offset + i] = static_cast<char>(0xA5);
  }
  write_bytes(path, bytes);
  const FileState before = state_of(path);
  {
    const tz::Ledger ledger = tz::Ledger::open(path);  // header and schema are intact
    EXPECT_EQ(ledger.plans().size(), 1U);              // plan pages are intact too
    expect_storage_error([&] { (void)ledger.report(linzi_key("health", "2021Q1")); },
                         StorageFault::corrupt, path, {"damaged"});
    expect_storage_error([&] { (void)ledger.verify(); }, StorageFault::corrupt, path, {"damaged"});
  }
  expect_untouched(path, before);
}

// The same damage anywhere past the first page: whatever it hit, reading everything gives either
// a clear error (StorageError(corrupt) from SQLite, or the library's refusal of a stored text it
// cannot read), or verify() says the file is not sound, or the data read is what was recorded.
// Never a crash, and never a changed record that verify() calls sound.
TEST(LedgerFileBad, DamageAnywhereIsNeverACrash) {
  const TempDir dir;
  const fs::path path = dir / "damaged.taizhang";
  make_ledger(path);
  const std::string good = tz::test::read_text(path);
  const tz::ReportKey health = linzi_key("health", "2021Q1");
  const tz::ReportKey law = linzi_key("law-enforcement", "2021Q1");
  std::vector<tz::PlanVersion> plan_history;
  std::vector<tz::Revision> health_history;
  std::vector<tz::Revision> law_history;
  {
    const tz::Ledger ledger = tz::Ledger::open(path);
    plan_history = ledger.plan_history(kPlan);
    health_history = ledger.history(health);
    law_history = ledger.history(law);
  }
  std::map<std::string, int> outcomes;
  std::vector<std::string> others;
  const std::size_t page = 4096;
  for (std::size_t at = page; at + 64 < good.size(); at += page / 4) {
    SCOPED_TRACE("damage at byte " + std::to_string(at));
    std::string bytes = good;
    for (std::size_t i = 0; i < 64; ++i) bytes[at + i] = static_cast<char>(0x5A ^ i);
    write_bytes(path, bytes);
    try {
      const tz::Ledger ledger = tz::Ledger::open(path);
      (void)ledger.units();
      (void)ledger.plans();
      const std::vector<tz::PlanVersion> p = ledger.plan_history(kPlan);
      const std::vector<tz::Revision> h = ledger.history(health);
      const std::vector<tz::Revision> l = ledger.history(law);
      const tz::VerifyResult v = ledger.verify();
      if (!v.ok) {
        ++outcomes["verify() found it"];
      } else {
        EXPECT_TRUE(p == plan_history && h == health_history && l == law_history)
            << "verify() calls a changed record sound";
        ++outcomes["records intact"];
      }
    } catch (const tz::StorageError& e) {
      EXPECT_EQ(e.fault(), StorageFault::corrupt) << e.what();
      ++outcomes["StorageError(corrupt)"];
    } catch (const tz::Error& e) {
      ++outcomes[std::string(tz::to_string(e.code())) + " error"];
      if (others.size() < 3) others.push_back(e.what());
    }
    ASSERT_TRUE(fs::exists(path));
    EXPECT_TRUE(tz::test::read_text(path) == bytes) << "the damaged file was written to";
  }
  std::string summary;
  for (const auto& [outcome, n] : outcomes) summary += "\n  " + outcome + ": " + std::to_string(n);
  std::string first;
  for (const std::string& e : others) first += "\n  " + e;
  EXPECT_TRUE(others.empty()) << "damage read as another error than StorageError(corrupt):" << first
                              << "\noutcomes:" << summary;
  RecordProperty("outcomes", summary);
}

TEST(LedgerFileBad, TruncatedFileIsCorrupt) {
  const TempDir dir;
  const fs::path source = dir / "source.taizhang";
  make_ledger(source);
  const std::string bytes = tz::test::read_text(source);
  for (const std::size_t size : {bytes.size() / 2, std::size_t{4096}, std::size_t{50}}) {
    SCOPED_TRACE("cut to " + std::to_string(size) + " bytes");
    const TempDir alone;
    const fs::path path = alone / "cut.taizhang";
    write_bytes(path, bytes.substr(0, size));
    expect_refused(path, StorageFault::corrupt, {"truncated", std::to_string(size)});
  }
  // Beside an empty -wal (as a read-only reader leaves one), SQLite finds the damage at the first
  // read; the message still says what it is. (The connection removes the -wal when it closes.)
  const TempDir alone;
  const fs::path path = alone / "cut.taizhang";
  write_bytes(path, bytes.substr(0, bytes.size() / 2));
  write_bytes(path.string() + "-wal", "");
  expect_storage_error([&] { (void)tz::Ledger::open(path); }, StorageFault::corrupt, path,
                       {"truncated", std::to_string(bytes.size() / 2)});
  EXPECT_EQ(tz::test::read_text(path), bytes.substr(0, bytes.size() / 2));
}

TEST(LedgerFileBad, NonSqliteFileIsNotSqlite) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"notes.txt", "临淄区2021年为全区妇女儿童办实事\n这不是台账。\n"},
      {"picture.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06", 26) +
                          std::string(4000, '\x7f')},
      {"short.bin", "x"},
  };
  for (const auto& [name, bytes] : files) {
    SCOPED_TRACE(name);
    const TempDir dir;
    const fs::path path = dir / name;
    write_bytes(path, bytes);
    expect_refused(path, StorageFault::not_sqlite, {"not an SQLite database"});
  }
}

// An empty file (as left by `touch`, or by a process that created the file and stopped before
// writing anything) becomes a new ledger when opened for writing; read-only, it is not a ledger.
TEST(LedgerFileBad, EmptyFileBecomesANewLedger) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "empty.taizhang";
  write_bytes(path, "");
  tz::LedgerOptions read_only;
  read_only.read_only = true;
  expect_storage_error([&] { (void)tz::Ledger::open(path, read_only); }, StorageFault::not_a_ledger,
                       path, {"empty"});
  EXPECT_EQ(fs::file_size(path), 0U);
  {
    const tz::test::TestClock clock;
    const tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
    EXPECT_EQ(ledger.plans().size(), 1U);
  }
  EXPECT_EQ(sql(path, "PRAGMA user_version;"), std::to_string(tz::Ledger::schema_version()));
  EXPECT_EQ(sql(path, "PRAGMA journal_mode;"), "wal");
}

// =================================================================================================
// Hostile schema: anything taizhang did not create is refused before it can run
// =================================================================================================

void expect_hostile_refused(const std::string& change, const std::vector<std::string>& mentions) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  (void)sql(path, change);
  expect_refused(path, StorageFault::corrupt, mentions);
  EXPECT_EQ(sql(path, "SELECT count(*) FROM meta WHERE key = 'pwned';"), "0");
  EXPECT_EQ(sql(path, "SELECT count(*) FROM revisions;"), "5");
}

TEST(LedgerFileSchema, AddedTriggerIsRefusedAndNeverRuns) {
  REQUIRE_SQLITE3_SHELL();
  expect_hostile_refused(
      "CREATE TRIGGER evil AFTER INSERT ON revisions BEGIN "
      "INSERT INTO meta VALUES ('pwned', 'x'); END;",
      {"trigger", "\"evil\"", "altered"});
}

TEST(LedgerFileSchema, AddedViewIsRefused) {
  REQUIRE_SQLITE3_SHELL();
  expect_hostile_refused("CREATE VIEW sneaky AS SELECT * FROM revisions;", {"view", "\"sneaky\""});
}

TEST(LedgerFileSchema, AddedIndexOrTableIsRefused) {
  REQUIRE_SQLITE3_SHELL();
  expect_hostile_refused("CREATE INDEX values_by_target ON revision_values (target);",
                         {"index", "\"values_by_target\""});
  expect_hostile_refused("CREATE TABLE notes (text TEXT);", {"table", "\"notes\""});
}

TEST(LedgerFileSchema, ChangedTriggerIsRefused) {
  REQUIRE_SQLITE3_SHELL();
  // The append-only guard replaced by one that lets updates through.
  expect_hostile_refused(
      "DROP TRIGGER revisions_no_update;"
      "CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions "
      "BEGIN INSERT INTO meta VALUES ('pwned', 'x'); END;",
      {"trigger", "\"revisions_no_update\""});
}

TEST(LedgerFileSchema, DroppedTriggerIsRefused) {
  REQUIRE_SQLITE3_SHELL();
  expect_hostile_refused("DROP TRIGGER revision_values_no_delete;",
                         {"trigger", "\"revision_values_no_delete\"", "missing"});
}

TEST(LedgerFileSchema, ChangedTableIsRefused) {
  REQUIRE_SQLITE3_SHELL();
  expect_hostile_refused("ALTER TABLE reports ADD COLUMN note TEXT;", {"table", "\"reports\""});
}

TEST(LedgerFileSchema, LedgerMarkWithoutVersionIsCorrupt) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  (void)sql(path, "PRAGMA user_version = 0;");
  expect_refused(path, StorageFault::corrupt, {"no schema version"});
}

// =================================================================================================
// Tamper evidence: a change made with plain sqlite3 shows in verify()
// =================================================================================================

TEST(LedgerFileTamper, UntouchedLedgerVerifies) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, 5);
  EXPECT_EQ(v.plan_versions_checked, 1);
  EXPECT_EQ(v.integrity, "ok");
  EXPECT_EQ(v.first_mismatch, "");
}

TEST(LedgerFileTamper, EditedValueIsNamed) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  // The append-only trigger stops a plain UPDATE.
  const ShellResult refused =
      sqlite3_shell(path, "UPDATE revision_values SET value = '45000' WHERE target = '1.1';");
  EXPECT_NE(refused.status, 0);
  EXPECT_NE(refused.output.find("report revisions are kept as recorded"), std::string::npos)
      << refused.output;
  // Out of the way and back again, exactly as it was.
  behind_the_back(
      path, {"revision_values_no_update"},
      "UPDATE revision_values SET value = '45000' WHERE target = '1.1' AND "
      "revision_id = (SELECT v.id FROM revisions v JOIN reports r ON r.id = v.report_id "
      "WHERE r.unit = 'health' AND r.period = '2021Q1' AND v.number = 1);");

  const tz::Ledger ledger = tz::Ledger::open(path);  // the schema is as taizhang created it
  // The library reads what is stored; only verify() can tell it is not what was recorded.
  EXPECT_EQ(ledger.history(linzi_key("health", "2021Q1"))[0].content.values[0].value,
            Decimal(45000));
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.integrity, "ok");
  EXPECT_EQ(v.revisions_checked, 5);
  EXPECT_NE(v.first_mismatch.find("revision 1 of report linzi-2021-women-children/health/2021Q1"),
            std::string::npos)
      << v.first_mismatch;
  EXPECT_NE(v.first_mismatch.find("no longer matches its hash"), std::string::npos)
      << v.first_mismatch;
}

TEST(LedgerFileTamper, EditedStatusIsNamed) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  // Turns the coordinator's acceptance of health's report into a return.
  behind_the_back(path, {"revisions_no_update"},
                  "UPDATE revisions SET action = 'returned', status = 'returned' WHERE number = 3 "
                  "AND report_id = (SELECT id FROM reports WHERE unit = 'health');");
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.first_mismatch.find("revision 3 of report linzi-2021-women-children/health/2021Q1"),
            std::string::npos)
      << v.first_mismatch;
}

TEST(LedgerFileTamper, DeletedRevisionBreaksTheChain) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  // Revision 2 (the submission) carries no content of its own.
  behind_the_back(path, {"revisions_no_delete"},
                  "DELETE FROM revisions WHERE number = 2 AND report_id = "
                  "(SELECT id FROM reports WHERE unit = 'health');");
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.revisions_checked, 4);
  EXPECT_NE(v.first_mismatch.find("revision 3 of report linzi-2021-women-children/health/2021Q1"),
            std::string::npos)
      << v.first_mismatch;
  EXPECT_NE(v.first_mismatch.find("not chained"), std::string::npos) << v.first_mismatch;
}

TEST(LedgerFileTamper, DeletedRevisionWithItsContentBreaksTheChain) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  // Revision 1 of health's report and its content rows, as a careful forger would.
  behind_the_back(
      path, {"revisions_no_delete", "revision_values_no_delete", "revision_progress_no_delete"},
      "CREATE TEMP TABLE gone AS SELECT v.id FROM revisions v JOIN reports r "
      "ON r.id = v.report_id WHERE r.unit = 'health' AND v.number = 1;"
      "DELETE FROM revision_values WHERE revision_id IN (SELECT id FROM gone);"
      "DELETE FROM revision_progress WHERE revision_id IN (SELECT id FROM gone);"
      "DELETE FROM revisions WHERE id IN (SELECT id FROM gone);");
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.first_mismatch.find("revision 2 of report linzi-2021-women-children/health/2021Q1"),
            std::string::npos)
      << v.first_mismatch;
  EXPECT_NE(v.first_mismatch.find("not chained"), std::string::npos) << v.first_mismatch;
}

TEST(LedgerFileTamper, EditedPlanVersionIsNamed) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  behind_the_back(path, {"plan_versions_no_update"},
                  "UPDATE plan_versions SET reason = '另行通知' WHERE version = 1;");
  const tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.plan_versions_checked, 1);
  EXPECT_NE(v.first_mismatch.find("version 1 of plan \"linzi-2021-women-children\""),
            std::string::npos)
      << v.first_mismatch;
}

// A stored text that no longer reads as what the library wrote (a decimal, a period, a date, an
// enum name) is StorageError(corrupt) naming the file and the text, wherever it is read, verify()
// included: verify() reports records it can read and compare, and throws on one it cannot read.
TEST(LedgerFileTamper, UnreadableStoredValueIsCorrupt) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  behind_the_back(path, {"revision_values_no_update"},
                  "UPDATE revision_values SET value = '四千五' WHERE target = '1.1';");
  const tz::Ledger ledger = tz::Ledger::open(path);
  expect_storage_error([&] { (void)ledger.history(linzi_key("health", "2021Q1")); },
                       StorageFault::corrupt, path, {"四千五", "value"});
  // verify() names the damaged row and goes on; it never throws for one.
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.first_mismatch.find("四千五"), std::string::npos) << v.first_mismatch;
  EXPECT_EQ(ledger.history(linzi_key("law-enforcement", "2021Q1")).size(), 1U);
}

TEST(LedgerFileTamper, UnreadableEnumNameIsCorrupt) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  behind_the_back(path, {"revisions_no_update"},
                  "UPDATE revisions SET action = 'approved' WHERE number = 3;");
  const tz::Ledger ledger = tz::Ledger::open(path);
  expect_storage_error([&] { (void)ledger.report(linzi_key("health", "2021Q1")); },
                       StorageFault::corrupt, path, {"approved", "action"});
}

// The plan's stored document (canonical JSON) that no longer parses: the ledger file is damaged,
// so StorageError(corrupt) naming the file and the plan, not a ParseError about "<string>".
TEST(LedgerFileTamper, UnreadablePlanDocumentIsCorrupt) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  behind_the_back(path, {"plan_versions_no_update"},
                  "UPDATE plan_versions SET document = substr(document, 1, 200);");
  const tz::Ledger ledger = tz::Ledger::open(path);
  for (const auto& [name, call] : std::vector<std::pair<std::string, std::function<void()>>>{
           {"plans", [&] { (void)ledger.plans(); }},
           {"plan", [&] { (void)ledger.plan(kPlan); }},
           {"plan_history", [&] { (void)ledger.plan_history(kPlan); }},
           {"report", [&] { (void)ledger.report(linzi_key("health", "2021Q1")); }},
       }) {
    SCOPED_TRACE(name);
    expect_storage_error(call, StorageFault::corrupt, path, {kPlan});
  }
  const tz::VerifyResult v = ledger.verify();
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.first_mismatch.find("version 1 of plan"), std::string::npos) << v.first_mismatch;
}

// =================================================================================================
// Backup
// =================================================================================================

TEST(LedgerFileBackup, CopyOpensAsTheSameLedger) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const tz::Ledger ledger = tz::Ledger::open(path);
  const TempDir backups;
  const fs::path copy_path = backups / "copy.taizhang";
  ledger.backup(copy_path);
  EXPECT_EQ(state_of(copy_path).directory, std::set<std::string>{"copy.taizhang"})
      << "only the copy is left beside it";
  const tz::Ledger copy = tz::Ledger::open(copy_path);
  EXPECT_EQ(copy.plans(), ledger.plans());
  EXPECT_EQ(copy.plan(kPlan), ledger.plan(kPlan));
  EXPECT_EQ(copy.units(), ledger.units());
  for (const std::string unit : {"health", "law-enforcement"}) {
    EXPECT_EQ(copy.history(linzi_key(unit, "2021Q1")), ledger.history(linzi_key(unit, "2021Q1")));
  }
  tz::ReportFilter all;
  all.plan = kPlan;
  EXPECT_EQ(copy.reports(all), ledger.reports(all));
  const tz::VerifyResult v = copy.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, 5);
}

TEST(LedgerFileBackup, ReplacesAnEarlierBackup) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const fs::path copy_path = dir / "copy.taizhang";
  {
    const tz::Ledger ledger = tz::Ledger::open(path);
    ledger.backup(copy_path);
  }
  {
    tz::Ledger ledger = tz::Ledger::open(path);
    ledger.submit(reporter("law-enforcement"), linzi_key("law-enforcement", "2021Q1"));
    ledger.backup(copy_path);
  }
  const tz::Ledger copy = tz::Ledger::open(copy_path);
  EXPECT_EQ(copy.verify().revisions_checked, 6);
}

// While another Ledger on the same file (a second connection) files reports in a thread, backups
// are consistent snapshots: each verifies, and each holds whole calls only (file() writes a save
// and a submit in one transaction, so every report in a copy is submitted, never a lone draft).
TEST(LedgerFileBackup, ConsistentWhileAnotherConnectionWrites) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  const tz::Plan plan = tz::test::linzi_plan();
  {
    const tz::test::TestClock clock;
    (void)tz::test::linzi_ledger(clock, path);
  }
  const std::vector<std::pair<std::string, int>> units = one_initiative_per_unit(plan);
  const std::vector<std::string> periods = {"2021Q1", "2021Q2", "2021Q3", "2021Q4"};
  const std::size_t reports = units.size() * periods.size();

  std::atomic<bool> backing_up{false};
  std::atomic<bool> done{false};
  std::atomic<int> filed{0};
  std::atomic<int> during_count{0};
  std::string writer_error;
  std::thread writer([&] {
    try {
      tz::LedgerOptions options;
      options.durability = tz::Durability::normal;
      tz::Ledger ledger = tz::Ledger::open(path, options);
      while (!backing_up) std::this_thread::yield();
      for (const std::string& period : periods) {
        for (const auto& [unit, initiative] : units) {
          tz::ReportContent c;
          c.progress.push_back({initiative, unit + " " + period + " 进展", std::nullopt});
          ledger.file(reporter(unit), linzi_key(unit, period), c);
          ++filed;
          // After the first report, hold on until a backup has begun and ended since: how fast
          // the writer is must not decide whether any backup overlaps the writing.
          const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
          while (filed == 1 && during_count == 0 && std::chrono::steady_clock::now() < give_up) {
            std::this_thread::yield();
          }
        }
      }
    } catch (const std::exception& e) {
      writer_error = e.what();
    }
    done = true;
  });

  const tz::Ledger reader = tz::Ledger::open(path);
  std::vector<fs::path> copies;
  int during = 0;
  std::string backup_error;
  backing_up = true;
  while (!done && copies.size() < 200) {
    const bool writing = filed > 0;
    const fs::path copy = dir / ("copy-" + std::to_string(copies.size()) + ".taizhang");
    try {
      reader.backup(copy);
    } catch (const std::exception& e) {
      backup_error = e.what();
      break;
    }
    copies.push_back(copy);
    if (writing && !done) {  // began after a commit, ended before the last one
      ++during;
      ++during_count;
    }
  }
  writer.join();
  EXPECT_EQ(backup_error, "");
  EXPECT_EQ(writer_error, "") << "the writer saw an error";
  EXPECT_EQ(filed, static_cast<int>(reports));
  EXPECT_GT(during, 0) << "no backup ran while the writer was writing";

  tz::ReportFilter all;
  all.plan = kPlan;
  std::int64_t previous = 0;
  for (const fs::path& copy_path : copies) {
    SCOPED_TRACE(copy_path.filename().string());
    const tz::Ledger copy = tz::Ledger::open(copy_path);
    const tz::VerifyResult v = copy.verify();
    EXPECT_TRUE(v.ok) << v.first_mismatch;
    EXPECT_EQ(v.revisions_checked % 2, 0);
    EXPECT_GE(v.revisions_checked, previous) << "copies taken later hold no less";
    previous = v.revisions_checked;
    for (const tz::Report& r : copy.reports(all)) {
      EXPECT_EQ(r.status(), tz::ReportStatus::submitted) << r.key.to_string();
      EXPECT_EQ(r.current.number, 2) << r.key.to_string();
    }
  }
  const tz::Ledger last = tz::Ledger::open(path);
  EXPECT_EQ(last.reports(all).size(), reports);
  EXPECT_TRUE(last.verify().ok);
}

TEST(LedgerFileBackup, MissingDirectoryIsAnErrorNamingTheDestination) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const tz::Ledger ledger = tz::Ledger::open(path);
  const std::set<std::string> before = state_of(path).directory;
  const fs::path destination = dir / "no-such-folder" / "copy.taizhang";
  try {
    ledger.backup(destination);
    ADD_FAILURE() << "no error";
  } catch (const tz::Error& e) {
    EXPECT_TRUE(e.code() == tz::ErrorCode::storage || e.code() == tz::ErrorCode::io) << e.what();
    EXPECT_EQ(e.where().file, destination.string()) << e.what();
  }
  EXPECT_FALSE(fs::exists(destination.parent_path()));
  EXPECT_EQ(state_of(path).directory, before) << "a temporary file was left behind";
  EXPECT_TRUE(ledger.verify().ok);
}

// Backing up onto the ledger itself (or onto any ledger file in use, whose -wal would then belong
// to another file) would destroy it: refused, naming the destination.
TEST(LedgerFileBackup, OntoALedgerInUseIsRefused) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const fs::path other = dir / "other.taizhang";
  make_ledger(other);
  {
    const tz::Ledger ledger = tz::Ledger::open(path);
    const tz::Ledger other_ledger = tz::Ledger::open(other);
    const std::set<std::string> before = state_of(path).directory;
    for (const fs::path& destination : {path, other}) {
      SCOPED_TRACE(destination.filename().string());
      try {
        ledger.backup(destination);
        ADD_FAILURE() << "no error";
      } catch (const tz::Error& e) {
        EXPECT_EQ(e.where().file, destination.string()) << e.what();
        EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
      }
    }
    EXPECT_EQ(state_of(path).directory, before) << "a temporary file was left behind";
    EXPECT_TRUE(ledger.verify().ok);
    EXPECT_TRUE(other_ledger.verify().ok);
  }
  const tz::Ledger reopened = tz::Ledger::open(path);
  const tz::VerifyResult v = reopened.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch;
  EXPECT_EQ(v.revisions_checked, 5);
}

// =================================================================================================
// Read-only
// =================================================================================================

TEST(LedgerFileReadOnly, ReadsWorkWritesAreRefusedFileUnchanged) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const FileState before = state_of(path);
  {
    tz::LedgerOptions options;
    options.read_only = true;
    tz::Ledger ledger = tz::Ledger::open(path, options);
    EXPECT_EQ(ledger.plans().size(), 1U);
    EXPECT_EQ(ledger.plan(kPlan), tz::test::linzi_plan());
    EXPECT_EQ(ledger.units().size(), 16U);
    EXPECT_EQ(ledger.history(linzi_key("health", "2021Q1")).size(), 4U);
    EXPECT_EQ(ledger.report(linzi_key("health", "2021Q1"))->content().values[0].value,
              Decimal(4550));
    tz::ReportFilter all;
    all.plan = kPlan;
    EXPECT_EQ(ledger.reports(all).size(), 2U);
    const tz::VerifyResult v = ledger.verify();
    EXPECT_TRUE(v.ok) << v.first_mismatch;

    const tz::ReportKey health = linzi_key("health", "2021Q1");
    const tz::ReportKey law = linzi_key("law-enforcement", "2021Q1");
    const tz::ReportKey fresh = linzi_key("health", "2021Q2");
    tz::Plan edited = tz::test::linzi_plan();
    edited.title += "（修订）";
    tz::Plan another = tz::test::linzi_plan();
    another.code = "another-plan";
    const std::vector<std::pair<std::string, std::function<void()>>> writes = {
        {"put_unit", [&] { ledger.put_unit(admin(), *ledger.unit("health")); }},
        {"import_plan", [&] { ledger.import_plan(admin(), another); }},
        {"update_plan", [&] { ledger.update_plan(admin(), edited, "修订"); }},
        {"save", [&] { ledger.save(reporter("health"), fresh, health_q1()); }},
        {"file", [&] { ledger.file(reporter("health"), fresh, health_q1()); }},
        {"submit", [&] { ledger.submit(reporter("law-enforcement"), law); }},
        {"accept", [&] { ledger.accept(coordinator(), health); }},
        {"return_report", [&] { ledger.return_report(coordinator(), health, "请补充"); }},
        {"correct", [&] { ledger.correct(reporter("health"), health, health_q1(), "再改"); }},
    };
    for (const auto& [name, call] : writes) {
      SCOPED_TRACE(name);
      expect_storage_error(call, StorageFault::read_only, path, {"read-only"});
    }
    EXPECT_EQ(ledger.verify().revisions_checked, 5);
    // A read-only ledger can still be backed up.
    const TempDir backups;
    ledger.backup(backups / "copy.taizhang");
    EXPECT_TRUE(tz::Ledger::open(backups / "copy.taizhang").verify().ok);
  }
  expect_untouched(path, before, true);
}

// =================================================================================================
// Schema versions and migrations
// =================================================================================================

TEST(LedgerFileMigration, CurrentVersionOpensUnchanged) {
  REQUIRE_SQLITE3_SHELL();
  ASSERT_EQ(tz::Ledger::schema_version(), 2);
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  const std::string schema = sql(path, "SELECT type, name, sql FROM sqlite_schema ORDER BY name;");
  const std::string meta = sql(path, "SELECT key, value FROM meta ORDER BY key;");
  {
    const tz::Ledger ledger = tz::Ledger::open(path);
    EXPECT_TRUE(ledger.verify().ok);
  }
  EXPECT_EQ(sql(path, "PRAGMA user_version;"), "2");
  EXPECT_EQ(sql(path, "SELECT type, name, sql FROM sqlite_schema ORDER BY name;"), schema);
  EXPECT_EQ(sql(path, "SELECT key, value FROM meta ORDER BY key;"), meta)
      << "nothing is upgraded, so nothing is recorded";
  EXPECT_EQ(sql(path, "SELECT count(*) FROM meta WHERE key LIKE 'upgraded%';"), "0");
}

// =================================================================================================
// docs/schema.md: what it shows is what the file holds
// =================================================================================================

// The example ledger of docs/schema.md ("Reading the ledger").
void make_doc_ledger(const fs::path& path) {
  make_ledger(path);
  tz::test::TestClock clock("2021-04-21T09:00:00+08:00");
  tz::LedgerOptions options;
  options.clock = clock.function();
  tz::Ledger ledger = tz::Ledger::open(path, options);
  tz::Plan plan = ledger.plan(kPlan);
  plan.initiatives[0].assignments[0].division = "妇幼健康科";
  plan.initiatives[0].assignments[0].person = "王医生";
  ledger.update_plan(admin(), plan, "明确责任科室和责任人");
  clock.set("2021-07-05T09:00:00+08:00");
  tz::ReportContent q2;
  q2.progress.push_back({1, "完成第二季度筛查4800人。", tz::Date::make(2021, 12, 31)});
  q2.values.push_back({"1.1", Decimal(4800), "", "", "", "", {}, {}, {}});
  q2.values.push_back({"1.2", std::nullopt, "", "推进中", "", "", {}, {}, {}});
  ledger.file(reporter("health"), linzi_key("health", "2021Q2"), q2);
  clock.set("2021-07-06T15:30:00+08:00");
  ledger.return_report(coordinator(), linzi_key("health", "2021Q2"), "请补充筛查名单");
}

struct Block {
  std::string language;
  std::string text;
  std::size_t line = 0;  // where it starts, 1-based
};

// The fenced code blocks of a Markdown file, in order.
std::vector<Block> code_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  std::size_t number = 0;
  std::optional<Block> open;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("```", 0) == 0) {
      if (open) {
        blocks.push_back(*open);
        open.reset();
      } else {
        open = Block{line.substr(3), "", number};
      }
    } else if (open) {
      open->text += line + "\n";
    }
  }
  return blocks;
}

std::string doc_path() {
  return tz::test::source_path("docs/schema.md").string();
}

// Each ```sql block, run by `sqlite3 -header` on the example ledger, prints the ```text block that
// follows it.
TEST(LedgerFileDocs, QueriesPrintWhatTheDocShows) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "linzi.taizhang";
  make_doc_ledger(path);
  const std::vector<Block> blocks = code_blocks(tz::test::read_text(doc_path()));
  int queries = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].language != "sql") continue;
    SCOPED_TRACE("docs/schema.md:" + std::to_string(blocks[i].line));
    ++queries;
    ASSERT_LT(i + 1, blocks.size());
    ASSERT_EQ(blocks[i + 1].language, "text") << "each query is followed by its output";
    const ShellResult r = sqlite3_shell(path, blocks[i].text, "-header");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(r.output, blocks[i + 1].text) << "the query prints:\n" << r.output;
  }
  EXPECT_GE(queries, 8);
}

// Every table and column the file has is documented, and nothing else; so is every trigger.
TEST(LedgerFileDocs, DocumentsEveryTableAndColumn) {
  REQUIRE_SQLITE3_SHELL();
  const TempDir dir;
  const fs::path path = dir / "linzi.taizhang";
  make_ledger(path);
  const std::string doc = tz::test::read_text(doc_path());
  std::vector<std::string> lines;
  {
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::map<std::string, std::vector<std::string>> tables;
  {
    std::istringstream in(
        sql(path,
            "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' "
            "ORDER BY m.name, c.cid;"));
    for (std::string line; std::getline(in, line);) {
      const auto bar = line.find('|');
      tables[line.substr(0, bar)].push_back(line.substr(bar + 1));
    }
  }
  ASSERT_EQ(tables.size(), 13U);
  for (const auto& [table, columns] : tables) {
    SCOPED_TRACE("table " + table);
    // Its section: a heading "### `table`", or a line "`table`, primary key ..." under a shared
    // one.
    const std::string name = "`" + table + "`";
    auto at = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
      return l == "### " + name || l.rfind(name + ", primary key", 0) == 0;
    });
    ASSERT_NE(at, lines.end()) << "no section for it";
    at = std::find_if(at, lines.end(), [](const std::string& l) { return l.rfind("| ", 0) == 0; });
    std::vector<std::string> documented;
    for (at += 2; at != lines.end() && at->rfind("| `", 0) == 0; ++at) {
      documented.push_back(at->substr(3, at->find('`', 3) - 3));
    }
    EXPECT_EQ(documented, columns);
  }
  std::istringstream triggers(sql(path, "SELECT name FROM sqlite_schema WHERE type = 'trigger';"));
  for (std::string trigger; std::getline(triggers, trigger);) {
    EXPECT_NE(doc.find("`" + trigger + "`"), std::string::npos) << trigger;
  }
}

// The Python program of docs/schema.md recomputes both chains as the library does: all "ok" on an
// untouched ledger; a changed value and a removed revision named as verify() names them.
TEST(LedgerFileDocs, PythonProgramRecomputesTheChains) {
  if (std::system("python3 -c 'import hashlib, sqlite3' > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no python3 with hashlib and sqlite3";
  }
  REQUIRE_SQLITE3_SHELL();
  std::string program;
  for (const Block& b : code_blocks(tz::test::read_text(doc_path()))) {
    if (b.language == "python") program = b.text;
  }
  ASSERT_FALSE(program.empty()) << "docs/schema.md holds no ```python block";
  const auto run = [&](const fs::path& ledger) {
    return run_with_file("python3 ", program, " '" + ledger.string() + "'");
  };
  const TempDir dir;
  const fs::path path = dir / "linzi.taizhang";
  make_doc_ledger(path);
  const ShellResult good = run(path);
  EXPECT_EQ(good.status, 0) << good.output;
  EXPECT_EQ(good.output,
            "revision 1 of linzi-2021-women-children/health/2021Q1: ok\n"
            "revision 2 of linzi-2021-women-children/health/2021Q1: ok\n"
            "revision 3 of linzi-2021-women-children/health/2021Q1: ok\n"
            "revision 4 of linzi-2021-women-children/health/2021Q1: ok\n"
            "revision 1 of linzi-2021-women-children/law-enforcement/2021Q1: ok\n"
            "revision 1 of linzi-2021-women-children/health/2021Q2: ok\n"
            "revision 2 of linzi-2021-women-children/health/2021Q2: ok\n"
            "revision 3 of linzi-2021-women-children/health/2021Q2: ok\n"
            "version 1 of plan linzi-2021-women-children: ok\n"
            "version 2 of plan linzi-2021-women-children: ok\n");

  behind_the_back(path, {"revision_values_no_update"},
                  "UPDATE revision_values SET filed_value = '3' WHERE target = '5.1';");
  behind_the_back(path, {"revisions_no_delete"},
                  "DELETE FROM revisions WHERE number = 2 AND report_id = "
                  "(SELECT id FROM reports WHERE unit = 'health' AND period = '2021Q2');");
  behind_the_back(path, {"plan_versions_no_update"},
                  "UPDATE plan_versions SET actor_person = '别人' WHERE version = 2;");
  const ShellResult bad = run(path);
  EXPECT_EQ(bad.status, 1) << bad.output;
  for (const char* line : {
           "revision 1 of linzi-2021-women-children/law-enforcement/2021Q1: changed after it was "
           "recorded\n",
           "revision 3 of linzi-2021-women-children/health/2021Q2: not chained to the revision "
           "before it\n",
           "version 2 of plan linzi-2021-women-children: changed after it was recorded\n",
           "revision 1 of linzi-2021-women-children/health/2021Q1: ok\n",
       }) {
    EXPECT_NE(bad.output.find(line), std::string::npos) << line << "is not in:\n" << bad.output;
  }
  // The library names the same first mismatch.
  const tz::VerifyResult v = tz::Ledger::open(path).verify();
  EXPECT_NE(v.first_mismatch.find("revision 1 of report linzi-2021-women-children/law-enforcement"),
            std::string::npos)
      << v.first_mismatch;
}

}  // namespace
