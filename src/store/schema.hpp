// The SQLite schema of a ledger file and its numbered migrations (internal). docs/schema.md
// describes the same schema for readers outside taizhang.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace taizhang::store {

// PRAGMA application_id of every ledger file: "TZLG".
inline constexpr std::int32_t kApplicationId = 0x545A4C47;

// The schema version this library writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 2;

// migrations()[i] upgrades a ledger from user_version i to i + 1. Each runs inside the single
// transaction that upgrades a file. Never edit a migration that has been released: add one.
const std::vector<std::string_view>& migrations();

}  // namespace taizhang::store
