// The Store contract (GnuCash-style backend tests): every operation of the storage interface the
// ledger is written against (src/store/store.hpp), run against each backend given as a parameter.
// What is asserted here is what any backend must do, whatever keeps the records: a second backend
// (a server database) is a matter of passing this suite, and of adding one line to the
// instantiation at the end of this file.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "store/sqlite_store.hpp"
#include "store/store.hpp"
#include "taizhang/error.hpp"
#include "taizhang/plan_json.hpp"
#include "test_support.hpp"

namespace taizhang::store {
namespace {

namespace fs = std::filesystem;

// ---- the backends

// How to make a backend: a fresh, empty store (with `dir`, a fresh empty directory it may use);
// and how to open the copy that Store::backup() made.
struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const fs::path& dir)> open;
  std::function<std::unique_ptr<Store>(const fs::path& copy)> open_backup;
};

// Test names show the backend's name, not its bytes.
void PrintTo(const Backend& backend, std::ostream* out) {
  *out << backend.name;
}

std::unique_ptr<Store> sqlite_at(const fs::path& path) {
  return open_sqlite_store(path, StoreOptions{});
}

Backend sqlite_file() {
  return {"SqliteFile", [](const fs::path& dir) { return sqlite_at(dir / "ledger.taizhang"); },
          &sqlite_at};
}

Backend sqlite_memory() {
  return {"SqliteMemory", [](const fs::path&) { return sqlite_at(":memory:"); }, &sqlite_at};
}

// ---- what the tests record

Timestamp at(std::int64_t ms) {
  return Timestamp{std::chrono::milliseconds(ms)};
}

Plan linzi() {
  return load_plan(test::source_path("examples/plans/linzi-2021.json"));
}

Actor admin() {
  return Actor{"women-children-centre", ActorRole::administrator, "管理员"};
}

ReportKey key_of(const Plan& plan, const std::string& unit, const std::string& period) {
  return ReportKey{plan.code, unit, Period::parse(period)};
}

ReportContent content(const std::string& value, const std::string& narrative) {
  ReportContent c;
  c.progress.push_back(InitiativeProgress{1, narrative, Date::parse("2021-06-30")});
  c.progress.push_back(InitiativeProgress{2, "", std::nullopt});
  TargetValue v;
  v.target = "1.1";
  v.value = Decimal::parse(value);
  v.comment = "按季度统计";
  v.evidence = "https://example.org/evidence";
  v.filed_value = Decimal::parse("1.5");
  v.filed_unit = "万";
  c.values.push_back(v);
  TargetValue stage;
  stage.target = "1.2";
  stage.stage = "推进中";
  c.values.push_back(stage);
  return c;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store_ = GetParam().open(dir_.path()); }

  Store& store() { return *store_; }

  // Puts every unit `plan` names, so that its assignments and reports may name them.
  void put_units(const Plan& plan) {
    store().write([&] {
      for (const Unit& u : plan.units) store().put_unit(u);
    });
  }

  PlanVersionRecord add_plan(const Plan& plan, int version, std::int64_t ms) {
    PlanVersionRecord r;
    r.plan = plan.code;
    r.version = version;
    r.recorded_at = at(ms);
    r.actor = admin();
    r.reason = version == 1 ? "导入" : "修订第" + std::to_string(version) + "版";
    r.document = plan_to_json(plan);
    r.signer = version == 1 ? "" : "key-1";
    r.signature = version == 1 ? "" : "abcdef";
    r.prev_hash = store().last_plan_hash();
    r.hash = "plan-hash-" + plan.code + "-" + std::to_string(version);
    store().write([&] { store().add_plan_version(r, plan); });
    return r;
  }

  // Appends revision `number` of `key`: carrying `body` when given, else pointing at the content
  // of revision `content_number`.
  RevisionRecord add_revision(const ReportKey& key, int number, ReportAction action,
                              ReportStatus status, std::int64_t ms,
                              const std::optional<ReportContent>& body, int content_number = 0) {
    RevisionRecord r;
    r.key = key;
    r.revision.number = number;
    r.revision.recorded_at = at(ms);
    r.revision.actor = Actor{key.unit, ActorRole::reporter, "填报员"};
    r.revision.action = action;
    r.revision.status = status;
    r.revision.reason = action == ReportAction::returned ? "数据有误" : "";
    if (body) r.revision.content = *body;
    r.content_number = body ? number : content_number;
    r.prev_hash = store().last_revision_hash();
    r.revision.hash = "revision-hash-" + key.to_string() + "-" + std::to_string(number);
    r.signer = number % 2 == 0 ? "key-2" : "";
    r.signature = number % 2 == 0 ? "0123" : "";
    store().write([&] { store().add_revision(r); });
    return r;
  }

  RegistryRecord add_registry(const std::string& kind, const std::string& subject,
                              std::int64_t ms) {
    RegistryRecord r;
    r.recorded_at = at(ms);
    r.kind = kind;
    r.subject = subject;
    r.document = R"({"kind":")" + kind + R"("})";
    r.actor = admin();
    r.signer = kind == "key" ? "key-1" : "";
    r.signature = kind == "key" ? "feed" : "";
    r.prev_hash = store().last_registry_hash();
    r.hash = "registry-hash-" + std::to_string(ms);
    store().write([&] { store().add_registry(r); });
    return r;
  }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

