// The roll-up benchmark's engine side (docs/benchmarks.md): on a copy of the synthetic ledger
// written by generate_ledger,
//   (a) open the ledger and load the columnar snapshot (the first roll-up call);
//   (b) roll up every plan as of the last period, several times (min and median);
//   (e) file one new report through the library, then roll up its plan again (the call that
//       brings the snapshot up to date), for many new reports (median and max);
// and the memory: peak RSS, the heap the loaded snapshot holds, against the raw size of the values
// (values × 16 bytes: an 8-byte exact coefficient and an 8-byte key).
//
//   rollup_bench --ledger build/bench/province.taizhang [--reps 5] [--updates 100]
//                [--figures FILE.tsv] [--json FILE.json]
//
// The ledger named is not changed: the benchmark copies it (FILE.scratch) and works on the copy.
// --figures writes every target's actual, completion and status (for the SQL and pandas checks).
#include <malloc.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "synthetic.hpp"

namespace fs = std::filesystem;
namespace tz = taizhang;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
  fs::path ledger = "build/bench/province.taizhang";
  int reps = 5;
  int updates = 100;
  fs::path figures;
  fs::path json;
};

Options parse_args(int argc, char** argv) {
  Options o;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    auto next = [&] { return bench::option_value(argc, argv, k); };
    if (a == "--ledger") {
      o.ledger = next();
    } else if (a == "--reps") {
      o.reps = std::max(1, std::stoi(next()));
    } else if (a == "--updates") {
      o.updates = std::max(1, std::stoi(next()));
    } else if (a == "--figures") {
      o.figures = next();
    } else if (a == "--json") {
      o.json = next();
    } else {
      std::cerr << "usage: rollup_bench [--ledger FILE] [--reps N] [--updates N] "
                   "[--figures FILE.tsv] [--json FILE.json]\n";
      std::exit(2);
    }
  }
  return o;
}

// The generator's parameters, from FILE.params.
bench::Params read_params(const fs::path& ledger) {
  std::ifstream in(ledger.string() + ".params");
  std::string line;
  if (!std::getline(in, line)) {
    std::cerr << "rollup_bench: " << ledger.string()
              << ".params is missing: write the ledger with generate_ledger\n";
    std::exit(1);
  }
  bench::Params p;
  unsigned long long seed = 0;
  if (std::sscanf(line.c_str(),
                  "synthetic-ledger v1 plans=%d initiatives=%d targets=%d units=%d "
                  "per_initiative=%d start=%d months=%d seed=%llu missing=%lf",
                  &p.plans, &p.initiatives, &p.targets, &p.units, &p.per_initiative, &p.start_year,
                  &p.months, &seed, &p.missing) != 9) {
    std::cerr << "rollup_bench: cannot read " << ledger.string() << ".params\n";
    std::exit(1);
  }
  p.seed = seed;
  if (p.key() != line) {
    std::cerr << "rollup_bench: " << ledger.string() << ".params does not read back\n";
    std::exit(1);
  }
  return p;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of this process (all threads), in ms: less disturbed than wall time by other work on
// the machine.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double current_rss_mib() {
  std::ifstream in("/proc/self/statm");
  long pages = 0;
  long resident = 0;
  in >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Bytes the heap holds (small blocks and mmapped large ones).
double heap_mib() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd) / (1024.0 * 1024.0);
}

