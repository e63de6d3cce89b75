// Concurrency and crash safety of the ledger, as ledger.hpp promises them: a Ledger shared by
// threads, one Ledger per thread on one file, several processes filing into one file at once
// (no "database is locked" reaches a caller, nothing is lost), and a writer killed with SIGKILL
// at random moments (the file opens, verify() holds, every acknowledged call is there).
//
// The processes run tests/tools/ledger_writer (built beside the tests; TAIZHANG_LEDGER_WRITER in
// the environment names another), which writes a line to standard output right after each call
// returns.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <latch>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "../tools/concurrency_plan.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"
#include "test_support.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): for posix_spawn

namespace {

namespace tz = taizhang;
namespace cc = taizhang::concurrency;
namespace fs = std::filesystem;
namespace test = taizhang::test;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// ---- helpers ---------------------------------------------------------------------------------

tz::ReportKey key_of(int unit, int index) {
  return tz::ReportKey{cc::kPlanCode, cc::unit_code(unit), cc::month(index)};
}

// A new ledger file at `path` holding the monthly plan.
void create_ledger(const fs::path& path, int units, int years = 20) {
  tz::Ledger ledger = tz::Ledger::open(path);
  ledger.import_plan(cc::administrator(), cc::monthly_plan(units, years), "并发测试");
}

// The same with identities, their keys written to `keys` as ledger_writer --keys reads them: the
// office's administrator (who registers everyone), its coordinator, and a reporter per unit.
void create_signed_ledger(const fs::path& path, const fs::path& keys, int units, int years) {
  create_ledger(path, units, years);
  fs::create_directories(keys);
  tz::LedgerOptions options;
  options.signer = std::make_shared<const tz::Signer>(tz::Signer::generate());
  tz::Ledger ledger = tz::Ledger::open(path, options);
  ledger.add_identity(cc::administrator(),
                      tz::Identity{"admin", "管理员", tz::PrincipalKind::person,
                                   options.signer->public_key_pem(), "", {}, {}});
  const auto enrol = [&](const std::string& id, const std::string& unit, tz::ActorRole role,
                         const fs::path& file) {
    const tz::Signer key = tz::Signer::generate();
    key.save(file);
    ledger.add_identity(cc::administrator(), tz::Identity{id, id, tz::PrincipalKind::person,
                                                          key.public_key_pem(), "", {}, {}});
    tz::Grant grant;
    grant.identity = id;
    grant.unit = unit;
    grant.role = role;
    ledger.grant(cc::administrator(), grant);
  };
  enrol("coordinator", cc::kCoordinator, tz::ActorRole::coordinator, keys / "coordinator.pem");
  for (int unit = 0; unit < units; ++unit) {
    enrol("reporter-" + std::to_string(unit), cc::unit_code(unit), tz::ActorRole::reporter,
          keys / ("unit-" + std::to_string(unit) + ".pem"));
  }
}

std::string describe_verify(const tz::VerifyResult& v) {
  return "ok=" + std::to_string(static_cast<int>(v.ok)) + " integrity=\"" + v.integrity +
         "\" first_mismatch=\"" + v.first_mismatch + "\" problems=" +
         std::to_string(v.problems.size());
}

// The reports stored for `unit`, as `ledger` sees them now.
std::vector<tz::Report> stored(const tz::Ledger& ledger, int unit) {
  tz::ReportFilter filter;
  filter.plan = cc::kPlanCode;
  filter.unit = cc::unit_code(unit);
  return ledger.reports(filter);
}

// What is wrong with the reports stored for `unit`: they must be months 0 .. k-1 (each unit files
// in order), each handed in with its content. Empty when nothing is.
std::string check_unit(const std::vector<tz::Report>& reports, int unit) {
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const std::string problem = cc::check_report(reports[i], unit, static_cast<int>(i));
    if (!problem.empty()) {
      return "report " + std::to_string(i) + " of " + cc::unit_code(unit) + " (" +
             reports[i].key.to_string() + "): " + problem;
    }
  }
  return {};
}

// Problems that threads found, gathered for the test's thread to report.
class Problems {
 public:
  void add(const std::string& problem) {
    const std::lock_guard<std::mutex> lock(mutex_);
    list_.push_back(problem);
  }
  [[nodiscard]] std::string all() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const std::string& p : list_) out += p + "\n";
    return out;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> list_;
};

// Runs `work` and records what it throws.
template <class F>
void recording(Problems& problems, const std::string& who, F&& work) {
  const std::string prefix = who.empty() ? who : who + ": ";
  try {
    work();
  } catch (const tz::Error& e) {
    problems.add(prefix + tz::to_string(e.code()) + " error: " + e.what());
  } catch (const std::exception& e) {
    problems.add(prefix + e.what());
  }
}

// Runs `work`; sets `error` to what it throws.
template <class F>
void recording_into(std::string& error, F&& work) {
  Problems problems;
  recording(problems, "", std::forward<F>(work));
  error = problems.all();
}

