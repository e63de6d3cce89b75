// Drafting a plan from a notice's text (taizhang/draft.hpp).
//
// 1. Accuracy on the three real notices of tests/data/notices/: for each, an expected list written
//    by hand from the notice (not from the drafter's output, nor for Linzi from the JSON), and the
//    precision and recall of the draft against it, printed and held to the measured figures
//    (docs/drafting.md quotes them). On Linzi the draft must also match the hand-encoded plan
//    examples/plans/linzi-2021.json in every initiative, unit and numeric target.
// 2. One test per pattern the drafter reads: numbering styles, responsibility blocks and the
//    table, deadlines, numerals and qualifiers, the numbers that are not targets, pasted text.
// 3. Robustness: random bytes, random Chinese, every truncation of the Linzi notice.
#include "taizhang/draft.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "taizhang/taizhang.hpp"
#include "test_support.hpp"

namespace tz = taizhang;
using tz::test::read_text;
using tz::test::source_path;

namespace {

std::string notice(const std::string& name) {
  return read_text(source_path("tests/data/notices/" + name));
}

// The name of a unit of the draft, by its code.
std::string unit_name(const tz::Plan& plan, const std::string& code) {
  const tz::Unit* u = plan.find_unit(code);
  return u == nullptr ? "?" + code : u->name;
}

// The units of an initiative as "name/lead" or "name/co".
std::vector<std::string> roles(const tz::Plan& plan, const tz::Initiative& init) {
  std::vector<std::string> out;
  for (const tz::Assignment& a : init.assignments) {
    out.push_back(unit_name(plan, a.unit) + (a.role == tz::AssignmentRole::lead ? "/lead" : "/co"));
  }
  return out;
}

// A numeric target as one comparable line: "18000 名 count absolute incremental".
std::string target_key(const std::string& value, const std::string& unit, tz::Measure measure,
                       tz::TargetForm form, tz::Accumulation accumulation) {
  return tz::Decimal::parse(value).to_string() + " " + unit + " " + tz::to_string(measure) + " " +
         tz::to_string(form) + " " + tz::to_string(accumulation);
}
std::string target_key(const tz::Target& t) {
  return target_key(t.value ? t.value->to_string() : "0", t.unit, t.measure, t.form,
                    t.accumulation);
}

// The numeric targets of an initiative (milestones and qualitative ones left out).
std::vector<std::string> numeric_targets(const tz::Initiative& init) {
  std::vector<std::string> out;
  for (const tz::Target& t : init.targets) {
    if (t.is_numeric()) out.push_back(target_key(t));
  }
  return out;
}

bool has_errors(const tz::Plan& plan) {
  const std::vector<tz::Issue> issues = tz::validate(plan);
  return std::any_of(issues.begin(), issues.end(),
                     [](const tz::Issue& i) { return i.severity == tz::Issue::Severity::error; });
}

std::string all_findings(const tz::Draft& d) {
  std::string out;
  for (const tz::Finding& f : d.findings) out += f.to_string() + "\n";
  return out;
}

// ---- 1. accuracy on the three notices ---------------------------------------------------------

// What a notice says, written by hand from its text.
struct ExpectedTarget {
  std::string value;
  std::string unit;
  tz::Measure measure = tz::Measure::count;
  tz::TargetForm form = tz::TargetForm::absolute;
  tz::Accumulation accumulation = tz::Accumulation::incremental;
};
struct ExpectedItem {
  std::string title;
  std::vector<std::string> units;  // "name/lead", "name/co", in the notice's order
  std::vector<ExpectedTarget> targets;
};

constexpr auto kMoney = tz::Measure::money;
constexpr auto kPercent = tz::Measure::percent;
constexpr auto kCount = tz::Measure::count;
constexpr auto kAbsolute = tz::TargetForm::absolute;
constexpr auto kRisePercent = tz::TargetForm::rise_percent;
constexpr auto kIncremental = tz::Accumulation::incremental;
constexpr auto kCumulative = tz::Accumulation::cumulative;
constexpr auto kLevel = tz::Accumulation::level;

// 临淄区 2021: ten items in prose, 一、 numbering, （责任单位：…） blocks, the first unit leads.
const std::vector<ExpectedItem>& linzi_expected() {
  static const std::vector<ExpectedItem> items = {
      {"继续实施“两癌”免费检查和救助行动",
       {"区卫健局/lead", "区财政局/co", "区民政局/co", "临淄医保分局/co", "区妇联/co"},
       {{"18000", "名"}}},  // not 35—64岁
      {"优化教育资源配置",
       {"区教体局/lead", "区财政局/co"},
       {{"3", "所"},  // three kindergartens named, no figure written
        {"36", "班"},
        {"1260", "名"},
        {"14", "所"},
        {"30", "班"},
        {"960", "名"}}},
      {"开展乡村美学教育活动",
       {"区委宣传部/lead", "区妇联/co", "区教体局/co", "区文旅局/co"},
       {{"20", "名"},
        {"60", "家"},
        {"16000", "户", kCount, kAbsolute, kCumulative},  // 累计…1.6万户
        {"10", "条"}}},
      {"实施孤困残疾儿童救助项目",
       {"区民政局/lead", "区残联/co"},
       // Three standards 分别提高10%; 143 children (not 17周岁); the subsidies per child are
       // parameters, not targets.
       {{"10", "元", kMoney, kRisePercent, kLevel},
        {"10", "元", kMoney, kRisePercent, kLevel},
        {"10", "元", kMoney, kRisePercent, kLevel},
        {"143", "名"}}},
      {"提升城市功能品质", {"区综合行政执法局/lead"}, {{"12", "亿元", kMoney}, {"39", "个"}}},
      {"实施妇女儿童关爱项目", {"区总工会/lead", "团区委/co"}, {{"3", "处"}}},  // not 8—14岁
      {"提高妇女就业创业能力",
       {"区妇联/lead", "区农业农村局/co", "区人社局/co"},
       {{"31", "场"}, {"1100", "人"}, {"12", "场"}, {"500", "人"}}},
      {"加强青少年校外活动场所建设", {"区科协/lead"}, {{"1", "处"}, {"2", "个"}, {"5", "个"}}},
      {"加强书香临淄建设",
       {"区文旅局/lead", "区妇联/co"},
       {{"1", "处"}, {"20", "处"}}},  // not 第四届, nor 百年百部 (quoted)
      {"提高妇女儿童体质健康水平", {"区卫健局/lead", "区教体局/co"}, {}},
  };
  return items;
}

// 大竹县 2016: a table with one cell per line (序号 / 民生实事 / 责任单位 / 完成时限).
const std::vector<ExpectedItem>& dazhu_expected() {
  static const std::vector<ExpectedItem> items = {
      {"启动建设东柳河城区段综合治理工程和东湖湿地公园",
       {"县水务局/lead", "县住建局/co", "县护城河指挥部/co"},
       {}},
      {"新建2座人行天桥", {"县住建局/lead"}, {{"2", "座"}}},
      {"启动县图书馆新馆建设", {"县文体广新局/lead", "县代建中心/co"}, {}},
      {"建成县残疾人综合服务中心", {"县残联/lead"}, {}},
      {"开工建设县老年养护楼", {"县民政局/lead"}, {}},
      {"迁建县政务服务中心", {"县政务服务中心/lead", "县代建中心/co"}, {}},
      {"加快推进土地滩水库建设", {"县水务局/lead"}, {}},
      {"启动大竹县第十二小学建设,新建中心幼儿园2所",  // not 第十二
       {"县教科局/lead", "县代建中心/co"},
       {{"2", "所"}}},
      {"完成棚户区改造2836户", {"县住建局/lead"}, {{"2836", "户"}}},
      {"城区再新建1个农贸市场", {"县商务局/lead"}, {{"1", "个"}}},
  };
  return items;
}

// 费县 2024 (cut off inside item 四): numbered prose on one line, （牵头单位：…，责任单位：…）.
const std::vector<ExpectedItem>& feixian_expected() {
  static const std::vector<ExpectedItem> items = {
      {"开展0-6岁儿童孤独症筛查",
       {"县卫生健康局/lead", "各乡镇人民政府/co", "费城街道办事处/co"},
       {{"30000", "名"}, {"60", "%", kPercent, kAbsolute, kLevel}}},  // not 2024年, 0-6岁
      {"开展适龄妇女“两癌”免费筛查和低收入“两癌”妇女救助",
       {"县卫生健康局/lead", "县妇联/lead", "县委宣传部/co", "县发改局/co", "县公安局/co",
        "县民政局/co", "县财政局/co", "县农业农村局/co", "县医保局/co"},
       {{"33000", "名"}, {"50", "人"}}},  // not 35—64岁
      {"开展妇女儿童体质监测", {"县体育中心/lead"}, {{"300", "名"}}},
      // Cut off: no units in what is there; 每季度召开一次 is a rate, not a target.
      {"加强孤困儿童关爱帮扶,持续深化“孤困儿童关爱一包到底”", {}, {}},
  };
  return items;
}

struct Score {
  std::size_t expected = 0;
  std::size_t drafted = 0;
  std::size_t matched = 0;
  [[nodiscard]] double precision() const {
    return drafted == 0 ? 1.0 : static_cast<double>(matched) / static_cast<double>(drafted);
  }
  [[nodiscard]] double recall() const {
    return expected == 0 ? 1.0 : static_cast<double>(matched) / static_cast<double>(expected);
  }
  void add(const std::vector<std::string>& want, std::vector<std::string> got) {
    expected += want.size();
    drafted += got.size();
    for (const std::string& w : want) {
      const auto at = std::find(got.begin(), got.end(), w);
      if (at != got.end()) {
        ++matched;
        got.erase(at);
      }
    }
  }
  Score& operator+=(const Score& o) {
    expected += o.expected;
    drafted += o.drafted;
    matched += o.matched;
    return *this;
  }
};

struct Accuracy {
  Score initiatives;  // number and title
  Score units;        // initiative × unit name × role
  Score targets;      // initiative × value × unit of measure × measure × form × accumulation
  [[nodiscard]] Score all() const {
    Score s = initiatives;
    s += units;
    s += targets;
    return s;
  }
};

// The placeholder the draft assigns when a notice names no unit: flagged, not a claim.
constexpr std::string_view kPlaceholder = "责任单位（待定）";

Accuracy measure(const tz::Plan& plan, const std::vector<ExpectedItem>& expected) {
  Accuracy a;
  std::vector<std::string> want_items;
  std::vector<std::string> got_items;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    want_items.push_back(std::to_string(i + 1) + " " + expected[i].title);
  }
  for (const tz::Initiative& init : plan.initiatives) {
    got_items.push_back(std::to_string(init.number) + " " + init.title);
  }
  a.initiatives.add(want_items, got_items);
  const std::size_t n = std::max(expected.size(), plan.initiatives.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string prefix = std::to_string(i + 1) + " ";
    std::vector<std::string> want_units;
    std::vector<std::string> want_targets;
    if (i < expected.size()) {
      for (const std::string& u : expected[i].units) want_units.push_back(prefix + u);
      for (const ExpectedTarget& t : expected[i].targets) {
        want_targets.push_back(prefix +
                               target_key(t.value, t.unit, t.measure, t.form, t.accumulation));
      }
    }
    std::vector<std::string> got_units;
    std::vector<std::string> got_targets;
    if (i < plan.initiatives.size()) {
      for (const std::string& u : roles(plan, plan.initiatives[i])) {
        if (!u.starts_with(kPlaceholder)) got_units.push_back(prefix + u);
      }
      for (const std::string& t : numeric_targets(plan.initiatives[i])) {
        got_targets.push_back(prefix + t);
      }
    }
    a.units.add(want_units, got_units);
    a.targets.add(want_targets, got_targets);
  }
  return a;
}

