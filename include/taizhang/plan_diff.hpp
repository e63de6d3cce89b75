// What changed between two versions of a plan, in the words an office uses: 实事三 新增目标 3.4;
// 2.1 目标值 3所 → 4所; 实事二 责任单位 增加 区财政局.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

enum class PlanChangeKind : std::uint8_t {
  added = 1,    // 新增: a unit, an initiative, a target, an assignment or a contributor
  removed = 2,  // 删除 (or 减少 for a unit of an initiative)
  changed = 3,  // a field that has another value: before → after
};

TAIZHANG_EXPORT const char* to_string(PlanChangeKind kind) noexcept;
TAIZHANG_EXPORT std::optional<PlanChangeKind> plan_change_kind_from_string(
    std::string_view text) noexcept;

struct PlanChange {
  PlanChangeKind kind = PlanChangeKind::changed;
  std::string subject;  // what it is about, as people name it: "计划", "单位 finance", "实事二",
                        // "目标 2.1"
  std::string field;  // which of its fields, in Chinese: "目标值", "责任单位", "名称"; "" for a
                      // whole thing added or removed
  std::string before;  // as people write it: "3所", "区卫健局", "2021年12月31日"; "" when added
  std::string after;  // "" when removed
  std::string text;   // the whole change in words: "2.1 目标值 3所 → 4所"

  friend bool operator==(const PlanChange&, const PlanChange&) = default;
};

// Every change from `before` to `after`, in the plan's order: the plan's own fields, its units,
// then each initiative (its title, deadline, units and their roles, divisions and persons) with
// its targets (added, removed, moved, and each field: what, value, unit, baseline, deadline,
// contributors, weight, how it accumulates and combines, scope, stages). Targets are matched by
// code, initiatives by number, units by code. Empty when the plans say the same.
TAIZHANG_EXPORT std::vector<PlanChange> diff_plans(const Plan& before, const Plan& after);

}  // namespace taizhang