// One pass of a reader while others write: every unit's reports are whole and in order, no
// unit's count goes back (`seen` holds the counts of the pass before), and the chains verify.
void reader_pass(const tz::Ledger& ledger, std::vector<int>& seen, bool verify, Problems& problems,
                 const std::string& who) {
  for (int unit = 0; unit < static_cast<int>(seen.size()); ++unit) {
    const std::vector<tz::Report> reports = stored(ledger, unit);
    const std::string problem = check_unit(reports, unit);
    if (!problem.empty()) problems.add(who + ": " + problem);
    const int count = static_cast<int>(reports.size());
    if (count < seen[static_cast<std::size_t>(unit)]) {
      problems.add(who + ": " + cc::unit_code(unit) + " had " +
                   std::to_string(seen[static_cast<std::size_t>(unit)]) + " reports, then " +
                   std::to_string(count));
    }
    seen[static_cast<std::size_t>(unit)] = count;
  }
  if (verify) {
    const tz::VerifyResult v = ledger.verify();
    if (!v.ok || v.integrity != "ok") problems.add(who + ": verify: " + describe_verify(v));
  }
}

// The ledger holds `months` reports of each of `units` units, whole, and verifies.
void expect_complete(const tz::Ledger& ledger, int units, int months) {
  for (int unit = 0; unit < units; ++unit) {
    const std::vector<tz::Report> reports = stored(ledger, unit);
    EXPECT_EQ(reports.size(), static_cast<std::size_t>(months)) << cc::unit_code(unit);
    EXPECT_EQ(check_unit(reports, unit), "");
  }
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << describe_verify(v);
  EXPECT_EQ(v.integrity, "ok");
  // file() is save + submit: two revisions per report.
  EXPECT_EQ(v.revisions_checked, std::int64_t{2} * units * months);
}

// The numbers on the lines "<word> <n> ..." of `output`, and the largest second number on them.
std::vector<int> numbers_after(const std::string& output, const std::string& word,
                               int* largest_second = nullptr) {
  std::vector<int> out;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string first;
    int n = 0;
    if (!(fields >> first >> n) || first != word) continue;
    out.push_back(n);
    int second = 0;
    if (largest_second != nullptr && fields >> second) {
      *largest_second = std::max(*largest_second, second);
    }
  }
  return out;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by ") + ::strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// A pipe whose ends are not inherited by the processes spawned (until dup2'ed onto 0, 1 or 2).
class Pipe {
 public:
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    read_ = fds[0];
    write_ = fds[1];
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    close_read();
    close_write();
  }
  [[nodiscard]] int read_end() const { return read_; }
  [[nodiscard]] int write_end() const { return write_; }
  // Hands the read end over to the caller, who closes it.
  int release_read() { return std::exchange(read_, -1); }
  void close_read() {
    if (read_ >= 0) ::close(std::exchange(read_, -1));
  }
  void close_write() {
    if (write_ >= 0) ::close(std::exchange(write_, -1));
  }

 private:
  int read_ = -1;
  int write_ = -1;
};

// A helper program: the one built beside the tests, or the one the environment variable of the
// same name gives.
std::string program(const char* variable, const char* built) {
  const char* given = std::getenv(variable);
  return given != nullptr && *given != '\0' ? given : built;
}
std::string writer_program() {
  return program("TAIZHANG_LEDGER_WRITER", TAIZHANG_LEDGER_WRITER);
}
std::string locker_program() {
  return program("TAIZHANG_SQLITE_LOCKER", TAIZHANG_SQLITE_LOCKER);
}

// A running helper program: its standard output comes through a pipe, its standard error goes to
// a file.
class Child {
 public:
  // Starts `program` with `args`; its standard input is `stdin_fd`, or /dev/null when < 0.
  Child(const std::string& program, const std::vector<std::string>& args, int stdin_fd,
        fs::path stderr_file)
      : stderr_file_(std::move(stderr_file)) {
    Pipe out;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (stdin_fd >= 0) {
      posix_spawn_file_actions_adddup2(&actions, stdin_fd, STDIN_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> all{program};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc =
        ::posix_spawn(&pid_, all.front().c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
    }
    out_ = out.release_read();
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      (void)wait();
    }
    if (out_ >= 0) ::close(out_);
  }

  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] int fd() const { return out_; }
  [[nodiscard]] bool at_end() const { return out_ < 0; }
  [[nodiscard]] const std::string& output() const { return output_; }
  [[nodiscard]] std::string errors() const { return test::read_text(stderr_file_); }

  // Reads once (blocking until something comes); closes the pipe at its end.
  void read_available() {
    char buffer[4096];
    ssize_t n = 0;
    do {
      n = ::read(out_, buffer, sizeof buffer);
    } while (n < 0 && errno == EINTR);
    if (n > 0) {
      output_.append(buffer, static_cast<std::size_t>(n));
    } else {
      ::close(std::exchange(out_, -1));
    }
  }