std::string figures(const Score& s) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "precision %.3f (%zu/%zu)  recall %.3f (%zu/%zu)",
                s.precision(), s.matched, s.drafted, s.recall(), s.matched, s.expected);
  return buffer;
}

// Prints the figures (docs/drafting.md quotes these lines) and returns the accuracy.
Accuracy report(const std::string& name, const tz::Plan& plan,
                const std::vector<ExpectedItem>& expected) {
  const Accuracy a = measure(plan, expected);
  std::printf("[accuracy] %s initiatives: %s\n", name.c_str(), figures(a.initiatives).c_str());
  std::printf("[accuracy] %s units:       %s\n", name.c_str(), figures(a.units).c_str());
  std::printf("[accuracy] %s targets:     %s\n", name.c_str(), figures(a.targets).c_str());
  std::printf("[accuracy] %s all:         %s\n", name.c_str(), figures(a.all()).c_str());
  return a;
}

// Shows what differs, item by item, when a threshold fails.
std::string differences(const tz::Plan& plan, const std::vector<ExpectedItem>& expected) {
  std::string out;
  const std::size_t n = std::max(expected.size(), plan.initiatives.size());
  for (std::size_t i = 0; i < n; ++i) {
    out += "item " + std::to_string(i + 1) + "\n  expected:";
    if (i < expected.size()) {
      out += " " + expected[i].title + " |";
      for (const std::string& u : expected[i].units) out += " " + u;
      out += " |";
      for (const ExpectedTarget& t : expected[i].targets) {
        out += " [" + target_key(t.value, t.unit, t.measure, t.form, t.accumulation) + "]";
      }
    }
    out += "\n  drafted: ";
    if (i < plan.initiatives.size()) {
      const tz::Initiative& init = plan.initiatives[i];
      out += " " + init.title + " |";
      for (const std::string& u : roles(plan, init)) out += " " + u;
      out += " |";
      for (const std::string& t : numeric_targets(init)) out += " [" + t + "]";
    }
    out += "\n";
  }
  return out;
}

