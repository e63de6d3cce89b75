"""Issue 13's attacks, run as the attacker would: a clerk with the command line and write access to
the ledger file. Each test is one reproduced attack; it failed before identities, signed records,
the time rules and the full verify, and passes now (docs/security.md).

A signed ledger is set up as the coordinating office would: `init --identity` makes the first
administrator's key, each clerk makes a key with `key new` and the administrator registers its
public half and grants a unit and role.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import sqlite3
import stat
from dataclasses import dataclass

import pytest

from conftest import (ADMINISTRATOR, BAD_INPUT, CHECK_FAILED, LINZI, OK, PERMISSION, USAGE,
                      copy_ledger, run)


@dataclass
class Signed:
    ledger: pathlib.Path
    admin: pathlib.Path   # the first administrator's key (also the coordinator)
    health: pathlib.Path  # 区卫健局's clerk's key (reporter of health)

    def as_admin(self, *args: str, expect: int | None = OK):
        return run("--ledger", self.ledger, "--key", self.admin, *args, expect=expect)

    def as_health(self, *args: str, expect: int | None = OK):
        return run("--ledger", self.ledger, "--key", self.health, *args, expect=expect)


def head(ledger: pathlib.Path) -> str:
    out = run("--ledger", ledger, "verify").stdout
    return out.split("head ")[1].split()[0]


def counts(ledger: pathlib.Path) -> tuple[int, ...]:
    with sqlite3.connect(f"file:{ledger}?mode=ro", uri=True) as db:
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("revisions", "plan_versions", "registry", "heads"))


@pytest.fixture(scope="module")
def signed_ledger(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    work = tmp_path_factory.mktemp("signed")
    ledger, admin, health = work / "linzi.db", work / "wang.pem", work / "li.pem"
    out = run("--ledger", ledger, "--key", admin, *ADMINISTRATOR, "init", "--plan-file", LINZI,
              "--identity", "wang", "--name", "王主任（区妇儿工委办，示例）").stdout
    assert "made the key" in out and "with identities" in out
    s = Signed(ledger, admin, health)
    made = run("key", "new", health).stdout
    key_id = made.split("key id")[1].split()[0]
    s.as_admin("identity", "add", "li", "--name", "李科员（区卫健局，示例）", "--public-key",
               f"{health}.pub")
    s.as_admin("identity", "grant", "li", "--unit", "health", "--grant-role", "reporter")
    s.as_admin("identity", "grant", "wang", "--unit", "women-children-centre", "--grant-role",
               "coordinator")
    s.as_health("report", "file", "--period", "2021Q1", "--value", "1.1=4500",
                "--progress", "1=筛查（示例）")
    s.as_admin("report", "accept", "--unit", "health", "--period", "2021Q1")
    s.as_health("report", "file", "--period", "2021Q2", "--value", "1.1=9000")
    listed = json.loads(run("--ledger", ledger, "identity", "list", "--format", "json").stdout)
    assert sorted(i["id"] for i in listed["identities"]) == ["li", "wang"]
    assert next(i for i in listed["identities"] if i["id"] == "li")["key_id"] == key_id
    return s


@pytest.fixture
def signed(signed_ledger: Signed, tmp_path: pathlib.Path) -> Signed:
    """A copy of the signed ledger of the test's own."""
    copy = copy_ledger(signed_ledger.ledger, tmp_path / "linzi.db")
    return Signed(copy, signed_ledger.admin, signed_ledger.health)


# ---- keys --------------------------------------------------------------------------------------


def test_key_new_writes_a_private_file_and_its_public_half(tmp_path: pathlib.Path) -> None:
    key = tmp_path / "zhang.pem"
    out = run("key", "new", key).stdout
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert pathlib.Path(f"{key}.pub").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    key_id = out.split("key id")[1].split()[0]
    assert len(key_id) == 64
    # The same fingerprint from either half; a key is never overwritten.
    assert run("key", "id", key).stdout.strip() == key_id
    assert run("key", "id", f"{key}.pub").stdout.strip() == key_id
    run("key", "new", key, expect=7)
    assert run("key", "id", f"{key}.pub").stdout.strip() == key_id