void expect_same(const PlanVersionRecord& a, const PlanVersionRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.plan, b.plan);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
  EXPECT_EQ(a.actor, b.actor);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.document, b.document);
  EXPECT_EQ(a.signer, b.signer);
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.prev_hash, b.prev_hash);
  EXPECT_EQ(a.hash, b.hash);
}

void expect_same(const RevisionRecord& a, const RevisionRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.revision, b.revision);
  EXPECT_EQ(a.content_number, b.content_number);
  EXPECT_EQ(a.signer, b.signer);
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.prev_hash, b.prev_hash);
}

void expect_same(const RegistryRecord& a, const RegistryRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.subject, b.subject);
  EXPECT_EQ(a.document, b.document);
  EXPECT_EQ(a.actor, b.actor);
  EXPECT_EQ(a.signer, b.signer);
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.prev_hash, b.prev_hash);
  EXPECT_EQ(a.hash, b.hash);
}

void expect_same(const HeadRecord& a, const HeadRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.recorded_at, b.recorded_at);
  EXPECT_EQ(a.revision_tip, b.revision_tip);
  EXPECT_EQ(a.plan_tip, b.plan_tip);
  EXPECT_EQ(a.registry_tip, b.registry_tip);
  EXPECT_EQ(a.prev_head, b.prev_head);
  EXPECT_EQ(a.head, b.head);
}

// What scan_since() sent, in order.
class RecordingSink final : public SnapshotSink {
 public:
  struct Value {
    std::int64_t revision_id = 0;
    std::string target;
    std::optional<Decimal> value;
    std::string stage;
  };
  void report(const ReportRow& row) override {
    reports.push_back(row);
    events.push_back("report");
  }
  void revision(const RevisionRow& row) override {
    revisions.push_back(row);
    events.push_back("revision");
  }
  void value(std::int64_t revision_id, std::string_view target, const std::optional<Decimal>& value,
             std::string_view stage) override {
    values.push_back(Value{revision_id, std::string(target), value, std::string(stage)});
    events.push_back("value");
  }
  void progress(std::int64_t revision_id, int initiative) override {
    progresses.emplace_back(revision_id, initiative);
    events.push_back("progress");
  }

  std::vector<ReportRow> reports;
  std::vector<RevisionRow> revisions;
  std::vector<Value> values;
  std::vector<std::pair<std::int64_t, int>> progresses;
  std::vector<std::string> events;
};

// ---- an empty store

TEST_P(StoreContract, AFreshStoreIsEmpty) {
  store().read([&] {
    EXPECT_TRUE(store().units().empty());
    EXPECT_FALSE(store().unit("health").has_value());
    EXPECT_FALSE(store().plan_version_now("linzi-2021-women-children").has_value());
    EXPECT_TRUE(store().plan_versions("").empty());
    EXPECT_TRUE(store().plan_versions("linzi-2021-women-children").empty());
    EXPECT_EQ(store().last_plan_hash(), "");
    EXPECT_TRUE(store().report_keys("linzi-2021-women-children", std::nullopt, "").empty());
    EXPECT_TRUE(store().revisions(ReportKey{"p", "u", Period::parse("2021Q1")}).empty());
    EXPECT_EQ(store().last_revision_hash(), "");
    EXPECT_TRUE(store().current_values("p", "u", "1.1").empty());
    EXPECT_TRUE(store().registry(0).empty());
    EXPECT_EQ(store().last_registry_hash(), "");
    EXPECT_TRUE(store().heads().empty());
    EXPECT_FALSE(store().last_head().has_value());
    EXPECT_FALSE(store().last_record_time().has_value());
    EXPECT_TRUE(store().report_rows().empty());
    EXPECT_TRUE(store().plan_rows().empty());
  });
  RecordingSink sink;
  store().read([&] { store().scan_since(0, 0, sink); });
  EXPECT_TRUE(sink.events.empty());
  int visited = 0;
  store().scan([&](const RevisionRecord&) { ++visited; },
               [&](const PlanVersionRecord&) { ++visited; });
  EXPECT_EQ(visited, 0);
  EXPECT_EQ(store().integrity_check(), "ok");
}

TEST_P(StoreContract, QueriesWorkOutsideTransactionsToo) {
  put_units(linzi());
  EXPECT_FALSE(store().units().empty());
  EXPECT_TRUE(store().unit("health").has_value());
  EXPECT_EQ(store().last_plan_hash(), "");
}

// ---- transactions

TEST_P(StoreContract, AWriteIsCommittedWhenItsWorkReturns) {
  store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
  ASSERT_EQ(store().units().size(), 1U);
  EXPECT_EQ(store().units()[0].code, "health");
}

