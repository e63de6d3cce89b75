// The SQLite store's transactions, reads and writes (opening: sqlite_open.cpp).
#include <sqlite3.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "store/sqlite_store_impl.hpp"
#include "taizhang/error.hpp"

namespace taizhang::store {

namespace {

// ---- columns: what the library wrote, read back

std::int64_t ms(Timestamp t) {
  return t.time_since_epoch().count();
}
Timestamp from_ms(std::int64_t v) {
  return Timestamp{std::chrono::milliseconds(v)};
}

// A value the library wrote as text, read back: text that does not parse was changed behind the
// library's back (or damaged where SQLite cannot see it).
template <class T>
T stored(const SQLite::Column& c, T (*parse)(std::string_view), const char* what) {
  const std::string s = c.getString();
  try {
    return parse(s);
  } catch (const Error& e) {
    throw StorageError(StorageFault::corrupt, "the ledger holds \"" + s + "\" in column " +
                                                  c.getName() + ", which is not " + what + " (" +
                                                  e.message() + ")");
  }
}

Decimal parse_decimal(std::string_view s) {
  return Decimal::parse(s);
}

// The storage form of a decimal (docs/schema.md: optional '-', digits, optional '.' and digits,
// shortest form) read straight into coefficient and scale, which is what Decimal::parse gives for
// it: the roll-up's scan reads a million of them. False for anything else, or more than 18
// digits, which Decimal::parse then reads (or refuses).
bool parse_stored_decimal(std::string_view text, std::int64_t& coefficient, int& scale) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  std::int64_t c = 0;
  int digits = 0;
  int fraction = -1;  // digits after the point; -1: no point yet
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch >= '0' && ch <= '9') {
      if (++digits > 18) return false;
      c = c * 10 + (ch - '0');
      if (fraction >= 0) ++fraction;
    } else if (ch == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  if (digits == 0 || fraction == 0) return false;
  // Only the shortest form: no trailing zero after the point, no leading zero before a digit.
  if (fraction > 0 && text.back() == '0') return false;
  const std::size_t first = negative ? 1 : 0;
  if (text.size() > first + 1 && text[first] == '0' && text[first + 1] != '.') return false;
  if (negative && c == 0) return false;
  coefficient = negative ? -c : c;
  scale = fraction < 0 ? 0 : fraction;
  return true;
}

// A stored decimal column: the fast path for the storage form, Decimal::parse for the rest, and
// text that is no decimal at all is a damaged ledger.
Decimal stored_decimal(const SQLite::Column& column) {
  // The bytes first, then their count (SQLite's order for a column's value).
  const auto* bytes = static_cast<const char*>(column.getBlob());
  const std::string_view text(bytes, static_cast<std::size_t>(column.getBytes()));
  std::int64_t coefficient = 0;
  int scale = 0;
  if (parse_stored_decimal(text, coefficient, scale))
    return Decimal::from_parts(coefficient, scale);
  return stored(column, &parse_decimal, "a decimal");
}

Period parse_period(std::string_view s) {
  return Period::parse(s);
}
Date parse_date(std::string_view s) {
  return Date::parse(s);
}

std::optional<Decimal> decimal(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return stored(c, &parse_decimal, "a decimal number");
}

Period stored_period(const SQLite::Column& c) {
  return stored(c, &parse_period, "a period");
}

template <class E>
E enum_column(const SQLite::Column& c, std::optional<E> (*parse)(std::string_view) noexcept) {
  const std::string s = c.getString();
  if (auto e = parse(s)) return *e;
  throw StorageError(StorageFault::corrupt, "the ledger holds \"" + s + "\" in column " +
                                                c.getName() + ", which this library does not know");
}

// ---- rows

Unit unit_row(SQLite::Statement& st) {
  Unit u;
  u.code = st.getColumn(0).getString();
  u.name = st.getColumn(1).getString();
  u.kind = enum_column<UnitKind>(st.getColumn(2), &unit_kind_from_string);
  u.parent = st.getColumn(3).getString();
  u.full_name = st.getColumn(4).getString();
  return u;
}

Actor actor_columns(SQLite::Statement& st, int first) {
  Actor a;
  a.unit = st.getColumn(first).getString();
  a.role = enum_column<ActorRole>(st.getColumn(first + 1), &actor_role_from_string);
  a.person = st.getColumn(first + 2).getString();
  return a;
}

PlanVersionRecord plan_version_row(SQLite::Statement& st) {
  PlanVersionRecord r;
  r.id = st.getColumn(0).getInt64();
  r.plan = st.getColumn(1).getString();
  r.version = st.getColumn(2).getInt();
  r.recorded_at = from_ms(st.getColumn(3).getInt64());
  r.actor = actor_columns(st, 4);
  r.reason = st.getColumn(7).getString();
  r.document = st.getColumn(8).getString();
  r.prev_hash = st.getColumn(9).getString();
  r.hash = st.getColumn(10).getString();
  r.signer = st.getColumn(11).getString();
  r.signature = st.getColumn(12).getString();
  return r;
}

RevisionRecord revision_row(SQLite::Statement& st, const ReportKey& key) {
  RevisionRecord r;
  r.id = st.getColumn(0).getInt64();
  r.key = key;
  r.revision.number = st.getColumn(1).getInt();
  r.revision.recorded_at = from_ms(st.getColumn(2).getInt64());
  r.revision.actor = actor_columns(st, 3);
  r.revision.action = enum_column<ReportAction>(st.getColumn(6), &report_action_from_string);
  r.revision.status = enum_column<ReportStatus>(st.getColumn(7), &report_status_from_string);
  r.revision.reason = st.getColumn(8).getString();
  r.content_number = st.getColumn(9).getInt();
  r.prev_hash = st.getColumn(10).getString();
  r.revision.hash = st.getColumn(11).getString();
  r.signer = st.getColumn(12).getString();
  r.signature = st.getColumn(13).getString();
  return r;
}

RegistryRecord registry_row(SQLite::Statement& st) {
  RegistryRecord r;
  r.id = st.getColumn(0).getInt64();
  r.recorded_at = from_ms(st.getColumn(1).getInt64());
  r.kind = st.getColumn(2).getString();
  r.subject = st.getColumn(3).getString();
  r.document = st.getColumn(4).getString();
  r.actor = actor_columns(st, 5);
  r.signer = st.getColumn(8).getString();
  r.signature = st.getColumn(9).getString();
  r.prev_hash = st.getColumn(10).getString();
  r.hash = st.getColumn(11).getString();
  return r;
}

HeadRecord head_row(SQLite::Statement& st) {
  HeadRecord h;
  h.id = st.getColumn(0).getInt64();
  h.recorded_at = from_ms(st.getColumn(1).getInt64());
  h.revision_tip = st.getColumn(2).getString();
  h.plan_tip = st.getColumn(3).getString();
  h.registry_tip = st.getColumn(4).getString();
  h.prev_head = st.getColumn(5).getString();
  h.head = st.getColumn(6).getString();
  return h;
}

}  // namespace

