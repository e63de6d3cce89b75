// Progress reports in the ledger, against the Linzi 2021 plan on a test clock: every bad input,
// permission refusal and lifecycle conflict is refused with the right exception and nothing
// written; values convert exactly; every revision is kept with its time; queries; plan versions
// and the unit catalogue that all plans share.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"
#include "taizhang/error.hpp"
#include "taizhang/ledger.hpp"

namespace tz = taizhang;
using namespace std::string_literals;
using std::chrono::hours;
using std::chrono::milliseconds;
using tz::Decimal;
using tz::test::admin;
using tz::test::coordinator;
using tz::test::linzi_key;
using tz::test::reporter;

namespace {

constexpr const char* kLinzi = "linzi-2021-women-children";
constexpr const char* kSmall = "linzi-2022-test";

tz::Timestamp at(const std::string& text) {
  return tz::parse_timestamp(text);
}

// ---- building report content ---------------------------------------------------------------

tz::InitiativeProgress progress(int initiative, std::string narrative,
                                std::optional<tz::Date> expected = std::nullopt) {
  tz::InitiativeProgress p;
  p.initiative = initiative;
  p.narrative = std::move(narrative);
  p.expected_completion = expected;
  return p;
}

tz::TargetValue number(std::string target, Decimal value, std::string unit = {}) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.value = value;
  v.unit = std::move(unit);
  return v;
}

tz::TargetValue stage(std::string target, std::string name) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.stage = std::move(name);
  return v;
}

tz::TargetValue words(std::string target, std::string comment) {
  tz::TargetValue v;
  v.target = std::move(target);
  v.comment = std::move(comment);
  return v;
}

tz::ReportContent content(std::vector<tz::InitiativeProgress> p, std::vector<tz::TargetValue> v) {
  tz::ReportContent c;
  c.progress = std::move(p);
  c.values = std::move(v);
  return c;
}

// What 区卫健局 reports on initiative 1 (“两癌” screening), in the plan's order.
tz::ReportContent health_report(std::int64_t screened = 4500) {
  return content({progress(1, "完成“两癌”免费检查" + std::to_string(screened) + "人。",
                           tz::Date::make(2021, 12, 31))},
                 {number("1.1", Decimal(screened)), stage("1.2", "已启动")});
}

// What 区委宣传部 reports of the running total of model households (target 3.6, cumulative).
tz::ReportContent households(std::int64_t total) {
  return content({}, {number("3.6", Decimal(total))});
}

// ---- a second, small plan built in code -----------------------------------------------------

// A monthly plan for 2022 that reuses Linzi's units, adds one, and has the kinds of targets the
// Linzi plan lacks: qualitative, a milestone with its own stages, a percent, and a unit of
// measure of its own (打 = 12 个).
tz::Plan small_plan() {
  const tz::Plan linzi = tz::test::linzi_plan();
  tz::Plan p;
  p.code = kSmall;
  p.title = "2022年为全区妇女儿童办实事（测试）";
  p.issuer = "临淄区人民政府办公室";
  p.year = 2022;
  p.reporting = tz::PeriodKind::month;
  p.start = tz::Date::make(2022, 1, 1);
  p.end = tz::Date::make(2022, 12, 31);
  p.coordinator = "women-children-centre";
  p.units_of_measure.push_back({"打", "个", Decimal(12)});
  for (const char* code : {"women-children-centre", "health", "women-federation"}) {
    p.units.push_back(*linzi.find_unit(code));
  }
  p.units.push_back({"maternal-child-hospital", "区妇幼保健院", tz::UnitKind::institution, "health",
                     "临淄区妇幼保健院"});

  tz::Initiative i;
  i.number = 1;
  i.title = "守护妇女儿童健康";
  i.description = "为孕产妇免费健康检查2000名，开展健康宣传，建设儿童保健中心。";
  i.assignments = {{"health", tz::AssignmentRole::lead, "妇幼健康科", "张某"},
                   {"maternal-child-hospital", tz::AssignmentRole::co_responsible, "保健部", ""},
                   {"women-federation", tz::AssignmentRole::co_responsible, "", ""}};
  tz::Target checks;
  checks.code = "1.1";
  checks.description = "孕产妇免费健康检查";
  checks.unit = "名";
  checks.value = Decimal(2000);
  tz::Target publicity;
  publicity.code = "1.2";
  publicity.description = "开展妇女儿童健康宣传";
  publicity.measure = tz::Measure::qualitative;
  tz::Target centre;
  centre.code = "1.3";
  centre.description = "建设儿童保健中心";
  centre.measure = tz::Measure::milestone;
  centre.stages = {{"筹备", Decimal(0)}, {"实施", Decimal::from_parts(5, 1)}, {"验收", Decimal(1)}};
  tz::Target kits;
  kits.code = "1.4";
  kits.description = "发放母婴用品包";
  kits.unit = "打";
  kits.value = Decimal(10);
  tz::Target rate;
  rate.code = "1.5";
  rate.description = "孕产妇系统管理率";
  rate.measure = tz::Measure::percent;
  rate.unit = "%";
  rate.value = Decimal(95);
  rate.accumulation = tz::Accumulation::level;
  i.targets = {checks, publicity, centre, kits, rate};
  p.initiatives.push_back(i);
  return p;
}

tz::ReportKey small_key(const std::string& unit, const std::string& period) {
  return tz::ReportKey{kSmall, unit, tz::Period::parse(period)};
}

// ---- what the ledger holds, to show that a refused call wrote nothing ----------------------

struct Stored {
  std::vector<tz::Revision> history;
  std::optional<tz::Report> report;
  std::int64_t revisions = 0;
  std::int64_t plan_versions = 0;
  std::vector<tz::PlanSummary> plans;
  std::vector<tz::Unit> units;
};

Stored stored(const tz::Ledger& ledger, const tz::ReportKey& key) {
  Stored s;
  s.history = ledger.history(key);
  s.report = ledger.report(key);
  const tz::VerifyResult verified = ledger.verify();
  EXPECT_TRUE(verified.ok) << verified.first_mismatch;
  s.revisions = verified.revisions_checked;
  s.plan_versions = verified.plan_versions_checked;
  s.plans = ledger.plans();
  s.units = ledger.units();
  return s;
}

void expect_nothing_written(const tz::Ledger& ledger, const tz::ReportKey& key,
                            const Stored& before) {
  const Stored after = stored(ledger, key);
  EXPECT_EQ(after.history.size(), before.history.size()) << "revisions of " << key.to_string();
  EXPECT_TRUE(after.history == before.history)
      << "the history of " << key.to_string() << " changed";
  EXPECT_TRUE(after.report == before.report) << "report " << key.to_string() << " changed";
  EXPECT_EQ(after.revisions, before.revisions) << "revisions in the whole ledger";
  EXPECT_EQ(after.plan_versions, before.plan_versions) << "plan versions in the whole ledger";
  EXPECT_TRUE(after.plans == before.plans) << "the list of plans changed";
  EXPECT_TRUE(after.units == before.units) << "the unit catalogue changed";
}

#define EXPECT_NOTHING_WRITTEN(ledger, key, before)    \
  do {                                                 \
    SCOPED_TRACE("expecting nothing written");         \
    expect_nothing_written((ledger), (key), (before)); \
  } while (false)

// ---- exceptions ------------------------------------------------------------------------------

// The exception of type E that `call` throws; a test failure when it throws nothing or another.
template <class E, class F>
std::optional<E> thrown(F&& call) {
  try {
    call();
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected " << typeid(E).name() << ", got " << typeid(e).name() << ": "
                  << e.what();
    return std::nullopt;
  }
  ADD_FAILURE() << "expected " << typeid(E).name() << ", but nothing was thrown";
  return std::nullopt;
}

std::vector<std::string> paths(const tz::ValidationError& e) {
  std::vector<std::string> out;
  for (const tz::Issue& issue : e.issues()) out.push_back(issue.path);
  return out;
}

::testing::AssertionResult Contains(std::string_view text, std::string_view part) {
  if (text.find(part) != std::string_view::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\"" << text << "\" does not mention \"" << part << "\"";
}

// Saves `c` as `actor` and expects a ValidationError with one issue, at `path`, whose what()
// mentions the report and each of `mentions`; and nothing written.
void expect_invalid_save(tz::Ledger& ledger, const tz::Actor& actor, const tz::ReportKey& key,
                         const tz::ReportContent& c, const std::string& path,
                         const std::vector<std::string>& mentions) {
  const Stored before = stored(ledger, key);
  const auto e = thrown<tz::ValidationError>([&] { ledger.save(actor, key, c); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), tz::ErrorCode::validation);
  EXPECT_EQ(paths(*e), std::vector<std::string>{path}) << e->what();
  EXPECT_EQ(e->where().path, path);
  EXPECT_EQ(e->where().file, key.to_string());
  EXPECT_TRUE(Contains(e->what(), key.to_string()));
  EXPECT_TRUE(Contains(e->what(), path));
  for (const std::string& m : mentions) EXPECT_TRUE(Contains(e->what(), m));
  EXPECT_NOTHING_WRITTEN(ledger, key, before);
}

#define EXPECT_INVALID_SAVE(ledger, actor, key, c, path, ...)                \
  do {                                                                       \
    SCOPED_TRACE(std::string("saving into ") + (key).to_string());           \
    expect_invalid_save((ledger), (actor), (key), (c), (path), __VA_ARGS__); \
  } while (false)

// `call` throws E whose what() mentions each of `mentions`, and writes nothing to `key`.
template <class E, class F>
void expect_refused(tz::Ledger& ledger, const tz::ReportKey& key, F&& call,
                    const std::vector<std::string>& mentions) {
  const Stored before = stored(ledger, key);
  const auto e = thrown<E>(std::forward<F>(call));
  ASSERT_TRUE(e);
  for (const std::string& m : mentions) EXPECT_TRUE(Contains(e->what(), m));
  EXPECT_NOTHING_WRITTEN(ledger, key, before);
}

#define EXPECT_REFUSED(E, ledger, key, statement, ...)                   \
  do {                                                                   \
    SCOPED_TRACE(#statement);                                            \
    expect_refused<E>((ledger), (key), [&] { statement; }, __VA_ARGS__); \
  } while (false)

// ---- fixture ---------------------------------------------------------------------------------

class LedgerReportsTest : public ::testing::Test {
 protected:
  // The plan is imported on 2021-03-01; reports follow in April.
  tz::test::TestClock clock_{"2021-03-01T09:00:00+08:00"};
  tz::Ledger ledger_ = tz::test::linzi_ledger(clock_);

  void SetUp() override { clock_.set("2021-04-06T09:00:00+08:00"); }

  void later(const std::string& t) { clock_.set(t); }
  void tick() { clock_.advance(milliseconds(1000)); }

  // Files `c` for `key` and has the coordinator accept it.
  tz::Report accepted(const tz::ReportKey& key, const tz::ReportContent& c) {
    ledger_.file(reporter(key.unit), key, c);
    tick();
    tz::Report r = ledger_.accept(coordinator(), key);
    tick();
    return r;
  }
};

// =============================================================================================
// 1. Bad input: the right exception, naming what and where, and nothing written.
// =============================================================================================

class LedgerReportsBadInput : public LedgerReportsTest {
 protected:
  void SetUp() override {
    LedgerReportsTest::SetUp();
    ledger_.save(reporter("health"), key_, health_report());  // a draft that must stay as it is
    tick();
  }
  const tz::ReportKey key_ = linzi_key("health", "2021Q1");
};

TEST_F(LedgerReportsBadInput, RefusesAnUnknownTarget) {
  const tz::ReportContent c = content({}, {number("1.1", Decimal(4600)), number("1.9", 5)});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, c, "values[1].target",
                      {"\"1.9\"", kLinzi, "has no target"});
}

TEST_F(LedgerReportsBadInput, RefusesAnUnknownInitiative) {
  const tz::ReportContent c = content({progress(1, "筛查进行中"), progress(11, "第十一项")}, {});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, c, "progress[1].initiative",
                      {"no initiative 11"});
  const tz::ReportContent zero = content({progress(0, "第零项")}, {});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, zero, "progress[0].initiative",
                      {"no initiative 0"});
}

