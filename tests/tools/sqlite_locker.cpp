// sqlite_locker: holds a write lock on an SQLite file from another process, for the concurrency
// tests (tests/cpp/ledger_concurrency_test.cpp).
//
//   sqlite_locker [--exclusive] <file>
//
// Opens (or creates) <file> with SQLite, begins a write transaction (BEGIN IMMEDIATE), writes
// "locked" to standard output, and holds the lock until standard input is closed; then rolls back
// and ends with status 0. A failure is written to standard error and ends it with status 1.
// With --exclusive it takes the file for itself (PRAGMA locking_mode = EXCLUSIVE, then
// BEGIN EXCLUSIVE and a read), so that other connections cannot even read it (the reliability
// tests, tests/cpp/reliability_faults_test.cpp).
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {

int fail(sqlite3* db, const char* doing) {
  std::fprintf(stderr, "sqlite_locker: %s: %s\n", doing, db != nullptr ? sqlite3_errmsg(db) : "");
  sqlite3_close(db);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const bool exclusive = argc == 3 && std::strcmp(argv[1], "--exclusive") == 0;
  if (argc != 2 && !exclusive) {
    std::fputs("usage: sqlite_locker [--exclusive] <file>\n", stderr);
    return 2;
  }
  const char* file = argv[argc - 1];
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    return fail(db, "open");
  }
  if (exclusive) {
    const char* sql =
        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema";
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
      return fail(db, "BEGIN EXCLUSIVE");
    }
  } else if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail(db, "BEGIN IMMEDIATE");
  }
  static constexpr char kLocked[] = "locked\n";
  if (::write(STDOUT_FILENO, kLocked, sizeof kLocked - 1) != sizeof kLocked - 1) {
    return fail(db, "write");
  }
  char buffer[64];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EINTR)) break;
  }
  if (sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return fail(db, "ROLLBACK");
  }
  sqlite3_close(db);
  return 0;
}
