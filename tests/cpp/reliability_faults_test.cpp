// Faults of the file system and of other processes (issue 8, docs/reliability.md): a full disk, a
// file or directory that cannot be written, a file another process holds locked. Each write is
// tried in a process of its own (tests/tools/fault_probe) under the fault; each must fail with a
// clear StorageError naming the file, and afterwards the ledger is intact: it verifies, holds every
// report filed before, and takes the next write once the fault is gone.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "reliability_support.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"

namespace tz = taizhang;
namespace fs = std::filesystem;
using tz::test::ProgramRun;
using tz::test::TempDir;

namespace {

constexpr const char* kPlan = "linzi-2021-women-children";

// The Linzi plan with 2021Q1 filed by health, women-federation and education-sports, closed.
void make_ledger(const fs::path& path) {
  const tz::test::TestClock clock("2021-04-06T09:00:00+08:00");
  tz::Ledger ledger = tz::test::linzi_ledger(clock, path);
  for (const char* unit : {"health", "education-sports", "women-federation"}) {
    tz::ReportContent c;
    const int initiative = unit == std::string("health") ? 1 : unit[0] == 'e' ? 2 : 7;
    c.progress.push_back({initiative, "第一季度进展", std::nullopt});
    (void)ledger.file(tz::test::reporter(unit), tz::test::linzi_key(unit, "2021Q1"), c);
  }
}

// The ledger is intact: it verifies, and holds the three reports of make_ledger() (and `more`).
void expect_intact(const fs::path& path, std::size_t more = 0) {
  tz::Ledger ledger = tz::Ledger::open(path);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << v.first_mismatch << " " << v.integrity;
  EXPECT_EQ(v.integrity, "ok");
  tz::ReportFilter all;
  all.plan = kPlan;
  EXPECT_EQ(ledger.reports(all).size(), 3 + more);
  for (const char* unit : {"health", "education-sports", "women-federation"}) {
    const auto report = ledger.report(tz::test::linzi_key(unit, "2021Q1"));
    ASSERT_TRUE(report.has_value()) << unit;
    EXPECT_EQ(report->status(), tz::ReportStatus::submitted) << unit;
  }
}

// SQLite reports a write refused for want of room as SQLITE_FULL when the write was short, and
// otherwise as SQLITE_IOERR, keeping the system's error (EFBIG, ENOSPC) only sometimes: the library
// says "the disk is full" when it can tell, and else names the failed write and asks.
void expect_disk_full(const ProgramRun& run, const fs::path& path) {
  EXPECT_EQ(run.status, 3) << run.output;
  const std::string error = run.line("error");
  const bool full = error.rfind("storage full " + path.string() + " | ", 0) == 0 &&
                    error.find("the disk is full") != std::string::npos;
  const bool io = error.rfind("storage other " + path.string() + " | ", 0) == 0 &&
                  error.find("is the disk full?") != std::string::npos;
  EXPECT_TRUE(full || io) << run.output;
}

// The probe failed with a StorageError of `fault` naming `path`.
void expect_storage_error(const ProgramRun& run, const std::string& fault, const fs::path& path,
                          const std::vector<std::string>& mentions = {}) {
  EXPECT_EQ(run.status, 3) << run.output;
  const std::string error = run.line("error");
  EXPECT_EQ(error.rfind("storage " + fault + " " + path.string() + " | ", 0), 0U) << run.output;
  for (const std::string& m : mentions) {
    EXPECT_NE(error.find(m), std::string::npos) << "\"" << m << "\" is not in: " << error;
  }
}

std::string size_of(const fs::path& path) {
  return std::to_string(fs::file_size(path));
}

}  // namespace

// =================================================================================================
// The disk full: no file may grow past a limit (RLIMIT_FSIZE), as on a full file system
// =================================================================================================

// A report larger than the room left: SQLite cannot append it to the WAL. The transaction is
// rolled back; the ledger is as it was and takes the report once there is room. The probe asks
// for 4 MB of text but gives what one report may hold with every field within its limit
// (limits.hpp): about 215 KB for health, more than the whole ledger file (the room left).
TEST(ReliabilityFaults, DiskFullWhileFilingLeavesTheLedgerIntact) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  ASSERT_LT(fs::file_size(path), 200'000U) << "the probe's report would fit in the room left";
  const ProgramRun run = tz::test::run_probe(
      {"--fsize-limit", size_of(path), "file", path.string(), "health", "2021Q2", "4000000"});
  std::cout << "disk full: " << run.line("error") << "\n";
  expect_disk_full(run, path);
  expect_intact(path);
  const ProgramRun after =
      tz::test::run_probe({"file", path.string(), "health", "2021Q2", "4000000"});
  EXPECT_EQ(after.status, 0) << after.output;
  expect_intact(path, 1);
}

// Creating a new ledger on a full disk: a clear error, and no half-made file that later refuses to
// open: the next open, with room, makes the ledger.
TEST(ReliabilityFaults, DiskFullWhileCreatingLeavesNoBrokenLedger) {
  const TempDir dir;
  const fs::path path = dir / "new.taizhang";
  const ProgramRun run = tz::test::run_probe({"--fsize-limit", "49152", "open", path.string()});
  std::cout << "disk full on create: " << run.line("error") << "\n";
  expect_disk_full(run, path);
  tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_TRUE(ledger.verify().ok);
  ledger.import_plan(tz::test::admin(), tz::test::linzi_plan());
  EXPECT_EQ(ledger.plans().size(), 1U);
}

// =================================================================================================
// Read-only: the file, and the directory (where SQLite puts the -wal and -shm files)
// =================================================================================================

