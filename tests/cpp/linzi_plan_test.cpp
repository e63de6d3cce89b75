// The Linzi 2021 plan as data (examples/plans/linzi-2021.json) against the notice it encodes
// (tests/data/notices/linzi-2021-women-children.txt). The expected lists below were written by hand
// from the notice, not from the JSON.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "taizhang/taizhang.hpp"
#include "test_support.hpp"

namespace tz = taizhang;
using tz::test::read_text;
using tz::test::source_path;

namespace {

class LinziPlan : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plan_ = new tz::Plan(tz::load_plan(source_path("examples/plans/linzi-2021.json")));
    notice_ =
        new std::string(read_text(source_path("tests/data/notices/linzi-2021-women-children.txt")));
  }
  static void TearDownTestSuite() {
    delete plan_;
    delete notice_;
  }
  static const tz::Plan& plan() { return *plan_; }
  static const std::string& notice() { return *notice_; }

 private:
  static tz::Plan* plan_;
  static std::string* notice_;
};
tz::Plan* LinziPlan::plan_ = nullptr;
std::string* LinziPlan::notice_ = nullptr;

TEST_F(LinziPlan, IsValidWithOnlyTheOpenBaselinesAsWarnings) {
  std::vector<std::string> warnings;
  for (const tz::Issue& issue : tz::validate(plan())) {
    EXPECT_EQ(issue.severity, tz::Issue::Severity::warning) << issue.to_string();
    warnings.push_back(issue.path);
  }
  // The notice raises three support standards by 10 % without stating them (第四项).
  EXPECT_EQ(warnings, (std::vector<std::string>{"initiatives[3].targets[0].baseline",
                                                "initiatives[3].targets[1].baseline",
                                                "initiatives[3].targets[2].baseline"}));
}

TEST_F(LinziPlan, CarriesTheNoticeHeader) {
  EXPECT_EQ(plan().issuer, "临淄区人民政府办公室");
  EXPECT_EQ(plan().year, 2021);
  EXPECT_EQ(plan().start, tz::Date::make(2021, 1, 1));
  EXPECT_EQ(plan().end, tz::Date::make(2021, 12, 31));
  EXPECT_EQ(plan().reporting, tz::PeriodKind::quarter);
  EXPECT_EQ(plan().periods().size(), 4U);
  ASSERT_NE(plan().find_unit(plan().coordinator), nullptr);
  EXPECT_EQ(plan().find_unit(plan().coordinator)->name, "区妇女儿童服务中心");
  EXPECT_EQ(plan().contact.phone, "7220350");
  EXPECT_EQ(plan().contact.email, "lzqfl@zb.shandong.cn");
  EXPECT_EQ(plan().source.title, "关于做好2021年为全区妇女儿童办实事工作的通知");
  EXPECT_EQ(plan().source.form_title, "2021年为全区妇女儿童办实事工作进展情况报表");
  EXPECT_NE(notice().find(plan().source.title), std::string::npos);
  EXPECT_NE(notice().find(plan().source.form_title), std::string::npos);
}

TEST_F(LinziPlan, HasTheTenInitiativesWithTheirUnitsInTheNoticesOrder) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"继续实施“两癌”免费检查和救助行动",
       {"区卫健局", "区财政局", "区民政局", "临淄医保分局", "区妇联"}},
      {"优化教育资源配置", {"区教体局", "区财政局"}},
      {"开展乡村美学教育活动", {"区委宣传部", "区妇联", "区教体局", "区文旅局"}},
      {"实施孤困残疾儿童救助项目", {"区民政局", "区残联"}},
      {"提升城市功能品质", {"区综合行政执法局"}},
      {"实施妇女儿童关爱项目", {"区总工会", "团区委"}},
      {"提高妇女就业创业能力", {"区妇联", "区农业农村局", "区人社局"}},
      {"加强青少年校外活动场所建设", {"区科协"}},
      {"加强书香临淄建设", {"区文旅局", "区妇联"}},
      {"提高妇女儿童体质健康水平", {"区卫健局", "区教体局"}},
  };
  ASSERT_EQ(plan().initiatives.size(), expected.size());
  for (std::size_t n = 0; n < expected.size(); ++n) {
    const tz::Initiative& initiative = plan().initiatives[n];
    SCOPED_TRACE(initiative.title);
    EXPECT_EQ(initiative.number, static_cast<int>(n + 1));
    EXPECT_EQ(initiative.title, expected[n].first);
    // The title is the notice's numbered line, and the description its full text.
    EXPECT_NE(notice().find(tz::chinese_ordinal(initiative.number) + "、" + initiative.title),
              std::string::npos);
    EXPECT_NE(notice().find(initiative.description), std::string::npos);
    EXPECT_EQ(initiative.description.rfind(initiative.title + "。", 0), 0U);
    std::vector<std::string> names;
    for (const tz::Assignment& a : initiative.assignments) {
      names.push_back(plan().find_unit(a.unit)->name);
      EXPECT_EQ(a.role,
                names.size() == 1 ? tz::AssignmentRole::lead : tz::AssignmentRole::co_responsible);
    }
    EXPECT_EQ(names, expected[n].second);
  }
}