TEST(DraftAccuracy, Linzi2021) {
  const tz::Draft d = tz::draft_plan(notice("linzi-2021-women-children.txt"));
  const Accuracy a = report("linzi-2021", d.plan, linzi_expected());
  EXPECT_DOUBLE_EQ(a.all().precision(), 1.0) << differences(d.plan, linzi_expected());
  EXPECT_DOUBLE_EQ(a.all().recall(), 1.0) << differences(d.plan, linzi_expected());
  EXPECT_FALSE(d.truncated);
  EXPECT_FALSE(has_errors(d.plan));
}

TEST(DraftAccuracy, Dazhu2016Table) {
  const tz::Draft d = tz::draft_plan(notice("dazhu-2016-livelihood.txt"));
  const Accuracy a = report("dazhu-2016", d.plan, dazhu_expected());
  EXPECT_DOUBLE_EQ(a.all().precision(), 1.0) << differences(d.plan, dazhu_expected());
  EXPECT_DOUBLE_EQ(a.all().recall(), 1.0) << differences(d.plan, dazhu_expected());
  EXPECT_FALSE(d.truncated);
  EXPECT_FALSE(has_errors(d.plan));
}

TEST(DraftAccuracy, Feixian2024CutOff) {
  const tz::Draft d = tz::draft_plan(notice("feixian-2024-women-children-excerpt.txt"));
  const Accuracy a = report("feixian-2024", d.plan, feixian_expected());
  EXPECT_DOUBLE_EQ(a.all().precision(), 1.0) << differences(d.plan, feixian_expected());
  EXPECT_DOUBLE_EQ(a.all().recall(), 1.0) << differences(d.plan, feixian_expected());
  EXPECT_TRUE(d.truncated);
  EXPECT_FALSE(has_errors(d.plan));
}

// The whole of what the three notices hold.
TEST(DraftAccuracy, AllThreeNotices) {
  Accuracy total;
  for (const auto& [file, expected] :
       {std::pair{"linzi-2021-women-children.txt", &linzi_expected()},
        std::pair{"dazhu-2016-livelihood.txt", &dazhu_expected()},
        std::pair{"feixian-2024-women-children-excerpt.txt", &feixian_expected()}}) {
    const Accuracy a = measure(tz::draft_plan(notice(file)).plan, *expected);
    total.initiatives += a.initiatives;
    total.units += a.units;
    total.targets += a.targets;
  }
  std::printf("[accuracy] total targets:     %s\n", figures(total.targets).c_str());
  std::printf("[accuracy] total all:         %s\n", figures(total.all()).c_str());
  EXPECT_DOUBLE_EQ(total.all().precision(), 1.0);
  EXPECT_DOUBLE_EQ(total.all().recall(), 1.0);
}

// The Linzi draft against the hand-encoded plan, by content (the codes of units and targets are
// generated, so names stand for units and positions for targets).
TEST(DraftAccuracy, LinziMatchesTheHandEncodedPlan) {
  const tz::Plan want = tz::load_plan(source_path("examples/plans/linzi-2021.json"));
  const tz::Draft d = tz::draft_plan(notice("linzi-2021-women-children.txt"));
  const tz::Plan& got = d.plan;
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.issuer, want.issuer);
  EXPECT_EQ(got.year, want.year);
  EXPECT_EQ(got.start, want.start);
  EXPECT_EQ(got.end, want.end);
  EXPECT_EQ(got.reporting, want.reporting);
  EXPECT_EQ(got.report_due_days, want.report_due_days);
  EXPECT_EQ(got.contact.phone, want.contact.phone);
  EXPECT_EQ(got.contact.email, want.contact.email);
  EXPECT_EQ(got.source.title, want.source.title);
  EXPECT_EQ(got.source.form_title, want.source.form_title);
  EXPECT_EQ(unit_name(got, got.coordinator), unit_name(want, want.coordinator));

  // Units: the same names and kinds.
  std::map<std::string, tz::UnitKind> want_units;
  std::map<std::string, tz::UnitKind> got_units;
  for (const tz::Unit& u : want.units) want_units[u.name] = u.kind;
  for (const tz::Unit& u : got.units) got_units[u.name] = u.kind;
  EXPECT_EQ(got_units, want_units);

  ASSERT_EQ(got.initiatives.size(), want.initiatives.size());
  for (std::size_t i = 0; i < want.initiatives.size(); ++i) {
    const tz::Initiative& w = want.initiatives[i];
    const tz::Initiative& g = got.initiatives[i];
    SCOPED_TRACE("initiative " + std::to_string(w.number));
    EXPECT_EQ(g.number, w.number);
    EXPECT_EQ(g.title, w.title);
    EXPECT_EQ(g.description, w.description);
    EXPECT_EQ(roles(got, g), roles(want, w));
    EXPECT_EQ(g.deadline, w.deadline);
    // Every numeric target, in order, with value, unit, measure, form and accumulation.
    EXPECT_EQ(numeric_targets(g), numeric_targets(w));
    // What goes with them: scope, baseline left open, notes on qualifiers.
    std::vector<const tz::Target*> gn;
    std::vector<const tz::Target*> wn;
    for (const tz::Target& t : g.targets) {
      if (t.is_numeric()) gn.push_back(&t);
    }
    for (const tz::Target& t : w.targets) {
      if (t.is_numeric()) wn.push_back(&t);
    }
    for (std::size_t k = 0; k < std::min(gn.size(), wn.size()); ++k) {
      SCOPED_TRACE("target " + wn[k]->code);
      EXPECT_EQ(gn[k]->direction, wn[k]->direction);
      EXPECT_EQ(gn[k]->deadline, wn[k]->deadline);
      EXPECT_EQ(gn[k]->baseline.has_value(), wn[k]->baseline.has_value());
      if (gn[k]->baseline && wn[k]->baseline) {
        EXPECT_EQ(gn[k]->baseline->value, wn[k]->baseline->value);
      }
    }
    // The subsidies of item 4 are parameters: value, unit and basis.
    ASSERT_EQ(g.parameters.size(), w.parameters.size());
    for (std::size_t k = 0; k < w.parameters.size(); ++k) {
      EXPECT_EQ(g.parameters[k].value, w.parameters[k].value);
      EXPECT_EQ(g.parameters[k].unit, w.parameters[k].unit);
      EXPECT_EQ(g.parameters[k].basis, w.parameters[k].basis);
    }
  }
}