TEST_F(LedgerReportsBadInput, RefusesTheSameTargetTwice) {
  const tz::ReportContent c = content(
      {}, {number("1.1", Decimal(4600)), stage("1.2", "推进中"), number("1.1", Decimal(4700))});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, c, "values[2].target",
                      {"\"1.1\"", "twice"});
}

TEST_F(LedgerReportsBadInput, RefusesTheSameInitiativeTwice) {
  const tz::ReportContent c =
      content({progress(1, "筛查4600人"), progress(10, "开展健康科普"), progress(1, "又一段")}, {});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, c, "progress[2].initiative",
                      {"initiative 1 ", "twice"});
}

TEST_F(LedgerReportsBadInput, RefusesAPeriodOutsideThePlanWindow) {
  for (const char* period : {"2022Q1", "2020Q4"}) {
    const tz::ReportKey key = linzi_key("health", period);
    const Stored before = stored(ledger_, key);
    const auto e = thrown<tz::ValidationError>(
        [&] { ledger_.save(reporter("health"), key, health_report()); });
    ASSERT_TRUE(e) << period;
    EXPECT_EQ(e->where().path, "period");
    EXPECT_EQ(paths(*e), std::vector<std::string>{"period"});
    EXPECT_TRUE(Contains(e->what(), period));
    EXPECT_TRUE(Contains(e->what(), "outside the window"));
    EXPECT_TRUE(Contains(e->what(), "2021-01-01 .. 2021-12-31"));
    EXPECT_NOTHING_WRITTEN(ledger_, key, before);
    EXPECT_REFUSED(tz::ValidationError, ledger_, key,
                   ledger_.file(reporter("health"), key, health_report()), {"period"});
  }
}

TEST_F(LedgerReportsBadInput, RefusesAPeriodOfTheWrongKind) {
  for (const char* period : {"2021-07", "2021"}) {
    const tz::ReportKey key = linzi_key("health", period);
    const Stored before = stored(ledger_, key);
    const auto e = thrown<tz::ValidationError>(
        [&] { ledger_.save(reporter("health"), key, health_report()); });
    ASSERT_TRUE(e) << period;
    EXPECT_EQ(e->where().path, "period");
    EXPECT_TRUE(Contains(e->what(), std::string(period) + " is not a quarter"));
    EXPECT_NOTHING_WRITTEN(ledger_, key, before);
  }
}

TEST_F(LedgerReportsBadInput, RefusesAUnitOfMeasureThatDoesNotConvert) {
  // 所 (kindergartens) for 1.1, counted in 名.
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {stage("1.2", "推进中"), number("1.1", Decimal(4600), "所")}),
                      "values[1].unit", {"1.1", "所", "名"});
  // 元 is money, not people.
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.1", Decimal(4600), "元")}), "values[0].unit",
                      {"元", "名"});
  // 名 for 5.1, counted in 亿元.
  const tz::ReportKey money = linzi_key("law-enforcement", "2021Q1");
  EXPECT_INVALID_SAVE(ledger_, reporter("law-enforcement"), money,
                      content({}, {number("5.1", Decimal(3), "名")}), "values[0].unit",
                      {"5.1", "亿元", "名"});
  // 班 and 所 are both counted things, and still different things (2.1 is in 所).
  const tz::ReportKey schools = linzi_key("education-sports", "2021Q1");
  EXPECT_INVALID_SAVE(ledger_, reporter("education-sports"), schools,
                      content({}, {number("2.1", Decimal(1), "班")}), "values[0].unit",
                      {"班", "所"});
}

TEST_F(LedgerReportsBadInput, RefusesAnUnknownUnitOfMeasure) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.1", Decimal(4600), "斤")}), "values[0].unit",
                      {"\"斤\"", "not a known unit of measure"});
}

TEST_F(LedgerReportsBadInput, RefusesANegativeValue) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {number("1.1", Decimal(-5))}),
                      "values[0].value", {"-5 is negative"});
  const tz::ReportKey money = linzi_key("law-enforcement", "2021Q1");
  EXPECT_INVALID_SAVE(ledger_, reporter("law-enforcement"), money,
                      content({}, {number("5.1", Decimal::from_parts(-5, 1), "亿元")}),
                      "values[0].value", {"-0.5 is negative"});
}

TEST_F(LedgerReportsBadInput, RefusesAValueOnAMilestone) {
  tz::TargetValue both = stage("1.2", "推进中");
  both.value = Decimal(2);
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {both}), "values[0].value",
                      {"1.2", "milestone", "takes no number"});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.1", Decimal(4600)), number("1.2", Decimal(2))}),
                      "values[1].value", {"1.2", "milestone"});
}

TEST_F(LedgerReportsBadInput, RefusesAStageOnANumber) {
  tz::TargetValue v = number("1.1", Decimal(4600));
  v.stage = "推进中";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {v}), "values[0].stage",
                      {"1.1", "reported as a number, not a stage"});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {stage("1.1", "已完成")}),
                      "values[0].stage", {"1.1"});
}

TEST_F(LedgerReportsBadInput, RefusesAnUnknownMilestoneStage) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.1", Decimal(4600)), stage("1.2", "差不多了")}),
                      "values[1].stage",
                      {"\"差不多了\"", "1.2", "未启动、已启动、推进中、基本完成、已完成"});
}

TEST_F(LedgerReportsBadInput, RefusesTextThatIsNotValidUtf8) {
  // "完成筛查" is 12 bytes; the stray byte follows.
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({progress(1,
                                        "完成筛查\xFF"
                                        "4600人")},
                              {}),
                      "progress[0].narrative", {"not valid UTF-8", "offset 12"});
  // An overlong encoding of '/' and a UTF-16 surrogate are not UTF-8 either.
  tz::TargetValue overlong = number("1.1", Decimal(4600));
  overlong.comment = "按乡镇\xC0\xAF汇总";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {overlong}),
                      "values[0].comment", {"not valid UTF-8", "offset 9"});
  tz::TargetValue surrogate = number("1.1", Decimal(4600));
  surrogate.evidence = "https://example.org/\xED\xA0\x80";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {surrogate}),
                      "values[0].evidence", {"not valid UTF-8"});
}

TEST_F(LedgerReportsBadInput, RefusesNulAndControlCharactersInText) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({progress(1,
                                        "完成筛查\0"
                                        "4600人"s)},
                              {}),
                      "progress[0].narrative", {"NUL"});
  tz::TargetValue nul = number("1.1", Decimal(4600));
  nul.comment = "按乡镇\0汇总"s;
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {nul}), "values[0].comment",
                      {"NUL"});
  tz::TargetValue bell = number("1.1", Decimal(4600));
  bell.comment = "按乡镇\a汇总";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {bell}), "values[0].comment",
                      {"control character"});
  tz::TargetValue del = number("1.1", Decimal(4600));
  del.comment = "按乡镇\x7F汇总";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {del}), "values[0].comment",
                      {"control character"});
  // A link is one line.
  tz::TargetValue link = number("1.1", Decimal(4600));
  link.evidence = "https://example.org/a\nhttps://example.org/b";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {link}), "values[0].evidence",
                      {"control character"});
}

TEST_F(LedgerReportsBadInput, AllowsLineBreaksAndTabsInNarrativesAndComments) {
  tz::TargetValue v = number("1.1", Decimal(4600));
  v.comment = "金山镇1200人；\r\n凤凰镇\t900人";
  const tz::ReportContent c = content({progress(1, "一、筛查进度：\n二、救助情况：\t2人")}, {v});
  const tz::Report r = ledger_.save(reporter("health"), key_, c);
  EXPECT_EQ(r.content(), c);
  EXPECT_EQ(r.current.number, 2);
}

TEST_F(LedgerReportsBadInput, RefusesACumulativeSeriesThatFalls) {
  const tz::ReportKey q1 = linzi_key("propaganda", "2021Q1");
  const tz::ReportKey q2 = linzi_key("propaganda", "2021Q2");
  ledger_.save(reporter("propaganda"), q1, households(5000));
  tick();
  EXPECT_INVALID_SAVE(ledger_, reporter("propaganda"), q2, households(4000), "values[0].value",
                      {"3.6", "4000", "5000", "2021Q1", "fall"});
  // Several values: the path is that of the total.
  EXPECT_INVALID_SAVE(ledger_, reporter("propaganda"), q2,
                      content({}, {number("3.2", Decimal(5)), number("3.6", Decimal(4999))}),
                      "values[1].value", {"4999", "5000"});
  // Standing still is not falling; rising is fine.
  EXPECT_EQ(ledger_.save(reporter("propaganda"), q2, households(5000)).content(), households(5000));
  tick();
  EXPECT_EQ(ledger_.save(reporter("propaganda"), q2, households(6200)).content(), households(6200));
  // Nor may Q1 be edited above Q2 now.
  EXPECT_INVALID_SAVE(ledger_, reporter("propaganda"), q1, households(6300), "values[0].value",
                      {"6300", "6200", "2021Q2"});
}

TEST_F(LedgerReportsBadInput, RefusesABackfilledTotalAboveALaterOne) {
  const tz::ReportKey q1 = linzi_key("propaganda", "2021Q1");
  const tz::ReportKey q3 = linzi_key("propaganda", "2021Q3");
  later("2021-10-08T09:00:00+08:00");
  ledger_.file(reporter("propaganda"), q3, households(9000));
  tick();
  EXPECT_INVALID_SAVE(ledger_, reporter("propaganda"), q1, households(9001), "values[0].value",
                      {"9001", "9000", "2021Q3"});
  EXPECT_REFUSED(tz::ValidationError, ledger_, q1,
                 ledger_.file(reporter("propaganda"), q1, households(12000)), {"12000", "9000"});
  EXPECT_EQ(ledger_.file(reporter("propaganda"), q1, households(8000)).content(), households(8000));
}

TEST_F(LedgerReportsBadInput, AllowsTheFallInACorrectionWithAReason) {
  const tz::ReportKey q1 = linzi_key("propaganda", "2021Q1");
  const tz::ReportKey q2 = linzi_key("propaganda", "2021Q2");
  accepted(q1, households(5000));
  later("2021-07-06T09:00:00+08:00");
  accepted(q2, households(6000));
  const std::string reason = "第二季度重复统计1500户，予以剔除";
  const tz::Report corrected =
      ledger_.correct(reporter("propaganda"), q2, households(4500), reason);
  EXPECT_EQ(corrected.content(), households(4500));
  EXPECT_EQ(corrected.current.action, tz::ReportAction::corrected);
  EXPECT_EQ(corrected.current.reason, reason);
  EXPECT_EQ(corrected.status(), tz::ReportStatus::submitted);
  ASSERT_TRUE(ledger_.report(q2));
  EXPECT_EQ(ledger_.report(q2)->content(), households(4500));
  // And the earlier period may be corrected above a later one.
  tick();
  EXPECT_EQ(ledger_.correct(reporter("propaganda"), q1, households(4800), "复核").content(),
            households(4800));
}

