// A consistent copy of the ledger into a new file, with the ledger file's permissions.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <system_error>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include "store/sqlite_errors.hpp"
#include "store/sqlite_store_impl.hpp"
#include "taizhang/error.hpp"

namespace taizhang::store {

namespace fs = std::filesystem;

// The copy is renamed over the destination: that must not be this ledger, nor a database that
// some connection has open (or left unfinished), whose -wal, -shm or -journal would then be
// taken for the copy's.
void SqliteStore::refuse_destination_in_use(const fs::path& destination) const {
  std::error_code ec;
  if (path_ != ":memory:" && fs::equivalent(destination, path_, ec)) {
    throw IoError("cannot back the ledger up onto itself: the file is in use by this ledger",
                  file_location(destination));
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    if (exists_beside(destination, suffix)) {
      throw IoError(std::string("will not replace a database that is in use or was not closed "
                                "cleanly (") +
                        beside(destination, suffix).filename().string() + " is beside it)",
                    file_location(destination));
    }
  }
}

void SqliteStore::backup(const fs::path& destination) {
  refuse_destination_in_use(destination);
  const fs::path temp = destination.string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                        std::to_string(std::random_device{}());
  // The copy is made with the ledger file's permissions (a 0600 ledger stays private in its
  // backup): the empty file is created with them before a byte is copied into it; SQLite makes
  // its journal with the same. A ledger in memory has none: the copy gets the default.
  // (Written as the owner may write while it is copied, a read-only ledger's backup is read-only
  // once it is done.)
  struct stat source {};
  std::optional<mode_t> mode;
  if (path_ != ":memory:" && ::stat(path_.c_str(), &source) == 0) {
    mode = source.st_mode & 0777U;
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, *mode | S_IRUSR | S_IWUSR) != 0) {
      const int error = errno;
      if (fd >= 0) ::close(fd);
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw IoError(std::string("cannot create the backup: ") + std::strerror(error),
                    file_location(destination));
    }
    ::close(fd);
  }
  try {
    {
      SQLite::Database copy(temp.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(copy, db_);
      backup.executeStep(-1);  // one step: a consistent snapshot; WAL lets others keep writing
    }
    std::error_code ec;
    if (mode && (*mode & (S_IRUSR | S_IWUSR)) != (S_IRUSR | S_IWUSR) &&
        ::chmod(temp.c_str(), *mode) != 0) {
      const int error = errno;
      fs::remove(temp, ec);
      throw IoError(std::string("cannot set the backup's permissions: ") + std::strerror(error),
                    file_location(destination));
    }
    fs::rename(temp, destination, ec);
    if (ec) {
      fs::remove(temp, ec);
      throw IoError("cannot move the backup into place: " + ec.message(),
                    file_location(destination));
    }
  } catch (const SQLite::Exception& e) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    const StorageFault fault = fault_of(e.getErrorCode());
    throw StorageError(fault, "backup failed: " + explain(fault, e.what()),
                       file_location(destination));
  }
}

}  // namespace taizhang::store