TEST(DraftAccuracy, DazhuHeaderDeadlinesAndCoordinator) {
  const tz::Draft d = tz::draft_plan(notice("dazhu-2016-livelihood.txt"));
  const tz::Plan& p = d.plan;
  EXPECT_EQ(p.year, 2016);
  EXPECT_EQ(p.source.number, "竹府办〔2016〕20号");
  EXPECT_EQ(p.issuer, "大竹县人民政府办公室");
  EXPECT_EQ(p.issue_date, tz::Date::make(2016, 2, 26));
  EXPECT_EQ(p.contact.phone, "6239325");
  EXPECT_EQ(unit_name(p, p.coordinator), "县政府督查室");
  EXPECT_EQ(p.reporting, tz::PeriodKind::quarter);
  ASSERT_EQ(p.initiatives.size(), 10U);
  // 完成时限: 12月底前 → the year's end; 9月投入使用 → the end of September.
  EXPECT_EQ(p.initiatives[0].deadline, tz::Date::make(2016, 12, 31));
  EXPECT_EQ(p.initiatives[1].deadline, tz::Date::make(2016, 9, 30));
  // 5月底前动工 is a stage: the deadline of 开工建设县老年养护楼, a note on
  // 建成县残疾人综合服务中心.
  EXPECT_FALSE(p.initiatives[3].deadline);
  ASSERT_FALSE(p.initiatives[3].targets.empty());
  EXPECT_FALSE(p.initiatives[3].targets[0].deadline);
  EXPECT_EQ(p.initiatives[3].targets[0].note, "完成时限：5月底前动工");
  EXPECT_EQ(p.initiatives[4].deadline, tz::Date::make(2016, 12, 31));
  ASSERT_EQ(p.initiatives[4].targets.size(), 2U);
  EXPECT_EQ(p.initiatives[4].targets[0].deadline, tz::Date::make(2016, 5, 31));
  EXPECT_EQ(p.initiatives[4].targets[1].description, "开工建设老年大学");
  // No document number, year or date became a target anywhere.
  for (const tz::Initiative& init : p.initiatives) {
    for (const tz::Target& t : init.targets) {
      if (!t.value) continue;
      EXPECT_NE(t.value->to_string(), "2016") << t.code;
      EXPECT_NE(t.value->to_string(), "20") << t.code;
      EXPECT_NE(t.value->to_string(), "12") << t.code;
    }
  }
}

TEST(DraftAccuracy, FeixianHeaderAndCutOff) {
  const tz::Draft d = tz::draft_plan(notice("feixian-2024-women-children-excerpt.txt"));
  const tz::Plan& p = d.plan;
  EXPECT_EQ(p.year, 2024);
  EXPECT_EQ(p.source.number, "费政办字〔2024〕6号");
  EXPECT_EQ(p.issue_date, tz::Date::make(2024, 4, 29));
  EXPECT_TRUE(d.truncated);
  const bool said = std::any_of(d.findings.begin(), d.findings.end(), [](const tz::Finding& f) {
    return f.severity == tz::FindingSeverity::warning &&
           f.message.find("cut off") != std::string::npos;
  });
  EXPECT_TRUE(said) << all_findings(d);
  // 300余名: the qualifier kept as a note; 60%以上 likewise.
  ASSERT_GE(p.initiatives.size(), 3U);
  ASSERT_FALSE(p.initiatives[2].targets.empty());
  EXPECT_NE(p.initiatives[2].targets[0].note.find("余"), std::string::npos);
}

// ---- 2. the patterns, one at a time -----------------------------------------------------------

// A small notice around `items`: a title with a year, the items, a coordinating office.
std::string small_notice(const std::string& items) {
  return "某某区人民政府办公室\n关于做好2021年为民办实事工作的通知\n各镇人民政府、街道办事处：\n" +
         items + "\n区民生办负责定期调度。\n";
}

tz::Draft draft(const std::string& text) {
  tz::Draft d = tz::draft_plan(text);
  EXPECT_FALSE(has_errors(d.plan)) << all_findings(d);
  return d;
}

std::vector<std::string> titles(const tz::Plan& plan) {
  std::vector<std::string> out;
  for (const tz::Initiative& i : plan.initiatives) out.push_back(i.title);
  return out;
}

// Every numeric target of the plan as "<initiative>: value unit measure form accumulation".
std::vector<std::string> all_targets(const tz::Plan& plan) {
  std::vector<std::string> out;
  for (const tz::Initiative& i : plan.initiatives) {
    for (const std::string& t : numeric_targets(i))
      out.push_back(std::to_string(i.number) + ": " + t);
  }
  return out;
}

std::string key(const std::string& value, const std::string& unit, tz::Measure measure = kCount,
                tz::TargetForm form = kAbsolute, tz::Accumulation accumulation = kIncremental) {
  return target_key(value, unit, measure, form, accumulation);
}

// The first numeric target of the plan.
const tz::Target& first_target(const tz::Plan& plan) {
  for (const tz::Initiative& i : plan.initiatives) {
    for (const tz::Target& t : i.targets) {
      if (t.is_numeric()) return t;
    }
  }
  static const tz::Target none;
  ADD_FAILURE() << "no numeric target";
  return none;
}

// -- numbering styles

class DraftNumbering : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(DraftNumbering, FindsTheThreeItemsWithTitlesAndTargets) {
  const std::vector<std::string>& m = GetParam();
  const std::string items = m[0] + "建设口袋公园3个，改善居住环境。（责任单位：区住建局）\n" +
                            m[1] + "新建幼儿园2所。（责任单位：区教体局、区财政局）\n" + m[2] +
                            "培训妇女500人。（责任单位：区妇联）";
  const tz::Draft d = draft(small_notice(items));
  EXPECT_EQ(titles(d.plan), (std::vector<std::string>{"建设口袋公园3个，改善居住环境",
                                                      "新建幼儿园2所", "培训妇女500人"}));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "2: " + key("2", "所"),
                                      "3: " + key("500", "人")}));
  ASSERT_EQ(d.plan.initiatives.size(), 3U);
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[1]),
            (std::vector<std::string>{"区教体局/lead", "区财政局/co"}));
}

INSTANTIATE_TEST_SUITE_P(
    Styles, DraftNumbering,
    ::testing::Values(std::vector<std::string>{"一、", "二、", "三、"},
                      std::vector<std::string>{"（一）", "（二）", "（三）"},
                      std::vector<std::string>{"(一)", "(二)", "(三)"},
                      std::vector<std::string>{"1.", "2.", "3."},
                      std::vector<std::string>{"1、", "2、", "3、"},
                      std::vector<std::string>{"第一件：", "第二件：", "第三件："},
                      std::vector<std::string>{"第一件实事：", "第二件实事：", "第三件实事："}));