// ---- transactions

void SqliteStore::write(const std::function<void()>& work) {
  if (read_only_) {
    throw StorageError(StorageFault::read_only, "the ledger was opened read-only",
                       file_location(path_));
  }
  transaction("BEGIN IMMEDIATE", work);
}

void SqliteStore::read(const std::function<void()>& work) {
  transaction("BEGIN", work);
}

void SqliteStore::transaction(const char* begin, const std::function<void()>& work) {
  if (depth_ > 0) {
    work();
    return;
  }
  try {
    db_.exec(begin);
  } catch (const SQLite::Exception& e) {
    fail(e);
  }
  ++depth_;
  try {
    work();
    db_.exec("COMMIT");
    --depth_;
  } catch (const SQLite::Exception& e) {
    --depth_;
    rollback();
    fail(e);
  } catch (...) {
    --depth_;
    rollback();
    throw;
  }
}

void SqliteStore::fail(const SQLite::Exception& e) {
  int system_errno = sqlite3_system_errno(db_.getHandle());
  if (system_errno == 0) system_errno = errno_before_rollback_;
  errno_before_rollback_ = 0;
  rethrow(e, path_, system_errno);
}

void SqliteStore::rollback() noexcept {
  // The rollback's own file operations replace the error of the one that failed.
  errno_before_rollback_ = sqlite3_system_errno(db_.getHandle());
  try {
    if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
  } catch (...) {  // NOLINT(bugprone-empty-catch): the original error is the one to report
  }
}

// ---- units

