// Prepared statements kept for the life of an SQLite connection, and query(): one call that leases
// a statement, binds its parameters and hands back its rows (internal to the SQLite store).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "taizhang/decimal.hpp"

namespace taizhang::store {

// Prepared statements kept for the life of a connection: the write path runs the same dozen
// statements for every report filed, and preparing them again each time (parsing, name
// resolution, planning) cost more than running them. A Lease hands one out and, when it ends,
// resets it, which also ends the read it may hold open (a stepped but unreset SELECT keeps its
// snapshot, and would stop a WAL checkpoint). A statement already leased (a nested use of the
// same SQL) is never handed out twice: the nested user gets a fresh one for its own use.
class StatementCache {
 public:
  class Lease {
   public:
    Lease(SQLite::Statement& st, bool* busy) : st_(&st), busy_(busy) {}
    explicit Lease(std::unique_ptr<SQLite::Statement> own)
        : own_(std::move(own)), st_(own_.get()) {}
    Lease(Lease&& other) noexcept
        : own_(std::move(other.own_)), st_(other.st_), busy_(other.busy_) {
      other.st_ = nullptr;
      other.busy_ = nullptr;
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SQLite::Statement& operator*() const { return *st_; }
    SQLite::Statement* operator->() const { return st_; }

   private:
    std::unique_ptr<SQLite::Statement> own_;
    SQLite::Statement* st_;
    bool* busy_ = nullptr;
  };

  // The rows of a leased statement whose parameters are bound; or a statement to run.
  class Query;

  Lease get(SQLite::Database& db, const std::string& sql);

  // Leases the statement of `sql` and binds `args` to its parameters ?1, ?2, ... in order.
  template <class... Args>
  Query query(SQLite::Database& db, const std::string& sql, const Args&... args);

 private:
  struct Entry {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;
  };
  std::unordered_map<std::string, Entry> entries_;
};

// ---- binding: a value of the library's types to parameter `index` (1-based)
inline void bind_value(SQLite::Statement& st, int index, int v) {
  st.bind(index, v);
}
inline void bind_value(SQLite::Statement& st, int index, std::int64_t v) {
  st.bind(index, v);
}
inline void bind_value(SQLite::Statement& st, int index, const std::string& v) {
  st.bind(index, v);
}
inline void bind_value(SQLite::Statement& st, int index, const char* v) {
  st.bind(index, v);
}
inline void bind_value(SQLite::Statement& st, int index, std::string_view v) {
  st.bind(index, std::string(v));
}
// A decimal as its text; an absent one as NULL.
inline void bind_value(SQLite::Statement& st, int index, const std::optional<Decimal>& d) {
  if (d) {
    st.bind(index, d->to_string());
  } else {
    st.bind(index);
  }
}

template <class... Args>
void bind_all(SQLite::Statement& st, const Args&... args) {
  [[maybe_unused]] int index = 0;
  (bind_value(st, ++index, args), ...);
}

class StatementCache::Query {
 public:
  explicit Query(Lease lease) : lease_(std::move(lease)) {}

  // Steps to the next row: false when there is none.
  bool step() { return lease_->executeStep(); }
  // The current row.
  [[nodiscard]] SQLite::Statement& row() const { return *lease_; }

  // Runs a statement that returns no rows.
  void exec() { lease_->exec(); }
  // Binds `args` afresh, runs, and resets: one prepared statement written for many rows.
  template <class... Args>
  void run(const Args&... args) {
    bind_all(*lease_, args...);
    lease_->exec();
    lease_->reset();
  }

  // `read` of the first row, or nullopt when there is none.
  template <class F>
  auto first(F&& read) -> std::optional<std::invoke_result_t<F, SQLite::Statement&>> {
    if (!step()) return std::nullopt;
    return std::forward<F>(read)(row());
  }

  // The rows, for a range-for: `for (SQLite::Statement& row : cache.query(db, sql, a, b))`.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = SQLite::Statement;
    using difference_type = std::ptrdiff_t;
    using pointer = SQLite::Statement*;
    using reference = SQLite::Statement&;

    iterator() = default;
    explicit iterator(SQLite::Statement* st) : st_(st) {}
    reference operator*() const { return *st_; }
    iterator& operator++() {
      if (!st_->executeStep()) st_ = nullptr;
      return *this;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.st_ == b.st_; }

   private:
    SQLite::Statement* st_ = nullptr;
  };
  iterator begin() { return ++iterator(&*lease_); }
  static iterator end() { return {}; }

 private:
  Lease lease_;
};

template <class... Args>
StatementCache::Query StatementCache::query(SQLite::Database& db, const std::string& sql,
                                            const Args&... args) {
  Query q(get(db, sql));
  bind_all(q.row(), args...);
  return q;
}

}  // namespace taizhang::store