TEST(DraftPatterns, NumberingYiShiInOneParagraph) {
  const tz::Draft d = draft(small_notice(
      "今年重点办好以下实事：一是建设口袋公园3个；二是新建幼儿园2所；三是培训妇女500人。"
      "（责任单位：区住建局）"));
  EXPECT_EQ(titles(d.plan),
            (std::vector<std::string>{"建设口袋公园3个", "新建幼儿园2所", "培训妇女500人"}));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "2: " + key("2", "所"),
                                      "3: " + key("500", "人")}));
}

// Numbers inside an item (1. of a sub-list, a decimal 1.5) do not start items.
TEST(DraftPatterns, TheLongestRunOfOneStyleWins) {
  const tz::Draft d = draft(small_notice(
      "一、建设口袋公园3个。具体为：1.城东公园；2.城西公园；3.城南公园。（责任单位：区住建局）\n"
      "二、发放补贴1.5万元，新建幼儿园2所。（责任单位：区教体局）"));
  EXPECT_EQ(d.plan.initiatives.size(), 2U) << all_findings(d);
}

// -- responsible units and roles

TEST(DraftPatterns, ResponsibleUnitsFirstLeads) {
  const tz::Draft d =
      draft(small_notice("一、建设口袋公园3个。（责任单位：区住建局、区财政局、区城管局）\n"
                         "二、新建幼儿园2所。(责任单位:区教体局,区财政局)"));
  ASSERT_EQ(d.plan.initiatives.size(), 2U);
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[0]),
            (std::vector<std::string>{"区住建局/lead", "区财政局/co", "区城管局/co"}));
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[1]),
            (std::vector<std::string>{"区教体局/lead", "区财政局/co"}));
  // Units once each, in order of appearance after the coordinator.
  std::vector<std::string> names;
  for (const tz::Unit& u : d.plan.units) names.push_back(u.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"区民生办", "区住建局", "区财政局", "区城管局", "区教体局"}));
  EXPECT_EQ(d.plan.units[0].kind, tz::UnitKind::coordinating_office);
}

TEST(DraftPatterns, LeadUnitThenResponsibleUnits) {
  const tz::Draft d = draft(
      small_notice("一、开展儿童筛查3万名。（牵头单位：区卫健局，责任单位：各镇人民政府、区妇联）\n"
                   "二、救助妇女50人。（牵头单位：区卫健局、区妇联，责任单位：区民政局）"));
  ASSERT_EQ(d.plan.initiatives.size(), 2U);
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[0]),
            (std::vector<std::string>{"区卫健局/lead", "各镇人民政府/co", "区妇联/co"}));
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[1]),
            (std::vector<std::string>{"区卫健局/lead", "区妇联/lead", "区民政局/co"}));
}

TEST(DraftPatterns, LeadResponsibleUnitThenCooperatingUnits) {
  const tz::Draft d = draft(
      small_notice("一、建设母婴室3处。（牵头责任单位：区总工会；配合单位：团区委、区妇联）"));
  ASSERT_EQ(d.plan.initiatives.size(), 1U);
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[0]),
            (std::vector<std::string>{"区总工会/lead", "团区委/co", "区妇联/co"}));
  EXPECT_EQ(all_targets(d.plan), (std::vector<std::string>{"1: " + key("3", "处")}));
}

TEST(DraftPatterns, TableWithOneCellPerLine) {
  const std::string text =
      "某县人民政府办公室关于2021年民生实事的通知\n请各责任单位每季度报县政府督查室。\n"
      "序号\n民生实事\n责任单位\n完成时限\n"
      "1\n新建2座人行天桥。\n县住建局\n9月投入使用\n"
      "2\n完成棚户区改造2836户。\n县住建局\n县财政局\n12月底前\n"
      "3\n开工建设县老年养护楼。\n县民政局\n5月底前动工\n开工建设老年大学。\n12月底前\n";
  const tz::Draft d = draft(text);
  ASSERT_EQ(d.plan.initiatives.size(), 3U) << all_findings(d);
  EXPECT_EQ(titles(d.plan), (std::vector<std::string>{"新建2座人行天桥", "完成棚户区改造2836户",
                                                      "开工建设县老年养护楼"}));
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[1]),
            (std::vector<std::string>{"县住建局/lead", "县财政局/co"}));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("2", "座"), "2: " + key("2836", "户")}));
  EXPECT_EQ(d.plan.initiatives[0].deadline, tz::Date::make(2021, 9, 30));
  EXPECT_EQ(d.plan.initiatives[1].deadline, tz::Date::make(2021, 12, 31));
  // Two commitments in row 3: the stage deadline (5月底前动工) stays with the first.
  EXPECT_EQ(d.plan.initiatives[2].deadline, tz::Date::make(2021, 12, 31));
  EXPECT_EQ(d.plan.initiatives[2].targets.size(), 2U);
  EXPECT_EQ(unit_name(d.plan, d.plan.coordinator), "县政府督查室");
}

// -- deadlines

TEST(DraftPatterns, DeadlinesInProse) {
  const tz::Draft d =
      draft(small_notice("一、年内建成口袋公园3个。（责任单位：区住建局）\n"
                         "二、2021年6月30日前建成幼儿园2所。（责任单位：区教体局）\n"
                         "三、推进老旧小区改造，12月底前完成改造100户。（责任单位：区住建局）\n"
                         "四、完善设施，新建的文化中心9月投入使用。（责任单位：区文旅局）"));
  ASSERT_EQ(d.plan.initiatives.size(), 4U);
  // 年内: the plan's end, left empty.
  EXPECT_FALSE(d.plan.initiatives[0].deadline);
  EXPECT_FALSE(first_target(d.plan).deadline);
  EXPECT_EQ(d.plan.initiatives[1].deadline, tz::Date::make(2021, 6, 30));
  // 12月底前 in the item's first sentence: the initiative's deadline, which its target takes.
  EXPECT_EQ(d.plan.initiatives[2].deadline, tz::Date::make(2021, 12, 31));
  const tz::Target& t3 = d.plan.initiatives[2].targets.back();
  EXPECT_EQ(t3.value, tz::Decimal(100));
  EXPECT_FALSE(t3.deadline);
  // In a later sentence it is the target's own.
  const tz::Draft later = draft(small_notice(
      "一、推进老旧小区改造。12月底前完成改造100户，年内完成加装电梯20部。（责任单位：区住建局）"));
  ASSERT_EQ(later.plan.initiatives.size(), 1U);
  EXPECT_FALSE(later.plan.initiatives[0].deadline);
  EXPECT_EQ(all_targets(later.plan),
            (std::vector<std::string>{"1: " + key("100", "户"), "1: " + key("20", "部")}));
  EXPECT_EQ(later.plan.initiatives[0].targets.at(0).deadline, tz::Date::make(2021, 12, 31));
  EXPECT_FALSE(later.plan.initiatives[0].targets.at(1).deadline);
  bool september = false;
  for (const tz::Target& t : d.plan.initiatives[3].targets) {
    september = september || t.deadline == tz::Date::make(2021, 9, 30);
  }
  EXPECT_TRUE(september || d.plan.initiatives[3].deadline == tz::Date::make(2021, 9, 30))
      << all_findings(d);
  // No date became a figure.
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "2: " + key("2", "所"),
                                      "3: " + key("100", "户")}));
}