// A correction that the coordinator returns (say, for a better explanation) is handed in again
// as it was: submit() must not refuse the fall that the correction was allowed to make.
TEST_F(LedgerReportsBadInput, AReturnedCorrectionThatFallsCanBeHandedInAgain) {
  const tz::ReportKey q1 = linzi_key("propaganda", "2021Q1");
  const tz::ReportKey q2 = linzi_key("propaganda", "2021Q2");
  accepted(q1, households(5000));
  later("2021-07-06T09:00:00+08:00");
  accepted(q2, households(6000));
  ledger_.correct(reporter("propaganda"), q2, households(4500), "第二季度重复统计1500户");
  tick();
  ledger_.return_report(coordinator(), q2, "请附剔除名单");
  tick();
  const tz::Report again = ledger_.submit(reporter("propaganda"), q2);
  EXPECT_EQ(again.status(), tz::ReportStatus::submitted);
  EXPECT_EQ(again.content(), households(4500));
}

TEST_F(LedgerReportsBadInput, RefusesACorrectionWithoutAReason) {
  const tz::ReportKey q1 = linzi_key("propaganda", "2021Q1");
  accepted(q1, households(5000));
  for (const std::string& reason : {""s, "   "s, "\u3000"s, "\xFF\xFE"s}) {
    const Stored before = stored(ledger_, q1);
    const auto e = thrown<tz::ValidationError>(
        [&] { ledger_.correct(reporter("propaganda"), q1, households(5100), reason); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->where().path, "reason");
    EXPECT_TRUE(Contains(e->what(), "reason"));
    EXPECT_TRUE(Contains(e->what(), q1.to_string()));
    EXPECT_NOTHING_WRITTEN(ledger_, q1, before);
  }
}

TEST_F(LedgerReportsBadInput, RefusesAReturnWithoutAReason) {
  ledger_.submit(reporter("health"), key_);
  tick();
  for (const std::string& reason : {""s, " \t"s, "\u3000\u3000"s}) {
    const Stored before = stored(ledger_, key_);
    const auto e =
        thrown<tz::ValidationError>([&] { ledger_.return_report(coordinator(), key_, reason); });
    ASSERT_TRUE(e);
    EXPECT_EQ(e->where().path, "reason");
    EXPECT_TRUE(Contains(e->what(), "reason"));
    EXPECT_NOTHING_WRITTEN(ledger_, key_, before);
  }
  EXPECT_EQ(ledger_.report(key_)->status(), tz::ReportStatus::submitted);
}

TEST_F(LedgerReportsBadInput, RefusesBadContentInACorrection) {
  const tz::ReportKey key = linzi_key("health", "2021Q2");
  later("2021-07-05T09:00:00+08:00");
  accepted(key, health_report(9000));
  EXPECT_REFUSED(tz::ValidationError, ledger_, key,
                 ledger_.correct(reporter("health"), key,
                                 content({}, {number("1.1", Decimal(9100), "所")}), "补报"),
                 {"values[0].unit", "所"});
  EXPECT_REFUSED(
      tz::ValidationError, ledger_, key,
      ledger_.correct(reporter("health"), key, content({}, {number("1.1", Decimal(-1))}), "补报"),
      {"values[0].value", "negative"});
}

TEST_F(LedgerReportsBadInput, FileWritesNeitherRevisionWhenTheContentIsBad) {
  const tz::ReportKey key = linzi_key("health", "2021Q2");
  EXPECT_REFUSED(tz::ValidationError, ledger_, key,
                 ledger_.file(reporter("health"), key,
                              content({}, {number("1.1", Decimal(1)), stage("1.2", "快了")})),
                 {"values[1].stage"});
  EXPECT_TRUE(ledger_.history(key).empty());
  EXPECT_FALSE(ledger_.report(key));
}

TEST_F(LedgerReportsBadInput, ListsEveryProblemOfOneCallInOneError) {
  tz::TargetValue nul = number("1.1", Decimal(4600), "所");
  nul.comment = "a\0b"s;
  const tz::ReportContent c =
      content({progress(1, "完成\0筛查"s), progress(12, "?"), progress(1, "重复")},
              {nul, number("1.9", Decimal(1)), stage("1.2", "差不多了"), number("10.1", Decimal(3)),
               number("1.1", Decimal(-1))});
  const Stored before = stored(ledger_, key_);
  const auto e = thrown<tz::ValidationError>([&] { ledger_.save(reporter("health"), key_, c); });
  ASSERT_TRUE(e);
  EXPECT_EQ(paths(*e),
            (std::vector<std::string>{"progress[0].narrative", "progress[1].initiative",
                                      "progress[2].initiative", "values[0].comment",
                                      "values[0].unit", "values[1].target", "values[2].stage",
                                      "values[3].value", "values[4].target", "values[4].value"}))
      << e->what();
  EXPECT_EQ(e->where().path, "progress[0].narrative");
  const std::string what = e->what();
  EXPECT_TRUE(Contains(what, key_.to_string() + ": 10 errors"));
  for (const tz::Issue& issue : e->issues()) {
    EXPECT_EQ(issue.severity, tz::Issue::Severity::error);
    EXPECT_TRUE(Contains(what, issue.to_string()));
  }
  EXPECT_NOTHING_WRITTEN(ledger_, key_, before);
}

// =============================================================================================
// Qualitative and custom milestone targets, a monthly plan, a plan's own units (2022 test plan).
// =============================================================================================

class LedgerReportsSmallPlan : public LedgerReportsTest {
 protected:
  void SetUp() override {
    LedgerReportsTest::SetUp();
    ledger_.import_plan(admin(), small_plan(), "测试计划");
    tick();
  }
  const tz::ReportKey key_ = small_key("health", "2022-03");
};

TEST_F(LedgerReportsSmallPlan, ImportsEqualToWhatWasBuilt) {
  EXPECT_EQ(ledger_.plan(kSmall), small_plan());
}

TEST_F(LedgerReportsSmallPlan, RefusesAStageOrANumberOnAQualitativeTarget) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {stage("1.2", "已完成")}),
                      "values[0].stage", {"1.2", "qualitative"});
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.1", Decimal(100)), number("1.2", Decimal(3))}),
                      "values[1].value", {"1.2", "qualitative", "takes no number"});
  tz::TargetValue unit_only = words("1.2", "进社区宣传3场");
  unit_only.unit = "场";
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {unit_only}),
                      "values[0].value", {"1.2"});
}

TEST_F(LedgerReportsSmallPlan, AcceptsWordsOnAQualitativeTarget) {
  const tz::ReportContent c = content({progress(1, "三月开展“三八”健康宣传周。")},
                                      {words("1.2", "进社区、进学校宣传——共3场，发放资料2000份")});
  const tz::Report r = ledger_.save(reporter("health"), key_, c);
  EXPECT_EQ(r.content(), c);
  EXPECT_EQ(ledger_.report(key_)->content(), c);
}

TEST_F(LedgerReportsSmallPlan, UsesTheTargetsOwnMilestoneStages) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_, content({}, {stage("1.3", "已启动")}),
                      "values[0].stage", {"\"已启动\"", "筹备、实施、验收"});
  const tz::ReportContent c = content({}, {stage("1.3", "实施")});
  EXPECT_EQ(ledger_.save(reporter("health"), key_, c).content(), c);
}

TEST_F(LedgerReportsSmallPlan, RefusesAPercentInPercentagePoints) {
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key_,
                      content({}, {number("1.5", Decimal(96), "个百分点")}), "values[0].unit",
                      {"1.5", "个百分点", "%"});
  const tz::ReportContent c = content({}, {number("1.5", Decimal::from_parts(965, 1))});
  EXPECT_EQ(ledger_.save(reporter("health"), key_, c).content(), c);
}

TEST_F(LedgerReportsSmallPlan, AMonthlyPlanTakesMonthsInsideItsWindow) {
  for (const char* period : {"2022Q1", "2022"}) {
    const tz::ReportKey key = small_key("health", period);
    EXPECT_REFUSED(tz::ValidationError, ledger_, key,
                   ledger_.save(reporter("health"), key, content({}, {number("1.1", 10)})),
                   {"period", std::string(period) + " is not a month"});
  }
  for (const char* period : {"2021-12", "2023-01"}) {
    const tz::ReportKey key = small_key("health", period);
    EXPECT_REFUSED(tz::ValidationError, ledger_, key,
                   ledger_.save(reporter("health"), key, content({}, {number("1.1", 10)})),
                   {"period", "outside the window", "2022-01-01 .. 2022-12-31"});
  }
  EXPECT_EQ(ledger_.save(reporter("health"), key_, content({}, {number("1.1", 10)})).key, key_);
}

// =============================================================================================
// 2. Exact conversion.
// =============================================================================================

class LedgerReportsConversion : public LedgerReportsTest {};

TEST_F(LedgerReportsConversion, StoresWanYuanAsYiYuanAndKeepsWhatWasFiled) {
  const tz::ReportKey key = linzi_key("law-enforcement", "2021Q1");
  const tz::Report r = ledger_.save(reporter("law-enforcement"), key,
                                    content({}, {number("5.1", Decimal(3000), "万元")}));
  ASSERT_EQ(r.content().values.size(), 1U);
  const tz::TargetValue& v = r.content().values[0];
  EXPECT_EQ(v.value, Decimal::from_parts(3, 1));  // 0.3 亿元
  EXPECT_EQ(v.value->to_string(), "0.3");
  EXPECT_EQ(v.unit, "");
  EXPECT_EQ(v.filed_value, Decimal(3000));
  EXPECT_EQ(v.filed_unit, "万元");
  // Read back the same, from storage.
  ASSERT_TRUE(ledger_.report(key));
  EXPECT_EQ(ledger_.report(key)->content(), r.content());
  EXPECT_EQ(ledger_.history(key).at(0).content, r.content());
}

TEST_F(LedgerReportsConversion, ConvertsYuanToTheFen) {
  const tz::ReportKey key = linzi_key("law-enforcement", "2021Q1");
  // 123456789.01 元 = 1.2345678901 亿元, not a fen lost.
  const tz::Report r =
      ledger_.save(reporter("law-enforcement"), key,
                   content({}, {number("5.1", Decimal::parse("123456789.01"), "元")}));
  ASSERT_EQ(r.content().values.size(), 1U);
  EXPECT_EQ(r.content().values[0].value, Decimal::parse("1.2345678901"));
  EXPECT_EQ(r.content().values[0].filed_value, Decimal::parse("123456789.01"));
  EXPECT_EQ(r.content().values[0].filed_unit, "元");
}

TEST_F(LedgerReportsConversion, TreatsRenAsMing) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  const tz::Report r =
      ledger_.save(reporter("health"), key, content({}, {number("1.1", Decimal(4500), "人")}));
  ASSERT_EQ(r.content().values.size(), 1U);
  EXPECT_EQ(r.content().values[0].value, Decimal(4500));
  EXPECT_EQ(r.content().values[0].filed_value, Decimal(4500));
  EXPECT_EQ(r.content().values[0].filed_unit, "人");
  EXPECT_EQ(ledger_.report(key)->content(), r.content());
}

TEST_F(LedgerReportsConversion, KeepsNothingBesideAValueInTheTargetsOwnUnit) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  const tz::Report r =
      ledger_.save(reporter("health"), key, content({}, {number("1.1", Decimal(4500), "名")}));
  ASSERT_EQ(r.content().values.size(), 1U);
  EXPECT_EQ(r.content().values[0].value, Decimal(4500));
  EXPECT_EQ(r.content().values[0].unit, "");
  EXPECT_FALSE(r.content().values[0].filed_value);
  EXPECT_EQ(r.content().values[0].filed_unit, "");
}

