// Where in a plan a problem is, as a person sees the plan: "实事二 第2项目标（2.2）目标值" for the
// path "initiatives[1].targets[1].value" (in English: "initiative 2, target 2.2, value").
#pragma once

#include <string>
#include <string_view>

#include "taizhang/plan.hpp"

namespace taizhang::formats {

// The place of a JSON path of a plan document, in the current language; "" for the whole plan.
// Indices the plan does not have (a partly read document) are named by their position.
[[nodiscard]] std::string plan_place(const Plan& plan, std::string_view path);

}  // namespace taizhang::formats
