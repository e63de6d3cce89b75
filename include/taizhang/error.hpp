// The one exception family of taizhang.
//
// Every error the library reports is a taizhang::Error (or a subclass) carrying a code and, where
// the error came from input, the place in that input: a file, a line and column, or a field path
// such as "initiatives[3].targets[1].value". The classes map one-to-one onto the Python exception
// classes.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/message.hpp"

namespace taizhang {

// What went wrong, in categories a caller can act on. Part of the public contract (the Python
// classes and the command line's exit codes derive from it): do not renumber.
enum class ErrorCode : std::uint8_t {
  internal = 1,       // a bug in taizhang: an invariant did not hold
  parse = 2,          // text that is not what it should be (a number, a period, JSON, a date)
  validation = 3,     // well-formed input that breaks the rules of the model
  unit_mismatch = 4,  // a conversion between units of measure that makes no sense (所 → 名)
  overflow = 5,       // exact arithmetic left the representable range
  not_found = 6,      // a named thing (plan, unit, target, report, unit of measure) is not there
  io = 7,             // a file could not be read or written
  storage = 8,        // the ledger file is unusable (corrupt, too new, not a ledger, full, locked)
  permission_denied = 9,  // the actor may not do this
  conflict = 10,          // the operation contradicts what is already stored
};

// The name of an error code, e.g. "unit_mismatch", and back.
TAIZHANG_EXPORT const char* to_string(ErrorCode code) noexcept;
TAIZHANG_EXPORT std::optional<ErrorCode> error_code_from_string(std::string_view text) noexcept;

// Where bad input came from. Every member is optional; empty members are simply not shown.
struct Location {
  std::string file;          // a file name or another name for the input ("<string>")
  std::uint32_t line = 0;    // 1-based line, 0 when unknown
  std::uint32_t column = 0;  // 1-based column in UTF-8 code units, 0 when unknown
  std::string path;          // a field path inside a document: "initiatives[3].targets[1].value"

  [[nodiscard]] bool empty() const noexcept {
    return file.empty() && line == 0 && column == 0 && path.empty();
  }
  // "plan.json:12:5: initiatives[3].title", leaving out what is unknown.
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string() const;

  friend bool operator==(const Location&, const Location&) = default;
};

// The root of the family. what() gives "<location>: <message>" (or just the message when the
// location is empty); message() and where() give the parts. The message is rendered in the
// language of the moment it was thrown (message.hpp: Chinese unless English is asked for);
// message_id() and arguments() are the stable identifier and values behind it, for a caller that
// renders errors in its own words.
class TAIZHANG_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorCode code, Message message, Location where = {});

  [[nodiscard]] ErrorCode code() const noexcept { return code_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] const Location& where() const noexcept { return where_; }
  [[nodiscard]] const std::string& message_id() const noexcept { return source_.id(); }
  [[nodiscard]] const std::vector<MessageArgument>& arguments() const noexcept {
    return source_.arguments();
  }
  // The message again, in another language.
  [[nodiscard]] std::string message_in(Language language) const { return source_.text(language); }

 protected:
  // For subclasses whose what() text is not "<location>: <message>".
  Error(ErrorCode code, Message message, Location where, const std::string& what);
  // For subclasses whose message() says more than their identifier (ValidationError: the count,
  // then every problem).
  Error(ErrorCode code, Message source, std::string message, Location where,
        const std::string& what);

 private:
  ErrorCode code_;
  Message source_;
  std::string message_;
  Location where_;
};

// Text that cannot be read: a number, a date, a period, JSON (with line and column).
class TAIZHANG_EXPORT ParseError : public Error {
 public:
  explicit ParseError(Message message, Location where = {});
};

// A conversion between units of measure that makes no sense, or an unknown unit of measure.
class TAIZHANG_EXPORT UnitError : public Error {
 public:
  explicit UnitError(Message message, Location where = {});
};

// Exact arithmetic that would leave the representable range. Never wraps.
class TAIZHANG_EXPORT OverflowError : public Error {
 public:
  explicit OverflowError(Message message, Location where = {});
};

// A named thing that does not exist.
class TAIZHANG_EXPORT NotFoundError : public Error {
 public:
  explicit NotFoundError(Message message, Location where = {});
};

// A file that cannot be read or written.
class TAIZHANG_EXPORT IoError : public Error {
 public:
  explicit IoError(Message message, Location where = {});
};

// The actor may not do this (a reporter writing another unit's report, a reporter accepting, ...).
// Nothing was written.
class TAIZHANG_EXPORT PermissionDenied : public Error {
 public:
  explicit PermissionDenied(Message message, Location where = {});
};

// The operation contradicts what is stored: a plan imported twice, a report submitted twice, a
// unit defined differently from the catalogue. Nothing was written.
class TAIZHANG_EXPORT ConflictError : public Error {
 public:
  explicit ConflictError(Message message, Location where = {});
};

// What is wrong with a ledger file. Part of the public contract: do not renumber.
enum class StorageFault : std::uint8_t {
  other = 1,
  cannot_open = 2,   // the file or its directory cannot be opened or created
  not_sqlite = 3,    // the file is not an SQLite database at all
  not_a_ledger = 4,  // an SQLite database, but not a taizhang ledger
  too_new = 5,       // written by a newer taizhang whose schema this library does not know
  corrupt = 6,       // damaged or truncated, or its schema was altered behind taizhang's back
  busy = 7,          // another process held the file locked for longer than the busy timeout
  full = 8,          // the disk or the file system is full
  read_only = 9,     // the file, its directory or the ledger was opened read-only
};

// "not_sqlite", "too_new", ..., and back.
TAIZHANG_EXPORT const char* to_string(StorageFault fault) noexcept;
TAIZHANG_EXPORT std::optional<StorageFault> storage_fault_from_string(
    std::string_view text) noexcept;

// The ledger file cannot be used as asked. where().file names it.
class TAIZHANG_EXPORT StorageError : public Error {
 public:
  StorageError(StorageFault fault, Message message, Location where = {});
  [[nodiscard]] StorageFault fault() const noexcept { return fault_; }

 private:
  StorageFault fault_;
};

// One problem found by validation.
struct Issue {
  enum class Severity : std::uint8_t { error = 1, warning = 2 };  // persistent: do not renumber

  Issue() = default;
  // The message is rendered now, in the current language; its identifier and values are kept.
  TAIZHANG_EXPORT Issue(Severity how_bad, std::string at, const Message& what,
                        std::string where_seen = {});

  Severity severity = Severity::error;
  std::string path;     // "initiatives[3].targets[1].value"; empty for the document as a whole
  std::string message;  // what is wrong, naming the offending value (in the current language)
  std::string place;    // where, as a person sees it: "实事二 第2项目标（2.2）", "第3行 第C列"
  std::string message_id;                   // the stable identifier of the message (message.hpp)
  std::vector<MessageArgument> arguments;   // and its values

  // "error: initiatives[3].targets[1].value: ..." (English) or
  // "错误：实事四 第2项目标（4.2）：…（initiatives[3].targets[1].value）" (Chinese).
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string() const;
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string(Language language) const;

  friend bool operator==(const Issue&, const Issue&) = default;
};

// Input that breaks the model's rules. Carries every problem found, not only the first; what()
// lists them all, one per line. where().path is the path of the first error.
class TAIZHANG_EXPORT ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<Issue> issues, std::string file = {});
  ValidationError(Message message, Location where);

  [[nodiscard]] const std::vector<Issue>& issues() const noexcept { return issues_; }

 private:
  std::vector<Issue> issues_;
};

}  // namespace taizhang