TEST_F(LedgerReportsConversion, IgnoresReadBackOnlyFieldsOnInput) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  tz::TargetValue v = number("1.1", Decimal(4500));
  v.filed_value = Decimal(99);
  v.filed_unit = "所";
  const tz::Report r = ledger_.save(reporter("health"), key, content({}, {v}));
  EXPECT_EQ(r.content(), content({}, {number("1.1", Decimal(4500))}));
}

TEST_F(LedgerReportsConversion, RefusesAConversionWithNoExactResult) {
  // 10^-18 元 in 亿元 is 10^-26: more places than a Decimal holds.
  const tz::ReportKey key = linzi_key("law-enforcement", "2021Q1");
  EXPECT_INVALID_SAVE(ledger_, reporter("law-enforcement"), key,
                      content({}, {number("5.1", Decimal::from_parts(1, 18), "元")}),
                      "values[0].unit", {"5.1", "exact"});
}

TEST_F(LedgerReportsConversion, RefusesAConversionThatOverflows) {
  // 10^11 亿元 = 10^19 元, beyond a Decimal (target 4.1 is in 元).
  const tz::ReportKey key = linzi_key("civil-affairs", "2021Q1");
  const Stored before = stored(ledger_, key);
  const auto e = thrown<tz::ValidationError>([&] {
    ledger_.save(reporter("civil-affairs"), key,
                 content({}, {number("4.1", Decimal(100000000000), "亿元")}));
  });
  ASSERT_TRUE(e);
  ASSERT_EQ(e->issues().size(), 1U);
  EXPECT_TRUE(Contains(e->issues()[0].path, "values[0]"));
  EXPECT_TRUE(Contains(e->what(), "4.1"));
  EXPECT_NOTHING_WRITTEN(ledger_, key, before);
}

TEST_F(LedgerReportsConversion, ConvertsIntoAPlansOwnUnitOfMeasure) {
  ledger_.import_plan(admin(), small_plan(), "测试计划");
  const tz::ReportKey key = small_key("health", "2022-01");
  const tz::Report r =
      ledger_.save(reporter("health"), key, content({}, {number("1.4", Decimal(30), "个")}));
  ASSERT_EQ(r.content().values.size(), 1U);
  EXPECT_EQ(r.content().values[0].value, Decimal::from_parts(25, 1));  // 2.5 打
  EXPECT_EQ(r.content().values[0].filed_value, Decimal(30));
  EXPECT_EQ(r.content().values[0].filed_unit, "个");
  // 1 个 is 1/12 打: no exact decimal.
  EXPECT_INVALID_SAVE(ledger_, reporter("health"), key,
                      content({}, {number("1.4", Decimal(1), "个")}), "values[0].unit",
                      {"1.4", "打", "exact"});
}

// =============================================================================================
// 3. Permission refusals: PermissionDenied and nothing written.
// =============================================================================================

class LedgerReportsPermission : public LedgerReportsTest {};

TEST_F(LedgerReportsPermission, RefusesAReporterWritingAnotherUnitsReport) {
  const tz::ReportKey finance = linzi_key("finance", "2021Q1");
  const tz::ReportContent c = content({progress(1, "拨付“两癌”检查经费")}, {});
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, finance,
                 ledger_.save(reporter("health"), finance, c), {"\"health\"", "\"finance\""});
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, finance,
                 ledger_.file(reporter("health"), finance, c), {"\"health\"", "\"finance\""});
  // Once finance has a draft, health may neither submit nor correct it.
  ledger_.save(reporter("finance"), finance, c);
  tick();
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, finance,
                 ledger_.submit(reporter("health"), finance), {"\"finance\""});
  ledger_.submit(reporter("finance"), finance);
  tick();
  ledger_.accept(coordinator(), finance);
  tick();
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, finance,
                 ledger_.correct(reporter("health"), finance, c, "代为更正"), {"\"finance\""});
}

TEST_F(LedgerReportsPermission, RefusesAReporterOnAnInitiativeItsUnitIsNotAssignedTo) {
  // 区财政局 is responsible for initiatives 1 and 2 only.
  const tz::ReportKey key = linzi_key("finance", "2021Q1");
  ledger_.save(reporter("finance"), key, content({progress(2, "拨付幼儿园建设资金")}, {}));
  tick();
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                 ledger_.save(reporter("finance"), key, content({}, {number("3.2", Decimal(5))})),
                 {"区财政局", "initiative 3", "3.2"});
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                 ledger_.save(reporter("finance"), key,
                              content({progress(1, "拨付经费"), progress(3, "支持美学教育")}, {})),
                 {"initiative 3", "开展乡村美学教育活动"});
  // Refused as a whole, even beside a valid part and before any other problem is reported.
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                 ledger_.save(reporter("finance"), key,
                              content({progress(2, "拨付资金")},
                                      {number("2.1", Decimal(1)), number("5.1", Decimal(-1))})),
                 {"initiative 5", "5.1"});
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                 ledger_.file(reporter("finance"), key, content({progress(9, "书房")}, {})),
                 {"initiative 9"});
}

TEST_F(LedgerReportsPermission, RefusesACorrectionOnAnInitiativeNotAssigned) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  accepted(key, health_report());
  tz::ReportContent c = health_report();
  c.values.push_back(number("2.3", Decimal(100)));
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                 ledger_.correct(reporter("health"), key, c, "补报入园人数"),
                 {"initiative 2", "2.3"});
}

TEST_F(LedgerReportsPermission, RefusesAUnitAssignedToNothing) {
  // The coordinating office is a unit of the plan but responsible for no initiative.
  const tz::ReportKey centre = linzi_key("women-children-centre", "2021Q1");
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, centre,
                 ledger_.save(reporter("women-children-centre"), centre, content({}, {})),
                 {"\"women-children-centre\"", "not responsible for any initiative"});
  EXPECT_REFUSED(
      tz::PermissionDenied, ledger_, centre,
      ledger_.file(reporter("women-children-centre"), centre, content({progress(1, "调度")}, {})),
      {"not responsible"});
  // Nor may a unit the plan does not name.
  const tz::ReportKey stranger = linzi_key("water-bureau", "2021Q1");
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, stranger,
                 ledger_.save(reporter("water-bureau"), stranger, content({progress(1, "?")}, {})),
                 {"\"water-bureau\""});
}

TEST_F(LedgerReportsPermission, RefusesCoordinatorsAndAdministratorsWritingReports) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger_.save(reporter("health"), key, health_report());
  tick();
  const tz::Actor health_admin{"health", tz::ActorRole::administrator, "局管理员"};
  const tz::Actor health_coordinator{"health", tz::ActorRole::coordinator, ""};
  for (const tz::Actor& actor : {coordinator(), admin(), health_admin, health_coordinator}) {
    SCOPED_TRACE(std::string(tz::to_string(actor.role)) + " of " + actor.unit);
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.save(actor, key, health_report(1)),
                   {"may not write reports", "reporter"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.file(actor, key, health_report(1)),
                   {"may not write reports"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.submit(actor, key),
                   {"may not write reports"});
  }
  ledger_.submit(reporter("health"), key);
  tick();
  ledger_.accept(coordinator(), key);
  tick();
  for (const tz::Actor& actor : {coordinator(), admin(), health_admin}) {
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                   ledger_.correct(actor, key, health_report(1), "更正"),
                   {"may not write reports"});
  }
}

TEST_F(LedgerReportsPermission, RefusesReportersAcceptingOrReturning) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger_.file(reporter("health"), key, health_report());
  tick();
  for (const tz::Actor& actor : {reporter("health"), reporter("women-children-centre")}) {
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.accept(actor, key),
                   {"may not accept or return reports", "coordinator"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                   ledger_.return_report(actor, key, "请补充材料"), {"may not accept or return"});
  }
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.accept(admin(), key),
                 {"administrator"});
}

TEST_F(LedgerReportsPermission, RefusesACoordinatorOfAnotherUnit) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger_.file(reporter("health"), key, health_report());
  tick();
  const tz::Actor wrong{"health", tz::ActorRole::coordinator, "自己验收"};
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.accept(wrong, key),
                 {"\"health\" does not coordinate", "\"women-children-centre\" does"});
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.return_report(wrong, key, "退回"),
                 {"does not coordinate"});
  EXPECT_EQ(ledger_.accept(coordinator(), key).status(), tz::ReportStatus::accepted);
}

TEST_F(LedgerReportsPermission, RefusesNonAdministratorsEditingPlansOrUnits) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  tz::Plan raised = tz::test::linzi_plan();
  raised.initiatives[0].targets[0].value = Decimal(20000);
  const tz::Unit renamed{"health", "区卫生健康局", tz::UnitKind::bureau, "", ""};
  const tz::Unit added{"water-bureau", "区水利局", tz::UnitKind::bureau, "", ""};
  for (const tz::Actor& actor :
       {reporter("health"), coordinator(), tz::Actor{"health", tz::ActorRole::coordinator, ""}}) {
    SCOPED_TRACE(std::string(tz::to_string(actor.role)) + " of " + actor.unit);
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                   ledger_.import_plan(actor, small_plan(), "测试"), {"may not import plans"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key,
                   ledger_.update_plan(actor, raised, "提高目标"), {"may not edit plans"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.put_unit(actor, renamed),
                   {"may not change the unit catalogue"});
    EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.put_unit(actor, added),
                   {"administrator"});
  }
  EXPECT_EQ(ledger_.plan(kLinzi), tz::test::linzi_plan());
  EXPECT_EQ(ledger_.plan_history(kLinzi).size(), 1U);
  EXPECT_FALSE(ledger_.unit("water-bureau"));
  EXPECT_EQ(ledger_.unit("health")->name, "区卫健局");
}

// =============================================================================================
// 4. Lifecycle conflicts: ConflictError (or NotFoundError) and nothing written.
// =============================================================================================

class LedgerReportsLifecycle : public LedgerReportsTest {
 protected:
  const tz::ReportKey key_ = linzi_key("health", "2021Q1");
};

TEST_F(LedgerReportsLifecycle, NothingFiledIsNotFound) {
  const std::string name = key_.to_string();
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key_, ledger_.submit(reporter("health"), key_),
                 {name});
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key_, ledger_.accept(coordinator(), key_), {name});
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key_,
                 ledger_.return_report(coordinator(), key_, "请补充"), {name});
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key_,
                 ledger_.correct(reporter("health"), key_, health_report(), "更正"), {name});
  EXPECT_FALSE(ledger_.report(key_));
  EXPECT_FALSE(ledger_.report_at(key_, at("2030-01-01T00:00:00Z")));
  EXPECT_TRUE(ledger_.history(key_).empty());
}

TEST_F(LedgerReportsLifecycle, AnUnknownPlanIsNotFound) {
  const tz::ReportKey key{"no-such-plan", "health", tz::Period::parse("2021Q1")};
  const std::vector<std::string> named{"\"no-such-plan\""};
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key,
                 ledger_.save(reporter("health"), key, health_report()), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key,
                 ledger_.file(reporter("health"), key, health_report()), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, ledger_.submit(reporter("health"), key), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, ledger_.accept(coordinator(), key), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, ledger_.return_report(coordinator(), key, "退回"),
                 named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key,
                 ledger_.correct(reporter("health"), key, health_report(), "更正"), named);
  tz::ReportFilter filter;
  filter.plan = "no-such-plan";
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, (void)ledger_.reports(filter), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, (void)ledger_.plan("no-such-plan"), named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key, (void)ledger_.plan_history("no-such-plan"),
                 named);
  EXPECT_REFUSED(tz::NotFoundError, ledger_, key,
                 (void)ledger_.plan_at("no-such-plan", at("2030-01-01T00:00:00Z")), named);
  EXPECT_FALSE(ledger_.report(key));
}

