"""The exit codes docs/cli.md documents, one situation a row: each is run against a new ledger
holding the Linzi plan and must exit with the code the documentation gives.

`{ledger}` is the ledger's path, `{tmp}` the test's own directory, `{linzi}` the Linzi plan file.
A changed value that `verify` finds (1) is in test_cli.py (test_verify_finds_a_changed_value).
"""

from __future__ import annotations

import json
import pathlib

import pytest

from conftest import (ADMINISTRATOR, BAD_INPUT, CHECK_FAILED, CONFLICT, COORDINATOR, LINZI,
                      NOT_FOUND, OK, PERMISSION, STORAGE, USAGE, run)

REPORTER = ["--as", "health", "--role", "reporter"]

CASES = [
    # 0 done
    ("plan show", ["plan", "show"], OK),
    ("plan history", ["plan", "history"], OK),
    ("an edit of the plan", [*ADMINISTRATOR, "plan", "set", "2.1", "--value", "4",
                             "--reason", "修订"], OK),
    ("a group asked for its help", ["report", "--help"], OK),
    ("plan draft of a notice with nothing to draft", ["plan", "draft", "{tmp}/empty.txt"], OK),
    # 1 the check asked for failed
    ("plan validate of a plan with errors", ["plan", "validate", "{tmp}/broken.json"],
     CHECK_FAILED),
    # 2 wrong usage
    ("no command", [], USAGE),
    ("an unknown command", ["frobnicate"], USAGE),
    ("a mistyped command", ["reprot", "list"], USAGE),
    ("a group without its verb", ["report"], USAGE),
    ("an unknown option", ["status", "--bogus"], USAGE),
    ("a missing argument", [*COORDINATOR, "report", "accept", "--period", "2021Q1"], USAGE),
    ("a --role nobody has, on a command that only reads", ["--role", "chief", "plan", "show"],
     USAGE),
    ("a plan edit without --reason", [*ADMINISTRATOR, "plan", "set", "2.1", "--value", "4"],
     USAGE),
    ("a plan edit that says nothing to change", [*ADMINISTRATOR, "plan", "assign", "2",
                                                 "--reason", "x"], USAGE),
    # 3 bad input
    ("a period that cannot be read", [*REPORTER, "report", "file", "--period", "2021Q9",
                                      "--value", "1.1=5"], BAD_INPUT),
    ("a value that cannot be read", [*REPORTER, "report", "file", "--period", "2021Q2",
                                     "--value", "1.1=abc"], BAD_INPUT),
    ("plan import of a plan that breaks the rules",
     [*ADMINISTRATOR, "--ledger", "{tmp}/new.db", "plan", "import", "{tmp}/broken.json"],
     BAD_INPUT),
    ("a plan edit that breaks the rules", [*ADMINISTRATOR, "plan", "stages", "2.1", "--stage",
                                           "立项", "--reason", "x"], BAD_INPUT),
    ("a control character in --person", [*REPORTER, "--person", "a\x1bb", "report", "file",
                                         "--period", "2021Q2", "--value", "1.1=5"], BAD_INPUT),
    # 4 permission denied
    ("a reporter edits the plan", [*REPORTER, "plan", "set", "2.1", "--value", "4",
                                   "--reason", "x"], PERMISSION),
    ("a --as unit the catalogue does not hold", ["--as", "helth", "report", "file",
                                                 "--period", "2021Q2", "--value", "1.1=5"],
     PERMISSION),
    ("a past time outside an import window", [*REPORTER, "--recorded-at", "2021-04-01T09:00:00Z",
                                              "report", "file", "--period", "2021Q1",
                                              "--value", "1.1=5"], PERMISSION),
    # 5 not found
    ("a plan version that is not there", ["plan", "diff", "--to", "9"], NOT_FOUND),
    ("a target that is not there", [*ADMINISTRATOR, "plan", "set", "9.9", "--value", "4",
                                    "--reason", "x"], NOT_FOUND),
    ("a unit that is not there", [*ADMINISTRATOR, "plan", "assign", "2", "--co", "helth",
                                  "--reason", "x"], NOT_FOUND),
    ("the form of a unit assigned to no initiative",
     ["form", "--unit", "women-children-centre", "--period", "2021Q1", "--format", "md"],
     NOT_FOUND),
    # 6 conflict
    ("a plan imported twice", [*ADMINISTRATOR, "plan", "import", "{linzi}"], CONFLICT),
    ("plan update that changes nothing", [*ADMINISTRATOR, "plan", "update", "{linzi}",
                                          "--reason", "x"], CONFLICT),
    ("a plan edit that changes nothing", [*ADMINISTRATOR, "plan", "assign", "1", "--lead",
                                          "health", "--reason", "x"], CONFLICT),
    ("unit add of a code that is taken", [*ADMINISTRATOR, "unit", "add", "health", "某局"],
     CONFLICT),
    # 7 a file cannot be used
    ("a ledger that is not there", ["--ledger", "{tmp}/missing.db", "status"], STORAGE),
    ("a device given as a plan file", ["plan", "validate", "/dev/zero"], STORAGE),
    ("a plan file that is not there", ["plan", "validate", "{tmp}/missing.json"], STORAGE),
    ("key new over an existing file", ["key", "new", "{tmp}/broken.json"], STORAGE),
    ("plan draft of a notice that is not there", ["plan", "draft", "{tmp}/missing.txt"], STORAGE),
]


@pytest.fixture
def ledger(fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """The Linzi ledger, its import window closed (writes are stamped now), and a broken plan."""
    run("--ledger", fresh_ledger, *ADMINISTRATOR, "import", "end")
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["initiatives"][0]["targets"][0]["value"] = "-5"
    plan["initiatives"][1]["assignments"] = []
    (tmp_path / "broken.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    return fresh_ledger


@pytest.mark.parametrize("situation, args, code", CASES, ids=[c[0] for c in CASES])
def test_the_documented_exit_code(ledger: pathlib.Path, tmp_path: pathlib.Path, situation: str,
                                  args: list[str], code: int) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)).replace("{linzi}", str(LINZI)) for a in args]
    if filled and "--ledger" not in filled:
        filled = ["--ledger", str(ledger), *filled]
    result = run(*filled, expect=code)
    if code != OK:
        assert result.stderr != "", situation


def test_a_declared_actor_in_a_ledger_with_identities_is_permission_denied(
        tmp_path: pathlib.Path) -> None:
    """docs/cli.md, --as: in a ledger with identities a write that gives --as, --role or --person
    is refused (exit 4): who acts is the key's. A plan edit is a write like any other."""
    ledger, key = tmp_path / "signed.db", tmp_path / "wang.pem"
    run("--ledger", ledger, "--key", key, *ADMINISTRATOR, "init", "--plan-file", LINZI,
        "--identity", "wang", "--name", "王主任（示例）")
    result = run("--ledger", ledger, "--key", key, *ADMINISTRATOR, "plan", "set", "2.1",
                 "--value", "4", "--reason", "x", expect=PERMISSION)
    assert "drop --as, --role" in result.stderr
    out = run("--ledger", ledger, "--key", key, "plan", "set", "2.1", "--value", "4",
              "--reason", "修订", lang="zh").stdout
    assert "2.1 目标值 3所 → 4所" in out and "现为第 2 版" in out
    assert run("--ledger", ledger, "verify").stdout.startswith("ok: ")