TEST_P(StoreContract, AWriteThatThrowsWritesNothingAndPassesTheErrorOn) {
  store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
  EXPECT_THROW(store().write([&] {
    store().put_unit(Unit{"education-sports", "区教体局", UnitKind::bureau, "", ""});
    store().put_unit(Unit{"health", "改名", UnitKind::bureau, "", ""});
    EXPECT_EQ(store().units().size(), 2U);  // the write sees its own changes
    throw std::runtime_error("the work failed");
  }),
               std::runtime_error);
  const std::vector<Unit> units = store().units();
  ASSERT_EQ(units.size(), 1U);
  EXPECT_EQ(units[0].name, "区卫健局");
}

TEST_P(StoreContract, ALibraryErrorThrownByTheWorkComesOutAsItself) {
  EXPECT_THROW(store().write([&] { throw ConflictError("already recorded"); }), ConflictError);
  EXPECT_THROW(store().read([&] { throw NotFoundError("no such report"); }), NotFoundError);
}

TEST_P(StoreContract, ANestedWriteIsPartOfTheOuterOne) {
  EXPECT_THROW(store().write([&] {
    store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
    store().read([&] { EXPECT_EQ(store().units().size(), 1U); });
    throw std::runtime_error("the outer work failed");
  }),
               std::runtime_error);
  EXPECT_TRUE(store().units().empty());

  store().write([&] {
    store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
    store().put_unit(Unit{"education-sports", "区教体局", UnitKind::bureau, "", ""});
  });
  EXPECT_EQ(store().units().size(), 2U);
}

TEST_P(StoreContract, AWriteCanFollowAFailedOne) {
  EXPECT_THROW(store().write([] { throw std::runtime_error("x"); }), std::runtime_error);
  EXPECT_THROW(store().read([] { throw std::runtime_error("y"); }), std::runtime_error);
  store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
  EXPECT_EQ(store().units().size(), 1U);
}

TEST_P(StoreContract, AReadRunsItsWorkAndReturnsWhatWasCommitted) {
  store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
  bool ran = false;
  store().read([&] {
    ran = true;
    EXPECT_EQ(store().units().size(), 1U);
    EXPECT_TRUE(store().unit("health").has_value());
  });
  EXPECT_TRUE(ran);
}

// ---- units

TEST_P(StoreContract, UnitsAreKeptAsPutInOrderOfTheirCodes) {
  const std::vector<Unit> put = {
      Unit{"women", "区妇联", UnitKind::mass_organisation, "", "临淄区妇女联合会"},
      Unit{"health", "区卫健局", UnitKind::bureau, "", "临淄区卫生健康局"},
      Unit{"health.clinic", "社区卫生服务中心", UnitKind::other, "health", ""},
      Unit{"jixia", "稷下街道", UnitKind::street, "", ""},
  };
  store().write([&] {
    for (const Unit& u : put) store().put_unit(u);
  });
  const std::vector<Unit> units = store().units();
  ASSERT_EQ(units.size(), 4U);
  EXPECT_EQ(units[0], put[1]);
  EXPECT_EQ(units[1], put[2]);
  EXPECT_EQ(units[2], put[3]);
  EXPECT_EQ(units[3], put[0]);
  EXPECT_EQ(store().unit("health.clinic"), put[2]);
  EXPECT_FALSE(store().unit("health.").has_value());
  EXPECT_FALSE(store().unit("").has_value());
}

TEST_P(StoreContract, PuttingAUnitAgainReplacesIt) {
  store().write([&] { store().put_unit(Unit{"health", "区卫健局", UnitKind::bureau, "", ""}); });
  const Unit renamed{"health", "区卫生健康局", UnitKind::party_department, "gov", "全称"};
  store().write([&] { store().put_unit(renamed); });
  ASSERT_EQ(store().units().size(), 1U);
  EXPECT_EQ(store().unit("health"), renamed);
}

// ---- plans and their versions

TEST_P(StoreContract, APlanVersionIsAppendedAndBecomesCurrent) {
  const Plan plan = linzi();
  put_units(plan);
  const PlanVersionRecord v1 = add_plan(plan, 1, 1000);
  EXPECT_GT(v1.id, 0);
  EXPECT_EQ(store().plan_version_now(plan.code), 1);
  EXPECT_EQ(store().last_plan_hash(), v1.hash);

  Plan revised = plan;
  revised.title = "2021年为全区妇女儿童办实事（修订）";
  revised.year = 2022;
  const PlanVersionRecord v2 = add_plan(revised, 2, 2000);
  EXPECT_GT(v2.id, v1.id);
  EXPECT_EQ(v2.prev_hash, v1.hash);
  EXPECT_EQ(store().plan_version_now(plan.code), 2);
  EXPECT_EQ(store().last_plan_hash(), v2.hash);

  const std::vector<PlanVersionRecord> versions = store().plan_versions(plan.code);
  ASSERT_EQ(versions.size(), 2U);
  expect_same(versions[0], v1);
  expect_same(versions[1], v2);

  const std::vector<Store::PlanRowState> rows = store().plan_rows();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].code, plan.code);
  EXPECT_EQ(rows[0].title, revised.title);
  EXPECT_EQ(rows[0].year, 2022);
  EXPECT_EQ(rows[0].current_version, 2);
}