  // Kills it with SIGKILL (unless it has been waited for already).
  void kill() const {
    if (pid_ > 0) ::kill(pid_, SIGKILL);
  }

  // Waits for the process to end and returns its wait status.
  int wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

  // Reads its output to the end, then waits for it.
  int finish() {
    while (!at_end()) read_available();
    return wait();
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
  fs::path stderr_file_;
};

// A ledger_writer (tests/tools/ledger_writer.cpp) run with `args`.
using Writer = Child;
std::unique_ptr<Writer> start_writer(const std::vector<std::string>& args, int stdin_fd,
                                     fs::path stderr_file) {
  return std::make_unique<Writer>(writer_program(), args, stdin_fd, std::move(stderr_file));
}

// Reads what the children write until `deadline`, or until every one has closed its output.
void pump(const std::vector<Child*>& writers, Clock::time_point deadline) {
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<Child*> open;
    for (Child* w : writers) {
      if (w->at_end()) continue;
      fds.push_back(pollfd{w->fd(), POLLIN, 0});
      open.push_back(w);
    }
    if (open.empty()) return;
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return;
    const int n = ::poll(fds.data(), fds.size(), static_cast<int>(left));
    if (n < 0 && errno != EINTR) throw std::runtime_error("poll failed");
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents != 0) open[i]->read_available();
    }
  }
}

}  // namespace

// ---- threads -------------------------------------------------------------------------------

namespace {

constexpr int kThreadUnits = 4;
constexpr int kThreadMonths = 100;

// Writers file kThreadMonths reports each, one unit per thread, while readers list and verify;
// `ledger_for` gives the Ledger a thread uses (a shared one, or one of the thread's own).
template <class LedgerFor>
void writers_and_readers(LedgerFor&& ledger_for, Problems& problems) {
  constexpr int kReaders = 2;
  std::atomic<int> writing{kThreadUnits};
  std::latch start(kThreadUnits + kReaders);
  std::vector<std::thread> threads;
  for (int unit = 0; unit < kThreadUnits; ++unit) {
    threads.emplace_back([&, unit] {
      const std::string who = "writer " + cc::unit_code(unit);
      start.arrive_and_wait();
      recording(problems, who, [&] {
        tz::Ledger& ledger = ledger_for();
        for (int i = 0; i < kThreadMonths; ++i) {
          const tz::Report r =
              ledger.file(cc::reporter(unit), key_of(unit, i), cc::content(unit, i));
          const std::string problem = cc::check_report(r, unit, i);
          if (!problem.empty()) problems.add(who + ": file() returned a report where " + problem);
        }
      });
      --writing;
    });
  }
  for (int reader = 0; reader < kReaders; ++reader) {
    threads.emplace_back([&, reader] {
      const std::string who = "reader " + std::to_string(reader);
      start.arrive_and_wait();
      recording(problems, who, [&] {
        tz::Ledger& ledger = ledger_for();
        std::vector<int> seen(kThreadUnits, 0);
        bool last = false;
        do {
          last = writing.load() == 0;
          reader_pass(ledger, seen, reader == 0, problems, who);
        } while (!last);
        for (int unit = 0; unit < kThreadUnits; ++unit) {
          if (seen[static_cast<std::size_t>(unit)] != kThreadMonths) {
            problems.add(who + ": after the writers ended it saw " +
                         std::to_string(seen[static_cast<std::size_t>(unit)]) + " reports of " +
                         cc::unit_code(unit));
          }
        }
      });
    });
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace

// The header's contract: "a Ledger may be shared by several threads; its calls are serialised on
// one connection".
TEST(LedgerConcurrencyThreads, OneLedgerSharedByWritersAndReaders) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, kThreadUnits);
  tz::Ledger shared = tz::Ledger::open(path);
  Problems problems;
  writers_and_readers([&]() -> tz::Ledger& { return shared; }, problems);
  EXPECT_EQ(problems.all(), "");
  expect_complete(shared, kThreadUnits, kThreadMonths);
}

TEST(LedgerConcurrencyThreads, InMemoryLedgerSharedByWritersAndReaders) {
  tz::Ledger shared = tz::Ledger::open(":memory:");
  shared.import_plan(cc::administrator(), cc::monthly_plan(kThreadUnits), "并发测试");
  Problems problems;
  writers_and_readers([&]() -> tz::Ledger& { return shared; }, problems);
  EXPECT_EQ(problems.all(), "");
  expect_complete(shared, kThreadUnits, kThreadMonths);
}

// "For parallel reading, open one Ledger per thread on the same file": each thread opens its own
// (all at once), writers take turns on the file.
TEST(LedgerConcurrencyThreads, OneLedgerPerThreadOnOneFile) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, kThreadUnits);
  Problems problems;
  writers_and_readers(
      [&]() -> tz::Ledger& {
        thread_local std::optional<tz::Ledger> own;
        own.emplace(tz::Ledger::open(path));
        return *own;
      },
      problems);
  EXPECT_EQ(problems.all(), "");
  expect_complete(tz::Ledger::open(path), kThreadUnits, kThreadMonths);
}