TEST_F(LedgerReportsLifecycle, RefusesSavingASubmittedOrAcceptedReport) {
  ledger_.file(reporter("health"), key_, health_report());
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.save(reporter("health"), key_, health_report(4600)),
                 {key_.to_string(), "submitted"});
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.file(reporter("health"), key_, health_report(4600)), {"submitted"});
  ledger_.accept(coordinator(), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.save(reporter("health"), key_, health_report(4600)),
                 {"accepted", "correction"});
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.file(reporter("health"), key_, health_report(4600)), {"accepted"});
  // A bad content changes nothing about which error comes: the report is not editable.
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.save(reporter("health"), key_, content({}, {number("1.9", 1)})),
                 {"accepted"});
}

TEST_F(LedgerReportsLifecycle, RefusesSubmittingTwice) {
  ledger_.save(reporter("health"), key_, health_report());
  tick();
  ledger_.submit(reporter("health"), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_, ledger_.submit(reporter("health"), key_),
                 {"already submitted"});
  ledger_.accept(coordinator(), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_, ledger_.submit(reporter("health"), key_),
                 {"already accepted"});
  // A correction awaits acceptance: submitting it again is a conflict too.
  ledger_.correct(reporter("health"), key_, health_report(4600), "更正");
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_, ledger_.submit(reporter("health"), key_),
                 {"submitted"});
}

TEST_F(LedgerReportsLifecycle, RefusesAcceptingADraftOrAcceptingTwice) {
  ledger_.save(reporter("health"), key_, health_report());
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_, ledger_.accept(coordinator(), key_),
                 {"is draft", "only a submitted report can be accepted"});
  ledger_.submit(reporter("health"), key_);
  tick();
  ledger_.accept(coordinator(), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_, ledger_.accept(coordinator(), key_),
                 {"is accepted"});
  // A returned report is not accepted either until it is handed in again.
  const tz::ReportKey q2 = linzi_key("health", "2021Q2");
  ledger_.file(reporter("health"), q2, health_report(9000));
  tick();
  ledger_.return_report(coordinator(), q2, "请补充佐证材料");
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, q2, ledger_.accept(coordinator(), q2),
                 {"is returned"});
}

TEST_F(LedgerReportsLifecycle, RefusesReturningAnAcceptedReportOrADraft) {
  ledger_.save(reporter("health"), key_, health_report());
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.return_report(coordinator(), key_, "请补充"), {"is draft"});
  ledger_.submit(reporter("health"), key_);
  tick();
  ledger_.accept(coordinator(), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.return_report(coordinator(), key_, "请补充"),
                 {"is accepted", "only a submitted report can be returned"});
}

TEST_F(LedgerReportsLifecycle, RefusesCorrectingADraftOrASubmittedReport) {
  ledger_.save(reporter("health"), key_, health_report());
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.correct(reporter("health"), key_, health_report(4600), "更正"),
                 {"is draft", "only an accepted report is corrected"});
  ledger_.submit(reporter("health"), key_);
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.correct(reporter("health"), key_, health_report(4600), "更正"),
                 {"is submitted"});
  ledger_.return_report(coordinator(), key_, "请补充");
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key_,
                 ledger_.correct(reporter("health"), key_, health_report(4600), "更正"),
                 {"is returned"});
}

TEST_F(LedgerReportsLifecycle, AReturnedReportIsEditedAndHandedInAgain) {
  ledger_.file(reporter("health"), key_, health_report());
  tick();
  ledger_.return_report(coordinator(), key_, "请补充救助人数");
  tick();
  const tz::Report edited = ledger_.save(reporter("health"), key_, health_report(4510));
  EXPECT_EQ(edited.status(), tz::ReportStatus::draft);
  EXPECT_EQ(edited.current.action, tz::ReportAction::saved);
  tick();
  const tz::Report again = ledger_.file(reporter("health"), key_, health_report(4520));
  EXPECT_EQ(again.status(), tz::ReportStatus::submitted);
  EXPECT_EQ(again.current.action, tz::ReportAction::resubmitted);
  EXPECT_EQ(again.content(), health_report(4520));
  EXPECT_EQ(again.current.number, 6);
}

// =============================================================================================
// 5. History and time.
// =============================================================================================

class LedgerReportsHistory : public LedgerReportsTest {
 protected:
  const tz::ReportKey key_ = linzi_key("health", "2021Q1");
};

TEST_F(LedgerReportsHistory, EverySaveIsANewRevisionWithTheClocksTime) {
  const std::vector<std::string> times{"2021-04-06T09:00:00.123+08:00",
                                       "2021-04-06T09:00:01.456+08:00",
                                       "2021-04-07T16:30:00.007+08:00"};
  const tz::Actor clerk{"health", tz::ActorRole::reporter, "李明"};
  for (std::size_t i = 0; i < times.size(); ++i) {
    later(times[i]);
    const tz::Report r =
        ledger_.save(clerk, key_, health_report(4500 + static_cast<std::int64_t>(i)));
    EXPECT_EQ(r.current.number, static_cast<int>(i) + 1);
    EXPECT_EQ(r.current.recorded_at, at(times[i]));
  }
  later("2021-04-08T10:00:00.999+08:00");
  ledger_.submit(reporter("health"), key_);

  const std::vector<tz::Revision> history = ledger_.history(key_);
  ASSERT_EQ(history.size(), 4U);
  std::set<std::string> hashes;
  for (std::size_t i = 0; i < 3; ++i) {
    const tz::Revision& r = history[i];
    EXPECT_EQ(r.number, static_cast<int>(i) + 1);
    EXPECT_EQ(r.recorded_at, at(times[i])) << tz::format_timestamp(r.recorded_at);
    EXPECT_EQ(r.actor, clerk);
    EXPECT_EQ(r.action, tz::ReportAction::saved);
    EXPECT_EQ(r.status, tz::ReportStatus::draft);
    EXPECT_EQ(r.reason, "");
    EXPECT_EQ(r.content, health_report(4500 + static_cast<std::int64_t>(i)));
    hashes.insert(r.hash);
  }
  EXPECT_EQ(tz::format_timestamp(history[2].recorded_at), "2021-04-07T08:30:00.007Z");
  EXPECT_EQ(history[3].recorded_at, at("2021-04-08T02:00:00.999Z"));
  EXPECT_EQ(history[3].actor, reporter("health"));
  EXPECT_EQ(history[3].action, tz::ReportAction::submitted);
  EXPECT_EQ(history[3].status, tz::ReportStatus::submitted);
  EXPECT_EQ(history[3].content, health_report(4502)) << "submitting hands in the last draft";
  hashes.insert(history[3].hash);
  hashes.erase("");
  EXPECT_EQ(hashes.size(), 4U) << "every revision has its own hash";
  EXPECT_EQ(ledger_.verify().revisions_checked, 4);
}

