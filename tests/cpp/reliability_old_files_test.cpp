// Old files (issue 8, docs/reliability.md, docs/schema.md "Fixtures of every schema version"):
// tests/data/ledger-v<N>.taizhang is a ledger written by the library of schema version N, holding
// the Linzi plan and the sample year of tests/data/linzi-2021-progress.json (made by
// tests/tools/make-ledger-fixture). Every one of them, copied, opens (and so migrates to the
// current version), verifies, and rolls up to exactly the figures of a ledger made now from the
// same script — the script as it was when the fixture was made, kept as
// tests/data/linzi-2021-progress-v<N>.json once the sample year has grown; its records are kept as
// they were written.
#include <cstdint>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "reliability_support.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/rollup_json.hpp"
#include "taizhang/status_report.hpp"

namespace tz = taizhang;
namespace fs = std::filesystem;
using tz::test::TempDir;

namespace {

constexpr const char* kPlan = "linzi-2021-women-children";

// The fixtures by schema version.
std::map<int, fs::path> fixtures() {
  std::map<int, fs::path> out;
  const std::regex name(R"(ledger-v([0-9]+)\.taizhang)");
  for (const auto& e : fs::directory_iterator(tz::test::source_path("tests/data"))) {
    std::smatch m;
    const std::string file = e.path().filename().string();
    if (std::regex_match(file, m, name)) out.emplace(std::stoi(m[1].str()), e.path());
  }
  return out;
}

// The figures a ledger gives: every roll-up of the year as of each quarter, now, as recorded
// mid-year and counting accepted reports only, as JSON; and each explanation of a target.
std::vector<std::string> figures(const tz::Ledger& ledger) {
  std::vector<std::string> out;
  for (const char* quarter : {"2021Q1", "2021Q2", "2021Q3", "2021Q4"}) {
    tz::RollupQuery q;
    q.plan = kPlan;
    q.as_of = tz::Period::parse(quarter);
    out.push_back(tz::rollup_to_json(ledger.rollup(q)));
    tz::RollupQuery accepted = q;
    accepted.accepted_only = true;
    out.push_back(tz::rollup_to_json(ledger.rollup(accepted)));
    tz::RollupQuery recorded = q;
    recorded.recorded_at = tz::parse_timestamp("2021-07-12T00:00:00+08:00");
    out.push_back(tz::rollup_to_json(ledger.rollup(recorded)));
  }
  tz::RollupQuery year;
  year.plan = kPlan;
  year.as_of = tz::Period::parse("2021Q4");
  year.today = tz::Date::make(2022, 2, 1);
  out.push_back(tz::rollup_to_json(ledger.rollup(year)));
  for (const char* subject : {"1.1", "3.6", "4.1", "5.1", "initiative 4", "plan", "unit health"}) {
    const tz::Explanation e = ledger.explain(year, subject);
    std::string text = e.subject;
    for (const std::string& step : e.steps) text += "\n" + step;
    for (const tz::ExplanationInput& input : e.inputs) {
      text += "\n" + input.report.unit + " " + input.report.period.to_string() + " r" +
              std::to_string(input.revision) + " " + input.target + " " +
              (input.value ? input.value->to_string() : input.stage) +
              (input.counted ? " counted" : "");
    }
    out.push_back(text);
  }
  return out;
}

// Every record's hash, in the order recorded: plan versions, then every report's revisions.
std::vector<std::string> records(const tz::Ledger& ledger) {
  std::vector<std::string> out;
  for (const tz::PlanVersion& v : ledger.plan_history(kPlan)) out.push_back(v.hash);
  tz::ReportFilter all;
  all.plan = kPlan;
  for (const tz::Report& r : ledger.reports(all)) {
    for (const tz::Revision& v : ledger.history(r.key)) out.push_back(v.hash);
  }
  return out;
}

}  // namespace

// Each schema version up to the current one has its fixture: a version added without one fails
// here (docs/schema.md says how to add it).
TEST(ReliabilityOldFiles, EverySchemaVersionHasAFixture) {
  const std::map<int, fs::path> found = fixtures();
  for (int v = 1; v <= tz::Ledger::schema_version(); ++v) {
    EXPECT_EQ(found.count(v), 1U) << "no tests/data/ledger-v" << v << ".taizhang";
  }
  for (const auto& [v, path] : found) {
    EXPECT_LE(v, tz::Ledger::schema_version()) << path << " is newer than this library";
    // PRAGMA user_version, read from the header: opening the fixture with SQLite, even read-only,
    // would leave a -wal and a -shm beside it in the source tree.
    const std::string header = tz::test::file_bytes(path).substr(0, 100);
    ASSERT_EQ(header.size(), 100U) << path;
    std::uint32_t user_version = 0;
    for (std::size_t i = 60; i < 64; ++i) {
      user_version = (user_version << 8U) | static_cast<unsigned char>(header[i]);
    }
    EXPECT_EQ(user_version, static_cast<std::uint32_t>(v)) << path;
  }
}

TEST(ReliabilityOldFiles, EachFixtureOpensMigratesAndRollsUpAsAFreshLedger) {
  const TempDir dir;
  for (const auto& [version, fixture] : fixtures()) {
    SCOPED_TRACE(fixture.string());
    // A fresh ledger from the sample year the fixture was made from: the script as it was then
    // (tests/data/linzi-2021-progress-v<N>.json) when the year has grown since.
    const std::string frozen =
        "tests/data/linzi-2021-progress-v" + std::to_string(version) + ".json";
    const std::string script = fs::exists(fs::path(TAIZHANG_SOURCE_DIR) / frozen)
                                   ? frozen
                                   : std::string("tests/data/linzi-2021-progress.json");
    const fs::path fresh_path = dir / ("fresh-v" + std::to_string(version) + ".taizhang");
    const tz::test::ProgramRun made = tz::test::run_program(
        TAIZHANG_LEDGER_FIXTURE, {TAIZHANG_SOURCE_DIR, fresh_path.string(), script});
    ASSERT_EQ(made.status, 0) << made.output;
    const tz::Ledger fresh = tz::Ledger::open(fresh_path);
    const std::vector<std::string> expected = figures(fresh);
    const std::vector<std::string> expected_records = records(fresh);
    ASSERT_GT(expected_records.size(), 100U) << "the plan's versions and the year's revisions";
    const std::string before = tz::test::file_bytes(fixture);
    const fs::path copy = dir / ("v" + std::to_string(version) + ".taizhang");
    fs::copy_file(fixture, copy);
    {
      const tz::Ledger ledger = tz::Ledger::open(copy);  // migrates an older version
      const tz::VerifyResult v = ledger.verify();
      EXPECT_TRUE(v.ok) << v.first_mismatch << " " << v.integrity;
      EXPECT_EQ(v.revisions_checked + v.plan_versions_checked,
                static_cast<std::int64_t>(expected_records.size()));
      EXPECT_EQ(records(ledger), expected_records) << "records are kept as they were written";
      const std::vector<std::string> got = figures(ledger);
      ASSERT_EQ(got.size(), expected.size());
      for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i]) << "figure " << i;
    }
    EXPECT_EQ(tz::test::sqlite_value(copy, "PRAGMA user_version"),
              std::to_string(tz::Ledger::schema_version()));
    const std::string upgraded = tz::test::sqlite_value(copy,
                                                        "SELECT count(*) FROM meta "
                                                        "WHERE key = 'upgraded_by'");
    EXPECT_EQ(upgraded, version < tz::Ledger::schema_version() ? "1" : "0");
    EXPECT_TRUE(tz::test::file_bytes(fixture) == before) << "the fixture itself is never changed";
  }
}
