// fault_probe: does one thing with the library in a process of its own, under a fault the
// reliability tests (tests/cpp/reliability_*_test.cpp) set up, and says how it went and how much
// memory it took.
//
//   fault_probe [--fsize-limit BYTES] [--as-nobody] [--busy-ms N] COMMAND ARGS...
//
// Options, applied before COMMAND runs:
//   --fsize-limit BYTES  setrlimit(RLIMIT_FSIZE): no file may grow past BYTES, as on a full disk
//                        (SIGXFSZ is ignored, so a write past the limit fails with EFBIG instead of
//                        killing the process).
//   --as-nobody          when running as root, become the user and group nobody (65534), for whom
//                        file permissions hold (root writes to a file whatever its mode).
//   --busy-ms N          LedgerOptions::busy_timeout.
// Commands:
//   file LEDGER UNIT PERIOD BYTES   open LEDGER and file a report of the Linzi plan for UNIT and
//                                   PERIOD: a value for 1.1 and BYTES bytes of text, each field
//                                   within its limit (limits.hpp): the narratives of UNIT's
//                                   initiatives, then comments and evidence on their targets.
//   open LEDGER [read-only]         open LEDGER, list its reports and verify it.
//   csv LEDGER CSV                  import the progress CSV file as health's reporter.
//   plan JSON                       read a plan file.
// Output (standard output), one line each:
//   ok ...                                       the command succeeded (exit 0)
//   error <code> <fault> <file> | <what>         a taizhang::Error (exit 3)
//   exception <what>                             anything else (exit 4)
//   maxrss_kb <N>                                the process's peak resident memory, always last
#include <grp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "taizhang/csv_import.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/plan_json.hpp"

namespace tz = taizhang;

namespace {

constexpr const char* kPlan = "linzi-2021-women-children";

long peak_rss_kb() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int finish(int status) {
  std::cout << "maxrss_kb " << peak_rss_kb() << std::endl;
  return status;
}

[[noreturn]] void usage() {
  std::fputs("usage: fault_probe [--fsize-limit BYTES] [--as-nobody] [--busy-ms N] COMMAND ...\n",
             stderr);
  std::exit(2);
}

void become_nobody() {
  if (::geteuid() != 0) return;
  constexpr gid_t kNobody = 65534;
  if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) {
    std::perror("fault_probe: cannot become nobody");
    std::exit(2);
  }
}

int run(const std::vector<std::string>& args, const tz::LedgerOptions& options) {
  const std::string& command = args.at(0);
  if (command == "file" && args.size() == 5) {
    tz::Ledger ledger = tz::Ledger::open(args[1], options);
    tz::ReportContent content;
    // BYTES of text in three-byte characters, none longer than its field may be (limits.hpp): the
    // narratives of the unit's initiatives first, then a comment and evidence on each of their
    // targets, until BYTES are given (a report holds at most what these fields hold, some 200 KB
    // for health; more is not asked for). The value of 1.1 goes with it.
    std::size_t left = std::stoul(args[4]);
    const auto text = [&left](std::size_t max_chars) {
      const std::string piece = "进";
      std::string out;
      for (std::size_t k = 0; k < max_chars && left > 0; ++k) {
        out += piece;
        left -= std::min(left, piece.size());
      }
      return out;
    };
    std::vector<tz::TargetValue> values;
    values.push_back({"1.1", tz::Decimal(100), "", "", "", "", {}, {}, {}});
    for (const tz::Initiative& i : ledger.plan(kPlan).initiatives) {
      if (left == 0 || i.find_assignment(args[2]) == nullptr) continue;
      content.progress.push_back({i.number, text(tz::limits::paragraph_chars), std::nullopt});
    }
    for (const tz::Initiative& i : ledger.plan(kPlan).initiatives) {
      if (i.find_assignment(args[2]) == nullptr) continue;
      for (const tz::Target& t : i.targets) {
        if (left == 0) break;
        tz::TargetValue& v = t.code == "1.1" ? values.front() : values.emplace_back();
        v.target = t.code;
        v.comment = text(tz::limits::comment_chars);
        v.evidence = text(tz::limits::line_chars);
      }
    }
    content.values = std::move(values);
    const tz::Report r =
        ledger.file(tz::Actor{args[2], tz::ActorRole::reporter, "填报员"},
                    tz::ReportKey{kPlan, args[2], tz::Period::parse(args[3])}, content);
    std::cout << "ok " << tz::to_string(r.status()) << std::endl;
    return 0;
  }
  if (command == "open" && (args.size() == 2 || (args.size() == 3 && args[2] == "read-only"))) {
    tz::LedgerOptions o = options;
    o.read_only = args.size() == 3;
    const tz::Ledger ledger = tz::Ledger::open(args[1], o);
    tz::ReportFilter all;
    all.plan = kPlan;
    const tz::VerifyResult v = ledger.verify();
    std::cout << "ok reports " << ledger.reports(all).size() << " verified " << v.ok << std::endl;
    return 0;
  }
  if (command == "csv" && args.size() == 3) {
    tz::Ledger ledger = tz::Ledger::open(args[1], options);
    const tz::CsvReading r = tz::import_progress_csv(
        ledger, tz::Actor{"health", tz::ActorRole::reporter, "填报员"}, kPlan, args[2]);
    std::cout << "ok filed " << r.filings.size() << std::endl;
    return 0;
  }
  if (command == "plan" && args.size() == 2) {
    const tz::Plan plan = tz::load_plan(args[1]);
    std::cout << "ok " << plan.code << std::endl;
    return 0;
  }
  usage();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  tz::LedgerOptions options;
  std::size_t i = 0;
  for (; i < args.size() && args[i].rfind("--", 0) == 0; ++i) {
    if (args[i] == "--fsize-limit" && i + 1 < args.size()) {
      const rlimit limit{std::stoul(args[i + 1]), std::stoul(args[i + 1])};
      std::signal(SIGXFSZ, SIG_IGN);
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) {
        std::perror("fault_probe: setrlimit");
        return 2;
      }
      ++i;
    } else if (args[i] == "--as-nobody") {
      become_nobody();
    } else if (args[i] == "--busy-ms" && i + 1 < args.size()) {
      options.busy_timeout = std::chrono::milliseconds(std::stol(args[++i]));
    } else {
      usage();
    }
  }
  args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i));
  if (args.empty()) usage();
  try {
    return finish(run(args, options));
  } catch (const tz::StorageError& e) {
    std::cout << "error " << tz::to_string(e.code()) << ' ' << tz::to_string(e.fault()) << ' '
              << e.where().file << " | " << e.what() << std::endl;
    return finish(3);
  } catch (const tz::Error& e) {
    std::cout << "error " << tz::to_string(e.code()) << " - " << e.where().file << " | " << e.what()
              << std::endl;
    return finish(3);
  } catch (const std::exception& e) {
    std::cout << "exception " << e.what() << std::endl;
    return finish(4);
  }
}
