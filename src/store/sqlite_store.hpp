// The embedded default Store: one SQLite file through SQLiteCpp (internal).
#pragma once

#include <filesystem>
#include <memory>

#include "store/store.hpp"
#include "taizhang/ledger.hpp"

namespace taizhang::store {

// Opens (or creates) the ledger file; see Ledger::open for the contract.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path,
                                         const LedgerOptions& options);

}  // namespace taizhang::store
