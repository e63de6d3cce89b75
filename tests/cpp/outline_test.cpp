#include "taizhang/outline.hpp"

#include <gtest/gtest.h>

#include "taizhang/plan_json.hpp"
#include "test_support.hpp"

namespace tz = taizhang;

namespace {

TEST(Outline, ShowsInitiativesUnitsAndTargets) {
  const tz::Plan plan = tz::load_plan(tz::test::source_path("examples/plans/linzi-2021.json"));
  const std::string outline = tz::render_outline(plan);
  for (const char* line : {
           "2021年为全区妇女儿童办实事\n",
           "区妇女儿童服务中心（电话 7220350，邮箱 lzqfl@zb.shandong.cn）\n",
           "10项实事，43项目标，16个单位\n",
           "\n一、继续实施“两癌”免费检查和救助行动\n",
           "    牵头单位：区卫健局\n",
           "    责任单位：区财政局、区民政局、临淄医保分局、区妇联\n",
           "    1.1  “两癌”免费检查：18000名 · 逐期累加 · 截止 2021-12-31\n",
           "    3.6  累计创建标兵示范户：16000户 · 累计数 · 截止 2021-12-31",
           "    4.1  社会散居孤儿基本生活保障标准提高：比基数提高10%（基数待定） · 时点值",
           "    5.1  全域公园城市建设计划投资：12亿元 · 逐期累加",
           "    参数  集中康复训练补助：每人1.5万元\n",
           "    10.3  深入推进校园足球试点区建设：里程碑 · 截止 2021-12-31\n",
           "\n十、提高妇女儿童体质健康水平\n",
       }) {
    EXPECT_NE(outline.find(line), std::string::npos) << "missing: " << line << "\nin:\n" << outline;
  }
}

TEST(Outline, ShowsRisesWithAKnownBaselineAndSharedTargets) {
  tz::Plan plan = tz::load_plan(tz::test::source_path("examples/plans/linzi-2021.json"));
  tz::Initiative& four = plan.initiatives[3];
  four.targets[0].baseline->value = tz::Decimal(1200);
  four.targets[0].contributors = {"civil-affairs", "disabled-federation"};
  const std::string outline = tz::render_outline(plan);
  EXPECT_NE(outline.find("比基数提高10%（基数1200元，目标1320元）"), std::string::npos) << outline;
  EXPECT_NE(outline.find("各单位合计（区民政局、区残联）"), std::string::npos) << outline;
  tz::Target& rise = four.targets[1];
  rise.form = tz::TargetForm::rise_amount;
  rise.value = tz::Decimal(100);
  rise.baseline->value = tz::Decimal(800);
  EXPECT_NE(tz::render_outline(plan).find("比基数增加100元（基数800元，目标900元）"),
            std::string::npos);
}

}  // namespace
