#include "taizhang/assignment.hpp"

#include "util/enum_names.hpp"

namespace taizhang {

namespace {
using P = std::pair<Role, const char*>;
constexpr auto kRoles =
    detail::enum_names<Role>(P{Role::lead, "lead"}, P{Role::co_responsible, "co_responsible"});
}  // namespace

const char* to_string(Role role) noexcept {
  return kRoles.name(role);
}
std::optional<Role> role_from_string(std::string_view text) noexcept {
  return kRoles.parse(text);
}

}  // namespace taizhang