// Threads open a file that does not exist yet at the same moment and all try to import the plan:
// the file is created once, the plan imported once, the others told so by a ConflictError.
TEST(LedgerConcurrencyThreads, ThreadsCreateOneFileAtOnce) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  constexpr int kMonths = 25;
  Problems problems;
  std::atomic<int> imported{0};
  std::atomic<int> conflicts{0};
  std::latch start(kThreadUnits);
  std::vector<std::thread> threads;
  for (int unit = 0; unit < kThreadUnits; ++unit) {
    threads.emplace_back([&, unit] {
      start.arrive_and_wait();
      recording(problems, "thread " + cc::unit_code(unit), [&] {
        tz::Ledger ledger = tz::Ledger::open(path);
        try {
          ledger.import_plan(cc::administrator(), cc::monthly_plan(kThreadUnits), "并发测试");
          ++imported;
        } catch (const tz::ConflictError&) {
          ++conflicts;
        }
        for (int i = 0; i < kMonths; ++i) {
          (void)ledger.file(cc::reporter(unit), key_of(unit, i), cc::content(unit, i));
        }
      });
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(problems.all(), "");
  EXPECT_EQ(imported.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreadUnits - 1);
  const tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_EQ(ledger.plan_history(cc::kPlanCode).size(), 1U);
  expect_complete(ledger, kThreadUnits, kMonths);
}

// ---- processes -----------------------------------------------------------------------------

namespace {

// Reads the children's output until each has written the line `line` (or ended).
void wait_for_line(const std::vector<Child*>& children, const std::string& line) {
  const Clock::time_point deadline = Clock::now() + std::chrono::seconds(60);
  const auto said = [&] {
    return std::all_of(children.begin(), children.end(), [&](const Child* c) {
      return c->at_end() || c->output().find(line + "\n") != std::string::npos;
    });
  };
  while (!said() && Clock::now() < deadline) pump(children, Clock::now() + milliseconds(100));
}

// How long a test lets its writers run before it kills them as hung.
constexpr std::chrono::seconds kHung{120};

// Waits for each writer (killing one still running at `deadline`); expects each to have ended
// well, said nothing on standard error, and acknowledged months first .. first+count-1 in order.
// Returns the longest a file() call took (ms).
int expect_writers_done(std::vector<std::unique_ptr<Writer>>& writers, int first, int count,
                        Clock::time_point deadline) {
  std::vector<Child*> all;
  for (const auto& w : writers) all.push_back(w.get());
  pump(all, deadline);
  int longest = 0;
  for (std::size_t p = 0; p < writers.size(); ++p) {
    Writer& w = *writers[p];
    if (!w.at_end()) {
      ADD_FAILURE() << "writer " << p << " was still running after " << kHung.count() << " s";
      w.kill();
    }
    const int status = w.finish();
    const std::string errors = w.errors();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "writer " << p << " " << describe_status(status) << ": " << errors;
    EXPECT_EQ(errors, "") << "writer " << p;
    EXPECT_EQ(errors.find("locked"), std::string::npos) << "writer " << p;
    std::vector<int> expected(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) expected[static_cast<std::size_t>(i)] = first + i;
    EXPECT_EQ(numbers_after(w.output(), "filed", &longest), expected) << "writer " << p;
  }
  return longest;
}

}  // namespace

// The issue: "Several processes file reports into one ledger file at once: a test with at least
// 4 processes x 200 reports finds every report stored, and no 'database is locked' reaches a
// caller." Each process opens the file (half of them with Durability::normal), then all start
// filing at the same moment. Meanwhile this process reads through a read-only Ledger it opened
// before them, and must see every commit in order, and now and then backs the ledger up. (Only
// one Ledger in this process: see AcknowledgedReportSurvivesInAProcessWithTwoLedgers for
// what happens with two.)
TEST(LedgerConcurrencyProcesses, FourProcessesFileEightHundredReports) {
  constexpr int kProcesses = 4;
  constexpr int kReports = 200;
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, kProcesses);
  tz::LedgerOptions read_only;
  read_only.read_only = true;
  const tz::Ledger reader = tz::Ledger::open(path, read_only);

  const Clock::time_point began = Clock::now();
  Pipe go;
  std::vector<std::unique_ptr<Writer>> writers;
  std::vector<Writer*> all;
  for (int p = 0; p < kProcesses; ++p) {
    writers.push_back(
        start_writer(std::vector<std::string>{"file", path.string(), std::to_string(p), "0",
                                              std::to_string(kReports), "--wait",
                                              p % 2 == 0 ? "--full" : "--normal"},
                     go.read_end(), dir / ("writer-" + std::to_string(p) + ".err")));
    all.push_back(writers.back().get());
  }
  go.close_read();
  wait_for_line(all, "ready");
  go.close_write();  // every writer has opened the ledger: now they all write at once

  Problems problems;
  std::vector<int> seen(kProcesses, 0);
  int passes = 0;
  int backups = 0;
  const Clock::time_point deadline = Clock::now() + kHung;
  while (Clock::now() < deadline &&
         std::any_of(all.begin(), all.end(), [](const Writer* w) { return !w->at_end(); })) {
    pump(all, Clock::now() + milliseconds(5));
    reader_pass(reader, seen, true, problems, "reader");
    if (passes % 8 == 4) {
      // "backup() ... while others may go on writing": the copy is one consistent state.
      const fs::path copy = dir / ("backup-" + std::to_string(passes) + ".db");
      recording(problems, "backup", [&] {
        reader.backup(copy);
        std::vector<int> in_copy(kProcesses, 0);
        reader_pass(tz::Ledger::open(copy), in_copy, true, problems, copy.filename().string());
        ++backups;
      });
    }
    ++passes;
  }
  const int longest = expect_writers_done(writers, 0, kReports, deadline);
  EXPECT_EQ(problems.all(), "");
  std::cout << "[          ] " << kProcesses << " processes x " << kReports << " reports in "
            << std::chrono::duration_cast<milliseconds>(Clock::now() - began).count()
            << " ms; the longest file() call took " << longest << " ms; the reader made " << passes
            << " passes and " << backups << " backups meanwhile\n";

  // The reader opened before the writers sees the last committed state; so does a new Ledger.
  expect_complete(reader, kProcesses, kReports);
  expect_complete(tz::Ledger::open(path), kProcesses, kReports);
}

namespace {

// A process files a report and dies (SIGKILL, a power cut) without closing its Ledger, after
// another process opened, wrote and closed the ledger meanwhile: the acknowledged report is there
// (the WAL it was committed to stays the ledger's WAL for as long as anyone has the file open).
void acknowledged_report_survives(bool two_ledgers) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, 2);
  Pipe go;
  std::vector<std::string> args{"file", path.string(), "0", "0", "1", "--wait", "--abandon"};
  if (two_ledgers) args.emplace_back("--second");
  const std::unique_ptr<Writer> dying = start_writer(args, go.read_end(), dir / "dying.err");
  go.close_read();
  wait_for_line({dying.get()}, "ready");  // it has the ledger open

  const std::unique_ptr<Writer> other =
      start_writer({"file", path.string(), "1", "0", "1"}, -1, dir / "other.err");
  const int other_status = other->finish();
  ASSERT_TRUE(WIFEXITED(other_status) && WEXITSTATUS(other_status) == 0)
      << describe_status(other_status) << ": " << other->errors();
  EXPECT_TRUE(fs::exists(path.string() + "-wal"))
      << "the other process, closing, deleted the WAL while the first still had the ledger open";

  go.close_write();  // now it files month 0 and ends without closing
  const int status = dying->finish();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << describe_status(status) << ": " << dying->errors();
  ASSERT_EQ(numbers_after(dying->output(), "filed"), std::vector<int>{0});

  const tz::Ledger ledger = tz::Ledger::open(path);
  const std::optional<tz::Report> report = ledger.report(key_of(0, 0));
  ASSERT_TRUE(report.has_value()) << "file() returned, yet the report is not in the ledger";
  EXPECT_EQ(cc::check_report(*report, 0, 0), "");
  EXPECT_TRUE(ledger.report(key_of(1, 0)).has_value());
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << describe_verify(v);
}

}  // namespace