def test_a_passphrase_protects_the_key(tmp_path: pathlib.Path) -> None:
    import subprocess
    from conftest import CLI
    key = tmp_path / "k.pem"
    env = {**os.environ, "TAIZHANG_KEY_PASSPHRASE": "示例口令"}
    subprocess.run([str(CLI), "key", "new", str(key)], env=env, check=True, capture_output=True)
    assert "ENCRYPTED" in key.read_text()
    ok = subprocess.run([str(CLI), "key", "id", str(key)], env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and len(ok.stdout.strip()) == 64
    env["TAIZHANG_KEY_PASSPHRASE"] = "wrong"
    bad = subprocess.run([str(CLI), "key", "id", str(key)], env=env, capture_output=True, text=True)
    assert bad.returncode == BAD_INPUT and str(key) in bad.stderr


# ---- self-declared identity ----------------------------------------------------------------------


def test_a_reporter_cannot_make_itself_the_coordinator(signed: Signed, tmp_path: pathlib.Path) -> None:
    before = counts(signed.ledger)
    # The attack of the issue: declare administrator and update the plan...
    result = signed.as_health("--as", "health", "--role", "administrator", "plan", "update", LINZI,
                              "--reason", "改由本单位协调", expect=PERMISSION)
    assert "who acts is the key's" in result.stderr and "--as, --role" in result.stderr
    # ...or just use the key for what it is not granted.
    result = signed.as_health("plan", "update", LINZI, "--reason", "改由本单位协调",
                              expect=PERMISSION)
    assert '"li"' in result.stderr and "administrator" in result.stderr
    # Nor accept its own report.
    result = signed.as_health("report", "accept", "--unit", "health", "--period", "2021Q2",
                              expect=PERMISSION)
    assert "coordinator" in result.stderr
    assert counts(signed.ledger) == before
    assert run("--ledger", signed.ledger, "verify").returncode == OK


def test_a_write_without_a_key_is_refused_and_leaves_nothing(signed: Signed) -> None:
    before, before_head = counts(signed.ledger), head(signed.ledger)
    result = run("--ledger", signed.ledger, "--as", "health", "report", "file", "--period",
                 "2021Q3", "--value", "1.1=100", expect=PERMISSION)
    assert "--key" in result.stderr
    result = run("--ledger", signed.ledger, *ADMINISTRATOR, "identity", "add", "mallory",
                 "--name", "某人", "--public-key", f"{signed.health}.pub", expect=PERMISSION)
    assert counts(signed.ledger) == before and head(signed.ledger) == before_head


def test_who_filed_is_the_key_s_identity(signed: Signed) -> None:
    history = json.loads(run("--ledger", signed.ledger, "report", "history", "--unit", "health",
                             "--period", "2021Q1", "--format", "json").stdout)
    assert [(r["action"], r["actor"]["unit"], r["actor"]["role"], r["actor"]["person"])
            for r in history["revisions"]] == [
        ("saved", "health", "reporter", "li"),
        ("submitted", "health", "reporter", "li"),
        ("accepted", "women-children-centre", "coordinator", "wang")]


def test_a_revoked_key_files_nothing(signed: Signed) -> None:
    signed.as_admin("identity", "revoke", "li", "--unit", "health", "--grant-role", "reporter")
    before = counts(signed.ledger)
    result = signed.as_health("report", "file", "--period", "2021Q3", "--value", "1.1=100",
                              expect=PERMISSION)
    assert "no reporter's grant" in result.stderr
    assert counts(signed.ledger) == before
    table = run("--ledger", signed.ledger, "identity", "list").stdout
    assert "revoked" in table
    assert run("--ledger", signed.ledger, "verify").returncode == OK


# ---- backdating and times that break the ledger --------------------------------------------------


def test_backdating_needs_an_import_window_only_an_administrator_opens(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    # A new ledger without a window: the plan dated back is refused, nothing written.
    ledger = tmp_path / "new.db"
    result = run("--ledger", ledger, *ADMINISTRATOR, "--recorded-at", "2021-03-01T09:00:00+08:00",
                 "plan", "import", LINZI, expect=PERMISSION)
    assert "import begin" in result.stderr
    # A reporter may not open one.
    run("--ledger", ledger, "--as", "health", "import", "begin", "--reason", "补报",
        expect=PERMISSION)
    # In the fresh ledger (window open), records still go in time order.
    run("--ledger", fresh_ledger, "--as", "health", "--recorded-at", "2021-04-08T09:00:00+08:00",
        "report", "file", "--period", "2021Q1", "--value", "1.1=4500")
    result = run("--ledger", fresh_ledger, "--as", "finance", "--recorded-at",
                 "2021-04-01T09:00:00+08:00", "report", "file", "--period", "2021Q1",
                 "--value", "2.4=100", expect=BAD_INPUT)
    assert "order they happen" in result.stderr
    # Closed: a late report can no longer be dated back to drop off the chasing list.
    run("--ledger", fresh_ledger, *ADMINISTRATOR, "import", "end")
    run("--ledger", fresh_ledger, "--as", "finance", "--recorded-at", "2021-04-09T09:00:00+08:00",
        "report", "file", "--period", "2021Q1", "--value", "2.4=100", expect=PERMISSION)
    with sqlite3.connect(fresh_ledger) as db:
        kinds = [k for (k,) in db.execute("SELECT kind FROM registry WHERE kind LIKE 'import%'")]
    assert kinds == ["import_begin", "import_end"]


def test_a_signed_ledger_refuses_a_replay_of_history(signed: Signed) -> None:
    # Replaying a history with past times (a correction erased, a late filing made on time) needs
    # the clerk's key to have been valid then and an import window; the ledger's last record is
    # today, and records go in time order.
    before = counts(signed.ledger)
    signed.as_health("--recorded-at", "2021-04-08T09:00:00+08:00", "report", "file", "--period",
                     "2021Q3", "--value", "1.1=100", expect=None)
    assert counts(signed.ledger) == before
    signed.as_admin("import", "begin", "--reason", "补录")
    result = signed.as_health("--recorded-at", "2021-04-08T09:00:00+08:00", "report", "file",
                              "--period", "2021Q3", "--value", "1.1=100", expect=None)
    assert result.returncode in (PERMISSION, BAD_INPUT)
    assert counts(signed.ledger)[0] == before[0]


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59.999-14:00", "1970-01-01T00:00:00Z",
                                  "0001-01-01T00:00:00Z", "2100-01-01T00:00:00Z"])