TEST_F(LedgerReportsHistory, ReportAtShowsTheReportAsItStood) {
  later("2021-04-06T09:00:00+08:00");
  ledger_.save(reporter("health"), key_, health_report(4500));
  later("2021-04-07T09:00:00+08:00");
  ledger_.save(reporter("health"), key_, health_report(4600));
  later("2021-04-08T09:00:00+08:00");
  ledger_.submit(reporter("health"), key_);
  later("2021-04-09T09:00:00+08:00");
  ledger_.accept(coordinator(), key_);
  later("2021-05-10T09:00:00+08:00");
  ledger_.correct(reporter("health"), key_, health_report(4650), "补录金山镇50人");

  EXPECT_FALSE(ledger_.report_at(key_, at("2021-04-06T08:59:59.999+08:00")));
  const auto first = ledger_.report_at(key_, at("2021-04-06T09:00:00+08:00"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->current.number, 1);
  EXPECT_EQ(first->content(), health_report(4500));
  EXPECT_EQ(first->status(), tz::ReportStatus::draft);

  const auto second = ledger_.report_at(key_, at("2021-04-07T20:00:00+08:00"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->current.number, 2);
  EXPECT_EQ(second->content(), health_report(4600));
  EXPECT_EQ(second->status(), tz::ReportStatus::draft);
  EXPECT_FALSE(second->first_submitted);

  const auto handed_in = ledger_.report_at(key_, at("2021-04-08T12:00:00+08:00"));
  ASSERT_TRUE(handed_in);
  EXPECT_EQ(handed_in->status(), tz::ReportStatus::submitted);
  EXPECT_EQ(handed_in->content(), health_report(4600));
  EXPECT_EQ(handed_in->first_submitted, at("2021-04-08T09:00:00+08:00"));
  EXPECT_EQ(handed_in->accepted_revision, 0);
  EXPECT_FALSE(handed_in->last_accepted);

  const auto accepted_then = ledger_.report_at(key_, at("2021-05-10T08:59:59.999+08:00"));
  ASSERT_TRUE(accepted_then);
  EXPECT_EQ(accepted_then->status(), tz::ReportStatus::accepted);
  EXPECT_EQ(accepted_then->content(), health_report(4600));
  EXPECT_EQ(accepted_then->accepted_revision, 2);

  const auto after_correction = ledger_.report_at(key_, at("2021-05-10T09:00:00+08:00"));
  ASSERT_TRUE(after_correction);
  EXPECT_EQ(after_correction->current.action, tz::ReportAction::corrected);
  EXPECT_EQ(after_correction->content(), health_report(4650));
  EXPECT_EQ(after_correction->current.reason, "补录金山镇50人");
  EXPECT_EQ(after_correction, ledger_.report(key_));
  EXPECT_EQ(ledger_.report_at(key_, at("2030-01-01T00:00:00Z")), ledger_.report(key_));
}

TEST_F(LedgerReportsHistory, RevisionTimesNeverGoBackwards) {
  later("2021-04-06T09:00:00.500+08:00");
  ledger_.save(reporter("health"), key_, health_report(4500));
  // A clock a few minutes behind the ledger's last record is a clock's drift: the revision is
  // stamped at that record's time.
  later("2021-04-06T08:55:00+08:00");
  const tz::Report second = ledger_.save(reporter("health"), key_, health_report(4600));
  EXPECT_EQ(second.current.recorded_at, at("2021-04-06T09:00:00.500+08:00"));
  // Hours behind it is a backdating: refused before anything is written.
  later("2021-04-06T07:00:00+08:00");
  EXPECT_REFUSED(tz::ValidationError, ledger_, key_,
                 ledger_.save(reporter("health"), key_, health_report(4650)),
                 {"earlier than the ledger's last record"});
  later("2021-03-01T00:00:00+08:00");
  EXPECT_THROW(ledger_.submit(reporter("health"), key_), tz::ValidationError);
  later("2021-04-06T09:00:00.500+08:00");
  ledger_.submit(reporter("health"), key_);
  ledger_.accept(coordinator(), key_);
  later("2021-04-06T09:00:00.501+08:00");
  ledger_.correct(reporter("health"), key_, health_report(4700), "更正");

  const std::vector<tz::Revision> history = ledger_.history(key_);
  ASSERT_EQ(history.size(), 5U);
  for (std::size_t i = 1; i < history.size(); ++i) {
    EXPECT_GE(history[i].recorded_at, history[i - 1].recorded_at)
        << "revision " << history[i].number << " at "
        << tz::format_timestamp(history[i].recorded_at) << " comes before revision "
        << history[i - 1].number << " at " << tz::format_timestamp(history[i - 1].recorded_at);
  }
  EXPECT_EQ(history[4].recorded_at, at("2021-04-06T09:00:00.501+08:00"));
  // The last state is what report_at gives at the time the revisions piled up.
  EXPECT_EQ(ledger_.report_at(key_, at("2021-04-06T09:00:00.500+08:00"))->status(),
            tz::ReportStatus::accepted);
  EXPECT_TRUE(ledger_.verify().ok);
}

TEST_F(LedgerReportsHistory, FirstSubmittedStaysTheFirstSubmission) {
  ledger_.save(reporter("health"), key_, health_report());
  later("2021-04-08T10:00:00+08:00");
  const tz::Report first = ledger_.submit(reporter("health"), key_);
  EXPECT_EQ(first.first_submitted, at("2021-04-08T10:00:00+08:00"));
  later("2021-04-09T10:00:00+08:00");
  const tz::Report returned = ledger_.return_report(coordinator(), key_, "请补充佐证材料");
  EXPECT_EQ(returned.first_submitted, at("2021-04-08T10:00:00+08:00"));
  later("2021-04-15T10:00:00+08:00");
  const tz::Report again = ledger_.file(reporter("health"), key_, health_report(4510));
  EXPECT_EQ(again.current.action, tz::ReportAction::resubmitted);
  EXPECT_EQ(again.first_submitted, at("2021-04-08T10:00:00+08:00"));
  later("2021-04-16T10:00:00+08:00");
  ledger_.return_report(coordinator(), key_, "数字与附件不符");
  later("2021-04-20T10:00:00+08:00");
  ledger_.file(reporter("health"), key_, health_report(4520));
  later("2021-04-21T10:00:00+08:00");
  ledger_.accept(coordinator(), key_);
  later("2021-06-01T10:00:00+08:00");
  const tz::Report corrected =
      ledger_.correct(reporter("health"), key_, health_report(4530), "更正");
  EXPECT_EQ(corrected.first_submitted, at("2021-04-08T10:00:00+08:00"));
  EXPECT_EQ(ledger_.report(key_)->first_submitted, at("2021-04-08T10:00:00+08:00"));
  EXPECT_EQ(ledger_.report_at(key_, at("2021-04-16T12:00:00+08:00"))->first_submitted,
            at("2021-04-08T10:00:00+08:00"));
  std::vector<tz::ReportAction> actions;
  for (const tz::Revision& r : ledger_.history(key_)) actions.push_back(r.action);
  using A = tz::ReportAction;
  EXPECT_EQ(actions,
            (std::vector<A>{A::saved, A::submitted, A::returned, A::saved, A::resubmitted,
                            A::returned, A::saved, A::resubmitted, A::accepted, A::corrected}));
}

TEST_F(LedgerReportsHistory, AcceptedRevisionMovesOnlyWhenACorrectionIsAccepted) {
  ledger_.save(reporter("health"), key_, health_report(4500));  // 1
  later("2021-04-08T10:00:00+08:00");
  ledger_.submit(reporter("health"), key_);  // 2
  later("2021-04-09T10:00:00+08:00");
  const tz::Report accepted_first = ledger_.accept(coordinator(), key_);  // 3
  EXPECT_EQ(accepted_first.accepted_revision, 1);
  EXPECT_EQ(accepted_first.last_accepted, at("2021-04-09T10:00:00+08:00"));

  later("2021-05-01T10:00:00+08:00");
  const tz::Report corrected =
      ledger_.correct(reporter("health"), key_, health_report(4550), "漏报50人");  // 4
  EXPECT_EQ(corrected.current.number, 4);
  EXPECT_EQ(corrected.accepted_revision, 1);
  EXPECT_EQ(corrected.last_accepted, at("2021-04-09T10:00:00+08:00"));
  const std::vector<tz::Revision> history = ledger_.history(key_);
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[static_cast<std::size_t>(corrected.accepted_revision) - 1].content,
            health_report(4500))
      << "accepted_revision names the content that was accepted";

  later("2021-05-02T10:00:00+08:00");
  const tz::Report accepted_again = ledger_.accept(coordinator(), key_);  // 5
  EXPECT_EQ(accepted_again.accepted_revision, 4);
  EXPECT_EQ(accepted_again.last_accepted, at("2021-05-02T10:00:00+08:00"));
  EXPECT_EQ(accepted_again.content(), health_report(4550));
  EXPECT_EQ(ledger_.history(key_)[3].content, health_report(4550));
  // As it stood between the correction and its acceptance.
  const auto between = ledger_.report_at(key_, at("2021-05-01T12:00:00+08:00"));
  ASSERT_TRUE(between);
  EXPECT_EQ(between->accepted_revision, 1);
  EXPECT_EQ(between->status(), tz::ReportStatus::submitted);

  // A second correction, returned by the coordinator, keeps pointing at revision 4.
  later("2021-06-01T10:00:00+08:00");
  ledger_.correct(reporter("health"), key_, health_report(4560), "再更正");  // 6
  later("2021-06-02T10:00:00+08:00");
  const tz::Report returned = ledger_.return_report(coordinator(), key_, "不同意更正");  // 7
  EXPECT_EQ(returned.accepted_revision, 4);
  EXPECT_EQ(returned.last_accepted, at("2021-05-02T10:00:00+08:00"));
}

// =============================================================================================
// 6. Queries.
// =============================================================================================

class LedgerReportsQueries : public LedgerReportsTest {
 protected:
  // Five reports in different states:
  //   education-sports 2021Q1 draft      initiative 2 (progress and values)
  //   health           2021Q1 accepted   initiative 1
  //   propaganda       2021Q1 returned   initiative 3 (values only)
  //   women-federation 2021Q1 draft      initiatives 1 and 3 (progress), 7 (values)
  //   health           2021Q2 draft      initiative 1
  void SetUp() override {
    LedgerReportsTest::SetUp();
    later("2021-04-06T09:00:00+08:00");
    ledger_.file(reporter("health"), linzi_key("health", "2021Q1"), health_report());
    later("2021-04-07T09:00:00+08:00");
    ledger_.save(reporter("education-sports"), linzi_key("education-sports", "2021Q1"),
                 content({progress(2, "大顺幼儿园主体完工")}, {number("2.1", Decimal(0))}));
    later("2021-04-08T09:00:00+08:00");
    ledger_.file(reporter("propaganda"), linzi_key("propaganda", "2021Q1"),
                 content({}, {number("3.2", Decimal(6)), number("3.6", Decimal(12000))}));
    later("2021-04-09T09:00:00+08:00");
    ledger_.save(reporter("women-federation"), linzi_key("women-federation", "2021Q1"),
                 content({progress(1, "配合宣传“两癌”检查"), progress(3, "评选美家超市")},
                         {number("7.1", Decimal(8))}));
    later("2021-04-12T09:00:00+08:00");
    ledger_.accept(coordinator(), linzi_key("health", "2021Q1"));
    ledger_.return_report(coordinator(), linzi_key("propaganda", "2021Q1"), "请附照片");
    later("2021-07-05T09:00:00+08:00");
    ledger_.save(reporter("health"), linzi_key("health", "2021Q2"), health_report(9100));
  }

  std::vector<std::string> listed(const tz::ReportFilter& filter) const {
    std::vector<std::string> out;
    for (const tz::Report& r : ledger_.reports(filter)) {
      out.push_back(r.key.unit + " " + r.key.period.to_string() + " " + tz::to_string(r.status()));
    }
    return out;
  }

  static tz::ReportFilter filter() {
    tz::ReportFilter f;
    f.plan = kLinzi;
    return f;
  }
};

using Listing = std::vector<std::string>;

TEST_F(LedgerReportsQueries, ListsEveryReportByPeriodThenUnit) {
  EXPECT_EQ(listed(filter()), (Listing{"education-sports 2021Q1 draft", "health 2021Q1 accepted",
                                       "propaganda 2021Q1 returned",
                                       "women-federation 2021Q1 draft", "health 2021Q2 draft"}));
  for (const tz::Report& r : ledger_.reports(filter())) {
    EXPECT_EQ(r, *ledger_.report(r.key)) << r.key.to_string();
  }
}

TEST_F(LedgerReportsQueries, FiltersByPeriod) {
  tz::ReportFilter f = filter();
  f.period = tz::Period::parse("2021Q1");
  EXPECT_EQ(listed(f), (Listing{"education-sports 2021Q1 draft", "health 2021Q1 accepted",
                                "propaganda 2021Q1 returned", "women-federation 2021Q1 draft"}));
  f.period = tz::Period::parse("2021Q2");
  EXPECT_EQ(listed(f), (Listing{"health 2021Q2 draft"}));
  f.period = tz::Period::parse("2021Q4");
  EXPECT_EQ(listed(f), Listing{});
}

TEST_F(LedgerReportsQueries, FiltersByUnit) {
  tz::ReportFilter f = filter();
  f.unit = "health";
  EXPECT_EQ(listed(f), (Listing{"health 2021Q1 accepted", "health 2021Q2 draft"}));
  f.unit = "finance";
  EXPECT_EQ(listed(f), Listing{});
  f.unit = "health";
  f.period = tz::Period::parse("2021Q2");
  EXPECT_EQ(listed(f), (Listing{"health 2021Q2 draft"}));
}

TEST_F(LedgerReportsQueries, FiltersByTheInitiativesTheContentCovers) {
  tz::ReportFilter f = filter();
  f.initiative = 1;
  EXPECT_EQ(listed(f), (Listing{"health 2021Q1 accepted", "women-federation 2021Q1 draft",
                                "health 2021Q2 draft"}));
  f.initiative = 3;  // propaganda by its values alone, women-federation by its progress
  EXPECT_EQ(listed(f), (Listing{"propaganda 2021Q1 returned", "women-federation 2021Q1 draft"}));
  f.initiative = 7;
  EXPECT_EQ(listed(f), (Listing{"women-federation 2021Q1 draft"}));
  f.initiative = 2;
  EXPECT_EQ(listed(f), (Listing{"education-sports 2021Q1 draft"}));
  f.initiative = 5;
  EXPECT_EQ(listed(f), Listing{});
}

TEST_F(LedgerReportsQueries, FiltersByStatus) {
  tz::ReportFilter f = filter();
  f.status = tz::ReportStatus::draft;
  EXPECT_EQ(listed(f), (Listing{"education-sports 2021Q1 draft", "women-federation 2021Q1 draft",
                                "health 2021Q2 draft"}));
  f.status = tz::ReportStatus::accepted;
  EXPECT_EQ(listed(f), (Listing{"health 2021Q1 accepted"}));
  f.status = tz::ReportStatus::returned;
  EXPECT_EQ(listed(f), (Listing{"propaganda 2021Q1 returned"}));
  f.status = tz::ReportStatus::submitted;
  EXPECT_EQ(listed(f), Listing{});
  f.status = tz::ReportStatus::draft;
  f.initiative = 1;
  f.period = tz::Period::parse("2021Q1");
  EXPECT_EQ(listed(f), (Listing{"women-federation 2021Q1 draft"}));
}

TEST_F(LedgerReportsQueries, ListsReportsAsTheyStoodAtATime) {
  tz::ReportFilter f = filter();
  f.recorded_at = at("2021-04-06T08:59:59.999+08:00");
  EXPECT_EQ(listed(f), Listing{});
  f.recorded_at = at("2021-04-08T09:00:00+08:00");
  EXPECT_EQ(listed(f), (Listing{"education-sports 2021Q1 draft", "health 2021Q1 submitted",
                                "propaganda 2021Q1 submitted"}));
  f.recorded_at = at("2021-04-10T00:00:00+08:00");
  f.status = tz::ReportStatus::submitted;
  EXPECT_EQ(listed(f), (Listing{"health 2021Q1 submitted", "propaganda 2021Q1 submitted"}));
  f.status.reset();
  f.initiative = 1;
  EXPECT_EQ(listed(f), (Listing{"health 2021Q1 submitted", "women-federation 2021Q1 draft"}));
  // Each report as recorded then equals report_at.
  f.initiative.reset();
  for (const tz::Report& r : ledger_.reports(f)) {
    EXPECT_EQ(r, *ledger_.report_at(r.key, *f.recorded_at)) << r.key.to_string();
  }
  // The content as it stood: a later edit does not show.
  later("2021-07-06T09:00:00+08:00");
  ledger_.save(reporter("health"), linzi_key("health", "2021Q2"), health_report(9200));
  tz::ReportFilter q2 = filter();
  q2.period = tz::Period::parse("2021Q2");
  q2.recorded_at = at("2021-07-05T12:00:00+08:00");
  const std::vector<tz::Report> then = ledger_.reports(q2);
  ASSERT_EQ(then.size(), 1U);
  EXPECT_EQ(then[0].content(), health_report(9100));
  q2.recorded_at.reset();
  EXPECT_EQ(ledger_.reports(q2).at(0).content(), health_report(9200));
}

TEST_F(LedgerReportsQueries, KeepsReportsOfOtherPlansApart) {
  ledger_.import_plan(admin(), small_plan(), "测试计划");
  ledger_.save(reporter("health"), small_key("health", "2022-01"),
               content({}, {number("1.1", Decimal(150))}));
  tz::ReportFilter small;
  small.plan = kSmall;
  const std::vector<tz::Report> listed_small = ledger_.reports(small);
  ASSERT_EQ(listed_small.size(), 1U);
  EXPECT_EQ(listed_small[0].key, small_key("health", "2022-01"));
  EXPECT_EQ(ledger_.reports(filter()).size(), 5U);
}

TEST_F(LedgerReportsQueries, ChineseTextRoundTripsExactly) {
  const std::string narrative =
      "一、“两癌”免费检查：第二季度完成4600人，累计9100人——完成全年任务的50.6%。\n"
      "二、救助：对确诊的2名贫困妇女各救助1万元、《救助办法》见附件；\r\n"
      "\t三、下一步：继续做好筛查、随访（金山镇、凤凰镇）……";
  tz::TargetValue screened = number("1.1", Decimal(9100), "人");
  screened.comment = "含金山镇、凤凰镇、敬仲镇——共3个镇；\n数据来源：妇幼保健院";
  screened.evidence = "临卫发〔2021〕12号 https://example.org/附件一.pdf";
  tz::TargetValue rescue = stage("1.2", "推进中");
  rescue.comment = "「救助」已发放2人";
  const tz::ReportContent c = content({progress(1, narrative, tz::Date::make(2021, 11, 30)),
                                       progress(10, "“健康科普进家庭”活动12场")},
                                      {screened, rescue});
  const tz::ReportKey key = linzi_key("health", "2021Q3");
  const tz::Report saved = ledger_.save(reporter("health"), key, c);
  const std::optional<tz::Report> read_back = ledger_.report(key);
  ASSERT_TRUE(read_back);
  const tz::ReportContent& back = read_back->content();
  ASSERT_EQ(back.progress.size(), 2U);
  EXPECT_EQ(back.progress[0].narrative, narrative);
  EXPECT_EQ(back.progress[0].narrative.size(), narrative.size());
  EXPECT_EQ(back.progress[0].expected_completion, tz::Date::make(2021, 11, 30));
  EXPECT_EQ(back.progress[1].narrative, "“健康科普进家庭”活动12场");
  ASSERT_EQ(back.values.size(), 2U);
  EXPECT_EQ(back.values[0].comment, screened.comment);
  EXPECT_EQ(back.values[0].evidence, screened.evidence);
  EXPECT_EQ(back.values[0].filed_unit, "人");
  EXPECT_EQ(back.values[1].comment, "「救助」已发放2人");
  EXPECT_EQ(back, saved.content());
  EXPECT_EQ(ledger_.history(key).at(0).content, saved.content());
  tz::ReportFilter f = filter();
  f.period = tz::Period::parse("2021Q3");
  EXPECT_EQ(ledger_.reports(f).at(0).content(), saved.content());
}

TEST_F(LedgerReportsQueries, ChineseTextRoundTripsThroughAFile) {
  const tz::test::TempDir dir;
  const std::filesystem::path path = dir / "台账.sqlite";
  const tz::ReportKey key = linzi_key("culture-tourism", "2021Q2");
  const tz::ReportContent c =
      content({progress(9, "举办“第四届中华经典诵读大赛”——复赛已完成；\n城市书房选址确定。")},
              {stage("9.1", "基本完成"), number("9.4", Decimal(12))});
  {
    tz::Ledger file_ledger = tz::test::linzi_ledger(clock_, path);
    file_ledger.file(reporter("culture-tourism"), key, c);
  }
  tz::LedgerOptions options;
  options.read_only = true;
  const tz::Ledger reopened = tz::Ledger::open(path, options);
  ASSERT_TRUE(reopened.report(key));
  EXPECT_EQ(reopened.report(key)->content(), c);
  EXPECT_EQ(reopened.plan(kLinzi), tz::test::linzi_plan());
  EXPECT_TRUE(reopened.verify().ok);
}

// =============================================================================================
// 7. Plan versions.
// =============================================================================================

class LedgerReportsPlans : public LedgerReportsTest {
 protected:
  // The plan as the district changed it in June: 1.1 raised from 18000 to 20000, initiative 2 due
  // by the end of September, and 区妇幼保健院 (a unit new to the catalogue) co-responsible for 1.
  static tz::Plan changed_plan() {
    tz::Plan p = tz::test::linzi_plan();
    p.units.push_back(hospital());
    p.initiatives[0].assignments.push_back(
        {"maternal-child-hospital", tz::AssignmentRole::co_responsible, "保健部", "王芳"});
    p.initiatives[0].targets[0].value = Decimal(20000);
    p.initiatives[1].deadline = tz::Date::make(2021, 9, 30);
    return p;
  }
  static tz::Unit hospital() {
    return {"maternal-child-hospital", "区妇幼保健院", tz::UnitKind::institution, "", ""};
  }
};

TEST_F(LedgerReportsPlans, AnUpdateKeepsEveryVersionAndDatesIt) {
  const tz::Timestamp imported = at("2021-03-01T09:00:00+08:00");
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  accepted(key, health_report());
  const tz::Report before_update = *ledger_.report(key);
  const tz::ReportKey hospital_key = linzi_key("maternal-child-hospital", "2021Q2");
  const tz::ReportContent hospital_report =
      content({progress(1, "承担全区“两癌”检查的阴道镜复查")}, {});
  EXPECT_THROW(ledger_.save(reporter("maternal-child-hospital"), hospital_key, hospital_report),
               tz::PermissionDenied);

  later("2021-06-01T10:00:00+08:00");
  const tz::Timestamp updated = clock_.now();
  ledger_.update_plan(admin(), changed_plan(), "区政府办公室调整年度目标");

  const std::vector<tz::PlanVersion> history = ledger_.plan_history(kLinzi);
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].version, 1);
  EXPECT_EQ(history[0].recorded_at, imported);
  EXPECT_EQ(history[0].reason, "通知印发");
  EXPECT_EQ(history[0].actor, admin());
  EXPECT_EQ(history[0].plan, tz::test::linzi_plan());
  EXPECT_EQ(history[1].version, 2);
  EXPECT_EQ(history[1].recorded_at, updated);
  EXPECT_EQ(history[1].reason, "区政府办公室调整年度目标");
  EXPECT_EQ(history[1].plan, changed_plan());
  EXPECT_FALSE(history[0].hash.empty());
  EXPECT_NE(history[0].hash, history[1].hash);

  EXPECT_THROW((void)ledger_.plan_at(kLinzi, imported - milliseconds(1)), tz::NotFoundError);
  EXPECT_EQ(ledger_.plan_at(kLinzi, imported), tz::test::linzi_plan());
  EXPECT_EQ(ledger_.plan_at(kLinzi, updated - milliseconds(1)), tz::test::linzi_plan());
  EXPECT_EQ(ledger_.plan_at(kLinzi, updated), changed_plan());
  EXPECT_EQ(ledger_.plan(kLinzi), changed_plan());

  const tz::Plan now = ledger_.plan(kLinzi);
  EXPECT_EQ(now.find_target("1.1")->value, Decimal(20000));
  EXPECT_EQ(ledger_.plan_at(kLinzi, updated - hours(1)).find_target("1.1")->value, Decimal(18000));
  EXPECT_EQ(now.deadline_of(now.initiatives[1], now.initiatives[1].targets[0]),
            tz::Date::make(2021, 9, 30));
  EXPECT_NE(now.find_initiative(1)->find_assignment("maternal-child-hospital"), nullptr);

  const std::vector<tz::PlanSummary> plans = ledger_.plans();
  ASSERT_EQ(plans.size(), 1U);
  EXPECT_EQ(plans[0].versions, 2);
  EXPECT_EQ(plans[0].imported_at, imported);
  EXPECT_EQ(plans[0].updated_at, updated);

  // The new unit joined the catalogue, once.
  EXPECT_EQ(ledger_.units().size(), 17U);
  EXPECT_EQ(ledger_.unit("maternal-child-hospital"), hospital());

  // Reports filed under version 1 stay as they were filed.
  EXPECT_EQ(*ledger_.report(key), before_update);
  // And the new co-responsible unit may now report on initiative 1.
  later("2021-07-05T10:00:00+08:00");
  EXPECT_EQ(
      ledger_.save(reporter("maternal-child-hospital"), hospital_key, hospital_report).content(),
      hospital_report);

  const tz::VerifyResult verified = ledger_.verify();
  EXPECT_TRUE(verified.ok) << verified.first_mismatch;
  EXPECT_EQ(verified.plan_versions_checked, 2);
}

