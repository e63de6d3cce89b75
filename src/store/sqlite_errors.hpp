// SQLite's errors as the library's StorageErrors, and what can be told of a ledger file before and
// after SQLite opens it: its header, whether it is truncated, whether it is a regular file
// (internal to the SQLite store).
#pragma once

#include <filesystem>
#include <string>

#include "taizhang/error.hpp"

struct sqlite3;

namespace SQLite {
class Exception;
}

namespace taizhang::store {

// ---- errors

Location file_location(const std::filesystem::path& path);

// The fault of an SQLite result code (primary or extended).
StorageFault fault_of(int code);
// The same, telling a refused write (SQLITE_IOERR with ENOSPC, EFBIG, EDQUOT, EROFS, ...) by the
// operating system's error `system_errno` (0 when unknown).
StorageFault fault_of(int code, int system_errno);

// What `fault` means for the ledger, with SQLite's own `detail`.
std::string explain(StorageFault fault, const std::string& detail);

// Throws the StorageError of an SQLite error, naming the file; `system_errno` is the operating
// system's error of the I/O call that failed, 0 when unknown.
[[noreturn]] void rethrow(const SQLite::Exception& e, const std::filesystem::path& path,
                          int system_errno = 0);

// ---- file forensics

// `path` with `suffix` ("-wal", "-shm", "-journal") appended to its name.
std::filesystem::path beside(const std::filesystem::path& path, const char* suffix);
bool exists_beside(const std::filesystem::path& path, const char* suffix);

// Why the open database file `path` is shorter than its header says ("" when it is not, or when
// that cannot be told). Meaningful only when no -wal file is beside it: a WAL may hold pages that a
// checkpoint has not yet written to the file (or was writing when the process died), and SQLite
// reads them from there.
std::string truncation(sqlite3* db, const std::filesystem::path& path);

// Checks what can be checked of an existing ledger file before anything is read through SQLite:
// that it is an SQLite database at all, and that it is not shorter than its header says. SQLite
// has opened the file but not read or written it yet.
void check_file_header(sqlite3* db, const std::filesystem::path& path);

// Refuses the ledger file `path` (or, with a `suffix`, its -wal, -shm or -journal) unless it is a
// regular file, saying what it is instead. lstat(): a symbolic link is not followed.
void refuse_unless_regular(const std::filesystem::path& path, const char* suffix);

}  // namespace taizhang::store