def test_a_time_out_of_range_is_refused_before_anything_is_committed(
        fresh_ledger: pathlib.Path, when: str) -> None:
    before, before_head = counts(fresh_ledger), head(fresh_ledger)
    result = run("--ledger", fresh_ledger, "--as", "health", "--recorded-at", when, "report",
                 "file", "--period", "2021Q1", "--value", "1.1=4500", expect=None)
    assert result.returncode in (BAD_INPUT, PERMISSION), result.stderr
    assert "recorded_at" in result.stderr or "--recorded-at" in result.stderr
    assert counts(fresh_ledger) == before and head(fresh_ledger) == before_head
    # The ledger goes on working: nothing was committed that breaks it.
    for command in (["status"], ["chase", "--as-of", "2021Q1", "--today", "2021-04-20"]):
        run("--ledger", fresh_ledger, *command)


# ---- forged chains -------------------------------------------------------------------------------


def digest(*fields: object) -> str:
    data = b""
    for field in fields:
        raw = str(field).encode("utf-8")
        data += str(len(raw)).encode("ascii") + b":" + raw
    return hashlib.sha256(data).hexdigest()


def revision_fields(db: sqlite3.Connection, rid: int, prev_hash: str,
                    hashes: dict[int, str]) -> list[object]:
    """The canonical fields of revision `rid` (docs/schema.md, "Hash chains"), v1 or v2."""
    (plan, unit, period, number, recorded_at, actor_unit, actor_role, actor_person, action, status,
     reason, content_number, signer, report_id) = db.execute(
        "SELECT p.code, r.unit, r.period, v.number, v.recorded_at, v.actor_unit, v.actor_role,"
        " v.actor_person, v.action, v.status, v.reason, v.content_number, v.signer, v.report_id"
        " FROM revisions v JOIN reports r ON r.id = v.report_id JOIN plans p ON p.id = r.plan_id"
        " WHERE v.id = ?", (rid,)).fetchone()
    signed = signer != ""
    fields: list[object] = ["taizhang revision 2" if signed else "taizhang revision 1", prev_hash,
                            plan, unit, period, number, recorded_at, actor_unit, actor_role,
                            actor_person, action, status, reason, content_number]
    if signed:
        fields.append(signer)
        if content_number != number:
            (content_id,) = db.execute("SELECT id FROM revisions WHERE report_id = ? AND number = ?",
                                       (report_id, content_number)).fetchone()
            fields.append(hashes[content_id])
    if content_number == number:
        progress = db.execute("SELECT initiative, narrative, expected_completion FROM"
                              " revision_progress WHERE revision_id = ? ORDER BY initiative",
                              (rid,)).fetchall()
        fields.append(len(progress))
        for p in progress:
            fields += p
        values = db.execute("SELECT target, coalesce(value, '-'), stage, comment, evidence,"
                            " coalesce(filed_value, '-'), filed_unit FROM revision_values"
                            " WHERE revision_id = ?", (rid,)).fetchall()
        values.sort(key=lambda v: v[0].encode("utf-8"))
        fields.append(len(values))
        for v in values:
            fields += v
    return fields


