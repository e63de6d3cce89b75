#include "taizhang/error.hpp"

#include <string>
#include <utility>

#include "taizhang/message.hpp"
#include "util/enum_names.hpp"
#include "util/message_mark.hpp"

namespace taizhang {

namespace {
template <class E>
using P = std::pair<E, const char*>;
constexpr auto kCodes = detail::enum_names<ErrorCode>(
    P<ErrorCode>{ErrorCode::internal, "internal"}, P<ErrorCode>{ErrorCode::parse, "parse"},
    P<ErrorCode>{ErrorCode::validation, "validation"},
    P<ErrorCode>{ErrorCode::unit_mismatch, "unit_mismatch"},
    P<ErrorCode>{ErrorCode::overflow, "overflow"}, P<ErrorCode>{ErrorCode::not_found, "not_found"},
    P<ErrorCode>{ErrorCode::io, "io"}, P<ErrorCode>{ErrorCode::storage, "storage"},
    P<ErrorCode>{ErrorCode::permission_denied, "permission_denied"},
    P<ErrorCode>{ErrorCode::conflict, "conflict"});
constexpr auto kFaults = detail::enum_names<StorageFault>(
    P<StorageFault>{StorageFault::other, "other"},
    P<StorageFault>{StorageFault::cannot_open, "cannot_open"},
    P<StorageFault>{StorageFault::not_sqlite, "not_sqlite"},
    P<StorageFault>{StorageFault::not_a_ledger, "not_a_ledger"},
    P<StorageFault>{StorageFault::too_new, "too_new"},
    P<StorageFault>{StorageFault::corrupt, "corrupt"}, P<StorageFault>{StorageFault::busy, "busy"},
    P<StorageFault>{StorageFault::full, "full"},
    P<StorageFault>{StorageFault::read_only, "read_only"});
}  // namespace

const char* to_string(ErrorCode code) noexcept {
  return kCodes.name(code);
}
std::optional<ErrorCode> error_code_from_string(std::string_view text) noexcept {
  return kCodes.parse(text);
}

std::string Location::to_string() const {
  std::string out = file;
  if (line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(line);
    if (column != 0) out += ':' + std::to_string(column);
  }
  if (!path.empty()) {
    if (!out.empty()) out += ": ";
    out += path;
  }
  return out;
}

namespace {

std::string compose(const std::string& message, const Location& where) {
  if (where.empty()) return message;
  return where.to_string() + ": " + message;
}

// "3 errors": the identifier of a ValidationError.
Message count_of_errors(const std::vector<Issue>& issues) {
  std::size_t errors = 0;
  for (const Issue& issue : issues) {
    if (issue.severity == Issue::Severity::error) ++errors;
  }
  return Message(errors == 1 ? util::N_("{count} error") : util::N_("{count} errors"),
                 {{"count", std::to_string(errors)}});
}

std::string list_issues(const std::vector<Issue>& issues, const std::string& file) {
  std::string out = file.empty() ? std::string() : file + ": ";
  out += count_of_errors(issues).text();
  for (const Issue& issue : issues) {
    out += '\n';
    out += issue.to_string();
  }
  return out;
}

Location first_error_location(const std::vector<Issue>& issues, std::string file) {
  Location where;
  where.file = std::move(file);
  for (const Issue& issue : issues) {
    if (issue.severity == Issue::Severity::error) {
      where.path = issue.path;
      break;
    }
  }
  return where;
}

}  // namespace

Error::Error(ErrorCode code, Message message, Location where)
    : Error(code, message, where, compose(message.text(), where)) {}

Error::Error(ErrorCode code, Message message, Location where, const std::string& what)
    : std::runtime_error(what),
      code_(code),
      source_(std::move(message)),
      message_(source_.text()),
      where_(std::move(where)) {}

Error::Error(ErrorCode code, Message source, std::string message, Location where,
             const std::string& what)
    : std::runtime_error(what),
      code_(code),
      source_(std::move(source)),
      message_(std::move(message)),
      where_(std::move(where)) {}

ParseError::ParseError(Message message, Location where)
    : Error(ErrorCode::parse, std::move(message), std::move(where)) {}
UnitError::UnitError(Message message, Location where)
    : Error(ErrorCode::unit_mismatch, std::move(message), std::move(where)) {}
OverflowError::OverflowError(Message message, Location where)
    : Error(ErrorCode::overflow, std::move(message), std::move(where)) {}
NotFoundError::NotFoundError(Message message, Location where)
    : Error(ErrorCode::not_found, std::move(message), std::move(where)) {}
IoError::IoError(Message message, Location where)
    : Error(ErrorCode::io, std::move(message), std::move(where)) {}

PermissionDenied::PermissionDenied(Message message, Location where)
    : Error(ErrorCode::permission_denied, std::move(message), std::move(where)) {}
ConflictError::ConflictError(Message message, Location where)
    : Error(ErrorCode::conflict, std::move(message), std::move(where)) {}
StorageError::StorageError(StorageFault fault, Message message, Location where)
    : Error(ErrorCode::storage, std::move(message), std::move(where)), fault_(fault) {}

const char* to_string(StorageFault fault) noexcept {
  return kFaults.name(fault);
}
std::optional<StorageFault> storage_fault_from_string(std::string_view text) noexcept {
  return kFaults.parse(text);
}

Issue::Issue(Severity how_bad, std::string at, const Message& what, std::string where_seen)
    : severity(how_bad),
      path(std::move(at)),
      message(what.text()),
      place(std::move(where_seen)),
      message_id(what.id()),
      arguments(what.arguments()) {}

std::string Issue::to_string() const {
  return to_string(language());
}

std::string Issue::to_string(Language in) const {
  const std::string text = message_id.empty() ? message : Message(message_id, arguments).text(in);
  if (in == Language::english) {
    std::string out = severity == Severity::error ? "error: " : "warning: ";
    if (!path.empty()) out += path + ": ";
    return out + text;
  }
  // 错误：实事四 第2项目标（4.2）：……（initiatives[3].targets[1].value）
  std::string out = severity == Severity::error ? "错误：" : "警告：";
  if (!place.empty()) out += place + "：";
  out += text;
  if (!path.empty()) out += "（" + path + "）";
  return out;
}

ValidationError::ValidationError(std::vector<Issue> issues, std::string file)
    : Error(ErrorCode::validation, count_of_errors(issues), list_issues(issues, {}),
            first_error_location(issues, file), list_issues(issues, file)),
      issues_(std::move(issues)) {}

ValidationError::ValidationError(Message message, Location where)
    : Error(ErrorCode::validation, message, where),
      issues_{Issue{Issue::Severity::error, where.path, message}} {}

}  // namespace taizhang
