// Actors: who does something in a ledger, and in which role.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// Part of the persistent format: do not renumber.
enum class ActorRole : std::uint8_t {
  reporter = 1,       // files its own unit's reports, on the initiatives its unit is assigned to
  coordinator = 2,    // the plan's coordinating unit: accepts and returns reports
  administrator = 3,  // imports and edits plans and the unit catalogue
};

// "reporter", "coordinator", "administrator".
TAIZHANG_EXPORT const char* to_string(ActorRole role) noexcept;
TAIZHANG_EXPORT std::optional<ActorRole> actor_role_from_string(std::string_view text) noexcept;

// Comes with every write; recorded with every revision. The ledger checks what the role allows.
struct Actor {
  std::string unit;  // the acting unit's code
  ActorRole role = ActorRole::reporter;
  std::string person;  // who, for the record (a name or a login); may be empty

  friend bool operator==(const Actor&, const Actor&) = default;
};

}  // namespace taizhang