TEST_P(StoreContract, EveryPlansVersionsInStorageOrderWhenNoPlanIsNamed) {
  const Plan a = linzi();
  Plan b = a;
  b.code = "linzi-2022-women-children";
  put_units(a);
  const PlanVersionRecord a1 = add_plan(a, 1, 1000);
  const PlanVersionRecord b1 = add_plan(b, 1, 1100);
  const PlanVersionRecord a2 = add_plan(a, 2, 1200);
  EXPECT_EQ(store().plan_version_now(a.code), 2);
  EXPECT_EQ(store().plan_version_now(b.code), 1);
  EXPECT_FALSE(store().plan_version_now("linzi").has_value());

  const std::vector<PlanVersionRecord> all = store().plan_versions("");
  ASSERT_EQ(all.size(), 3U);
  expect_same(all[0], a1);
  expect_same(all[1], b1);
  expect_same(all[2], a2);
  ASSERT_EQ(store().plan_versions(b.code).size(), 1U);
  expect_same(store().plan_versions(b.code)[0], b1);
  EXPECT_TRUE(store().plan_versions("linzi").empty());
  EXPECT_EQ(store().last_plan_hash(), a2.hash);

  const std::vector<Store::PlanRowState> rows = store().plan_rows();
  ASSERT_EQ(rows.size(), 2U);  // in the order the plans were created
  EXPECT_EQ(rows[0].code, a.code);
  EXPECT_EQ(rows[1].code, b.code);
}

TEST_P(StoreContract, ALaterVersionOfAPlanThatIsNotThereIsNotFound) {
  const Plan plan = linzi();
  put_units(plan);
  EXPECT_THROW(add_plan(plan, 2, 1000), NotFoundError);
  EXPECT_TRUE(store().plan_versions("").empty());
  EXPECT_TRUE(store().plan_rows().empty());
}

// ---- reports and their revisions

TEST_P(StoreContract, RevisionsAreAppendedWithTheContentThatAppliesToEach) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const ReportKey key = key_of(plan, "health", "2021Q1");
  const RevisionRecord r1 =
      add_revision(key, 1, ReportAction::saved, ReportStatus::draft, 2000, content("12", "开展"));
  const RevisionRecord r2 =
      add_revision(key, 2, ReportAction::submitted, ReportStatus::submitted, 3000, {}, 1);
  const RevisionRecord r3 =
      add_revision(key, 3, ReportAction::returned, ReportStatus::returned, 4000, {}, 1);
  const RevisionRecord r4 =
      add_revision(key, 4, ReportAction::saved, ReportStatus::returned, 5000, content("13", "改"));
  EXPECT_GT(r1.id, 0);
  EXPECT_LT(r1.id, r2.id);
  EXPECT_LT(r2.id, r3.id);
  EXPECT_LT(r3.id, r4.id);
  EXPECT_EQ(r2.prev_hash, r1.revision.hash);
  EXPECT_EQ(store().last_revision_hash(), r4.revision.hash);

  std::vector<RevisionRecord> stored = store().revisions(key);
  ASSERT_EQ(stored.size(), 4U);
  RevisionRecord expected2 = r2;
  expected2.revision.content = r1.revision.content;
  RevisionRecord expected3 = r3;
  expected3.revision.content = r1.revision.content;
  expect_same(stored[0], r1);
  expect_same(stored[1], expected2);
  expect_same(stored[2], expected3);
  expect_same(stored[3], r4);
  EXPECT_TRUE(stored[0].carries_content());
  EXPECT_FALSE(stored[1].carries_content());
  EXPECT_EQ(stored[1].content_number, 1);
  EXPECT_TRUE(stored[3].carries_content());
}

TEST_P(StoreContract, ContentIsKeptExactly) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  ReportContent c;
  c.progress.push_back(InitiativeProgress{3, "多行\n叙述，含“引号”", Date::parse("2021-12-31")});
  TargetValue none;
  none.target = "3.1";
  none.comment = "未统计";
  TargetValue exact;
  exact.target = "3.2";
  exact.value = Decimal::parse("0.000001");
  TargetValue big;
  big.target = "3.3";
  big.value = Decimal::parse("123456789012.5");
  big.filed_value = Decimal::parse("1234567.890125");
  big.filed_unit = "万元";
  c.values = {none, exact, big};
  const RevisionRecord r = add_revision(key_of(plan, "health", "2021Q2"), 1, ReportAction::saved,
                                        ReportStatus::draft, 2000, c);
  const std::vector<RevisionRecord> stored = store().revisions(r.key);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0].revision.content, c);
}