TEST(LedgerConcurrencyProcesses, AcknowledgedReportSurvivesAnotherProcessClosing) {
  acknowledged_report_survives(false);
}

// The same, but the dying process has a second Ledger open on the file, as "open one Ledger per
// thread" has it. A regression test: Ledger::open once read the file's header through a
// descriptor of its own, and closing it dropped every POSIX lock the process held on the file,
// including the SHARED lock of its first connection; another process, closing, then took itself
// for the last connection and deleted the -wal that the first went on committing into.
TEST(LedgerConcurrencyProcesses, AcknowledgedReportSurvivesInAProcessWithTwoLedgers) {
  acknowledged_report_survives(true);
}

// "Writers take turns (waiting up to the busy timeout), and readers see the last committed state":
// while another process holds the ledger's write lock, a Ledger opens and reads; a write waits for
// the lock and goes through once it is released, or gives up with StorageError(busy) after the
// busy timeout, having written nothing.
TEST(LedgerConcurrencyProcesses, WritersWaitForTheLockUpToTheBusyTimeout) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, 1);
  Pipe release;
  Child locker(locker_program(), {path.string()}, release.read_end(), dir / "locker.err");
  release.close_read();
  wait_for_line({&locker}, "locked");
  ASSERT_FALSE(locker.at_end()) << locker.errors();

  {
    tz::LedgerOptions impatient;
    impatient.busy_timeout = milliseconds(250);
    tz::Ledger ledger = tz::Ledger::open(path, impatient);  // reading is not blocked
    EXPECT_TRUE(ledger.verify().ok);
    const Clock::time_point began = Clock::now();
    try {
      (void)ledger.file(cc::reporter(0), key_of(0, 0), cc::content(0, 0));
      ADD_FAILURE() << "file() went through while another process held the write lock";
    } catch (const tz::StorageError& e) {
      EXPECT_EQ(e.fault(), tz::StorageFault::busy) << e.what();
    }
    EXPECT_GE(Clock::now() - began, milliseconds(200)) << "it did not wait for the busy timeout";
    EXPECT_FALSE(ledger.report(key_of(0, 0)).has_value());
  }
  tz::LedgerOptions patient;
  patient.busy_timeout = std::chrono::seconds(20);
  tz::Ledger ledger = tz::Ledger::open(path, patient);
  constexpr milliseconds kHeld{300};
  const Clock::time_point began = Clock::now();
  std::thread releaser([&] {
    std::this_thread::sleep_for(kHeld);
    release.close_write();
  });
  std::string error;
  recording_into(error,
                 [&] { (void)ledger.file(cc::reporter(0), key_of(0, 0), cc::content(0, 0)); });
  const auto waited = Clock::now() - began;
  releaser.join();
  EXPECT_EQ(error, "");
  EXPECT_GE(waited, kHeld - milliseconds(50)) << "file() did not wait for the lock";
  const int status = locker.finish();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "sqlite_locker " << describe_status(status) << ": " << locker.errors();
  expect_complete(ledger, 1, 1);
}

