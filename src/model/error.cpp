#include "taizhang/error.hpp"

#include <string>
#include <utility>

#include "taizhang/version.hpp"

namespace taizhang {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::internal: return "internal";
    case ErrorCode::parse: return "parse";
    case ErrorCode::validation: return "validation";
    case ErrorCode::unit_mismatch: return "unit_mismatch";
    case ErrorCode::overflow: return "overflow";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::io: return "io";
    case ErrorCode::storage: return "storage";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::conflict: return "conflict";
  }
  return "unknown";
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

std::string list_issues(const std::vector<Issue>& issues, const std::string& file) {
  std::size_t errors = 0;
  for (const Issue& issue : issues) {
    if (issue.severity == Issue::Severity::error) ++errors;
  }
  std::string out = file.empty() ? std::string() : file + ": ";
  out += std::to_string(errors) + (errors == 1 ? " error" : " errors");
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

Error::Error(ErrorCode code, std::string message, Location where)
    : std::runtime_error(compose(message, where)),
      code_(code),
      message_(std::move(message)),
      where_(std::move(where)) {}

Error::Error(ErrorCode code, std::string message, Location where, const std::string& what)
    : std::runtime_error(what),
      code_(code),
      message_(std::move(message)),
      where_(std::move(where)) {}

ParseError::ParseError(std::string message, Location where)
    : Error(ErrorCode::parse, std::move(message), std::move(where)) {}
UnitError::UnitError(std::string message, Location where)
    : Error(ErrorCode::unit_mismatch, std::move(message), std::move(where)) {}
OverflowError::OverflowError(std::string message, Location where)
    : Error(ErrorCode::overflow, std::move(message), std::move(where)) {}
NotFoundError::NotFoundError(std::string message, Location where)
    : Error(ErrorCode::not_found, std::move(message), std::move(where)) {}
IoError::IoError(std::string message, Location where)
    : Error(ErrorCode::io, std::move(message), std::move(where)) {}

PermissionDenied::PermissionDenied(std::string message, Location where)
    : Error(ErrorCode::permission_denied, std::move(message), std::move(where)) {}
ConflictError::ConflictError(std::string message, Location where)
    : Error(ErrorCode::conflict, std::move(message), std::move(where)) {}
StorageError::StorageError(StorageFault fault, std::string message, Location where)
    : Error(ErrorCode::storage, std::move(message), std::move(where)), fault_(fault) {}

const char* to_string(StorageFault fault) noexcept {
  switch (fault) {
    case StorageFault::other: return "other";
    case StorageFault::cannot_open: return "cannot_open";
    case StorageFault::not_sqlite: return "not_sqlite";
    case StorageFault::not_a_ledger: return "not_a_ledger";
    case StorageFault::too_new: return "too_new";
    case StorageFault::corrupt: return "corrupt";
    case StorageFault::busy: return "busy";
    case StorageFault::full: return "full";
    case StorageFault::read_only: return "read_only";
  }
  return "unknown";
}

std::string Issue::to_string() const {
  std::string out = severity == Severity::error ? "error: " : "warning: ";
  if (!path.empty()) out += path + ": ";
  return out + message;
}

ValidationError::ValidationError(std::vector<Issue> issues, std::string file)
    : Error(ErrorCode::validation, list_issues(issues, {}), first_error_location(issues, file),
            list_issues(issues, file)),
      issues_(std::move(issues)) {}

ValidationError::ValidationError(std::string message, Location where)
    : Error(ErrorCode::validation, message, where),
      issues_{Issue{Issue::Severity::error, where.path, std::move(message)}} {}

const char* runtime_version() noexcept {
  return TAIZHANG_VERSION_STRING;
}

}  // namespace taizhang
