// ledger_writer: files reports into a ledger file from a process of its own, for the concurrency
// and crash tests (tests/cpp/ledger_concurrency_test.cpp).
//
//   ledger_writer file <ledger> <unit> <first> <count> [options]
//       Files months first .. first+count-1 of the monthly test plan for unit number <unit>.
//   ledger_writer resume <ledger> <unit> [options]
//       Finds the months the unit has filed (0 .. k-1: they are filed in order) and goes on filing
//       k, k+1, ... until the plan's window ends; every third month it also accepts the report as
//       the coordinator.
//
// Right after each call returns it writes one line to standard output, unbuffered: "filed <i> <ms>"
// (<ms>: how long the call took, waiting for the file included) or "accepted <i>". A failure is
// written to standard error and ends the program with status 1.
//
// Options:
//   --wait         open the ledger, write "ready", and wait until standard input is closed
//   --wait-open    write "ready" and wait until standard input is closed before opening the ledger
//   --import <n>   first import the plan with <n> units unless the ledger has it already
//   --full         Durability::full (the default)
//   --normal       Durability::normal
//   --abandon      end with _Exit(0) without closing the ledger, leaving its WAL as a crash would
//   --second       also open a second Ledger on the file (kept open, unused), as a program that
//                  keeps one Ledger per thread does
//   --keys <dir>   a ledger with identities: sign the unit's filings with <dir>/unit-<unit>.pem
//                  and the coordinator's acceptances with <dir>/coordinator.pem (each through a
//                  Ledger of its own, opened with that key), as signed_ledger() in
//                  concurrency_plan.hpp made them
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "concurrency_plan.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"

namespace {

namespace tz = taizhang;
namespace cc = taizhang::concurrency;

// Writes one whole line to standard output without buffering, so that a reader sees it even when
// the process is killed right after.
void say(const std::string& line) {
  const std::string text = line + "\n";
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(4);
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void usage() {
  std::fputs(
      "usage: ledger_writer file <ledger> <unit> <first> <count> [options]\n"
      "       ledger_writer resume <ledger> <unit> [options]\n",
      stderr);
  std::exit(2);
}

int number(std::string_view arg) {
  const std::string text(arg);
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 0 || value > 1'000'000) usage();
  return static_cast<int>(value);
}

struct Options {
  bool wait = false;
  bool wait_open = false;
  int import_units = 0;
  bool normal = false;
  bool abandon = false;
  bool second = false;
  std::string keys;
};

void wait_for_stdin_to_close() {
  say("ready");
  char buffer[64];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EINTR)) return;
  }
}

void import_unless_there(tz::Ledger& ledger, int units) {
  try {
    ledger.import_plan(cc::administrator(), cc::monthly_plan(units), "并发测试");
  } catch (const tz::ConflictError&) {  // NOLINT(bugprone-empty-catch): another process did
  }
}

tz::ReportKey key_of(int unit, int index) {
  return tz::ReportKey{cc::kPlanCode, cc::unit_code(unit), cc::month(index)};
}

// Files month `index` and says so.
void file_month(tz::Ledger& ledger, int unit, int index) {
  const auto began = std::chrono::steady_clock::now();
  (void)ledger.file(cc::reporter(unit), key_of(unit, index), cc::content(unit, index));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - began);
  say("filed " + std::to_string(index) + " " + std::to_string(took.count()));
}

int file_months(tz::Ledger& ledger, int unit, int first, int count) {
  for (int i = first; i < first + count; ++i) file_month(ledger, unit, i);
  return 0;
}

// The number of months the unit has filed: they are filed in order, so months 0 .. k-1.
int months_filed(const tz::Ledger& ledger, int unit, int months) {
  int low = 0;        // filed: every month before `low`
  int high = months;  // not filed: `high` and every month after it
  while (low < high) {
    const int mid = low + (high - low) / 2;
    if (ledger.report(key_of(unit, mid))) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

// `coordinator` accepts (the same Ledger unless the ledger has identities: then one opened with
// the coordinator's key).
int resume(tz::Ledger& ledger, tz::Ledger& coordinator, int unit) {
  const int months = static_cast<int>(ledger.plan(cc::kPlanCode).periods().size());
  const int filed = months_filed(ledger, unit, months);
  if (filed > 0) {
    const std::string problem =
        cc::check_report(*ledger.report(key_of(unit, filed - 1)), unit, filed - 1);
    if (!problem.empty()) {
      std::fprintf(stderr, "ledger_writer: the last report stored, month %d: %s\n", filed - 1,
                   problem.c_str());
      return 3;
    }
  }
  for (int i = filed; i < months; ++i) {
    file_month(ledger, unit, i);
    if (i % 3 == 0) {
      (void)coordinator.accept(cc::coordinator(), key_of(unit, i));
      say("accepted " + std::to_string(i));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.size() < 3) usage();
  const std::string_view mode = args[0];
  const std::string path(args[1]);
  const int unit = number(args[2]);
  std::size_t next = 3;
  int first = 0;
  int count = 0;
  if (mode == "file") {
    if (args.size() < 5) usage();
    first = number(args[3]);
    count = number(args[4]);
    next = 5;
  } else if (mode != "resume") {
    usage();
  }
  Options options;
  for (std::size_t i = next; i < args.size(); ++i) {
    if (args[i] == "--wait") {
      options.wait = true;
    } else if (args[i] == "--wait-open") {
      options.wait_open = true;
    } else if (args[i] == "--normal") {
      options.normal = true;
    } else if (args[i] == "--full") {
      options.normal = false;
    } else if (args[i] == "--abandon") {
      options.abandon = true;
    } else if (args[i] == "--second") {
      options.second = true;
    } else if (args[i] == "--keys" && i + 1 < args.size()) {
      options.keys = std::string(args[++i]);
    } else if (args[i] == "--import" && i + 1 < args.size()) {
      options.import_units = number(args[++i]);
    } else {
      usage();
    }
  }

  try {
    tz::LedgerOptions ledger_options;
    ledger_options.durability = options.normal ? tz::Durability::normal : tz::Durability::full;
    tz::LedgerOptions coordinator_options = ledger_options;
    if (!options.keys.empty()) {
      const std::string dir = options.keys + "/";
      ledger_options.signer = std::make_shared<const tz::Signer>(
          tz::Signer::load(dir + "unit-" + std::to_string(unit) + ".pem"));
      coordinator_options.signer =
          std::make_shared<const tz::Signer>(tz::Signer::load(dir + "coordinator.pem"));
    }
    if (options.wait_open) wait_for_stdin_to_close();
    tz::Ledger ledger = tz::Ledger::open(path, ledger_options);
    std::optional<tz::Ledger> coordinator;
    if (!options.keys.empty()) coordinator.emplace(tz::Ledger::open(path, coordinator_options));
    std::optional<tz::Ledger> second;
    if (options.second) second.emplace(tz::Ledger::open(path, ledger_options));
    if (options.import_units > 0) import_unless_there(ledger, options.import_units);
    if (options.wait) wait_for_stdin_to_close();
    const int status =
        mode == "file" ? file_months(ledger, unit, first, count)
                       : resume(ledger, coordinator ? *coordinator : ledger, unit);
    if (options.abandon) std::_Exit(status);  // the ledger is never closed
    return status;
  } catch (const tz::Error& e) {
    std::fprintf(stderr, "ledger_writer: unit %d: %s error: %s\n", unit, tz::to_string(e.code()),
                 e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ledger_writer: unit %d: %s\n", unit, e.what());
  }
  return 1;
}