def forge(ledger: pathlib.Path, change: str, params: tuple[object, ...]) -> None:
    """What an attacker with the file and docs/schema.md does: drop the append-only triggers, run
    `change`, recompute every revision hash and every head after it, put the triggers back."""
    with sqlite3.connect(ledger) as db:
        triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            db.execute(f"DROP TRIGGER {name}")
        stored = dict(db.execute("SELECT id, hash FROM revisions"))
        # The recomputation reproduces every stored hash before the change: the forger is right.
        previous, hashes = "", {}
        for (rid,) in db.execute("SELECT id FROM revisions ORDER BY id").fetchall():
            hashes[rid] = digest(*revision_fields(db, rid, previous, hashes))
            assert hashes[rid] == stored[rid], f"revision {rid}: the forger's serialisation is off"
            previous = hashes[rid]
        db.execute(change, params)
        previous, renamed = "", {}
        for (rid,) in db.execute("SELECT id FROM revisions ORDER BY id").fetchall():
            hashes[rid] = digest(*revision_fields(db, rid, previous, hashes))
            renamed[stored[rid]] = hashes[rid]
            db.execute("UPDATE revisions SET prev_hash = ?, hash = ? WHERE id = ?",
                       (previous, hashes[rid], rid))
            previous = hashes[rid]
        previous = ""
        for hid, tip, plan_tip, registry_tip in db.execute(
                "SELECT id, revision_tip, plan_tip, registry_tip FROM heads ORDER BY id").fetchall():
            tip = renamed.get(tip, tip)
            new = digest("taizhang head 1", previous, tip, plan_tip, registry_tip)
            db.execute("UPDATE heads SET revision_tip = ?, prev_head = ?, head = ? WHERE id = ?",
                       (tip, previous, new, hid))
            previous = new
        for _, sql in triggers:
            db.execute(sql)
    db.close()


def test_a_forged_value_in_an_unsigned_ledger_is_caught_only_by_a_published_head(
        scripted_copy: pathlib.Path) -> None:
    published = head(scripted_copy)
    forge(scripted_copy, "UPDATE revision_values SET value = '45000' WHERE target = '1.1' AND "
          "value = '4500'", ())
    # What an unsigned ledger does not protect (docs/security.md): the rewritten chains hold...
    result = run("--ledger", scripted_copy, "verify")
    assert result.stdout.startswith("ok: ") and "unsigned" in result.stdout
    assert head(scripted_copy) != published
    # ...but the head the office published before no longer is the ledger's.
    result = run("--ledger", scripted_copy, "verify", "--expect-head", published,
                 expect=CHECK_FAILED)
    assert f"the head {published[:16]}" in result.stderr


def test_an_acceptance_forged_to_a_reporter_breaks_the_rules_verify_replays(
        scripted_copy: pathlib.Path) -> None:
    forge(scripted_copy, "UPDATE revisions SET actor_unit = 'health', actor_role = 'reporter' "
          "WHERE id = (SELECT min(id) FROM revisions WHERE action = 'accepted')", ())
    result = run("--ledger", scripted_copy, "verify", expect=CHECK_FAILED)
    assert "reporter" in result.stderr and "accept" in result.stderr


