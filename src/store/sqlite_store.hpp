// The embedded default Store: one SQLite file through SQLiteCpp (internal).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "store/store.hpp"

namespace taizhang::store {

// SQLite's own settings, beside the options every store has.
struct SqliteOptions {
  // SQLite's default page cache is 2 MiB: a year of a district's reports, but on a province's
  // file every filing then reads its index pages back from the OS (a profile of the benchmark's
  // writer showed a third of its time in pread). Up to 32 MiB, used only as the file needs it.
  std::int64_t page_cache_kib = 32 * 1024;
};

// Opens (or creates) the ledger file (":memory:" for a ledger in memory); see Ledger::open for
// the contract. `durable_commits` is SQLite's synchronous = FULL (else NORMAL, in WAL mode).
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path,
                                         const StoreOptions& options,
                                         const SqliteOptions& sqlite = {});

}  // namespace taizhang::store
