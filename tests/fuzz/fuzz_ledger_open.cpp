// Fuzz target: opening a ledger file (ledger.hpp). The input is written to a file and opened
// read-only, then read through every query a viewer would make. A damaged or hostile file must
// give a taizhang::Error, never a crash or a hang, and must never be written: its bytes are
// compared afterwards, no rollback journal may appear beside it, and no frame may have gone into
// a write-ahead log. (A file whose header says WAL makes SQLite create an empty -wal and a -shm
// beside it even when opened read-only: readers need them to see concurrent writers. They are
// not the ledger's data; they are checked to be empty and removed.)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/rollup.hpp"
#include "taizhang/values.hpp"

using namespace taizhang;
namespace fs = std::filesystem;

namespace {

const fs::path& scratch();

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(scratch(), ec);
}

// A directory of this process's own, so that parallel fuzzing jobs do not meet; removed when the
// process exits normally (a crash leaves it, with the input that did it).
const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("taizhang-fuzz-ledger-" + std::to_string(getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  // Registered once `dir` is made, so that it runs before `dir` is destroyed.
  static const bool cleanup = std::atexit(remove_scratch) == 0;
  (void)cleanup;
  return dir;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Each query on its own, so that one refusal does not hide the next.
template <class F>
void attempt(F&& query) {
  try {
    query();
  } catch (const Error&) {
  }
}

void read_everything(const Ledger& ledger) {
  std::vector<PlanSummary> plans;
  attempt([&] { plans = ledger.plans(); });
  if (plans.size() > 3) plans.resize(3);
  for (const PlanSummary& summary : plans) {
    attempt([&] {
      const Plan plan = ledger.plan(summary.code);
      (void)ledger.plan_history(summary.code);
      ReportFilter filter;
      filter.plan = plan.code;
      for (const Report& report : ledger.reports(filter)) {
        (void)ledger.history(report.key);
      }
      const std::vector<Period> periods = plan.periods();
      if (periods.empty()) return;
      RollupQuery query;
      query.plan = plan.code;
      query.as_of = periods.back();
      (void)ledger.rollup(query);
      attempt([&] { (void)ledger.explain(query, "plan"); });
      query.accepted_only = true;
      attempt([&] { (void)ledger.rollup(query); });
    });
  }
  attempt([&] { (void)ledger.units(); });
  attempt([&] { (void)ledger.values(); });
  attempt([&] { (void)ledger.verify(); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path file = scratch() / "ledger.db";
  const std::string bytes(fuzz::as_text(data, size));
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) fuzz::fail("cannot write the scratch ledger file", file.string());
  }

  LedgerOptions options;
  options.create_if_missing = false;
  options.read_only = true;
  options.busy_timeout = std::chrono::milliseconds(100);  // nobody else holds this file
  try {
    const Ledger ledger = Ledger::open(file, options);
    read_everything(ledger);
  } catch (const Error&) {
  }

  if (read_bytes(file) != bytes) fuzz::fail("opening the ledger read-only changed its file");
  std::string unexpected;
  for (const auto& entry : fs::directory_iterator(scratch())) {
    const fs::path& p = entry.path();
    if (p == file) continue;
    const std::string name = p.filename().string();
    const bool empty_wal = name == "ledger.db-wal" && fs::file_size(p) == 0;
    if (!empty_wal && name != "ledger.db-shm") unexpected += name + " ";
    fs::remove(p);
  }
  if (!unexpected.empty()) {
    fuzz::fail("opening the ledger read-only wrote beside it", unexpected);
  }
  fs::remove(file);
  return 0;
}