TEST_F(LedgerReportsPlans, ADraftMustStillHoldUnderTheCurrentPlanWhenSubmitted) {
  // 区卫健局 drafts its progress on initiative 10; then the plan hands initiative 10 to 区教体局.
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  ledger_.save(reporter("health"), key, content({progress(10, "开展健康科普宣传5场")}, {}));
  tick();
  tz::Plan moved = tz::test::linzi_plan();
  moved.initiatives[9].assignments = {{"education-sports", tz::AssignmentRole::lead, "", ""}};
  ledger_.update_plan(admin(), moved, "第十项改由区教体局牵头");
  tick();
  EXPECT_REFUSED(tz::PermissionDenied, ledger_, key, ledger_.submit(reporter("health"), key),
                 {"initiative 10"});
  EXPECT_EQ(ledger_.report(key)->status(), tz::ReportStatus::draft);
  // The draft as saved under version 1 is kept; a new draft on initiative 1 can be handed in.
  EXPECT_EQ(ledger_.history(key).at(0).content, content({progress(10, "开展健康科普宣传5场")}, {}));
  ledger_.save(reporter("health"), key, health_report());
  EXPECT_EQ(ledger_.submit(reporter("health"), key).status(), tz::ReportStatus::submitted);
}

TEST_F(LedgerReportsPlans, AnUpdateThatChangesNothingIsAConflict) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  EXPECT_REFUSED(tz::ConflictError, ledger_, key,
                 ledger_.update_plan(admin(), tz::test::linzi_plan(), "无变化"),
                 {"changes nothing", kLinzi});
  ledger_.update_plan(admin(), changed_plan(), "调整");
  tick();
  EXPECT_REFUSED(tz::ConflictError, ledger_, key,
                 ledger_.update_plan(admin(), changed_plan(), "再次提交同一版本"),
                 {"changes nothing"});
  EXPECT_EQ(ledger_.plan_history(kLinzi).size(), 2U);
}