def test_a_forged_value_in_a_signed_ledger_is_caught_by_its_signature(signed: Signed) -> None:
    forge(signed.ledger, "UPDATE revision_values SET value = '90000' WHERE target = '1.1' AND "
          "value = '9000'", ())
    result = run("--ledger", signed.ledger, "verify", expect=CHECK_FAILED)
    assert "signature" in result.stderr and "2021Q2" in result.stderr


def test_an_acceptance_moved_to_other_figures_is_caught_by_its_signature(signed: Signed) -> None:
    # The accepted report's figures changed: the acceptance signed the hash of the content it
    # accepted, so rehashing the chain cannot make the acceptance hold.
    forge(signed.ledger, "UPDATE revision_values SET value = '4' WHERE target = '1.1' AND "
          "value = '4500'", ())
    result = run("--ledger", signed.ledger, "verify", expect=CHECK_FAILED)
    problems = [line for line in result.stderr.splitlines() if "signature" in line]
    assert len(problems) >= 2, result.stderr  # the filing and the acceptance of 2021Q1


def test_a_unit_renamed_outside_the_chain_is_named_by_verify(scripted_copy: pathlib.Path) -> None:
    with sqlite3.connect(scripted_copy) as db:
        db.execute("UPDATE units SET name = '区某某局' WHERE code = 'health'")
    db.close()
    result = run("--ledger", scripted_copy, "verify", expect=CHECK_FAILED)
    assert "health" in result.stderr and "区某某局" in result.stderr


def test_the_newest_records_dropped_are_caught_by_a_published_head(signed: Signed) -> None:
    published = head(signed.ledger)
    with sqlite3.connect(signed.ledger) as db:
        triggers = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        for name, _ in triggers:
            db.execute(f"DROP TRIGGER {name}")
        (last,) = db.execute("SELECT max(id) FROM revisions").fetchone()
        (report,) = db.execute("SELECT report_id FROM revisions WHERE id = ?", (last,)).fetchone()
        db.execute("DELETE FROM revision_values WHERE revision_id = ?", (last,))
        db.execute("DELETE FROM revision_progress WHERE revision_id = ?", (last,))
        db.execute("DELETE FROM revisions WHERE id = ?", (last,))
        db.execute("DELETE FROM reports WHERE id = ?", (report,))
        db.execute("DELETE FROM heads WHERE id = (SELECT max(id) FROM heads)")
        for _, sql in triggers:
            db.execute(sql)
    db.close()
    # The file alone looks whole; the head published before says otherwise.
    run("--ledger", signed.ledger, "verify")
    result = run("--ledger", signed.ledger, "verify", "--expect-head", published,
                 expect=CHECK_FAILED)
    assert f"the head {published[:16]}" in result.stderr


def test_verify_lists_every_problem_not_only_the_first(scripted_copy: pathlib.Path) -> None:
    with sqlite3.connect(scripted_copy) as db:
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = "
                            "'revision_values_no_update'").fetchone()
        db.execute("DROP TRIGGER revision_values_no_update")
        db.execute("UPDATE revision_values SET comment = comment || '（改）' WHERE target IN "
                   "('1.1', '2.1')")
        db.execute(sql)
        db.execute("UPDATE units SET name = '区某某局' WHERE code = 'finance'")
    db.close()
    result = run("--ledger", scripted_copy, "verify", expect=CHECK_FAILED)
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{scripted_copy}: ")]
    assert len(lines) >= 3, result.stderr
    assert result.stdout.startswith("FAILED: ") and f"; {len(lines)} problems" in result.stdout


def test_usage_errors_of_the_identity_commands(signed: Signed) -> None:
    result = signed.as_admin("identity", "grant", "li", "--unit", "health", "--grant-role", "boss",
                             expect=USAGE)
    assert "--grant-role" in result.stderr
    result = signed.as_admin("identity", "grant", "nobody", "--unit", "health", "--grant-role",
                             "reporter", expect=5)
    assert "nobody" in result.stderr
    # Reading needs no key.
    assert "li" in run("--ledger", signed.ledger, "identity", "list").stdout