TEST_P(StoreContract, ReportKeysAreFilteredByPeriodAndUnitInOrderOfPeriodThenUnit) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  std::int64_t t = 2000;
  for (const char* period : {"2021Q2", "2021Q1"}) {
    for (const char* unit : {"health", "education-sports"}) {
      add_revision(key_of(plan, unit, period), 1, ReportAction::saved, ReportStatus::draft, t++,
                   content("1", "x"));
    }
  }
  const std::vector<ReportKey> all = store().report_keys(plan.code, std::nullopt, "");
  ASSERT_EQ(all.size(), 4U);
  EXPECT_EQ(all[0], key_of(plan, "education-sports", "2021Q1"));
  EXPECT_EQ(all[1], key_of(plan, "health", "2021Q1"));
  EXPECT_EQ(all[2], key_of(plan, "education-sports", "2021Q2"));
  EXPECT_EQ(all[3], key_of(plan, "health", "2021Q2"));

  const std::vector<ReportKey> q2 = store().report_keys(plan.code, Period::parse("2021Q2"), "");
  ASSERT_EQ(q2.size(), 2U);
  EXPECT_EQ(q2[0], key_of(plan, "education-sports", "2021Q2"));
  const std::vector<ReportKey> health = store().report_keys(plan.code, std::nullopt, "health");
  ASSERT_EQ(health.size(), 2U);
  EXPECT_EQ(health[1], key_of(plan, "health", "2021Q2"));
  const std::vector<ReportKey> one =
      store().report_keys(plan.code, Period::parse("2021Q1"), "health");
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0], key_of(plan, "health", "2021Q1"));
  EXPECT_TRUE(store().report_keys(plan.code, Period::parse("2021Q3"), "").empty());
  EXPECT_TRUE(store().report_keys("another-plan", std::nullopt, "").empty());
}

TEST_P(StoreContract, AReportRowFollowsItsLatestRevision) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const ReportKey q1 = key_of(plan, "health", "2021Q1");
  const ReportKey q2 = key_of(plan, "education-sports", "2021Q2");
  add_revision(q1, 1, ReportAction::saved, ReportStatus::draft, 2000, content("1", "x"));
  add_revision(q2, 1, ReportAction::saved, ReportStatus::draft, 2100, content("2", "y"));
  add_revision(q1, 2, ReportAction::submitted, ReportStatus::submitted, 2200, {}, 1);
  add_revision(q1, 3, ReportAction::accepted, ReportStatus::accepted, 2300, {}, 1);

  const std::vector<Store::ReportRowState> rows = store().report_rows();
  ASSERT_EQ(rows.size(), 2U);  // in the order the reports were created
  EXPECT_EQ(rows[0].key, q1);
  EXPECT_EQ(rows[0].status, "accepted");
  EXPECT_EQ(rows[0].revisions, 3);
  EXPECT_EQ(rows[1].key, q2);
  EXPECT_EQ(rows[1].status, "draft");
  EXPECT_EQ(rows[1].revisions, 1);
}

TEST_P(StoreContract, ARevisionOfAPlanThatIsNotThereIsNotFound) {
  EXPECT_THROW(add_revision(ReportKey{"no-plan", "health", Period::parse("2021Q1")}, 1,
                            ReportAction::saved, ReportStatus::draft, 1000, content("1", "x")),
               NotFoundError);
  EXPECT_EQ(store().last_revision_hash(), "");
  EXPECT_TRUE(store().report_rows().empty());
}

TEST_P(StoreContract, ARevisionThatFailsInsideAWriteLeavesNoReportBehind) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const ReportKey key = key_of(plan, "health", "2021Q1");
  EXPECT_THROW(store().write([&] {
    RevisionRecord r;
    r.key = key;
    r.revision.number = 1;
    r.revision.recorded_at = at(2000);
    r.revision.actor = admin();
    r.revision.content = content("1", "x");
    r.content_number = 1;
    store().add_revision(r);
    throw std::runtime_error("the check after it failed");
  }),
               std::runtime_error);
  EXPECT_TRUE(store().revisions(key).empty());
  EXPECT_TRUE(store().report_rows().empty());
  EXPECT_TRUE(store().report_keys(plan.code, std::nullopt, "").empty());
  EXPECT_EQ(store().last_revision_hash(), "");
}