// Root writes whatever the permissions say: as root, the probe becomes nobody. Returns false (the
// test is skipped, saying why) when that is impossible.
bool permissions_apply(std::string& why) {
  if (::geteuid() != 0) return true;
  const TempDir dir;
  const fs::path probe_file = dir / "x";
  const ProgramRun who = tz::test::run_probe({"--as-nobody", "plan", probe_file.string()});
  if (who.output.find("cannot become nobody") != std::string::npos) {
    why = "running as root and cannot change to the user nobody: " + who.output;
    return false;
  }
  return true;
}

TEST(ReliabilityFaults, ReadOnlyFileRefusesWritesAndStaysIntact) {
  std::string why;
  if (!permissions_apply(why)) GTEST_SKIP() << why;
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  fs::permissions(dir.path(), fs::perms::all);  // others may create the -wal and -shm
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string bytes = tz::test::file_bytes(path);

  const ProgramRun write =
      tz::test::run_probe({"--as-nobody", "file", path.string(), "health", "2021Q2", "100"});
  std::cout << "read-only file, writing: " << write.line("error") << "\n";
  expect_storage_error(write, "read_only", path, {"cannot be written"});
  const ProgramRun read = tz::test::run_probe({"--as-nobody", "open", path.string(), "read-only"});
  EXPECT_EQ(read.line("ok"), "reports 3 verified 1") << read.output;

  EXPECT_TRUE(tz::test::file_bytes(path) == bytes) << "the file changed";
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
  expect_intact(path);
}

TEST(ReliabilityFaults, ReadOnlyDirectoryRefusesWritesAndStaysIntact) {
  std::string why;
  if (!permissions_apply(why)) GTEST_SKIP() << why;
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  // The file may be written, but no -wal or -shm can be created beside it.
  fs::permissions(path, fs::perms::all);
  fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  const std::string bytes = tz::test::file_bytes(path);
  const std::set<std::string> names = tz::test::names_in(dir.path());

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--as-nobody", "file", path.string(), "health", "2021Q2", "100"},
        std::vector<std::string>{"--as-nobody", "open", path.string(), "read-only"}}) {
    const ProgramRun run = tz::test::run_probe(args);
    std::cout << "read-only directory, " << args[1] << ": " << run.line("error") << "\n";
    EXPECT_EQ(run.status, 3) << run.output;
    EXPECT_NE(run.line("error").find(path.string()), std::string::npos) << run.output;
    EXPECT_NE(run.line("error").find("directory"), std::string::npos)
        << "says the directory is the trouble: " << run.output;
  }
  EXPECT_TRUE(tz::test::file_bytes(path) == bytes) << "the file changed";
  EXPECT_EQ(tz::test::names_in(dir.path()), names);
  expect_intact(path);
}

// =================================================================================================
// Locked by another process (tests/tools/sqlite_locker)
// =================================================================================================

// Runs sqlite_locker on `path` and holds its lock until destroyed.
class Locker {
 public:
  Locker(const fs::path& path, bool exclusive) {
    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      if (exclusive) {
        ::execl(TAIZHANG_SQLITE_LOCKER, "sqlite_locker", "--exclusive", path.c_str(), nullptr);
      } else {
        ::execl(TAIZHANG_SQLITE_LOCKER, "sqlite_locker", path.c_str(), nullptr);
      }
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    release_ = to_child[1];
    char buffer[16] = {};
    const ssize_t n = ::read(from_child[0], buffer, sizeof buffer - 1);
    locked_ = n > 0 && std::string(buffer).rfind("locked", 0) == 0;
    ::close(from_child[0]);
  }
  Locker(const Locker&) = delete;
  Locker& operator=(const Locker&) = delete;
  ~Locker() { (void)release(); }
  [[nodiscard]] bool locked() const { return locked_; }
  // Lets it roll back and end; true when it ended well.
  bool release() {
    if (pid_ <= 0) return false;
    ::close(release_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

 private:
  pid_t pid_ = -1;
  int release_ = -1;
  bool locked_ = false;
};

TEST(ReliabilityFaults, WriteLockedFileIsBusyAndIntact) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  Locker locker(path, false);
  ASSERT_TRUE(locker.locked());
  const ProgramRun run =
      tz::test::run_probe({"--busy-ms", "300", "file", path.string(), "health", "2021Q2", "100"});
  std::cout << "write-locked: " << run.line("error") << "\n";
  expect_storage_error(run, "busy", path, {"locked"});
  // Reading is not blocked by a writer (WAL).
  const ProgramRun read = tz::test::run_probe({"--busy-ms", "300", "open", path.string()});
  EXPECT_EQ(read.line("ok"), "reports 3 verified 1") << read.output;
  EXPECT_TRUE(locker.release());
  expect_intact(path);
}

TEST(ReliabilityFaults, ExclusivelyLockedFileIsBusyAtOpenAndIntact) {
  const TempDir dir;
  const fs::path path = dir / "ledger.taizhang";
  make_ledger(path);
  Locker locker(path, true);
  ASSERT_TRUE(locker.locked());
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--busy-ms", "300", "open", path.string()},
        std::vector<std::string>{"--busy-ms", "300", "open", path.string(), "read-only"}}) {
    const ProgramRun run = tz::test::run_probe(args);
    std::cout << "exclusively locked, open" << (args.size() == 5 ? " read-only" : "") << ": "
              << run.line("error") << "\n";
    expect_storage_error(run, "busy", path, {"locked"});
  }
  EXPECT_TRUE(locker.release());
  expect_intact(path);
}