// After put_unit renames a unit, plan() shows the new name; handing that plan back unchanged
// changes nothing and must be refused like any other empty edit.
TEST_F(LedgerReportsPlans, AnUpdateThatChangesNothingAfterARenameIsAConflict) {
  ledger_.put_unit(admin(), {"health", "区卫生健康局", tz::UnitKind::bureau, "", ""});
  tick();
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  EXPECT_REFUSED(tz::ConflictError, ledger_, key,
                 ledger_.update_plan(admin(), ledger_.plan(kLinzi), "无变化"), {"changes nothing"});
  EXPECT_EQ(ledger_.plan_history(kLinzi).size(), 1U);
}

TEST_F(LedgerReportsPlans, PlanVersionTimesNeverGoBackwards) {
  later("2021-01-01T00:00:00+08:00");  // before the import: refused, nothing written
  EXPECT_THROW(ledger_.update_plan(admin(), changed_plan(), "调整"), tz::ValidationError);
  later("2021-03-01T08:55:00+08:00");  // a clock's drift of minutes is the last record's time
  ledger_.update_plan(admin(), changed_plan(), "调整");
  const std::vector<tz::PlanVersion> history = ledger_.plan_history(kLinzi);
  ASSERT_EQ(history.size(), 2U);
  EXPECT_GE(history[1].recorded_at, history[0].recorded_at);
  EXPECT_EQ(ledger_.plan(kLinzi), changed_plan());
  EXPECT_EQ(ledger_.plan_at(kLinzi, history[1].recorded_at), changed_plan());
}

TEST_F(LedgerReportsPlans, UpdatingAnUnknownPlanIsNotFound) {
  tz::Plan other = changed_plan();
  other.code = "linzi-2020-women-children";
  EXPECT_REFUSED(tz::NotFoundError, ledger_, linzi_key("health", "2021Q1"),
                 ledger_.update_plan(admin(), other, "调整"), {"\"linzi-2020-women-children\""});
  EXPECT_FALSE(ledger_.unit("maternal-child-hospital")) << "its new unit was not added";
}

TEST_F(LedgerReportsPlans, RefusesAnInvalidUpdate) {
  tz::Plan bad = changed_plan();
  bad.initiatives[0].targets[0].value = Decimal(-1);
  EXPECT_REFUSED(tz::ValidationError, ledger_, linzi_key("health", "2021Q1"),
                 ledger_.update_plan(admin(), bad, "调整"), {"initiatives[0].targets[0].value"});
  EXPECT_FALSE(ledger_.unit("maternal-child-hospital"));
}

TEST_F(LedgerReportsPlans, RefusesASecondPlanThatRedefinesAUnit) {
  tz::Plan second = small_plan();
  // The new unit comes first, so that it would be written before the conflict is found.
  std::rotate(second.units.begin(), second.units.end() - 1, second.units.end());
  ASSERT_EQ(second.units[0].code, "maternal-child-hospital");
  for (tz::Unit& u : second.units) {
    if (u.code == "health") u.name = "区卫生健康局";
  }
  const tz::ReportKey key = small_key("health", "2022-01");
  EXPECT_REFUSED(tz::ConflictError, ledger_, key, ledger_.import_plan(admin(), second, "测试"),
                 {"\"health\"", "区卫生健康局", "区卫健局"});
  EXPECT_FALSE(ledger_.unit("maternal-child-hospital"));
  EXPECT_EQ(ledger_.plans().size(), 1U);
  EXPECT_THROW((void)ledger_.plan(kSmall), tz::NotFoundError);
  // A different kind is a different unit too.
  tz::Plan kind = small_plan();
  for (tz::Unit& u : kind.units) {
    if (u.code == "women-federation") u.kind = tz::UnitKind::bureau;
  }
  EXPECT_REFUSED(tz::ConflictError, ledger_, key, ledger_.import_plan(admin(), kind, "测试"),
                 {"\"women-federation\""});
  // Importing the same plan twice is a conflict.
  EXPECT_REFUSED(tz::ConflictError, ledger_, key,
                 ledger_.import_plan(admin(), tz::test::linzi_plan(), "再次导入"),
                 {"already in the ledger"});
}

TEST_F(LedgerReportsPlans, PutUnitRenamesAUnitForEveryPlan) {
  const tz::Unit renamed{"health", "区卫生健康局", tz::UnitKind::bureau, "", "临淄区卫生健康局"};
  ledger_.put_unit(admin(), renamed);
  EXPECT_EQ(ledger_.unit("health"), renamed);
  EXPECT_EQ(ledger_.units().size(), 16U);
  const tz::Plan plan = ledger_.plan(kLinzi);
  ASSERT_NE(plan.find_unit("health"), nullptr);
  EXPECT_EQ(*plan.find_unit("health"), renamed);
  EXPECT_EQ(plan.find_unit("finance")->name, "区财政局");
  EXPECT_EQ(ledger_.plan_history(kLinzi).size(), 1U) << "a rename is not a plan version";
  // A second plan that names the unit as the catalogue now does imports cleanly.
  tz::Plan second = small_plan();
  for (tz::Unit& u : second.units) {
    if (u.code == "health") u = renamed;
  }
  ledger_.import_plan(admin(), second, "测试");
  EXPECT_EQ(*ledger_.plan(kSmall).find_unit("health"), renamed);
  // A unit can be added to the catalogue alone, under a parent.
  const tz::Unit street{"qiling-street", "齐陵街道", tz::UnitKind::street, "health", ""};
  ledger_.put_unit(admin(), street);
  EXPECT_EQ(ledger_.unit("qiling-street"), street);
  EXPECT_EQ(ledger_.units().size(), 18U);
  // Reports name units by code; reporting still works.
  EXPECT_EQ(ledger_.save(reporter("health"), linzi_key("health", "2021Q1"), health_report()).key,
            linzi_key("health", "2021Q1"));
}

// The plan's own units may not form a cycle of parents (validate()); neither may the catalogue.
TEST_F(LedgerReportsPlans, PutUnitRefusesACycleOfParents) {
  ledger_.put_unit(admin(), {"qiling-street", "齐陵街道", tz::UnitKind::street, "health", ""});
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  const tz::Unit cycle{"health", "区卫健局", tz::UnitKind::bureau, "qiling-street", ""};
  const Stored before = stored(ledger_, key);
  const auto e = thrown<tz::ValidationError>([&] { ledger_.put_unit(admin(), cycle); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->where().path, "parent");
  EXPECT_TRUE(Contains(e->what(), "cycle"));
  EXPECT_NOTHING_WRITTEN(ledger_, key, before);
  EXPECT_EQ(ledger_.unit("health")->parent, "");
}

TEST_F(LedgerReportsPlans, PutUnitRefusesABadCodeOrAnUnknownParent) {
  const tz::ReportKey key = linzi_key("health", "2021Q1");
  struct Case {
    tz::Unit unit;
    std::vector<std::string> paths;
    std::string mention;
  };
  const std::vector<Case> cases{
      {{"bad code", "某单位", tz::UnitKind::bureau, "", ""}, {"code"}, "\"bad code\""},
      {{"", "某单位", tz::UnitKind::bureau, "", ""}, {"code"}, "code"},
      {{"-leading", "某单位", tz::UnitKind::bureau, "", ""}, {"code"}, "\"-leading\""},
      {{"qiling-street", "齐陵街道", tz::UnitKind::street, "qiling-district", ""},
       {"parent"},
       "\"qiling-district\""},
      {{"health", "区卫健局", tz::UnitKind::bureau, "health", ""}, {"parent"}, "\"health\""},
      {{"qiling-street", " ", tz::UnitKind::street, "", ""}, {"name"}, "empty"},
      {{"qiling-street", "齐陵\0街道"s, tz::UnitKind::street, "", ""}, {"name"}, "NUL"},
      {{"bad code", "", tz::UnitKind::street, "nowhere", ""},
       {"code", "name", "parent"},
       "\"nowhere\""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE("unit \"" + c.unit.code + "\"");
    const Stored before = stored(ledger_, key);
    const auto e = thrown<tz::ValidationError>([&] { ledger_.put_unit(admin(), c.unit); });
    ASSERT_TRUE(e);
    EXPECT_EQ(paths(*e), c.paths) << e->what();
    EXPECT_EQ(e->where().path, c.paths.front());
    EXPECT_TRUE(Contains(e->what(), c.mention));
    EXPECT_NOTHING_WRITTEN(ledger_, key, before);
  }
  EXPECT_EQ(ledger_.unit("health")->parent, "");
}

// =============================================================================================
// 8. The unit catalogue is shared across plans.
// =============================================================================================

class LedgerReportsUnits : public LedgerReportsTest {};

TEST_F(LedgerReportsUnits, ASecondPlanSharesTheCatalogue) {
  const std::vector<tz::Unit> before = ledger_.units();
  ASSERT_EQ(before.size(), 16U);
  ledger_.import_plan(admin(), small_plan(), "测试计划");

  const std::vector<tz::Unit> after = ledger_.units();
  std::set<std::string> codes;
  for (const tz::Unit& u : after) {
    EXPECT_TRUE(codes.insert(u.code).second) << "unit " << u.code << " is listed twice";
  }
  EXPECT_EQ(after.size(), 17U);
  EXPECT_EQ(codes.count("maternal-child-hospital"), 1U);
  for (const tz::Unit& u : before) {
    EXPECT_EQ(ledger_.unit(u.code), u) << "unit " << u.code << " changed";
  }
  EXPECT_TRUE(std::is_sorted(after.begin(), after.end(),
                             [](const tz::Unit& a, const tz::Unit& b) { return a.code < b.code; }));

  const std::vector<tz::PlanSummary> plans = ledger_.plans();
  ASSERT_EQ(plans.size(), 2U);
  EXPECT_EQ(plans[0].code, kLinzi);
  EXPECT_EQ(plans[0].year, 2021);
  EXPECT_EQ(plans[1].code, kSmall);
  EXPECT_EQ(plans[1].year, 2022);

  // One unit, one name, in both plans.
  ledger_.put_unit(
      admin(), {"women-federation", "临淄区妇女联合会", tz::UnitKind::mass_organisation, "", ""});
  EXPECT_EQ(ledger_.plan(kLinzi).find_unit("women-federation")->name, "临淄区妇女联合会");
  EXPECT_EQ(ledger_.plan(kSmall).find_unit("women-federation")->name, "临淄区妇女联合会");
  EXPECT_EQ(ledger_.units().size(), 17U);

  // A unit reports in each plan on the initiatives it holds there.
  ledger_.save(reporter("women-federation"), small_key("women-federation", "2022-02"),
               content({progress(1, "“三八”节健康讲座")}, {}));
  ledger_.save(reporter("women-federation"), linzi_key("women-federation", "2021Q1"),
               content({progress(7, "技能培训8场")}, {}));
  EXPECT_EQ(ledger_.verify().revisions_checked, 2);
}

}  // namespace