TEST_P(StoreContract, CurrentValuesAreThoseOfEachReportsCurrentContent) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const ReportKey q1 = key_of(plan, "health", "2021Q1");
  const ReportKey q2 = key_of(plan, "health", "2021Q2");
  const ReportKey q3 = key_of(plan, "health", "2021Q3");
  add_revision(q2, 1, ReportAction::saved, ReportStatus::draft, 2000, content("20", "x"));
  add_revision(q1, 1, ReportAction::saved, ReportStatus::draft, 2100, content("10", "x"));
  add_revision(q1, 2, ReportAction::submitted, ReportStatus::submitted, 2200, {}, 1);
  add_revision(q1, 3, ReportAction::corrected, ReportStatus::submitted, 2300,
               content("11.50", "x"));
  add_revision(q1, 4, ReportAction::accepted, ReportStatus::accepted, 2400, {}, 3);
  ReportContent no_value = content("1", "x");
  no_value.values[0].value.reset();
  add_revision(q3, 1, ReportAction::saved, ReportStatus::draft, 2500, no_value);
  add_revision(key_of(plan, "education-sports", "2021Q1"), 1, ReportAction::saved,
               ReportStatus::draft, 2600, content("99", "x"));

  const auto values = store().current_values(plan.code, "health", "1.1");
  ASSERT_EQ(values.size(), 2U);  // in period order; a value that is not known is left out
  EXPECT_EQ(values[0].first, Period::parse("2021Q1"));
  EXPECT_EQ(values[0].second, Decimal::parse("11.5"));
  EXPECT_EQ(values[1].first, Period::parse("2021Q2"));
  EXPECT_EQ(values[1].second, Decimal::parse("20"));
  EXPECT_TRUE(store().current_values(plan.code, "health", "1.2").empty());  // a stage
  EXPECT_TRUE(store().current_values(plan.code, "health", "9.9").empty());
  EXPECT_TRUE(store().current_values("another-plan", "health", "1.1").empty());
}

// ---- the roll-up's snapshot

// The roll-up receives each value as the Decimal that was filed, whatever form the backend keeps
// it in: fractions, negatives, 18 and 19 significant digits, zero.
TEST_P(StoreContract, ScanSinceSendsValuesAsTheDecimalsThatWereFiled) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const std::vector<std::string> texts = {"0",
                                          "12",
                                          "-0.5",
                                          "1234567.890125",
                                          "123456789012345678",
                                          "-9223372036854775807",
                                          "0.000000000000000001"};
  ReportContent c;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    TargetValue v;
    v.target = "1." + std::to_string(i + 1);
    v.value = Decimal::parse(texts[i]);
    c.values.push_back(v);
  }
  add_revision(key_of(plan, "health", "2021Q1"), 1, ReportAction::saved, ReportStatus::draft, 2000,
               c);
  RecordingSink sink;
  store().read([&] { store().scan_since(0, 0, sink); });
  ASSERT_EQ(sink.values.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(sink.values[i].target, "1." + std::to_string(i + 1));
    EXPECT_EQ(sink.values[i].value, Decimal::parse(texts[i])) << texts[i];
  }
}

TEST_P(StoreContract, ScanSinceSendsWhatWasRecordedAfterAPointReportsFirst) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  const ReportKey q1 = key_of(plan, "health", "2021Q1");
  const RevisionRecord r1 =
      add_revision(q1, 1, ReportAction::saved, ReportStatus::draft, 2000, content("12", "x"));
  const RevisionRecord r2 =
      add_revision(q1, 2, ReportAction::submitted, ReportStatus::submitted, 2100, {}, 1);

  RecordingSink all;
  store().read([&] { store().scan_since(0, 0, all); });
  ASSERT_EQ(all.reports.size(), 1U);
  EXPECT_GT(all.reports[0].id, 0);
  EXPECT_EQ(all.reports[0].plan, plan.code);
  EXPECT_EQ(all.reports[0].unit, "health");
  EXPECT_EQ(all.reports[0].period, Period::parse("2021Q1"));
  ASSERT_EQ(all.revisions.size(), 2U);
  EXPECT_EQ(all.revisions[0].id, r1.id);
  EXPECT_EQ(all.revisions[0].report_id, all.reports[0].id);
  EXPECT_EQ(all.revisions[0].number, 1);
  EXPECT_EQ(all.revisions[0].recorded_at, at(2000));
  EXPECT_EQ(all.revisions[0].action, ReportAction::saved);
  EXPECT_EQ(all.revisions[0].content_number, 1);
  EXPECT_EQ(all.revisions[1].id, r2.id);
  EXPECT_EQ(all.revisions[1].action, ReportAction::submitted);
  EXPECT_EQ(all.revisions[1].content_number, 1);
  // Values and progress only of the revisions that carry content, grouped by revision.
  ASSERT_EQ(all.values.size(), 2U);
  EXPECT_EQ(all.values[0].revision_id, r1.id);
  EXPECT_EQ(all.values[0].target, "1.1");
  EXPECT_EQ(all.values[0].value, Decimal::parse("12"));
  EXPECT_EQ(all.values[0].stage, "");
  EXPECT_EQ(all.values[1].target, "1.2");
  EXPECT_FALSE(all.values[1].value.has_value());
  EXPECT_EQ(all.values[1].stage, "推进中");
  ASSERT_EQ(all.progresses.size(), 2U);
  EXPECT_EQ(all.progresses[0], std::make_pair(r1.id, 1));
  EXPECT_EQ(all.progresses[1], std::make_pair(r1.id, 2));
  const std::vector<std::string> order = {"report", "revision", "revision", "value",
                                          "value",  "progress", "progress"};
  EXPECT_EQ(all.events, order);

  // Nothing since the newest report and revision.
  RecordingSink none;
  store().read([&] { store().scan_since(all.reports[0].id, r2.id, none); });
  EXPECT_TRUE(none.events.empty());

  // Only what came after.
  const ReportKey q2 = key_of(plan, "education-sports", "2021Q2");
  const RevisionRecord r3 =
      add_revision(q2, 1, ReportAction::saved, ReportStatus::draft, 2200, content("7", "y"));
  const RevisionRecord r4 =
      add_revision(q1, 3, ReportAction::accepted, ReportStatus::accepted, 2300, {}, 1);
  RecordingSink later;
  store().read([&] { store().scan_since(all.reports[0].id, r2.id, later); });
  ASSERT_EQ(later.reports.size(), 1U);
  EXPECT_GT(later.reports[0].id, all.reports[0].id);
  EXPECT_EQ(later.reports[0].unit, "education-sports");
  ASSERT_EQ(later.revisions.size(), 2U);
  EXPECT_EQ(later.revisions[0].id, r3.id);
  EXPECT_EQ(later.revisions[0].report_id, later.reports[0].id);
  EXPECT_EQ(later.revisions[1].id, r4.id);
  EXPECT_EQ(later.revisions[1].report_id, all.reports[0].id);
  ASSERT_EQ(later.values.size(), 2U);
  EXPECT_EQ(later.values[0].revision_id, r3.id);
  EXPECT_EQ(later.values[0].value, Decimal::parse("7"));

  // A new revision of an old report only.
  RecordingSink revision_only;
  store().read([&] { store().scan_since(later.reports[0].id, r3.id, revision_only); });
  EXPECT_TRUE(revision_only.reports.empty());
  ASSERT_EQ(revision_only.revisions.size(), 1U);
  EXPECT_EQ(revision_only.revisions[0].id, r4.id);
  EXPECT_TRUE(revision_only.values.empty());
}

