#include "taizhang/unit.hpp"

#include "util/enum_names.hpp"

namespace taizhang {

namespace {
using P = std::pair<UnitKind, const char*>;
constexpr auto kUnitKinds = detail::enum_names<UnitKind>(
    P{UnitKind::bureau, "bureau"}, P{UnitKind::town, "town"}, P{UnitKind::street, "street"},
    P{UnitKind::development_zone, "development_zone"},
    P{UnitKind::mass_organisation, "mass_organisation"}, P{UnitKind::enterprise, "enterprise"},
    P{UnitKind::coordinating_office, "coordinating_office"},
    P{UnitKind::party_department, "party_department"}, P{UnitKind::institution, "institution"},
    P{UnitKind::government, "government"}, P{UnitKind::other, "other"},
    P{UnitKind::placeholder, "placeholder"});
}  // namespace

const char* to_string(UnitKind kind) noexcept {
  return kUnitKinds.name(kind);
}
std::optional<UnitKind> unit_kind_from_string(std::string_view text) noexcept {
  return kUnitKinds.parse(text);
}

}  // namespace taizhang
