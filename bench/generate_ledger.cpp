// Writes the synthetic province-sized ledger of the benchmarks (bench/synthetic.hpp) into a real
// ledger file through the public API: plans imported by an administrator, every monthly report
// filed with Ledger::file_all in batches, and some history: acceptances, returns followed by
// resubmissions, and corrections of accepted reports.
//
//   generate_ledger [--out FILE] [--plans N] [--months N] [--seed N] [--regenerate]
//
// The file is kept with a FILE.params beside it naming the parameters; when both exist with the
// same parameters, nothing is done (use --regenerate to write it again). The file is written
// under a temporary name and renamed into place when complete.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "synthetic.hpp"

namespace fs = std::filesystem;
namespace tz = taizhang;
using bench::Params;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  Params params;
  fs::path out = "build/bench/province.taizhang";
  bool regenerate = false;
};

Options parse_args(int argc, char** argv) {
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto next = [&] { return bench::option_value(argc, argv, k); };
    if (a == "--out") {
      o.out = next();
    } else if (a == "--plans") {
      o.params.plans = std::stoi(next());
    } else if (a == "--months") {
      o.params.months = std::stoi(next());
    } else if (a == "--seed") {
      o.params.seed = std::stoull(next());
    } else if (a == "--regenerate") {
      o.regenerate = true;
    } else {
      std::cerr << "usage: generate_ledger [--out FILE] [--plans N] [--months N] [--seed N] "
                   "[--regenerate]\n";
      std::exit(2);
    }
  }
  return o;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  std::string t = s.str();
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
  return t;
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// The clock the ledger stamps revisions with: the time each filing is meant to have been handed
// in (file_all stamps each filing twice: saved, submitted).
struct StampSource {
  std::vector<tz::Timestamp> times;
  std::size_t calls = 0;
  std::size_t per = 2;
  tz::Timestamp next() {
    const std::size_t k = std::min(calls++ / per, times.size() - 1);
    return times[k];
  }
  void set(std::vector<tz::Timestamp> t, std::size_t stamps_per_item) {
    times = std::move(t);
    calls = 0;
    per = stamps_per_item;
  }
};

// Beijing time on `date` at `seconds` after 09:00.
tz::Timestamp beijing(const tz::Date& date, std::int64_t seconds) {
  return tz::start_of_day(date) + std::chrono::hours(9) + std::chrono::seconds(seconds);
}

struct Pending {
  tz::Timestamp at;
  int plan = 0;
  int unit = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_args(argc, argv);
  const Params& P = o.params;
  const fs::path params_file = o.out.string() + ".params";
  if (!o.regenerate && fs::exists(o.out) && fs::exists(params_file) &&
      read_text(params_file) == P.key()) {
    std::cout << "generate_ledger: " << o.out.string() << " already holds " << P.key()
              << " (" << fs::file_size(o.out) / (1024 * 1024)
              << " MiB); --regenerate writes it again\n";
    return 0;
  }
  fs::create_directories(o.out.parent_path().empty() ? fs::path(".") : o.out.parent_path());
  const fs::space_info space = fs::space(o.out.parent_path().empty() ? "." : o.out.parent_path());
  const double need_gib = 2.5 * P.plans / 1000.0 * P.months / 48.0;
  std::cout << "generate_ledger: " << P.key() << "\n  free disk " << space.available / (1 << 30)
            << " GiB; the file takes about " << need_gib << " GiB\n";
  if (static_cast<double>(space.available) < need_gib * 1.5 * (1 << 30)) {
    std::cerr << "generate_ledger: not enough free disk for the ledger\n";
    return 1;
  }
  const fs::path temp = o.out.string() + ".partial";
  for (const fs::path& p : {temp, fs::path(temp.string() + "-wal"), fs::path(temp.string() + "-shm"),
                            o.out, fs::path(o.out.string() + "-wal"),
                            fs::path(o.out.string() + "-shm"), params_file}) {
    fs::remove(p);
  }

  auto stamps = std::make_shared<StampSource>();
  stamps->set({beijing(tz::Date::make(P.start_year - 1, 12, 20), 0)}, 1);
  tz::LedgerOptions options;
  options.durability = tz::Durability::normal;
  options.clock = [stamps] { return stamps->next(); };