struct ExpectedTarget {
  const char* code;
  const char* measure;
  const char* value;  // as the notice writes it; "" for milestones
  const char* unit;
  const char* accumulation;
  const char* form;
};

// Every target of the notice, written by hand from its text.
const std::vector<ExpectedTarget> kTargets = {
    {"1.1", "count", "18000", "名", "incremental", "absolute"},
    {"1.2", "milestone", "", "", "incremental", "absolute"},
    {"2.1", "count", "3", "所", "incremental", "absolute"},  // three kindergartens named
    {"2.2", "count", "36", "班", "incremental", "absolute"},
    {"2.3", "count", "1260", "名", "incremental", "absolute"},
    {"2.4", "count", "14", "所", "incremental", "absolute"},
    {"2.5", "milestone", "", "", "incremental", "absolute"},
    {"2.6", "count", "30", "班", "incremental", "absolute"},
    {"2.7", "count", "960", "名", "incremental", "absolute"},
    {"3.1", "milestone", "", "", "incremental", "absolute"},
    {"3.2", "count", "20", "名", "incremental", "absolute"},
    {"3.3", "milestone", "", "", "incremental", "absolute"},
    {"3.4", "milestone", "", "", "incremental", "absolute"},
    {"3.5", "count", "60", "家", "incremental", "absolute"},
    {"3.6", "count", "1.6万", "户", "cumulative", "absolute"},
    {"3.7", "count", "10", "条", "incremental", "absolute"},
    {"4.1", "money", "10%", "元", "level", "rise_percent"},
    {"4.2", "money", "10%", "元", "level", "rise_percent"},
    {"4.3", "money", "10%", "元", "level", "rise_percent"},
    {"4.4", "count", "143", "名", "incremental", "absolute"},
    {"5.1", "money", "12亿", "亿元", "incremental", "absolute"},
    {"5.2", "count", "39", "个", "incremental", "absolute"},
    {"6.1", "count", "3", "处", "incremental", "absolute"},
    {"6.2", "milestone", "", "", "incremental", "absolute"},
    {"6.3", "milestone", "", "", "incremental", "absolute"},
    {"7.1", "count", "31", "场", "incremental", "absolute"},
    {"7.2", "count", "1100", "人", "incremental", "absolute"},
    {"7.3", "count", "12", "场", "incremental", "absolute"},
    {"7.4", "count", "500", "人", "incremental", "absolute"},
    {"8.1", "count", "1", "处", "incremental", "absolute"},
    {"8.2", "count", "2", "个", "incremental", "absolute"},
    {"8.3", "count", "5", "个", "incremental", "absolute"},
    {"9.1", "milestone", "", "", "incremental", "absolute"},
    {"9.2", "milestone", "", "", "incremental", "absolute"},
    {"9.3", "count", "1", "处", "incremental", "absolute"},
    {"9.4", "count", "20", "处", "incremental", "absolute"},
    {"9.5", "milestone", "", "", "incremental", "absolute"},
    {"10.1", "milestone", "", "", "incremental", "absolute"},
    {"10.2", "milestone", "", "", "incremental", "absolute"},
    {"10.3", "milestone", "", "", "incremental", "absolute"},
    {"10.4", "milestone", "", "", "incremental", "absolute"},
    {"10.5", "milestone", "", "", "incremental", "absolute"},
    {"10.6", "milestone", "", "", "incremental", "absolute"},
};

