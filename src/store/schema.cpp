#include "store/schema.hpp"

namespace taizhang::store {

namespace {

// Version 1: units, plans with their versions, reports with their revisions. Times are
// milliseconds since 1970-01-01 UTC; decimals are exact decimal text; enums are their names.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  kind      TEXT NOT NULL,
  parent    TEXT NOT NULL,
  full_name TEXT NOT NULL
) STRICT;

CREATE TABLE plans (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  year            INTEGER NOT NULL,
  current_version INTEGER NOT NULL
) STRICT;

CREATE TABLE plan_versions (
  id           INTEGER PRIMARY KEY,
  plan_id      INTEGER NOT NULL REFERENCES plans(id),
  version      INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  actor_unit   TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  actor_person TEXT NOT NULL,
  reason       TEXT NOT NULL,
  document     TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL,
  UNIQUE (plan_id, version)
) STRICT;

CREATE TABLE initiatives (
  plan_id     INTEGER NOT NULL REFERENCES plans(id),
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL,
  deadline    TEXT NOT NULL,
  PRIMARY KEY (plan_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE assignments (
  plan_id    INTEGER NOT NULL,
  initiative INTEGER NOT NULL,
  position   INTEGER NOT NULL,
  unit       TEXT NOT NULL REFERENCES units(code),
  role       TEXT NOT NULL,
  division   TEXT NOT NULL,
  person     TEXT NOT NULL,
  PRIMARY KEY (plan_id, initiative, unit),
  FOREIGN KEY (plan_id, initiative) REFERENCES initiatives(plan_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE targets (
  plan_id      INTEGER NOT NULL,
  code         TEXT NOT NULL,
  initiative   INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  description  TEXT NOT NULL,
  measure      TEXT NOT NULL,
  unit         TEXT NOT NULL,
  value        TEXT,
  goal         TEXT,
  form         TEXT NOT NULL,
  direction    TEXT NOT NULL,
  accumulation TEXT NOT NULL,
  combination  TEXT NOT NULL,
  deadline     TEXT NOT NULL,
  weight       TEXT NOT NULL,
  PRIMARY KEY (plan_id, code),
  FOREIGN KEY (plan_id, initiative) REFERENCES initiatives(plan_id, number)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plans(id),
  unit      TEXT NOT NULL REFERENCES units(code),
  period    TEXT NOT NULL,
  status    TEXT NOT NULL,
  revisions INTEGER NOT NULL,
  UNIQUE (plan_id, unit, period)
) STRICT;

CREATE TABLE revisions (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id),
  number         INTEGER NOT NULL,
  recorded_at    INTEGER NOT NULL,
  actor_unit     TEXT NOT NULL,
  actor_role     TEXT NOT NULL,
  actor_person   TEXT NOT NULL,
  action         TEXT NOT NULL,
  status         TEXT NOT NULL,
  reason         TEXT NOT NULL,
  content_number INTEGER NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  UNIQUE (report_id, number)
) STRICT;

CREATE TABLE revision_progress (
  revision_id         INTEGER NOT NULL REFERENCES revisions(id),
  initiative          INTEGER NOT NULL,
  narrative           TEXT NOT NULL,
  expected_completion TEXT NOT NULL,
  PRIMARY KEY (revision_id, initiative)
) STRICT, WITHOUT ROWID;

CREATE TABLE revision_values (
  revision_id INTEGER NOT NULL REFERENCES revisions(id),
  target      TEXT NOT NULL,
  value       TEXT,
  stage       TEXT NOT NULL,
  comment     TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  filed_value TEXT,
  filed_unit  TEXT NOT NULL,
  PRIMARY KEY (revision_id, target)
) STRICT, WITHOUT ROWID;

CREATE INDEX reports_by_unit ON reports (unit, plan_id, period);

CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as recorded'); END;
CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as recorded'); END;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
CREATE TRIGGER revision_progress_no_update BEFORE UPDATE ON revision_progress
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
CREATE TRIGGER revision_progress_no_delete BEFORE DELETE ON revision_progress
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
CREATE TRIGGER revision_values_no_update BEFORE UPDATE ON revision_values
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
CREATE TRIGGER revision_values_no_delete BEFORE DELETE ON revision_values
BEGIN SELECT RAISE(ABORT, 'report revisions are kept as recorded'); END;
)sql";

// Version 2: who did what, proven. Signed records carry the signer's key id and an Ed25519
// signature; the registry chains identities, keys, grants, the unit catalogue and import windows;
// each write transaction appends a head over the tips of every chain.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE plan_versions ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE plan_versions ADD COLUMN signature TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN signature TEXT NOT NULL DEFAULT '';

CREATE TABLE registry (
  id           INTEGER PRIMARY KEY,
  recorded_at  INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  subject      TEXT NOT NULL,
  document     TEXT NOT NULL,
  actor_unit   TEXT NOT NULL,
  actor_role   TEXT NOT NULL,
  actor_person TEXT NOT NULL,
  signer       TEXT NOT NULL,
  signature    TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

CREATE TABLE heads (
  id           INTEGER PRIMARY KEY,
  recorded_at  INTEGER NOT NULL,
  revision_tip TEXT NOT NULL,
  plan_tip     TEXT NOT NULL,
  registry_tip TEXT NOT NULL,
  prev_head    TEXT NOT NULL,
  head         TEXT NOT NULL
) STRICT;

CREATE TRIGGER registry_no_update BEFORE UPDATE ON registry
BEGIN SELECT RAISE(ABORT, 'registry events are kept as recorded'); END;
CREATE TRIGGER registry_no_delete BEFORE DELETE ON registry
BEGIN SELECT RAISE(ABORT, 'registry events are kept as recorded'); END;
CREATE TRIGGER heads_no_update BEFORE UPDATE ON heads
BEGIN SELECT RAISE(ABORT, 'heads are kept as recorded'); END;
CREATE TRIGGER heads_no_delete BEFORE DELETE ON heads
BEGIN SELECT RAISE(ABORT, 'heads are kept as recorded'); END;
)sql";

}  // namespace

const std::vector<std::string_view>& migrations() {
  static const std::vector<std::string_view> all = {kVersion1, kVersion2};
  return all;
}

}  // namespace taizhang::store