  const auto t0 = Clock::now();
  std::int64_t filings = 0;
  std::int64_t values = 0;
  std::int64_t accepted = 0;
  std::int64_t returned = 0;
  std::int64_t corrected = 0;
  {
    tz::Ledger ledger = tz::Ledger::open(temp, options);
    // The synthetic years are history: recorded in an import window.
    ledger.begin_import(tz::Actor{bench::office_code(0), tz::ActorRole::administrator, "基准"},
                        "基准：合成数据导入");
    for (int p = 0; p < P.plans; ++p) {
      stamps->set({beijing(tz::Date::make(P.start_year - 1, 12, 20), p)}, 1);
      ledger.import_plan(tz::Actor{bench::office_code(p), tz::ActorRole::administrator, "基准"},
                         bench::make_plan(P, p), "通知印发");
    }
    std::printf("  %d plans imported in %.1f s\n", P.plans, seconds_since(t0));
    std::fflush(stdout);

    for (int m = 0; m < P.months; ++m) {
      const tz::Period period = bench::month_period(P, m);
      const tz::Date first_of_next = period.last_day().plus_days(1);
      // Everyone's report of month m, in the order they are handed in.
      std::vector<Pending> pending;
      for (int p = 0; p < P.plans; ++p) {
        for (int u = 0; u < P.units; ++u) {
          if (bench::is_missing(P, p, u, m)) continue;
          const int day = bench::submission_day(P, p, u, m);
          pending.push_back({beijing(first_of_next.plus_days(day - 1), (p * 37 + u * 101) % 28800),
                             p, u});
        }
      }
      std::stable_sort(pending.begin(), pending.end(),
                       [](const Pending& a, const Pending& b) { return a.at < b.at; });
      constexpr std::size_t kBatch = 5000;
      for (std::size_t b = 0; b < pending.size(); b += kBatch) {
        const std::size_t e = std::min(pending.size(), b + kBatch);
        std::vector<tz::Filing> batch;
        std::vector<tz::Timestamp> times;
        batch.reserve(e - b);
        for (std::size_t k = b; k < e; ++k) {
          const Pending& f = pending[k];
          tz::Filing filing{tz::Actor{bench::unit_code(f.plan, f.unit), tz::ActorRole::reporter,
                                      ""},
                            tz::ReportKey{bench::plan_code(f.plan),
                                          bench::unit_code(f.plan, f.unit), period},
                            bench::report_content(P, f.plan, f.unit, m)};
          values += static_cast<std::int64_t>(filing.content.values.size());
          batch.push_back(std::move(filing));
          times.push_back(f.at);
        }
        stamps->set(std::move(times), 2);
        ledger.file_all(batch);
        filings += static_cast<std::int64_t>(batch.size());
      }

      // The coordinators' work on month m, from the 16th of the month after: accept some
      // reports, return a few (each handed in again two days later, a value changed), and some
      // accepted ones are corrected by their unit five days later. The ledger records things in
      // the order they happen, so what follows later is done after the day's work.
      const tz::Date work_day = first_of_next.plus_days(15);
      std::int64_t second = 0;
      struct Later {
        tz::Timestamp at;
        tz::ReportKey key;
        tz::ReportContent content;
        bool correction = false;
      };
      std::vector<Later> later;
      for (const Pending& f : pending) {
        const double r = bench::uniform(bench::hash(P.seed, 6, static_cast<std::uint64_t>(f.plan),
                                                    static_cast<std::uint64_t>(f.unit),
                                                    static_cast<std::uint64_t>(m)));
        if (r >= 0.065) continue;
        const tz::ReportKey key{bench::plan_code(f.plan), bench::unit_code(f.plan, f.unit),
                                period};
        const tz::Actor coordinator{bench::office_code(f.plan), tz::ActorRole::coordinator, ""};
        // A changed content: an incremental value one more (the share of the change that a
        // correction or a resubmission brings).
        auto changed = [&] {
          tz::ReportContent c = bench::report_content(P, f.plan, f.unit, m);
          for (tz::TargetValue& v : c.values) {
            const std::string& code = v.target;
            const int i = std::stoi(code.substr(0, code.find('.'))) - 1;
            const int t = std::stoi(code.substr(code.find('.') + 1)) - 1;
            const bench::TargetSpec s = bench::target_spec(P, f.plan, i, t);
            if (v.value && s.accumulation == tz::Accumulation::incremental) {
              v.value = *v.value + tz::Decimal(1);
              v.comment = "更正：核实后增加1";
              break;
            }
          }
          return c;
        };
        stamps->set({beijing(work_day, second++)}, 1);
        if (r < 0.01) {
          ledger.return_report(coordinator, key, "数据有误，请核实后重报");
          later.push_back({beijing(work_day.plus_days(2), second++), key, changed(), false});
          ++returned;
          continue;
        }
        ledger.accept(coordinator, key);
        ++accepted;
        if (r < 0.013) {
          later.push_back({beijing(work_day.plus_days(5), second++), key, changed(), true});
          ++corrected;
        }
      }
      std::stable_sort(later.begin(), later.end(),
                       [](const Later& a, const Later& b) { return a.at < b.at; });
      for (Later& l : later) {
        const tz::Actor reporter{l.key.unit, tz::ActorRole::reporter, ""};
        values += static_cast<std::int64_t>(l.content.values.size());
        stamps->set({l.at}, 1);
        if (l.correction) {
          ledger.correct(reporter, l.key, l.content, "漏报，补充更正");
        } else {
          ledger.file_all({tz::Filing{reporter, l.key, std::move(l.content)}});
        }
      }
      std::printf("  %s: %lld reports, %lld values so far; %.1f s\n", period.to_string().c_str(),
                  static_cast<long long>(filings), static_cast<long long>(values),
                  seconds_since(t0));
      std::fflush(stdout);
    }
  }
  fs::rename(temp, o.out);
  {
    std::ofstream out(params_file);
    out << P.key() << "\n";
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "generate_ledger: wrote %s: %d plans, %lld reports filed (%lld values in them), "
      "%lld accepted, %lld returned and filed again, %lld corrected; %.1f MiB in %.1f s "
      "(peak memory %.0f MiB)\n",
      o.out.string().c_str(), P.plans, static_cast<long long>(filings),
      static_cast<long long>(values), static_cast<long long>(accepted),
      static_cast<long long>(returned), static_cast<long long>(corrected),
      static_cast<double>(fs::file_size(o.out)) / (1024.0 * 1024.0), seconds_since(t0),
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
