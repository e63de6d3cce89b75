// Helpers for the ledger tests: the Linzi plan, actors, and a clock the test controls.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "taizhang/ledger.hpp"
#include "taizhang/plan_json.hpp"
#include "test_support.hpp"

namespace taizhang::test {

inline Plan linzi_plan() {
  return load_plan(source_path("examples/plans/linzi-2021.json"));
}

inline Actor admin() {
  return Actor{"women-children-centre", ActorRole::administrator, "管理员"};
}
inline Actor admin_of(const std::string& unit) {
  return Actor{unit, ActorRole::administrator, "管理员"};
}
inline Actor coordinator() {
  return Actor{"women-children-centre", ActorRole::coordinator, "协调员"};
}
inline Actor reporter(const std::string& unit) {
  return Actor{unit, ActorRole::reporter, "填报员"};
}

inline ReportKey linzi_key(const std::string& unit, const std::string& period) {
  return ReportKey{"linzi-2021-women-children", unit, Period::parse(period)};
}

// A clock that stands still until moved: revisions get the times a test chooses.
class TestClock {
 public:
  explicit TestClock(std::string start = "2021-04-01T08:00:00+08:00")
      : now_(std::make_shared<Timestamp>(parse_timestamp(start))) {}
  void set(const std::string& t) { *now_ = parse_timestamp(t); }
  void advance(std::chrono::milliseconds d) { *now_ += d; }
  [[nodiscard]] Timestamp now() const { return *now_; }
  // For LedgerOptions::clock; shares the time with this object.
  [[nodiscard]] std::function<Timestamp()> function() const {
    return [now = now_] { return *now; };
  }

 private:
  std::shared_ptr<Timestamp> now_;
};

// Opens `path` on `clock`, with an import window open (the test clock reads in the past).
inline Ledger historic_ledger(const TestClock& clock, const std::filesystem::path& path = ":memory:") {
  LedgerOptions options;
  options.clock = clock.function();
  Ledger ledger = Ledger::open(path, options);
  if (!ledger.import_open()) ledger.begin_import(admin(), "测试：历史数据导入");
  return ledger;
}

// A ledger in memory with the Linzi plan imported, on a test clock.
inline Ledger linzi_ledger(const TestClock& clock, const std::filesystem::path& path = ":memory:") {
  LedgerOptions options;
  options.clock = clock.function();
  Ledger ledger = Ledger::open(path, options);
  // The test clock reads in the past: the records of these tests are a historic import.
  ledger.begin_import(admin(), "测试：历史数据导入");
  ledger.import_plan(admin(), linzi_plan(), "通知印发");
  return ledger;
}

}  // namespace taizhang::test