std::vector<Unit> SqliteStore::units() {
  return guard([&] {
    std::vector<Unit> out;
    for (SQLite::Statement& row :
         query("SELECT code, name, kind, parent, full_name FROM units ORDER BY code")) {
      out.push_back(unit_row(row));
    }
    return out;
  });
}

std::optional<Unit> SqliteStore::unit(std::string_view code) {
  return guard([&] {
    return query("SELECT code, name, kind, parent, full_name FROM units WHERE code = ?", code)
        .first(&unit_row);
  });
}

void SqliteStore::put_unit(const Unit& u) {
  guard([&] {
    query(
        "INSERT INTO units (code, name, kind, parent, full_name) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
        "name = excluded.name, kind = excluded.kind, parent = excluded.parent, "
        "full_name = excluded.full_name",
        u.code, u.name, to_string(u.kind), u.parent, u.full_name)
        .exec();
  });
}

// ---- plans

std::optional<int> SqliteStore::plan_version_now(std::string_view plan) {
  return guard([&] {
    return query("SELECT current_version FROM plans WHERE code = ?", plan)
        .first([](SQLite::Statement& row) { return row.getColumn(0).getInt(); });
  });
}

std::vector<PlanVersionRecord> SqliteStore::plan_versions(std::string_view plan) {
  return guard([&] {
    std::vector<PlanVersionRecord> out;
    for (SQLite::Statement& row :
         query("SELECT v.id, p.code, v.version, v.recorded_at, v.actor_unit, "
               "v.actor_role, v.actor_person, v.reason, v.document, v.prev_hash, v.hash, "
               "v.signer, v.signature "
               "FROM plan_versions v JOIN plans p ON p.id = v.plan_id "
               "WHERE ?1 = '' OR p.code = ?1 ORDER BY v.id",
               plan)) {
      out.push_back(plan_version_row(row));
    }
    return out;
  });
}

void SqliteStore::add_plan_version(PlanVersionRecord& r, const Plan& plan) {
  guard([&] {
    if (r.version == 1) {
      query("INSERT INTO plans (code, title, year, current_version) VALUES (?, ?, ?, 1)", plan.code,
            plan.title, plan.year)
          .exec();
    } else {
      query("UPDATE plans SET title = ?, year = ?, current_version = ? WHERE code = ?", plan.title,
            plan.year, r.version, plan.code)
          .exec();
    }
    const std::int64_t plan_id = plan_id_of(plan.code);
    query(
        "INSERT INTO plan_versions (plan_id, version, recorded_at, actor_unit, "
        "actor_role, actor_person, reason, document, prev_hash, hash, signer, "
        "signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        plan_id, r.version, ms(r.recorded_at), r.actor.unit, to_string(r.actor.role),
        r.actor.person, r.reason, r.document, r.prev_hash, r.hash, r.signer, r.signature)
        .exec();
    r.id = db_.getLastInsertRowid();
    project(plan_id, plan);
  });
}

std::int64_t SqliteStore::plan_id_of(const std::string& code) {
  const auto id =
      query("SELECT id FROM plans WHERE code = ?", code).first([](SQLite::Statement& row) {
        return row.getColumn(0).getInt64();
      });
  if (!id) throw NotFoundError("there is no plan \"" + code + "\" in the ledger");
  return *id;
}

// Rebuilds the flattened tables of the plan's current version.
void SqliteStore::project(std::int64_t plan_id, const Plan& plan) {
  for (const char* table : {"targets", "assignments", "initiatives"}) {
    query(std::string("DELETE FROM ") + table + " WHERE plan_id = ?", plan_id).exec();
  }
  StatementCache::Query ini = query(
      "INSERT INTO initiatives (plan_id, number, title, description, deadline) "
      "VALUES (?, ?, ?, ?, ?)");
  StatementCache::Query asg = query(
      "INSERT INTO assignments (plan_id, initiative, position, unit, role, "
      "division, person) VALUES (?, ?, ?, ?, ?, ?, ?)");
  StatementCache::Query tgt = query(
      "INSERT INTO targets (plan_id, code, initiative, position, description, "
      "measure, unit, value, goal, form, direction, accumulation, combination, "
      "deadline, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const Initiative& i : plan.initiatives) {
    ini.run(plan_id, i.number, i.title, i.description,
            i.deadline ? i.deadline->to_string() : plan.end.to_string());
    int position = 0;
    for (const Assignment& a : i.assignments) {
      asg.run(plan_id, i.number, ++position, a.unit, to_string(a.role), a.division, a.person);
    }
    position = 0;
    for (const Target& t : i.targets) {
      tgt.run(plan_id, t.code, i.number, ++position, t.description, to_string(t.measure), t.unit,
              t.value, t.goal(), to_string(t.form), to_string(t.direction),
              to_string(t.accumulation), to_string(t.combination),
              plan.deadline_of(i, t).to_string(), t.weight.to_string());
    }
  }
}

