// Units: the organisations a plan makes responsible (区卫健局, a town, 区妇联, ...).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// What kind of organisation a unit is. Part of the persistent format: do not renumber.
enum class UnitKind : std::uint8_t {
  bureau = 1,             // a government department or bureau (区卫健局, 临淄医保分局)
  town = 2,               // 镇人民政府
  street = 3,             // 街道办事处
  development_zone = 4,   // 开发区管委会
  mass_organisation = 5,  // 群团组织: 区妇联, 区总工会, 团区委, 区残联, 区科协
  enterprise = 6,         // 企业
  coordinating_office = 7,  // the office that schedules the work and receives reports
  party_department = 8,     // 党委部门: 区委宣传部
  institution = 9,          // 事业单位: 县代建中心, schools, hospitals
  government = 10,          // a people's government or its general office, usually the issuer
  other = 11,
  placeholder = 12,  // not known yet (a draft's 责任单位（待定）): never chased, to be replaced
};

// "bureau", "town", "street", "development_zone", "mass_organisation", "enterprise",
// "coordinating_office", "party_department", "institution", "government", "other", "placeholder".
TAIZHANG_EXPORT const char* to_string(UnitKind kind) noexcept;
TAIZHANG_EXPORT std::optional<UnitKind> unit_kind_from_string(std::string_view text) noexcept;

struct Unit {
  std::string code;  // stable identifier, ASCII letters, digits, '.', '_' or '-'
  std::string name;  // as the documents name it: "区卫健局"
  UnitKind kind = UnitKind::bureau;
  std::string parent;     // code of the parent unit in a hierarchy; empty for none
  std::string full_name;  // the formal name when it differs ("临淄区卫生健康局"); may be empty

  friend bool operator==(const Unit&, const Unit&) = default;
};

}  // namespace taizhang
