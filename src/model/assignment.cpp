#include "taizhang/assignment.hpp"

#include "util/enum_names.hpp"

namespace taizhang {

namespace {
using P = std::pair<AssignmentRole, const char*>;
constexpr auto kRoles = detail::enum_names<AssignmentRole>(
    P{AssignmentRole::lead, "lead"}, P{AssignmentRole::co_responsible, "co_responsible"});
}  // namespace

const char* to_string(AssignmentRole role) noexcept {
  return kRoles.name(role);
}
std::optional<AssignmentRole> assignment_role_from_string(std::string_view text) noexcept {
  return kRoles.parse(text);
}

}  // namespace taizhang