// ---- the registry and the heads

TEST_P(StoreContract, RegistryEventsAreKeptInStorageOrder) {
  const RegistryRecord e1 = add_registry("identity", "alice", 1000);
  const RegistryRecord e2 = add_registry("key", "alice", 1100);
  const RegistryRecord e3 = add_registry("catalogue", "", 1200);
  EXPECT_GT(e1.id, 0);
  EXPECT_LT(e1.id, e2.id);
  EXPECT_LT(e2.id, e3.id);
  EXPECT_EQ(e2.prev_hash, e1.hash);
  EXPECT_EQ(store().last_registry_hash(), e3.hash);

  const std::vector<RegistryRecord> all = store().registry(0);
  ASSERT_EQ(all.size(), 3U);
  expect_same(all[0], e1);
  expect_same(all[1], e2);
  expect_same(all[2], e3);
  const std::vector<RegistryRecord> after = store().registry(e1.id);
  ASSERT_EQ(after.size(), 2U);
  expect_same(after[0], e2);
  EXPECT_TRUE(store().registry(e3.id).empty());
}

TEST_P(StoreContract, HeadsAreKeptInOrderAndTheLastIsFound) {
  std::vector<HeadRecord> added;
  for (int i = 0; i < 3; ++i) {
    HeadRecord h;
    h.recorded_at = at(1000 + i);
    h.revision_tip = "rev-" + std::to_string(i);
    h.plan_tip = i == 0 ? "" : "plan-" + std::to_string(i);
    h.registry_tip = "reg-" + std::to_string(i);
    h.prev_head = added.empty() ? "" : added.back().head;
    h.head = "head-" + std::to_string(i);
    store().write([&] { store().add_head(h); });
    if (!added.empty()) {
      EXPECT_GT(h.id, added.back().id);
    }
    added.push_back(h);
    ASSERT_TRUE(store().last_head().has_value());
    expect_same(*store().last_head(), h);
  }
  EXPECT_GT(added[0].id, 0);
  const std::vector<HeadRecord> heads = store().heads();
  ASSERT_EQ(heads.size(), 3U);
  for (std::size_t i = 0; i < heads.size(); ++i) expect_same(heads[i], added[i]);
}

TEST_P(StoreContract, TheLastRecordTimeIsTheNewestRecordsOtherThanImportWindows) {
  const Plan plan = linzi();
  put_units(plan);
  add_registry("import_begin", "", 500);
  EXPECT_FALSE(store().last_record_time().has_value());
  add_registry("unit", "health", 600);
  EXPECT_EQ(store().last_record_time(), at(600));
  add_plan(plan, 1, 1000);
  EXPECT_EQ(store().last_record_time(), at(1000));
  add_revision(key_of(plan, "health", "2021Q1"), 1, ReportAction::saved, ReportStatus::draft, 3000,
               content("1", "x"));
  EXPECT_EQ(store().last_record_time(), at(3000));
  add_registry("import_end", "", 9000);
  EXPECT_EQ(store().last_record_time(), at(3000));
  add_registry("identity", "bob", 4000);
  EXPECT_EQ(store().last_record_time(), at(4000));
}

// ---- integrity

