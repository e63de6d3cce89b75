#include "store/sqlite_errors.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string_view>
#include <system_error>

#include <SQLiteCpp/Exception.h>

namespace taizhang::store {

namespace fs = std::filesystem;

// ---- errors

Location file_location(const fs::path& path) {
  Location where;
  where.file = path.string();
  return where;
}

StorageFault fault_of(int code) {
  switch (code & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return StorageFault::busy;
    case SQLITE_FULL: return StorageFault::full;
    case SQLITE_READONLY: return StorageFault::read_only;
    case SQLITE_CORRUPT: return StorageFault::corrupt;
    case SQLITE_NOTADB: return StorageFault::not_sqlite;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return StorageFault::cannot_open;
    default: return StorageFault::other;
  }
}

std::string explain(StorageFault fault, const std::string& detail) {
  switch (fault) {
    case StorageFault::busy:
      return "another process kept the ledger locked longer than the busy timeout (" + detail + ")";
    case StorageFault::full: return "the disk is full (" + detail + ")";
    case StorageFault::read_only: return "the ledger cannot be written (" + detail + ")";
    case StorageFault::corrupt: return "the ledger file is damaged (" + detail + ")";
    case StorageFault::not_sqlite: return "the file is not an SQLite database (" + detail + ")";
    case StorageFault::cannot_open: return "the ledger file cannot be opened (" + detail + ")";
    default: return detail;
  }
}

// SQLite reports a write that found no room as SQLITE_FULL only when the write was short; a write
// refused outright (ENOSPC, EFBIG past a file size limit, EDQUOT over a quota) is SQLITE_IOERR, as
// is a file system gone read-only. The operating system's error, which SQLite keeps for the
// connection, tells them apart, and is named in the message.
StorageFault fault_of(int code, int system_errno) {
  if ((code & 0xFF) == SQLITE_IOERR) {
    switch (system_errno) {
      case ENOSPC:
      case EFBIG:
      case EDQUOT: return StorageFault::full;
      case EROFS:
      case EACCES:
      case EPERM: return StorageFault::read_only;
      default: break;
    }
  }
  return fault_of(code);
}

// Throws the StorageError of an SQLite error, naming the file; `system_errno` is the operating
// system's error of the I/O call that failed, 0 when unknown.
[[noreturn]] void rethrow(const SQLite::Exception& e, const fs::path& path, int system_errno) {
  const bool io =
      (e.getErrorCode() & 0xFF) == SQLITE_IOERR || (e.getErrorCode() & 0xFF) == SQLITE_FULL;
  StorageFault fault = fault_of(e.getErrorCode(), io ? system_errno : 0);
  std::string detail = e.what();
  if (io && system_errno != 0) {
    detail += ": " + std::error_code(system_errno, std::generic_category()).message();
  }
  switch (e.getExtendedErrorCode()) {
    case SQLITE_IOERR_SHMSIZE:  // the -shm file could not be grown
      fault = StorageFault::full;
      break;
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_TRUNCATE:
      // SQLite does not always keep the system's error: say what usually causes it.
      if (system_errno == 0) detail += " (a write to the ledger's files failed: is the disk full?)";
      break;
    case SQLITE_READONLY_DIRECTORY:
    case SQLITE_READONLY_CANTINIT:
    case SQLITE_READONLY_CANTLOCK:
      detail += "; its directory cannot be written, and SQLite must create the files " +
                path.filename().string() + "-wal and " + path.filename().string() +
                "-shm beside it to use it, even to read it";
      break;
    default: break;
  }
  throw StorageError(fault, explain(fault, detail), file_location(path));
}

// ---- file forensics

namespace {

std::uint32_t big_endian(const unsigned char* p, int n) {
  std::uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8U) | p[i];
  return v;
}

// The first bytes of the open database file and its size, read through SQLite's own file handle.
// Reading through a descriptor of our own would be wrong: closing it drops every POSIX lock this
// process holds on the file, including those of other connections to it, and a checkpoint by
// another process could then delete a WAL still in use here.
struct Head {
  std::string bytes;
  std::int64_t size = 0;
  bool known = false;
};

Head read_head(sqlite3* db, const fs::path& path, std::size_t n) {
  Head head;
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return head;
  }
  // The size from stat(), which opens nothing: SQLite's own xFileSize reports a 1-byte file as
  // empty (a work-around of its own), and an empty file is a new ledger.
  std::error_code ec;
  const auto stat_size = fs::file_size(path, ec);
  if (ec) return head;
  const auto size = static_cast<sqlite3_int64>(stat_size);
  const auto amount =
      static_cast<int>(std::min<sqlite3_int64>(size, static_cast<sqlite3_int64>(n)));
  head.bytes.assign(static_cast<std::size_t>(amount), '\0');
  if (amount > 0) {
    const int rc = file->pMethods->xRead(file, head.bytes.data(), amount, 0);
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return head;
  }
  head.size = size;
  head.known = true;
  return head;
}

}  // namespace

