// Assignments: which unit is responsible for an initiative, in which role.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// Part of the persistent format: do not renumber.
enum class AssignmentRole : std::uint8_t {
  lead = 1,            // 牵头单位: the first unit a notice lists, answerable for the targets
  co_responsible = 2,  // 责任单位 / 配合单位 listed after the lead
};

// "lead", "co_responsible".
TAIZHANG_EXPORT const char* to_string(AssignmentRole role) noexcept;
TAIZHANG_EXPORT std::optional<AssignmentRole> assignment_role_from_string(
    std::string_view text) noexcept;

// The names before 0.2.0.
using Role [[deprecated("renamed AssignmentRole in 0.2.0")]] = AssignmentRole;
[[deprecated("renamed assignment_role_from_string in 0.2.0")]] inline std::optional<AssignmentRole>
role_from_string(std::string_view text) noexcept {
  return assignment_role_from_string(text);
}

// One unit made responsible for one initiative (the initiative holds its assignments).
struct Assignment {
  std::string unit;  // the unit's code
  AssignmentRole role = AssignmentRole::co_responsible;
  std::string division;  // 责任科室, the responsible division inside the unit; empty until named
  std::string person;    // 责任人, the responsible person; empty until named

  friend bool operator==(const Assignment&, const Assignment&) = default;
};

}  // namespace taizhang
