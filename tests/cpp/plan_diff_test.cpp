// diff_plans (plan_diff.hpp): every kind of change a plan update makes, in the office's words.
#include "taizhang/plan_diff.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger_support.hpp"

namespace tz = taizhang;

namespace {

std::vector<std::string> texts(const tz::Plan& before, const tz::Plan& after) {
  std::vector<std::string> out;
  for (const tz::PlanChange& c : tz::diff_plans(before, after)) out.push_back(c.text);
  return out;
}

TEST(PlanDiff, TheSamePlanHasNoChanges) {
  EXPECT_TRUE(tz::diff_plans(tz::test::linzi_plan(), tz::test::linzi_plan()).empty());
}

TEST(PlanDiff, UnitsAddedRemovedAndRenamed) {
  const tz::Plan before = tz::test::linzi_plan();
  tz::Plan after = before;
  after.units.push_back({"audit", "区审计局", tz::UnitKind::bureau, "", ""});
  after.units[1].name = "临淄区卫生健康局";
  std::erase_if(after.units, [](const tz::Unit& u) { return u.code == "science-association"; });
  const std::vector<std::string> want = {"单位 health 名称 区卫健局 → 临淄区卫生健康局",
                                         "单位 新增 区审计局（audit）",
                                         "单位 删除 区科协（science-association）"};
  EXPECT_EQ(texts(before, after), want);
}

TEST(PlanDiff, InitiativesTargetsAndAssignments) {
  const tz::Plan before = tz::test::linzi_plan();
  tz::Plan after = before;
  tz::Initiative& two = after.initiatives[1];
  two.assignments[1].person = "王五";
  two.deadline = tz::Date::make(2021, 9, 30);
  tz::Target moved = two.targets.back();
  two.targets.pop_back();
  after.initiatives[2].targets.push_back(moved);
  after.initiatives.pop_back();  // 实事十
  const std::vector<tz::PlanChange> changes = tz::diff_plans(before, after);
  std::vector<std::string> got;
  for (const tz::PlanChange& c : changes) got.push_back(c.text);
  const std::string finance = before.find_unit(two.assignments[1].unit)->name;
  EXPECT_EQ(got.at(0), "实事二 完成时限 年内 → 2021年9月30日");
  EXPECT_EQ(got.at(1), "实事二 " + finance + " 责任人  → 王五");
  EXPECT_EQ(got.at(2), "目标 " + moved.code + " 所属实事 实事二 → 实事三");
  EXPECT_EQ(got.back().rfind("删除 实事十 ", 0), 0U) << got.back();
  EXPECT_EQ(changes.back().kind, tz::PlanChangeKind::removed);
  EXPECT_EQ(tz::plan_change_kind_from_string("added"), tz::PlanChangeKind::added);
}

}  // namespace