// The hash of a chain's newest record (`sql` selects it), or '' when the chain is empty.
std::string SqliteStore::last_hash(const char* sql) {
  return guard([&] {
    return query(sql)
        .first([](SQLite::Statement& row) { return row.getColumn(0).getString(); })
        .value_or(std::string());
  });
}

std::string SqliteStore::last_plan_hash() {
  return last_hash("SELECT hash FROM plan_versions ORDER BY id DESC LIMIT 1");
}

std::vector<Store::PlanRowState> SqliteStore::plan_rows() {
  return guard([&] {
    std::vector<PlanRowState> out;
    SQLite::Statement st(db_, "SELECT code, title, year, current_version FROM plans ORDER BY id");
    while (st.executeStep()) {
      out.push_back(PlanRowState{st.getColumn(0).getString(), st.getColumn(1).getString(),
                                 st.getColumn(2).getInt(), st.getColumn(3).getInt()});
    }
    return out;
  });
}

// ---- reports

std::vector<ReportKey> SqliteStore::report_keys(std::string_view plan,
                                                const std::optional<Period>& period,
                                                std::string_view unit) {
  return guard([&] {
    std::vector<ReportKey> out;
    for (SQLite::Statement& row :
         query("SELECT r.unit, r.period FROM reports r JOIN plans p ON p.id = r.plan_id "
               "WHERE p.code = ?1 AND (?2 = '' OR r.period = ?2) "
               "AND (?3 = '' OR r.unit = ?3) ORDER BY r.period, r.unit",
               plan, period ? period->to_string() : std::string(), unit)) {
      out.push_back(ReportKey{std::string(plan), row.getColumn(0).getString(),
                              stored_period(row.getColumn(1))});
    }
    return out;
  });
}

std::vector<RevisionRecord> SqliteStore::revisions(const ReportKey& key) {
  return guard([&] {
    std::vector<RevisionRecord> out;
    for (SQLite::Statement& row :
         query("SELECT v.id, v.number, v.recorded_at, v.actor_unit, v.actor_role, "
               "v.actor_person, v.action, v.status, v.reason, v.content_number, "
               "v.prev_hash, v.hash, v.signer, v.signature FROM revisions v "
               "JOIN reports r ON r.id = v.report_id "
               "JOIN plans p ON p.id = r.plan_id "
               "WHERE p.code = ? AND r.unit = ? AND r.period = ? ORDER BY v.number",
               key.plan, key.unit, key.period.to_string())) {
      out.push_back(revision_row(row, key));
    }
    fill_contents(out);
    return out;
  });
}

// The id of the report `r` is a revision of, which is created (with no revisions yet) when the
// revision is its first.
std::int64_t SqliteStore::report_id_of(const RevisionRecord& r, std::int64_t plan_id) {
  const auto found = query("SELECT id FROM reports WHERE plan_id = ? AND unit = ? AND period = ?",
                           plan_id, r.key.unit, r.key.period.to_string())
                         .first([](SQLite::Statement& row) { return row.getColumn(0).getInt64(); });
  if (found && *found != 0) return *found;
  query("INSERT INTO reports (plan_id, unit, period, status, revisions) VALUES (?, ?, ?, ?, 0)",
        plan_id, r.key.unit, r.key.period.to_string(), to_string(r.revision.status))
      .exec();
  return db_.getLastInsertRowid();
}