TEST_P(StoreContract, ScanVisitsEveryRevisionInStorageOrderThenEveryPlanVersion) {
  const Plan plan = linzi();
  put_units(plan);
  const PlanVersionRecord v1 = add_plan(plan, 1, 1000);
  const ReportKey q1 = key_of(plan, "health", "2021Q1");
  const ReportKey q2 = key_of(plan, "education-sports", "2021Q1");
  const RevisionRecord a =
      add_revision(q1, 1, ReportAction::saved, ReportStatus::draft, 2000, content("1", "x"));
  const RevisionRecord b =
      add_revision(q2, 1, ReportAction::saved, ReportStatus::draft, 2100, content("2", "y"));
  const RevisionRecord c =
      add_revision(q1, 2, ReportAction::submitted, ReportStatus::submitted, 2200, {}, 1);
  const PlanVersionRecord v2 = add_plan(plan, 2, 3000);

  std::vector<std::string> order;
  std::vector<RevisionRecord> revisions;
  std::vector<PlanVersionRecord> versions;
  std::vector<std::string> problems;
  store().scan(
      [&](const RevisionRecord& r) {
        order.push_back("revision");
        revisions.push_back(r);
      },
      [&](const PlanVersionRecord& v) {
        order.push_back("plan version");
        versions.push_back(v);
      },
      [&](const std::string& problem) { problems.push_back(problem); });
  EXPECT_TRUE(problems.empty());
  const std::vector<std::string> expected_order = {"revision", "revision", "revision",
                                                   "plan version", "plan version"};
  EXPECT_EQ(order, expected_order);
  ASSERT_EQ(revisions.size(), 3U);
  expect_same(revisions[0], a);
  expect_same(revisions[1], b);
  EXPECT_EQ(revisions[2].id, c.id);  // its content is the one it points to, not its own
  EXPECT_EQ(revisions[2].key, q1);
  EXPECT_EQ(revisions[2].content_number, 1);
  EXPECT_EQ(revisions[2].revision.hash, c.revision.hash);
  ASSERT_EQ(versions.size(), 2U);
  expect_same(versions[0], v1);
  expect_same(versions[1], v2);
}

TEST_P(StoreContract, AnErrorOfTheVisitorStopsTheScanWithoutAProblemCallback) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  EXPECT_THROW(store().scan([](const RevisionRecord&) {},
                            [](const PlanVersionRecord&) { throw ParseError("bad document"); }),
               ParseError);
  std::vector<std::string> problems;
  store().scan([](const RevisionRecord&) {},
               [](const PlanVersionRecord&) { throw ParseError("bad document"); },
               [&](const std::string& problem) { problems.push_back(problem); });
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_NE(problems[0].find("bad document"), std::string::npos);
}

TEST_P(StoreContract, AHealthyStorePassesItsIntegrityCheck) {
  const Plan plan = linzi();
  put_units(plan);
  add_plan(plan, 1, 1000);
  add_revision(key_of(plan, "health", "2021Q1"), 1, ReportAction::saved, ReportStatus::draft, 2000,
               content("1", "x"));
  EXPECT_EQ(store().integrity_check(), "ok");
}

TEST_P(StoreContract, ABackupHoldsEverythingRecorded) {
  const Plan plan = linzi();
  put_units(plan);
  const PlanVersionRecord v1 = add_plan(plan, 1, 1000);
  const RevisionRecord r1 = add_revision(key_of(plan, "health", "2021Q1"), 1, ReportAction::saved,
                                         ReportStatus::draft, 2000, content("5", "x"));
  const RegistryRecord e1 = add_registry("identity", "alice", 3000);
  HeadRecord h;
  h.recorded_at = at(3000);
  h.revision_tip = r1.revision.hash;
  h.plan_tip = v1.hash;
  h.registry_tip = e1.hash;
  h.head = "head";
  store().write([&] { store().add_head(h); });

  const fs::path copy = dir_ / "backup.taizhang";
  store().backup(copy);
  ASSERT_TRUE(fs::exists(copy));
  store().write([&] { store().put_unit(Unit{"later", "之后", UnitKind::other, "", ""}); });

  const std::unique_ptr<Store> restored = GetParam().open_backup(copy);
  EXPECT_EQ(restored->units().size(), plan.units.size());  // as it was when it was copied
  ASSERT_EQ(restored->plan_versions("").size(), 1U);
  expect_same(restored->plan_versions("")[0], v1);
  ASSERT_EQ(restored->revisions(r1.key).size(), 1U);
  expect_same(restored->revisions(r1.key)[0], r1);
  ASSERT_EQ(restored->registry(0).size(), 1U);
  expect_same(restored->registry(0)[0], e1);
  ASSERT_TRUE(restored->last_head().has_value());
  expect_same(*restored->last_head(), h);
  EXPECT_EQ(restored->integrity_check(), "ok");
}

// ---- the backends: one line each

std::string backend_name(const ::testing::TestParamInfo<Backend>& backend) {
  return backend.param.name;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values(sqlite_file(), sqlite_memory()),
                         &backend_name);

}  // namespace
}  // namespace taizhang::store