// "Several processes may open the same file at once: writers take turns (waiting up to the busy
// timeout)". Here another process holds the write lock of a new, still empty database file (as a
// process does while it creates a ledger) when a Ledger opens it: the open must wait for the lock
// to be released, then make the file a ledger, not fail at once with "database is locked".
TEST(LedgerConcurrencyProcesses, OpeningANewFileWaitsForAnotherWriter) {
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  Pipe release;
  Child locker(locker_program(), {path.string()}, release.read_end(), dir / "locker.err");
  release.close_read();
  wait_for_line({&locker}, "locked");
  ASSERT_FALSE(locker.at_end()) << locker.errors();

  constexpr milliseconds kHeld{300};
  std::thread releaser([&] {
    std::this_thread::sleep_for(kHeld);
    release.close_write();
  });
  tz::LedgerOptions options;
  options.busy_timeout = std::chrono::seconds(20);
  const Clock::time_point began = Clock::now();
  std::optional<tz::Ledger> ledger;
  std::string error;
  recording_into(error, [&] { ledger.emplace(tz::Ledger::open(path, options)); });
  const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - began);
  releaser.join();
  const int status = locker.finish();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "sqlite_locker " << describe_status(status) << ": " << locker.errors();
  ASSERT_EQ(error, "") << "Ledger::open gave up after " << waited.count() << " ms while the lock "
                       << "was held for " << kHeld.count() << " ms (busy timeout 20 s)";
  EXPECT_GE(waited.count(), kHeld.count() - 50);
  ledger->import_plan(cc::administrator(), cc::monthly_plan(1), "并发测试");
  (void)ledger->file(cc::reporter(0), key_of(0, 0), cc::content(0, 0));
  expect_complete(*ledger, 1, 1);
}

// "Several processes may open the same file at once": processes open a file that does not exist
// yet at the same moment, each tries to import the plan (one does), then they all file.
TEST(LedgerConcurrencyProcesses, ProcessesCreateAndImportAtOnce) {
  constexpr int kProcesses = 4;
  constexpr int kReports = 50;
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  Pipe go;
  std::vector<std::unique_ptr<Writer>> writers;
  std::vector<Writer*> all;
  for (int p = 0; p < kProcesses; ++p) {
    writers.push_back(
        start_writer(std::vector<std::string>{"file", path.string(), std::to_string(p), "0",
                                              std::to_string(kReports), "--wait-open", "--import",
                                              std::to_string(kProcesses)},
                     go.read_end(), dir / ("writer-" + std::to_string(p) + ".err")));
    all.push_back(writers.back().get());
  }
  go.close_read();
  wait_for_line(all, "ready");
  go.close_write();
  (void)expect_writers_done(writers, 0, kReports, Clock::now() + kHung);
  const tz::Ledger ledger = tz::Ledger::open(path);
  EXPECT_EQ(ledger.plan_history(cc::kPlanCode).size(), 1U);
  expect_complete(ledger, kProcesses, kReports);
}

// ---- crash ---------------------------------------------------------------------------------