fs::path beside(const fs::path& path, const char* suffix) {
  return path.string() + suffix;
}

bool exists_beside(const fs::path& path, const char* suffix) {
  std::error_code ec;
  return fs::exists(beside(path, suffix), ec);
}

// Why the file is shorter than its header says ("" when it is not, or when that cannot be told).
// Meaningful only when no -wal file is beside it: a WAL may hold pages that a checkpoint has not
// yet written to the file (or was writing when the process died), and SQLite reads them from there.
std::string truncation(sqlite3* db, const fs::path& path) {
  const Head head = read_head(db, path, 100);
  if (!head.known) return {};
  if (head.bytes.size() < 100) {
    return "the ledger file is truncated: it has only " + std::to_string(head.bytes.size()) +
           " bytes, not even a whole SQLite header";
  }
  const auto* h = reinterpret_cast<const unsigned char*>(head.bytes.data());
  std::uint64_t page_size = big_endian(&h[16], 2);
  if (page_size == 1) page_size = 65536;
  const std::uint32_t change_counter = big_endian(&h[24], 4);
  const std::uint32_t pages = big_endian(&h[28], 4);
  const std::uint32_t valid_for = big_endian(&h[92], 4);
  const auto size = static_cast<std::uint64_t>(head.size);
  if (pages != 0 && valid_for == change_counter && size < page_size * pages) {
    return "the ledger file is truncated: it has " + std::to_string(size) +
           " bytes but its header says " + std::to_string(page_size * pages);
  }
  return {};
}

// Checks what can be checked of an existing ledger file before anything is read through SQLite:
// that it is an SQLite database at all, and that it is not shorter than its header says. SQLite
// has opened the file but not read or written it yet.
void check_file_header(sqlite3* db, const fs::path& path) {
  const Head head = read_head(db, path, 16);
  if (!head.known || head.size == 0) return;  // an empty file becomes a new ledger
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  const std::size_t compare = std::min(head.bytes.size(), kMagic.size());
  if (std::string_view(head.bytes).substr(0, compare) != kMagic.substr(0, compare)) {
    throw StorageError(StorageFault::not_sqlite,
                       "is not a taizhang ledger: it is not an SQLite database at all",
                       file_location(path));
  }
  // With no -wal beside it, the file is the whole database. (With one, SQLite checks the size
  // itself, counting the pages in the WAL; see SqliteStore::identify().) Checked again after
  // reading: a writer may have come.
  if (exists_beside(path, "-wal")) return;
  const std::string truncated = truncation(db, path);
  if (!truncated.empty() && !exists_beside(path, "-wal")) {
    throw StorageError(StorageFault::corrupt, truncated, file_location(path));
  }
}

// Refuses the ledger file `path` (or, with a `suffix`, its -wal, -shm or -journal) unless it is a
// regular file, saying what it is instead. lstat(): a symbolic link is not followed.
void refuse_unless_regular(const fs::path& path, const char* suffix) {
  const fs::path file = *suffix == '\0' ? path : beside(path, suffix);
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return;  // gone: SQLite says
  const char* kind = S_ISFIFO(st.st_mode)   ? "a FIFO (named pipe)"
                     : S_ISCHR(st.st_mode)  ? "a character device"
                     : S_ISBLK(st.st_mode)  ? "a block device"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                     : S_ISDIR(st.st_mode)  ? "a directory"
                     : S_ISLNK(st.st_mode)  ? "a symbolic link"
                                            : "not a regular file";
  throw StorageError(
      StorageFault::cannot_open,
      *suffix == '\0' ? std::string("is ") + kind +
                            ", not a ledger file: not opened (a ledger is a regular file)"
                      : "has beside it " + file.filename().string() + ", which is " + kind +
                            ", not a file SQLite made: not opened (remove it if it is not yours)",
      file_location(path));
}

}  // namespace taizhang::store