void SqliteStore::add_revision(RevisionRecord& r) {
  guard([&] {
    const std::int64_t report_id = report_id_of(r, plan_id_of(r.key.plan));
    const Revision& v = r.revision;
    query(
        "INSERT INTO revisions (report_id, number, recorded_at, actor_unit, "
        "actor_role, actor_person, action, status, reason, content_number, "
        "prev_hash, hash, signer, signature) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        report_id, v.number, ms(v.recorded_at), v.actor.unit, to_string(v.actor.role),
        v.actor.person, to_string(v.action), to_string(v.status), v.reason, r.content_number,
        r.prev_hash, v.hash, r.signer, r.signature)
        .exec();
    r.id = db_.getLastInsertRowid();
    if (r.carries_content()) insert_content(r.id, v.content);
    query("UPDATE reports SET status = ?, revisions = ? WHERE id = ?", to_string(v.status),
          v.number, report_id)
        .exec();
  });
}

std::string SqliteStore::last_revision_hash() {
  return last_hash("SELECT hash FROM revisions ORDER BY id DESC LIMIT 1");
}

ReportContent SqliteStore::load_content(std::int64_t revision_id) {
  ReportContent content;
  for (SQLite::Statement& row : query("SELECT initiative, narrative, expected_completion "
                                      "FROM revision_progress WHERE revision_id = ? "
                                      "ORDER BY initiative",
                                      revision_id)) {
    InitiativeProgress p;
    p.initiative = row.getColumn(0).getInt();
    p.narrative = row.getColumn(1).getString();
    if (!row.getColumn(2).getString().empty()) {
      p.expected_completion = stored(row.getColumn(2), &parse_date, "a date");
    }
    content.progress.push_back(std::move(p));
  }
  for (SQLite::Statement& row : query("SELECT target, value, stage, comment, evidence, "
                                      "filed_value, filed_unit FROM revision_values "
                                      "WHERE revision_id = ?",
                                      revision_id)) {
    TargetValue v;
    v.target = row.getColumn(0).getString();
    v.value = decimal(row.getColumn(1));
    v.stage = row.getColumn(2).getString();
    v.comment = row.getColumn(3).getString();
    v.evidence = row.getColumn(4).getString();
    v.filed_value = decimal(row.getColumn(5));
    v.filed_unit = row.getColumn(6).getString();
    content.values.push_back(std::move(v));
  }
  return content;
}

// Gives each revision the content of the revision it points to.
void SqliteStore::fill_contents(std::vector<RevisionRecord>& records) {
  std::map<int, ReportContent> by_number;
  for (const RevisionRecord& r : records) {
    if (r.carries_content()) by_number.emplace(r.revision.number, load_content(r.id));
  }
  for (RevisionRecord& r : records) {
    const auto it = by_number.find(r.content_number);
    if (it != by_number.end()) r.revision.content = it->second;
  }
}

void SqliteStore::insert_content(std::int64_t revision_id, const ReportContent& content) {
  StatementCache::Query progress = query(
      "INSERT INTO revision_progress (revision_id, initiative, narrative, "
      "expected_completion) VALUES (?, ?, ?, ?)");
  for (const InitiativeProgress& p : content.progress) {
    progress.run(revision_id, p.initiative, p.narrative,
                 p.expected_completion ? p.expected_completion->to_string() : std::string());
  }
  StatementCache::Query values = query(
      "INSERT INTO revision_values (revision_id, target, value, stage, "
      "comment, evidence, filed_value, filed_unit) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const TargetValue& v : content.values) {
    values.run(revision_id, v.target, v.value, v.stage, v.comment, v.evidence, v.filed_value,
               v.filed_unit);
  }
}

std::vector<std::pair<Period, Decimal>> SqliteStore::current_values(std::string_view plan,
                                                                    std::string_view unit,
                                                                    std::string_view target) {
  return guard([&] {
    std::vector<std::pair<Period, Decimal>> out;
    for (SQLite::Statement& row :
         query("SELECT r.period, val.value FROM reports r JOIN plans p ON p.id = r.plan_id "
               "JOIN revisions cur ON cur.report_id = r.id AND cur.number = r.revisions "
               "JOIN revisions c ON c.report_id = r.id AND c.number = cur.content_number "
               "JOIN revision_values val ON val.revision_id = c.id AND val.target = ? "
               "WHERE p.code = ? AND r.unit = ? AND val.value IS NOT NULL ORDER BY r.period",
               target, plan, unit)) {
      out.emplace_back(stored_period(row.getColumn(0)), *decimal(row.getColumn(1)));
    }
    return out;
  });
}