// -- numerals, magnitudes and qualifiers

TEST(DraftPatterns, NumeralsArabicFullWidthAndChinese) {
  const tz::Draft d = draft(
      small_notice("一、建设口袋公园３个，新建幼儿园三所，改造道路十二条。（责任单位：区住建局）\n"
                   "二、培训妇女1.2万人，计划投资5亿元，发放资金3000万元。（责任单位：区妇联）\n"
                   "三、年内完成投资十二亿元，实施项目39个。（责任单位：区发改局）"));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "1: " + key("3", "所"),
                                      "1: " + key("12", "条"), "2: " + key("12000", "人"),
                                      "2: " + key("5", "亿元", kMoney),
                                      "2: " + key("3000", "万元", kMoney),
                                      "3: " + key("12", "亿元", kMoney), "3: " + key("39", "个")}));
}

TEST(DraftPatterns, QualifiersAreKeptAsNotes) {
  const tz::Draft d =
      draft(small_notice("一、为300余名妇女儿童开展体质监测。（责任单位：区体育中心）\n"
                         "二、儿童孤独症筛查率达60%以上。（责任单位：区卫健局）\n"
                         "三、开展技能培训不少于50场。（责任单位：区人社局）"));
  ASSERT_EQ(d.plan.initiatives.size(), 3U);
  const tz::Target& a = d.plan.initiatives[0].targets.at(0);
  EXPECT_EQ(target_key(a), key("300", "名"));
  EXPECT_NE(a.note.find("余"), std::string::npos);
  const tz::Target& b = d.plan.initiatives[1].targets.at(0);
  EXPECT_EQ(target_key(b), key("60", "%", kPercent, kAbsolute, kLevel));
  EXPECT_NE(b.note.find("以上"), std::string::npos);
  const tz::Target& c = d.plan.initiatives[2].targets.at(0);
  EXPECT_EQ(target_key(c), key("50", "场"));
  EXPECT_NE(c.note.find("不少于"), std::string::npos);
}

TEST(DraftPatterns, CumulativeRiseAndInvestment) {
  const tz::Draft d = draft(
      small_notice("一、累计创建标兵示范户1.6万户。（责任单位：区妇联）\n"
                   "二、将城乡低保标准提高10%。（责任单位：区民政局）\n"
                   "三、年内计划投资12亿元，实施公园城市建设项目39个。（责任单位：区住建局）"));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("16000", "户", kCount, kAbsolute, kCumulative),
                                      "2: " + key("10", "元", kMoney, kRisePercent, kLevel),
                                      "3: " + key("12", "亿元", kMoney), "3: " + key("39", "个")}));
  // The rise's baseline is open and said to be so.
  const tz::Target& rise = d.plan.initiatives.at(1).targets.at(0);
  ASSERT_TRUE(rise.baseline);
  EXPECT_FALSE(rise.baseline->value);
  EXPECT_NE(rise.baseline->note.find("区民政局"), std::string::npos);
}

// -- numbers that are not targets

TEST(DraftPatterns, AgesAreNotTargets) {
  const tz::Draft d =
      draft(small_notice("一、对全区18000名35—64岁城乡妇女进行免费检查。（责任单位：区卫健局）\n"
                         "二、为全县3万名0-6岁儿童开展孤独症筛查。（责任单位：区卫健局）\n"
                         "三、为143名17周岁及以下残疾儿童提供康复救助。（责任单位：区残联）\n"
                         "四、为8—14岁困境儿童建设“希望小屋”20间。（责任单位：团区委）"));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("18000", "名"), "2: " + key("30000", "名"),
                                      "3: " + key("143", "名"), "4: " + key("20", "间")}));
  EXPECT_EQ(d.plan.initiatives.at(0).targets.at(0).scope, "全区35—64岁城乡妇女");
}

TEST(DraftPatterns, OrdinalsYearsDatesPhonesAndDocumentNumbersAreNotTargets) {
  const tz::Draft d = draft(
      small_notice(
          "一、举办第四届中华经典诵读大赛。（责任单位：区文旅局）\n"
          "二、根据竹府办〔2016〕20号文件要求，2021年建成城市书房1处。（责任单位：区文旅局）\n"
          "三、2021年6月30日前开通服务热线12345，咨询电话7220350。（责任单位：区政务服务中心）") +
      "联系电话：7220350，电子邮箱：lzqfl@zb.shandong.cn\n");
  EXPECT_EQ(all_targets(d.plan), (std::vector<std::string>{"2: " + key("1", "处")}));
  EXPECT_EQ(d.plan.contact.phone, "7220350");
  EXPECT_EQ(d.plan.contact.email, "lzqfl@zb.shandong.cn");
  // 第四届 leaves a milestone, not a count of 4.
  ASSERT_FALSE(d.plan.initiatives.at(0).targets.empty());
  EXPECT_EQ(d.plan.initiatives[0].targets[0].measure, tz::Measure::milestone);
}

TEST(DraftPatterns, SubsidyRatesAreParameters) {
  const tz::Draft d = draft(small_notice(
      "一、为143名残疾儿童提供康复救助。进行集中康复训练的，每人补贴1.5万元康复训练补助和"
      "2500元交通生活费。（责任单位：区残联）"));
  EXPECT_EQ(all_targets(d.plan), (std::vector<std::string>{"1: " + key("143", "名")}));
  const std::vector<tz::Parameter>& ps = d.plan.initiatives.at(0).parameters;
  ASSERT_EQ(ps.size(), 2U);
  EXPECT_EQ(ps[0].value, tz::Decimal::parse("1.5"));
  EXPECT_EQ(ps[0].unit, "万元");
  EXPECT_EQ(ps[0].basis, "每人");
  EXPECT_NE(ps[0].name.find("康复训练补助"), std::string::npos);
  EXPECT_EQ(ps[1].value, tz::Decimal(2500));
  EXPECT_EQ(ps[1].unit, "元");
}

// -- findings: every target with its sentence and a confidence