// The issue: "a writer process is killed with SIGKILL at random moments, many times over; after
// each, the file opens, PRAGMA integrity_check is ok, verify() passes, and every report whose
// submit call had returned is there."
//
// Each round starts two writers (units 0 and 1) that resume where the file left off, filing month
// after month and accepting every third; they are killed with SIGKILL one after the other at
// random moments, so that one often dies while the other holds the file's write lock or waits
// for it. A writer is killed while it opens the ledger too (and recovers the WAL a killed writer
// left behind). After each round the file is opened (every other round by a Ledger that was open
// all along) and checked: integrity and hash chains hold; every month a writer acknowledged
// ("filed <i>" once file() returned) is there with its content, and at most one month more (the
// one in flight when it died); every acknowledged acceptance is there; file() is atomic, so no
// report is left a draft. TAIZHANG_CRASH_SEED=<n> replays a run; TAIZHANG_CRASH_ROUNDS=<n>
// changes the number of rounds. With `keys`, the ledger has identities and every write is signed
// (the writers sign with keys from that directory), and verify() checks every signature too.
void sigkilled_writers_lose_nothing(const std::optional<fs::path>& keys) {
  constexpr int kUnits = 2;
  constexpr int kYears = 2000;  // 24000 months per unit: far more than the rounds can file
  const char* seed_text = std::getenv("TAIZHANG_CRASH_SEED");
  const char* rounds_text = std::getenv("TAIZHANG_CRASH_ROUNDS");
  const unsigned seed =
      seed_text != nullptr ? static_cast<unsigned>(std::stoul(seed_text)) : std::random_device{}();
  const int rounds = rounds_text != nullptr ? std::stoi(rounds_text) : 40;
  std::cout << "[          ] TAIZHANG_CRASH_SEED=" << seed << " (" << rounds << " rounds)\n";
  ::testing::Test::RecordProperty("seed", std::to_string(seed));
  std::mt19937 random(seed);

  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  if (keys) {
    create_signed_ledger(path, dir / *keys, kUnits, kYears);
  } else {
    create_ledger(path, kUnits, kYears);
  }

  std::vector<int> filed(kUnits, 0);  // acknowledged: months 0 .. filed - 1 of each unit
  // How many reports beyond the acknowledged ones a unit's writers may have stored: one in flight
  // per writer killed since the last acknowledgement (a writer killed before it acknowledged
  // anything may still have stored the month after the one in flight before it).
  std::vector<int> in_flight(kUnits, 0);
  std::vector<std::set<int>> accepted(kUnits);
  int finished = 0;  // writers that reached the end of the window (not expected)
  const Clock::time_point began = Clock::now();
  for (int round = 0; round < rounds && !::testing::Test::HasFatalFailure(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round) +
                 " of TAIZHANG_CRASH_SEED=" + std::to_string(seed));
    std::optional<tz::Ledger> observer;  // open all along, every other round
    if (round % 2 == 1) observer.emplace(tz::Ledger::open(path));

    // Started, and killed, in a random order: the one started first tends to keep the lock.
    std::vector<int> order{0, 1};
    std::shuffle(order.begin(), order.end(), random);
    std::vector<std::unique_ptr<Writer>> writers(kUnits);
    for (const int unit : order) {
      std::vector<std::string> args{"resume", path.string(), std::to_string(unit)};
      if (keys) args.insert(args.end(), {"--keys", (dir / *keys).string()});
      writers[static_cast<std::size_t>(unit)] =
          start_writer(args, -1, dir / ("writer-" + std::to_string(unit) + ".err"));
    }
    std::vector<Writer*> all;
    for (const auto& w : writers) all.push_back(w.get());
    std::shuffle(order.begin(), order.end(), random);
    pump(all, Clock::now() + milliseconds(std::uniform_int_distribution<int>(0, 250)(random)));
    writers[static_cast<std::size_t>(order[0])]->kill();
    pump(all, Clock::now() + milliseconds(std::uniform_int_distribution<int>(0, 40)(random)));
    writers[static_cast<std::size_t>(order[1])]->kill();

    for (int unit = 0; unit < kUnits; ++unit) {
      const auto u = static_cast<std::size_t>(unit);
      Writer& w = *writers[u];
      const int status = w.finish();
      const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
      const bool done = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      ASSERT_TRUE(killed || done) << "writer of " << cc::unit_code(unit) << " "
                                  << describe_status(status) << ": " << w.errors();
      finished += done ? 1 : 0;
      const std::vector<int> months = numbers_after(w.output(), "filed");
      if (!months.empty()) {
        // It resumed where the file left off: after the last acknowledged month, or after those
        // that were in flight when the writers before it died.
        EXPECT_TRUE(months.front() >= filed[u] && months.front() <= filed[u] + in_flight[u])
            << cc::unit_code(unit) << " resumed at month " << months.front() << " after "
            << filed[u] << " acknowledged and " << in_flight[u] << " possibly in flight";
        for (std::size_t i = 1; i < months.size(); ++i) ASSERT_EQ(months[i], months[i - 1] + 1);
        filed[u] = months.back() + 1;
        in_flight[u] = 0;
      }
      if (killed) ++in_flight[u];
      for (const int m : numbers_after(w.output(), "accepted")) accepted[u].insert(m);
    }

    std::optional<tz::Ledger> fresh;
    if (!observer) fresh.emplace(tz::Ledger::open(path));  // the file opens
    const tz::Ledger& ledger = observer ? *observer : *fresh;
    const tz::VerifyResult v = ledger.verify();
    ASSERT_TRUE(v.ok) << describe_verify(v);
    ASSERT_EQ(v.integrity, "ok");
    ASSERT_EQ(v.has_identities, keys.has_value());
    if (keys) {
      ASSERT_GT(v.signatures_checked, 0);
    }
    for (int unit = 0; unit < kUnits; ++unit) {
      const auto u = static_cast<std::size_t>(unit);
      const std::vector<tz::Report> reports = stored(ledger, unit);
      ASSERT_EQ(check_unit(reports, unit), "");
      ASSERT_GE(reports.size(), static_cast<std::size_t>(filed[u]))
          << cc::unit_code(unit) << ": an acknowledged report is missing";
      ASSERT_LE(reports.size(), static_cast<std::size_t>(filed[u] + in_flight[u]))
          << cc::unit_code(unit) << ": more reports than were filed";
      for (const int m : accepted[u]) {
        ASSERT_EQ(reports[static_cast<std::size_t>(m)].status(), tz::ReportStatus::accepted)
            << cc::unit_code(unit) << " month " << m << " was acknowledged accepted";
      }
    }
  }
  EXPECT_EQ(finished, 0) << "a writer filed the whole window; give the plan more years";
  const int total = std::accumulate(filed.begin(), filed.end(), 0);
  EXPECT_GT(total, 0) << "the writers never got to file anything";
  std::cout << "[          ] " << (keys ? "signed: " : "") << rounds << " rounds, " << 2 * rounds << " kills, " << total
            << " reports acknowledged, in "
            << std::chrono::duration_cast<milliseconds>(Clock::now() - began).count() << " ms\n";
}