std::vector<Store::ReportRowState> SqliteStore::report_rows() {
  return guard([&] {
    std::vector<ReportRowState> out;
    SQLite::Statement st(db_,
                         "SELECT p.code, r.unit, r.period, r.status, r.revisions FROM reports r "
                         "JOIN plans p ON p.id = r.plan_id ORDER BY r.id");
    while (st.executeStep()) {
      ReportRowState row;
      row.key.plan = st.getColumn(0).getString();
      row.key.unit = st.getColumn(1).getString();
      const std::optional<Period> period = [&]() -> std::optional<Period> {
        try {
          return Period::parse(st.getColumn(2).getString());
        } catch (const Error&) {
          return std::nullopt;
        }
      }();
      if (period) row.key.period = *period;
      row.status = st.getColumn(3).getString();
      row.revisions = st.getColumn(4).getInt();
      out.push_back(std::move(row));
    }
    return out;
  });
}

// ---- the roll-up's snapshot

// Whether nothing was recorded after the given report and revision: usually so, and one statement
// tells, instead of four.
bool SqliteStore::nothing_since(std::int64_t after_report, std::int64_t after_revision) {
  StatementCache::Query newest =
      query("SELECT (SELECT max(id) FROM reports), (SELECT max(id) FROM revisions)");
  newest.step();
  const SQLite::Column report = newest.row().getColumn(0);
  const SQLite::Column revision = newest.row().getColumn(1);
  return (report.isNull() || report.getInt64() <= after_report) &&
         (revision.isNull() || revision.getInt64() <= after_revision);
}

void SqliteStore::scan_since(std::int64_t after_report, std::int64_t after_revision,
                             SnapshotSink& sink) {
  guard([&] {
    if (nothing_since(after_report, after_revision)) return;
    for (SQLite::Statement& row : query("SELECT r.id, p.code, r.unit, r.period FROM reports r "
                                        "JOIN plans p ON p.id = r.plan_id WHERE r.id > ? "
                                        "ORDER BY r.id",
                                        after_report)) {
      sink.report(ReportRow{row.getColumn(0).getInt64(), row.getColumn(1).getString(),
                            row.getColumn(2).getString(), stored_period(row.getColumn(3))});
    }
    for (SQLite::Statement& row : query("SELECT id, report_id, number, recorded_at, action, "
                                        "content_number FROM revisions WHERE id > ? ORDER BY id",
                                        after_revision)) {
      RevisionRow r;
      r.id = row.getColumn(0).getInt64();
      r.report_id = row.getColumn(1).getInt64();
      r.number = row.getColumn(2).getInt();
      r.recorded_at = from_ms(row.getColumn(3).getInt64());
      r.action = enum_column<ReportAction>(row.getColumn(4), &report_action_from_string);
      r.content_number = row.getColumn(5).getInt();
      sink.revision(r);
    }
    for (SQLite::Statement& row : query("SELECT revision_id, target, value, stage FROM "
                                        "revision_values WHERE revision_id > ? "
                                        "ORDER BY revision_id, target",
                                        after_revision)) {
      const SQLite::Column value = row.getColumn(2);
      const char* stage = row.getColumn(3).getText();
      sink.value(row.getColumn(0).getInt64(), row.getColumn(1).getText(),
                 value.isNull() ? std::nullopt : std::optional<Decimal>(stored_decimal(value)),
                 stage);
    }
    for (SQLite::Statement& row : query("SELECT revision_id, initiative FROM revision_progress "
                                        "WHERE revision_id > ? ORDER BY revision_id, initiative",
                                        after_revision)) {
      sink.progress(row.getColumn(0).getInt64(), row.getColumn(1).getInt());
    }
  });
}

// ---- the registry and the heads

std::vector<RegistryRecord> SqliteStore::registry(std::int64_t after_id) {
  return guard([&] {
    std::vector<RegistryRecord> out;
    for (SQLite::Statement& row :
         query("SELECT id, recorded_at, kind, subject, document, actor_unit, actor_role, "
               "actor_person, signer, signature, prev_hash, hash FROM registry "
               "WHERE id > ? ORDER BY id",
               after_id)) {
      out.push_back(registry_row(row));
    }
    return out;
  });
}

void SqliteStore::add_registry(RegistryRecord& r) {
  guard([&] {
    query(
        "INSERT INTO registry (recorded_at, kind, subject, document, actor_unit, "
        "actor_role, actor_person, signer, signature, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ms(r.recorded_at), r.kind, r.subject, r.document, r.actor.unit, to_string(r.actor.role),
        r.actor.person, r.signer, r.signature, r.prev_hash, r.hash)
        .exec();
    r.id = db_.getLastInsertRowid();
  });
}