TEST(DraftPatterns, EveryTargetHasAFindingWithItsSource) {
  const tz::Draft d = draft(notice("linzi-2021-women-children.txt"));
  for (std::size_t i = 0; i < d.plan.initiatives.size(); ++i) {
    for (std::size_t k = 0; k < d.plan.initiatives[i].targets.size(); ++k) {
      const std::string path =
          "initiatives[" + std::to_string(i) + "].targets[" + std::to_string(k) + "]";
      const auto f = std::find_if(d.findings.begin(), d.findings.end(),
                                  [&](const tz::Finding& x) { return x.path == path; });
      ASSERT_NE(f, d.findings.end()) << path;
      EXPECT_GT(f->confidence, 0.0);
      EXPECT_LE(f->confidence, 1.0);
      EXPECT_FALSE(f->source_text.empty()) << path;
      EXPECT_EQ(f->source_text.find('\n'), std::string::npos);
    }
  }
  // The first finding's text names it all.
  ASSERT_FALSE(d.findings.empty());
  EXPECT_NE(d.findings.front().to_string().find("(confidence "), std::string::npos);
}

// -- text as people paste it

TEST(DraftPasted, FullAndHalfWidthPunctuationGiveTheSameDraft) {
  const std::string full = small_notice(
      "一、建设口袋公园３个，改造道路１２条。（责任单位：区住建局、区财政局）\n"
      "二、培训妇女５００人。（责任单位：区妇联）");
  const std::string half = small_notice(
      "一、建设口袋公园3个,改造道路12条。(责任单位:区住建局、区财政局)\n"
      "二、培训妇女500人。(责任单位:区妇联)");
  const tz::Draft a = draft(full);
  const tz::Draft b = draft(half);
  EXPECT_EQ(all_targets(a.plan), all_targets(b.plan));
  EXPECT_EQ(all_targets(a.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "1: " + key("12", "条"),
                                      "2: " + key("500", "人")}));
  ASSERT_EQ(a.plan.initiatives.size(), 2U);
  ASSERT_EQ(b.plan.initiatives.size(), 2U);
  EXPECT_EQ(roles(a.plan, a.plan.initiatives[0]), roles(b.plan, b.plan.initiatives[0]));
}

TEST(DraftPasted, StraySpacesAndLineBreaksInsideSentences) {
  const std::string text = small_notice(
      "一、 建设口袋公园 3 个，改善\n居住环境。 （责任单位： 区住建局、\n区财政局）\n\n"
      "二、新建幼儿园2所，\n提升办园水平。（责任单位：区教体局）");
  const tz::Draft d = draft(text);
  EXPECT_EQ(titles(d.plan), (std::vector<std::string>{"建设口袋公园3个，改善居住环境",
                                                      "新建幼儿园2所，提升办园水平"}));
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("3", "个"), "2: " + key("2", "所")}));
  ASSERT_EQ(d.plan.initiatives.size(), 2U);
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[0]),
            (std::vector<std::string>{"区住建局/lead", "区财政局/co"}));
}

TEST(DraftPasted, TablePipesFromAWebPage) {
  const std::string text =
      "某县人民政府办公室关于2021年民生实事的通知 | ||||||||\n"
      "|序号|民生实事|责任单位|完成时限|\n"
      "|---|---|---|---|\n"
      "| 1 | 新建2座人行天桥。 | 县住建局 | 9月投入使用 |\n"
      "| 2 | 完成棚户区改造2836户。 | 县住建局、县财政局 | 12月底前 |\n";
  const tz::Draft d = draft(text);
  ASSERT_EQ(d.plan.initiatives.size(), 2U) << all_findings(d);
  EXPECT_EQ(all_targets(d.plan),
            (std::vector<std::string>{"1: " + key("2", "座"), "2: " + key("2836", "户")}));
  EXPECT_EQ(roles(d.plan, d.plan.initiatives[1]),
            (std::vector<std::string>{"县住建局/lead", "县财政局/co"}));
  EXPECT_EQ(d.plan.initiatives[0].deadline, tz::Date::make(2021, 9, 30));
}