TEST(LedgerConcurrencyCrash, SigkilledWriterLosesNothingAcknowledged) {
  sigkilled_writers_lose_nothing(std::nullopt);
}

TEST(LedgerConcurrencyCrash, SigkilledSigningWriterLosesNothingAcknowledged) {
  sigkilled_writers_lose_nothing(fs::path("keys"));
}

// A kill that falls inside a checkpoint, made certain rather than left to chance: SQLite copies
// the WAL into the file page by page in page order, so a checkpoint killed after its first page
// leaves the new header (counting every page) on a file that does not have those pages yet, with
// the WAL that holds them beside it. The ledger opens, holds every report, and verifies.
TEST(LedgerConcurrencyCrash, OpensAfterACheckpointKilledAfterItsFirstPage) {
  constexpr int kMonths = 60;  // enough to grow the file, too few for SQLite to checkpoint itself
  const test::TempDir dir;
  const fs::path path = dir / "ledger.db";
  create_ledger(path, 1);
  const std::unique_ptr<Writer> writer =
      start_writer({"file", path.string(), "0", "0", std::to_string(kMonths), "--abandon"}, -1,
                   dir / "writer.err");
  const int status = writer->finish();  // it ends without closing: the months are in the WAL only
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << describe_status(status) << ": " << writer->errors();

  const fs::path torn = dir / "torn.db";
  fs::copy_file(path, torn);
  fs::copy_file(path.string() + "-wal", torn.string() + "-wal");
  { const tz::Ledger checkpointed = tz::Ledger::open(path); }  // closing it checkpoints
  ASSERT_FALSE(fs::exists(path.string() + "-wal"));
  const std::string whole = test::read_text(path);
  const std::string old = test::read_text(torn);
  ASSERT_GE(whole.size(), 100U);
  std::size_t page_size =
      static_cast<unsigned char>(whole[16]) * 256U + static_cast<unsigned char>(whole[17]);
  if (page_size == 1) page_size = 65536;
  ASSERT_GT(whole.size(), old.size()) << "the months did not grow the file";
  {
    std::ofstream out(torn, std::ios::binary | std::ios::trunc);
    out << whole.substr(0, page_size) << old.substr(page_size);
  }

  const tz::Ledger ledger = tz::Ledger::open(torn);
  const tz::VerifyResult v = ledger.verify();
  EXPECT_TRUE(v.ok) << describe_verify(v);
  const std::vector<tz::Report> reports = stored(ledger, 0);
  EXPECT_EQ(reports.size(), static_cast<std::size_t>(kMonths));
  EXPECT_EQ(check_unit(reports, 0), "");
}