std::string SqliteStore::last_registry_hash() {
  return last_hash("SELECT hash FROM registry ORDER BY id DESC LIMIT 1");
}

std::vector<HeadRecord> SqliteStore::heads() {
  return guard([&] {
    std::vector<HeadRecord> out;
    for (SQLite::Statement& row :
         query("SELECT id, recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head "
               "FROM heads ORDER BY id")) {
      out.push_back(head_row(row));
    }
    return out;
  });
}

std::optional<HeadRecord> SqliteStore::last_head() {
  return guard([&] {
    return query(
               "SELECT id, recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head "
               "FROM heads ORDER BY id DESC LIMIT 1")
        .first(&head_row);
  });
}

void SqliteStore::add_head(HeadRecord& h) {
  guard([&] {
    query(
        "INSERT INTO heads (recorded_at, revision_tip, plan_tip, registry_tip, prev_head, head) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        ms(h.recorded_at), h.revision_tip, h.plan_tip, h.registry_tip, h.prev_head, h.head)
        .exec();
    h.id = db_.getLastInsertRowid();
  });
}

std::optional<Timestamp> SqliteStore::last_record_time() {
  return guard([&]() -> std::optional<Timestamp> {
    // The newest row of each table is the one recorded last (ids follow the order of writes).
    const std::optional<std::int64_t> t =
        query(
            "SELECT max(coalesce((SELECT recorded_at FROM revisions ORDER BY id DESC LIMIT 1), "
            "-1), coalesce((SELECT recorded_at FROM plan_versions ORDER BY id DESC LIMIT 1), -1), "
            "coalesce((SELECT recorded_at FROM registry WHERE kind NOT IN ('import_begin', "
            "'import_end') ORDER BY id DESC LIMIT 1), -1))")
            .first([](SQLite::Statement& row) { return row.getColumn(0).getInt64(); });
    if (!t || *t < 0) return std::nullopt;
    return from_ms(*t);
  });
}

// ---- integrity

void SqliteStore::scan(const std::function<void(const RevisionRecord&)>& revision,
                       const std::function<void(const PlanVersionRecord&)>& plan_version,
                       const std::function<void(const std::string&)>& problem) {
  guard([&] {
    // Each row read on its own: a row damaged behind the library's back is named and skipped
    // (when a problem callback is given), never the end of the scan.
    const auto each = [&](const std::string& where, const std::function<void()>& read_row) {
      if (!problem) {
        read_row();
        return;
      }
      try {
        read_row();
      } catch (const Error& e) {
        problem(where + ": " + e.message());
      } catch (const SQLite::Exception& e) {
        problem(where + ": " + e.what());
      }
    };
    for (SQLite::Statement& row :
         query("SELECT v.id, v.number, v.recorded_at, v.actor_unit, v.actor_role, "
               "v.actor_person, v.action, v.status, v.reason, v.content_number, "
               "v.prev_hash, v.hash, v.signer, v.signature, p.code, r.unit, r.period "
               "FROM revisions v JOIN reports r ON r.id = v.report_id "
               "JOIN plans p ON p.id = r.plan_id ORDER BY v.id")) {
      each("revision row " + std::to_string(row.getColumn(0).getInt64()), [&] {
        const ReportKey key{row.getColumn(14).getString(), row.getColumn(15).getString(),
                            stored_period(row.getColumn(16))};
        RevisionRecord record = revision_row(row, key);
        if (record.carries_content()) record.revision.content = load_content(record.id);
        revision(record);
      });
    }
    std::vector<PlanVersionRecord> versions;
    each("the plan versions", [&] { versions = plan_versions(""); });
    for (const PlanVersionRecord& r : versions) {
      each("plan version row " + std::to_string(r.id), [&] { plan_version(r); });
    }
  });
}

std::string SqliteStore::integrity_check() {
  return guard([&] {
    std::string out;
    SQLite::Statement st(db_, "PRAGMA integrity_check");
    while (st.executeStep()) {
      if (!out.empty()) out += "; ";
      out += st.getColumn(0).getString();
    }
    return out;
  });
}

}  // namespace taizhang::store