TEST(DraftPasted, CarriageReturnsTabsAndAByteOrderMark) {
  std::string text = "\xEF\xBB\xBF" + small_notice("一、\t建设口袋公园3个。（责任单位：区住建局）");
  std::string crlf;
  for (const char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  const tz::Draft d = draft(crlf);
  EXPECT_EQ(titles(d.plan), (std::vector<std::string>{"建设口袋公园3个"}));
  EXPECT_EQ(d.plan.title, "2021年为民办实事");
}

TEST(DraftPasted, ACutOffNoticeIsFlagged) {
  const std::string linzi = notice("linzi-2021-women-children.txt");
  // Cut inside item 五's sentence.
  const std::size_t at = linzi.find("高起点");
  ASSERT_NE(at, std::string::npos);
  const tz::Draft d = draft(linzi.substr(0, at));
  EXPECT_TRUE(d.truncated);
  EXPECT_EQ(d.plan.initiatives.size(), 5U);
  EXPECT_EQ(d.plan.initiatives[0].assignments.size(), 5U);
  const bool said = std::any_of(d.findings.begin(), d.findings.end(), [](const tz::Finding& f) {
    return f.severity == tz::FindingSeverity::warning && f.path.empty() &&
           f.message.find("cut off") != std::string::npos;
  });
  EXPECT_TRUE(said) << all_findings(d);
  // The whole notice is not.
  EXPECT_FALSE(draft(linzi).truncated);
}

TEST(DraftPasted, LongerThanTheLimitIsCutAndFlagged) {
  tz::DraftOptions options;
  options.max_bytes = 1000;
  const tz::Draft d = tz::draft_plan(notice("linzi-2021-women-children.txt"), options);
  EXPECT_TRUE(d.truncated);
  EXPECT_FALSE(has_errors(d.plan));
}

// -- options

TEST(DraftOptionsTest, CodeYearAndReporting) {
  tz::DraftOptions options;
  options.code = "my-plan";
  const tz::Draft a = tz::draft_plan(notice("linzi-2021-women-children.txt"), options);
  EXPECT_EQ(a.plan.code, "my-plan");
  options.code = "不是代码";
  const tz::Draft b = tz::draft_plan(notice("linzi-2021-women-children.txt"), options);
  EXPECT_EQ(b.plan.code, "draft-2021");
  // A notice without a year takes default_year, and says so.
  tz::DraftOptions o2;
  o2.default_year = 2030;
  o2.default_reporting = tz::PeriodKind::month;
  const tz::Draft c = tz::draft_plan("一、建设口袋公园3个。（责任单位：区住建局）", o2);
  EXPECT_EQ(c.plan.year, 2030);
  EXPECT_EQ(c.plan.reporting, tz::PeriodKind::month);
  EXPECT_FALSE(has_errors(c.plan));
  EXPECT_TRUE(std::any_of(c.findings.begin(), c.findings.end(),
                          [](const tz::Finding& f) { return f.path == "year"; }));
}

// ---- 3. robustness ------------------------------------------------------------------------------

// Drafts `text` and checks the promise of draft_plan: no exception other than taizhang's (there
// should be none at all), and a plan without validation errors.
void survives(const std::string& text, const std::string& what) {
  try {
    const tz::Draft d = tz::draft_plan(text);
    const std::vector<tz::Issue> issues = tz::validate(d.plan);
    for (const tz::Issue& i : issues) {
      ASSERT_NE(i.severity, tz::Issue::Severity::error) << what << ": " << i.to_string();
    }
    ASSERT_FALSE(d.plan.units.empty()) << what;
    (void)tz::plan_to_json(d.plan);
  } catch (const tz::Error& e) {
    FAIL() << what << ": draft_plan threw " << e.what();
  } catch (const std::exception& e) {
    FAIL() << what << ": draft_plan threw a non-taizhang exception: " << e.what();
  } catch (...) {
    FAIL() << what << ": draft_plan threw something unknown";
  }
}

TEST(DraftRobustness, RandomBytes) {
  std::mt19937 rng(20210101);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 3000);
  for (int round = 0; round < 200; ++round) {
    std::string text(length(rng), '\0');
    for (char& c : text) c = static_cast<char>(byte(rng));
    survives(text, "random bytes, round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

// Random text from the characters notices are made of: Chinese, numerals, markers, brackets,
// labels, line breaks and pipes, so that every pattern is tried on nonsense.
TEST(DraftRobustness, RandomChineseText) {
  const std::vector<std::string> pieces = {"一、",
                                           "二、",
                                           "三、",
                                           "（一）",
                                           "（二）",
                                           "1.",
                                           "2.",
                                           "第一件",
                                           "一是",
                                           "二是",
                                           "责任单位：",
                                           "牵头单位：",
                                           "配合单位：",
                                           "牵头责任单位：",
                                           "（",
                                           "）",
                                           "(",
                                           ")",
                                           "、",
                                           "，",
                                           "。",
                                           "；",
                                           "：",
                                           "\n",
                                           "\n\n",
                                           " ",
                                           "|",
                                           "序号",
                                           "责任单位",
                                           "完成时限",
                                           "实事",
                                           "区卫健局",
                                           "县住建局",
                                           "区妇联",
                                           "建设",
                                           "新建",
                                           "幼儿园",
                                           "公园",
                                           "提高",
                                           "10%",
                                           "1.6万",
                                           "12亿元",
                                           "3",
                                           "０",
                                           "18000",
                                           "名",
                                           "个",
                                           "所",
                                           "户",
                                           "岁",
                                           "35—64岁",
                                           "0-6",
                                           "17周岁及以下",
                                           "第四届",
                                           "每人补贴",
                                           "1.5万元",
                                           "年内",
                                           "12月底前",
                                           "9月投入使用",
                                           "2021年6月30日前",
                                           "累计",
                                           "余",
                                           "以上",
                                           "不少于",
                                           "“",
                                           "”",
                                           "《",
                                           "》",
                                           "〔2016〕",
                                           "号",
                                           "联系电话：",
                                           "7220350",
                                           "@",
                                           "关于",
                                           "的通知",
                                           "负责定期调度",
                                           "按季度",
                                           "十",
                                           "百",
                                           "千",
                                           "万",
                                           "亿",
                                           "两",
                                           "零",
                                           "\xEF\xBF\xBD",
                                           "附件",
                                           "抄送",
                                           "办公室",
                                           "人民政府",
                                           "分别",
                                           "投资",
                                           "和",
                                           "及"};
  std::mt19937 rng(20240429);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 600);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = length(rng);
    for (int k = 0; k < n; ++k) text += pieces[pick(rng)];
    survives(text, "random text, round " + std::to_string(round) + ": " + text.substr(0, 300));
    if (HasFatalFailure()) return;
  }
}

// Every cut of the Linzi notice at a character boundary (all the short ones, then a stride).
TEST(DraftRobustness, EveryTruncationOfTheLinziNotice) {
  const std::string linzi = notice("linzi-2021-women-children.txt");
  std::vector<std::size_t> cuts;
  for (std::size_t i = 0; i <= linzi.size(); ++i) {
    if (i < linzi.size() && (static_cast<unsigned char>(linzi[i]) & 0xC0U) == 0x80U) continue;
    cuts.push_back(i);
  }
  const auto start = std::chrono::steady_clock::now();
  std::size_t tried = 0;
  for (std::size_t k = 0; k < cuts.size(); k += (cuts[k] < 400 ? std::size_t{1} : std::size_t{3})) {
    survives(linzi.substr(0, cuts[k]), "the Linzi notice cut at byte " + std::to_string(cuts[k]));
    if (HasFatalFailure()) return;
    ++tried;
  }
  // And cut inside a character: the draft reads what is whole and says it is cut off.
  for (std::size_t i = 1; i < linzi.size(); i += 97) {
    if ((static_cast<unsigned char>(linzi[i]) & 0xC0U) != 0x80U) continue;
    survives(linzi.substr(0, i), "the Linzi notice cut inside a character at " + std::to_string(i));
    if (HasFatalFailure()) return;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[robustness] %zu truncations of the Linzi notice drafted in %.1f s\n", tried,
              seconds);
}

// Long and repetitive inputs stay bounded: a notice repeated, one enormous line, deep brackets.
TEST(DraftRobustness, LongAndPathologicalInputs) {
  const std::string linzi = notice("linzi-2021-women-children.txt");
  std::string repeated;
  for (int i = 0; i < 40; ++i) repeated += linzi;
  survives(repeated, "the Linzi notice forty times");
  survives(std::string(200000, '1'), "two hundred thousand digits");
  std::string brackets;
  for (int i = 0; i < 20000; ++i) brackets += "（";
  survives(brackets + "责任单位：区卫健局", "twenty thousand open brackets");
  std::string markers;
  for (int i = 1; i <= 600; ++i)
    markers += std::to_string(i) + ".建设公园" + std::to_string(i) + "个。\n";
  survives(markers, "six hundred numbered items");
  std::string cells = "序号\n实事\n责任单位\n完成时限\n";
  for (int i = 1; i <= 600; ++i) cells += std::to_string(i) + "\n建设公园\n区住建局\n12月底前\n";
  survives(cells, "a table of six hundred rows");
  survives(std::string("\0\0\0一、\0建设", 14), "NUL bytes");
  survives("", "nothing");
}

}  // namespace
