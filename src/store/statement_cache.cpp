#include "store/statement_cache.hpp"

#include <SQLiteCpp/Exception.h>

namespace taizhang::store {

StatementCache::Lease::~Lease() {
  if (busy_ == nullptr) return;
  st_->tryReset();  // its error, if any, was thrown by the step that met it
  try {
    st_->clearBindings();  // sqlite3_clear_bindings() cannot fail; SQLiteCpp checks anyway
  } catch (const SQLite::Exception&) {
  }
  *busy_ = false;
}

StatementCache::Lease StatementCache::get(SQLite::Database& db, const std::string& sql) {
  auto it = entries_.find(sql);
  if (it == entries_.end()) {
    it = entries_.emplace(sql, Entry{std::make_unique<SQLite::Statement>(db, sql), false}).first;
  }
  Entry& e = it->second;
  if (e.busy) return Lease(std::make_unique<SQLite::Statement>(db, sql));
  e.busy = true;
  return Lease(*e.statement, &e.busy);
}

}  // namespace taizhang::store