TEST_F(LinziPlan, HoldsEveryTargetOfTheNoticeAndNoOther) {
  std::vector<std::string> codes;
  for (const tz::Initiative& i : plan().initiatives) {
    for (const tz::Target& t : i.targets) codes.push_back(t.code);
  }
  std::vector<std::string> expected;
  for (const ExpectedTarget& e : kTargets) expected.emplace_back(e.code);
  EXPECT_EQ(codes, expected);

  for (const ExpectedTarget& e : kTargets) {
    SCOPED_TRACE(e.code);
    const tz::Target* t = plan().find_target(e.code);
    ASSERT_NE(t, nullptr);
    const tz::Initiative* owner = plan().initiative_of(e.code);
    EXPECT_EQ(std::to_string(owner->number),
              std::string(e.code).substr(0, std::string(e.code).find('.')));
    EXPECT_EQ(tz::to_string(t->measure), std::string(e.measure));
    EXPECT_EQ(t->unit, e.unit);
    EXPECT_EQ(tz::to_string(t->accumulation), std::string(e.accumulation));
    EXPECT_EQ(tz::to_string(t->form), std::string(e.form));
    // The source words are the notice's own, and the figure stands in them as written.
    ASSERT_FALSE(t->source_text.empty());
    EXPECT_NE(notice().find(t->source_text), std::string::npos) << t->source_text;
    if (std::string(e.value).empty()) {
      EXPECT_FALSE(t->value.has_value());
      continue;
    }
    ASSERT_TRUE(t->value.has_value());
    EXPECT_NE(t->source_text.find(e.value), std::string::npos) << t->source_text;
    // The value equals the figure read the way a clerk writes it ("1.6万" is 16000 户).
    const std::string figure = e.value;
    if (t->form == tz::TargetForm::rise_percent) {
      EXPECT_EQ(tz::parse_quantity(figure), (tz::Quantity{*t->value, "%"}));
      EXPECT_FALSE(t->goal().has_value()) << "the baseline is not known";
      EXPECT_TRUE(t->baseline.has_value() && !t->baseline->value && !t->baseline->note.empty());
    } else if (t->unit == "亿元") {
      EXPECT_EQ(tz::parse_quantity(figure + "元"), (tz::Quantity{*t->value, "亿元"}));
    } else {
      EXPECT_EQ(tz::parse_number(figure), *t->value);
    }
  }
}

TEST_F(LinziPlan, MoneyIsExactInYuan) {
  const tz::Target* invest = plan().find_target("5.1");
  ASSERT_NE(invest, nullptr);
  EXPECT_EQ(plan().unit_registry().convert(*invest->value, invest->unit, "元"),
            tz::Decimal(1200000000));
  EXPECT_EQ(plan().find_target("3.6")->value, tz::Decimal(16000));
}

TEST_F(LinziPlan, AgesOrdinalsAndSubsidyRatesAreNotTargets) {
  // Ages (35—64岁, 17周岁, 8—14岁) and 第四届 stay in scope and titles, never as targets.
  EXPECT_EQ(plan().find_target("1.1")->scope, "全区35—64岁城乡妇女");
  for (const tz::Initiative& i : plan().initiatives) {
    for (const tz::Target& t : i.targets) {
      EXPECT_NE(t.unit, "岁");
      EXPECT_NE(t.unit, "周岁");
      if (t.value && t.form == tz::TargetForm::absolute) {
        for (const char* age : {"35", "64", "17", "8"}) {
          EXPECT_NE(t.value->to_string(), age) << t.code;
        }
      }
    }
  }
  // The rehabilitation subsidies of initiative 4 are parameters.
  const tz::Initiative* four = plan().find_initiative(4);
  ASSERT_NE(four, nullptr);
  ASSERT_EQ(four->parameters.size(), 3U);
  const tz::UnitRegistry units = plan().unit_registry();
  std::vector<std::string> yuan;
  for (const tz::Parameter& p : four->parameters) {
    EXPECT_EQ(p.basis, "每人");
    EXPECT_NE(notice().find(p.source_text), std::string::npos);
    yuan.push_back(units.convert(p.value, p.unit, "元").to_string());
  }
  EXPECT_EQ(yuan, (std::vector<std::string>{"15000", "2500", "5000"}));
}

TEST_F(LinziPlan, TargetsDefaultToTheLeadUnitAndTheYearsEnd) {
  for (const tz::Initiative& i : plan().initiatives) {
    for (const tz::Target& t : i.targets) {
      EXPECT_EQ(i.contributors_of(t), i.lead_units()) << t.code;
      EXPECT_EQ(plan().deadline_of(i, t), tz::Date::make(2021, 12, 31)) << t.code;
    }
  }
  EXPECT_EQ(plan().report_due(tz::Period::quarter(2021, 1)), tz::Date::make(2021, 4, 10));
}

}  // namespace
