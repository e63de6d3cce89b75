// Helpers of the reliability tests (reliability_*_test.cpp, docs/reliability.md): running a helper
// program and reading what it said, plain SQLite on a ledger file, and the state of a file.
#pragma once

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace taizhang::test {

// What a helper program printed (stdout and stderr) and how it ended.
struct ProgramRun {
  int status = -1;  // the exit status, or -1 when it did not exit (a signal)
  std::string output;

  // The value of the line "<key> <value>" ("" when there is none).
  [[nodiscard]] std::string line(const std::string& key) const {
    std::istringstream in(output);
    std::string l;
    while (std::getline(in, l)) {
      if (l.rfind(key + " ", 0) == 0) return l.substr(key.size() + 1);
    }
    return {};
  }
  // fault_probe's peak resident memory, in KiB (-1 when it did not say).
  [[nodiscard]] long maxrss_kb() const {
    const std::string v = line("maxrss_kb");
    return v.empty() ? -1 : std::stol(v);
  }
};

// Single-quotes `s` for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `program` with `args` through /bin/sh, standard input from /dev/null.
inline ProgramRun run_program(const std::string& program, const std::vector<std::string>& args) {
  std::string command = shell_quote(program);
  for (const std::string& a : args) command += " " + shell_quote(a);
  command += " < /dev/null 2>&1";
  ProgramRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

inline ProgramRun run_probe(const std::vector<std::string>& args) {
  return run_program(TAIZHANG_FAULT_PROBE, args);
}

// Runs `sql` on the database file with plain SQLite (no library), with the schema writable when
// asked (to craft a hostile schema as an attacker would). Fails the test on an error.
inline void sqlite_exec(const std::filesystem::path& db, const std::string& sql,
                        bool writable_schema = false) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  if (writable_schema) {
    sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 0, nullptr);
    sqlite3_exec(handle, "PRAGMA writable_schema = ON", nullptr, nullptr, nullptr);
  }
  char* error = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error != nullptr ? error : "";
  sqlite3_free(error);
  sqlite3_close(handle);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
}

// The first column of the first row of `sql`, as text, read with plain SQLite read-only.
inline std::string sqlite_value(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::string out = "<error>";
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      out = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr
                ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                : "";
    } else {
      out = std::string("<error: ") + sqlite3_errmsg(handle) + ">";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(handle);
  return out;
}

inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The names in a directory.
inline std::set<std::string> names_in(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out.insert(e.path().filename().string());
  }
  return out;
}

}  // namespace taizhang::test