std::int64_t count_rows(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  std::int64_t n = -1;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

struct Json {
  std::ostringstream out;
  bool first = true;
  void add(const std::string& key, double v) {
    out << (first ? "{\n" : ",\n") << "  \"" << key << "\": " << v;
    first = false;
  }
  void add(const std::string& key, const std::string& v) {
    out << (first ? "{\n" : ",\n") << "  \"" << key << "\": \"" << v << "\"";
    first = false;
  }
  std::string str() const { return out.str() + "\n}\n"; }
};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_args(argc, argv);
  const bench::Params P = read_params(o.ledger);
  const tz::Period as_of = bench::month_period(P, P.months - 1);
  Json json;

  const std::int64_t values = count_rows(o.ledger, "SELECT count(*) FROM revision_values");
  const std::int64_t revisions = count_rows(o.ledger, "SELECT count(*) FROM revisions");
  const std::int64_t reports = count_rows(o.ledger, "SELECT count(*) FROM reports");
  const double file_mib = static_cast<double>(fs::file_size(o.ledger)) / (1024.0 * 1024.0);
  const double raw_mib = static_cast<double>(values) * 16.0 / (1024.0 * 1024.0);
  std::printf(
      "ledger %s: %.0f MiB, %d plans, %lld reports, %lld revisions, %lld values "
      "(raw size %.1f MiB)\n",
      o.ledger.c_str(), file_mib, P.plans, static_cast<long long>(reports),
      static_cast<long long>(revisions), static_cast<long long>(values), raw_mib);
  json.add("file_mib", file_mib);
  json.add("plans", P.plans);
  json.add("targets", static_cast<double>(P.plans) * P.initiatives * P.targets);
  json.add("reports", static_cast<double>(reports));
  json.add("revisions", static_cast<double>(revisions));
  json.add("values", static_cast<double>(values));
  json.add("raw_mib", raw_mib);
  json.add("as_of", as_of.to_string());

  // The copy the benchmark works on: (e) files new reports into it.
  const fs::path scratch = o.ledger.string() + ".scratch";
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(scratch.string() + suffix);
  fs::copy_file(o.ledger, scratch);

  std::vector<std::string> plans;
  for (int p = 0; p < P.plans; ++p) plans.push_back(bench::plan_code(p));

  const double rss_before = current_rss_mib();
  const double heap_before = heap_mib();
  tz::LedgerOptions options;
  options.create_if_missing = false;
  options.durability = tz::Durability::normal;

  // (a) Open, and the first roll-up: loads the whole snapshot.
  auto t0 = Clock::now();
  std::optional<tz::Ledger> opened(tz::Ledger::open(scratch, options));
  tz::Ledger& ledger = *opened;
  const double open_ms = ms_since(t0);
  (void)ledger.rollup(tz::RollupQuery{plans.front(), as_of, std::nullopt, false, std::nullopt});
  const double load_ms = ms_since(t0);
  const double rss_loaded = current_rss_mib();
  const double heap_loaded = heap_mib();
  std::printf(
      "(a) open %.1f ms; open + first roll-up (loads the snapshot) %.0f ms; heap +%.1f MiB, "
      "RSS +%.1f MiB\n",
      open_ms, load_ms, heap_loaded - heap_before, rss_loaded - rss_before);
  std::fflush(stdout);
  json.add("a_open_ms", open_ms);
  json.add("a_load_ms", load_ms);
  json.add("snapshot_heap_mib", heap_loaded - heap_before);
  json.add("snapshot_rss_mib", rss_loaded - rss_before);

  // (b) Every plan as of the last period, repeatedly. The first pass parses each plan once (the
  // ledger keeps it); it is reported apart.
  // Each pass keeps only the last roll-up (as a program walking the plans would); the figures of
  // the last pass are kept compact, for --figures.
  struct Figure {
    std::string plan;
    std::string target;
    std::string actual;
    std::optional<double> completion;
    tz::ProgressStatus status;
  };
  std::vector<Figure> figures;
  std::vector<double> passes;
  std::map<tz::ProgressStatus, int> statuses;
  double rss_first_pass = 0;
  std::vector<double> pass_cpu;
  for (int rep = 0; rep <= o.reps; ++rep) {
    t0 = Clock::now();
    const double c0 = cpu_ms();
    tz::Rollup r;
    for (std::size_t k = 0; k < plans.size(); ++k) {
      r = ledger.rollup(tz::RollupQuery{plans[k], as_of, std::nullopt, false, std::nullopt});
    }
    const double ms = ms_since(t0);
    const double cpu = cpu_ms() - c0;
    if (rep == 0) {
      rss_first_pass = current_rss_mib();
      std::printf(
          "(b) first pass over %zu plans (each plan parsed once): %.0f ms; RSS +%.1f MiB "
          "(the parsed plans the ledger keeps)\n",
          plans.size(), ms, rss_first_pass - rss_loaded);
      json.add("b_first_pass_ms", ms);
      json.add("plans_rss_mib", rss_first_pass - rss_loaded);
    } else {
      passes.push_back(ms);
      pass_cpu.push_back(cpu);
    }
  }
  for (const std::string& plan : plans) {
    const tz::Rollup r =
        ledger.rollup(tz::RollupQuery{plan, as_of, std::nullopt, false, std::nullopt});
    for (const tz::TargetRollup& t : r.targets) {
      ++statuses[t.status];
      figures.push_back(
          {plan, t.code, t.actual ? t.actual->to_string() : "", t.completion, t.status});
    }
  }
  const double b_min = *std::min_element(passes.begin(), passes.end());
  const double b_median = median(passes);
  const double b_cpu = *std::min_element(pass_cpu.begin(), pass_cpu.end());
  std::printf(
      "(b) full roll-up of %zu plans (%zu targets) as of %s: min %.1f ms, median %.1f ms "
      "over %d passes (CPU time: min %.1f ms)\n",
      plans.size(), plans.size() * static_cast<std::size_t>(P.initiatives * P.targets),
      as_of.to_string().c_str(), b_min, b_median, o.reps, b_cpu);
  std::printf("    statuses:");
  for (const auto& [s, n] : statuses) std::printf(" %s %d", tz::to_string(s), n);
  std::printf("\n");
  std::fflush(stdout);
  json.add("b_min_ms", b_min);
  json.add("b_median_ms", b_median);
  json.add("b_cpu_min_ms", b_cpu);

  if (!o.figures.empty()) {
    std::ofstream out(o.figures);
    out << "plan\ttarget\tactual\tcompletion\tstatus\n";
    char buf[64];
    for (const Figure& f : figures) {
      std::string completion;
      if (f.completion) {
        std::snprintf(buf, sizeof buf, "%.12g", *f.completion);
        completion = buf;
      }
      out << f.plan << '\t' << f.target << '\t' << f.actual << '\t' << completion << '\t'
          << tz::to_string(f.status) << '\n';
    }
  }

  // (e) One new report, then the roll-up of its plan. The reports filed are ones the generator
  // left missing, with the values it would have given them, spread over the plans.
  std::vector<tz::ReportKey> keys;
  std::vector<tz::ReportContent> contents;
  for (int k = 0; static_cast<int>(keys.size()) < o.updates && k < P.plans * P.units * P.months;
       ++k) {
    const int p = (k * 7) % P.plans;
    const int u = (k / P.plans) % P.units;
    const int m = P.months - 1 - (k / (P.plans * P.units)) % P.months;
    if (!bench::is_missing(P, p, u, m)) continue;
    const tz::ReportKey key{bench::plan_code(p), bench::unit_code(p, u), bench::month_period(P, m)};
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    keys.push_back(key);
    contents.push_back(bench::report_content(P, p, u, m));
  }
  std::vector<double> file_ms;
  std::vector<double> update_ms;
  std::vector<double> update_cpu_ms;
  std::vector<double> steady_ms;
  int changed = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const tz::RollupQuery q{keys[k].plan, as_of, std::nullopt, false, std::nullopt};
    // The same plan without anything new, for comparison.
    t0 = Clock::now();
    const tz::Rollup before = ledger.rollup(q);
    steady_ms.push_back(ms_since(t0));
    t0 = Clock::now();
    (void)ledger.file(tz::Actor{keys[k].unit, tz::ActorRole::reporter, ""}, keys[k], contents[k]);
    file_ms.push_back(ms_since(t0));
    t0 = Clock::now();
    const double c0 = cpu_ms();
    const tz::Rollup after = ledger.rollup(q);
    update_cpu_ms.push_back(cpu_ms() - c0);
    update_ms.push_back(ms_since(t0));
    bool differs = false;
    for (std::size_t t = 0; t < after.targets.size(); ++t) {
      const auto& a = after.targets[t].contributions;
      const auto& b = before.targets[t].contributions;
      for (std::size_t c = 0; c < a.size(); ++c) {
        differs = differs || a[c].value != b[c].value || a[c].latest != b[c].latest;
      }
    }
    changed += differs ? 1 : 0;
  }
  const double e_median = median(update_ms);
  const double e_max = *std::max_element(update_ms.begin(), update_ms.end());
  std::printf(
      "(e) %zu new reports, each filed (median %.2f ms) then its plan rolled up: median "
      "%.3f ms, p90 %.3f ms, max %.3f ms (the same roll-up with nothing new: median %.3f "
      "ms); %d of %zu roll-ups showed the new report; CPU time of the update: median "
      "%.3f ms\n",
      keys.size(), median(file_ms), e_median, percentile(update_ms, 0.9), e_max, median(steady_ms),
      changed, keys.size(), median(update_cpu_ms));
  json.add("e_updates", static_cast<double>(keys.size()));
  json.add("e_file_median_ms", median(file_ms));
  json.add("e_median_ms", e_median);
  json.add("e_cpu_median_ms", median(update_cpu_ms));
  json.add("e_p90_ms", percentile(update_ms, 0.9));
  json.add("e_max_ms", e_max);
  json.add("e_steady_median_ms", median(steady_ms));
  json.add("e_changed", changed);

  const double peak = peak_rss_mib();
  std::printf(
      "memory: peak RSS %.0f MiB (%.2f x the raw size of the values, %.1f MiB); the "
      "loaded snapshot and caches hold %.0f MiB of heap (%.2f x raw)\n",
      peak, peak / raw_mib, raw_mib, heap_loaded - heap_before,
      (heap_loaded - heap_before) / raw_mib);
  json.add("peak_rss_mib", peak);
  json.add("rss_before_open_mib", rss_before);
  if (!o.json.empty()) {
    std::ofstream out(o.json);
    out << json.str();
  }
  opened.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(scratch.string() + suffix);
  if (changed != static_cast<int>(keys.size())) {
    std::fprintf(stderr, "rollup_bench: %zu roll-ups did not show their new report\n",
                 keys.size() - static_cast<std::size_t>(changed));
    return 1;
  }
  return 0;
}
