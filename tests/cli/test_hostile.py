"""The `taizhang` command line as a clerk or an attacker with write access to the files runs it
(issue 13, "Inputs and outputs that cannot hurt"; docs/reliability.md, "Hostile inputs"): a device
or a FIFO where a file is expected, a ledger file whose plan code was altered to a path, a plan
file holding terminal escapes, control characters in who acts and why.

Every command runs with a timeout: a command that waits forever (a FIFO read) fails the test instead
of hanging it. Each test makes its own ledger with `init --plan-file` (the ledger's own clock).
"""

from __future__ import annotations

import json
import os
import pathlib
import sqlite3
import stat
import subprocess
import time

import pytest

SOURCE = pathlib.Path(os.environ.get("TAIZHANG_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
CLI = pathlib.Path(os.environ.get("TAIZHANG_CLI",
                                  SOURCE / "build" / "dev" / "bin" / "taizhang")).resolve()
LINZI = SOURCE / "examples" / "plans" / "linzi-2021.json"
PLAN = "linzi-2021-women-children"
ADMINISTRATOR = ["--as", "women-children-centre", "--role", "administrator"]
COORDINATOR = ["--as", "women-children-centre", "--role", "coordinator"]
HEALTH = ["--as", "health", "--role", "reporter"]

# The documented exit codes (docs/cli.md).
OK, CHECK_FAILED, USAGE, BAD_INPUT, NOT_FOUND, STORAGE = 0, 1, 2, 3, 5, 7

# A command refused before it reads anything takes milliseconds; this is far more than enough.
QUICK = 5.0


def taizhang(*args: str | os.PathLike[str], input: str | None = None, expect: int | None = OK,
             timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Runs `taizhang ARGS...` (text in and out, UTF-8), ended after `timeout` seconds."""
    env = {k: v for k, v in os.environ.items() if k != "TAIZHANG_LEDGER"}
    env["LC_ALL"] = "C.UTF-8"
    env["LANGUAGE"] = "en"  # the assertions are on the English messages
    result = subprocess.run([str(CLI), *map(str, args)], input=input, capture_output=True,
                            text=True, encoding="utf-8", errors="surrogateescape", env=env,
                            timeout=timeout)
    if expect is not None:
        assert result.returncode == expect, (
            f"taizhang {' '.join(map(str, args))}: exit {result.returncode}, expected {expect}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def quick(*args: str | os.PathLike[str], expect: int) -> subprocess.CompletedProcess[str]:
    """`taizhang ARGS...`, which must end within QUICK seconds (a hang raises TimeoutExpired)."""
    began = time.monotonic()
    result = taizhang(*args, expect=expect, timeout=20)
    assert time.monotonic() - began < QUICK
    return result


def no_control_characters(text: str) -> None:
    """`text` as a terminal would be given it: no ESC, C1 control, lone CR or bidi control."""
    for c in text:
        code = ord(c)
        assert c in "\n\t" or not (code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E
                                   or 0x2066 <= code <= 0x2069), (
            f"U+{code:04X} reached the terminal in:\n{text}")


def nothing_filed(ledger: pathlib.Path) -> None:
    """health's 2021Q1 report, which the tests try to file, is not in `ledger`."""
    taizhang("--ledger", ledger, "report", "show", "--unit", "health", "--period", "2021Q1",
             expect=NOT_FOUND)


@pytest.fixture
def ledger(tmp_path: pathlib.Path) -> pathlib.Path:
    """A new ledger holding the Linzi plan, stamped by its own clock."""
    if not CLI.exists():
        pytest.fail(f"no taizhang binary at {CLI}: build it or set TAIZHANG_CLI")
    path = tmp_path / "linzi.db"
    taizhang("--ledger", path, *ADMINISTRATOR, "init", "--plan-file", LINZI)
    return path


@pytest.fixture
def fifo(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "fifo"
    os.mkfifo(path, 0o600)
    return path


# ---- a device or a FIFO where a file is expected ------------------------------------------------


def test_plan_validate_of_dev_zero_is_refused_at_once() -> None:
    # It read until memory ran out (std::bad_alloc).
    result = quick("plan", "validate", "/dev/zero", expect=STORAGE)
    assert result.stdout == ""
    assert result.stderr.startswith(
        "taizhang: io: /dev/zero: is not a regular file but a character device: not read")


@pytest.mark.parametrize("command", [["plan", "validate"], ["plan", "show"], ["plan", "draft"]])
def test_a_fifo_as_a_plan_or_a_notice_is_refused_at_once(command: list[str],
                                                         fifo: pathlib.Path) -> None:
    result = quick(*command, fifo, expect=STORAGE)
    assert f"taizhang: io: {fifo}: is not a regular file but a FIFO (named pipe)" in result.stderr


@pytest.mark.parametrize("source", ["/dev/zero", "fifo"])
def test_report_content_from_a_device_or_a_fifo_is_refused_and_nothing_filed(
        source: str, ledger: pathlib.Path, fifo: pathlib.Path) -> None:
    path = str(fifo) if source == "fifo" else source
    result = quick("--ledger", ledger, *HEALTH, "report", "file", "--unit", "health", "--period",
                   "2021Q1", "--from", path, expect=STORAGE)
    assert f"taizhang: io: {path}: is not a regular file" in result.stderr
    nothing_filed(ledger)


@pytest.mark.parametrize("command", [["verify"], ["status"], ["report", "list"],
                                     ["backup", "copy.db"]])
def test_a_fifo_as_the_ledger_is_refused_before_it_is_opened(command: list[str],
                                                             fifo: pathlib.Path) -> None:
    # verify, status and the other read commands waited forever in open(2).
    result = quick("--ledger", fifo, *command, expect=STORAGE)
    assert result.stderr.startswith(
        f"taizhang: storage: {fifo}: is a FIFO (named pipe), not a ledger file: not opened")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO is left as it was"


def test_a_fifo_beside_the_ledger_as_its_wal_is_refused(ledger: pathlib.Path) -> None:
    before = ledger.read_bytes()
    wal = pathlib.Path(f"{ledger}-wal")
    os.mkfifo(wal, 0o600)
    result = quick("--ledger", ledger, "verify", expect=STORAGE)
    assert f"{ledger.name}-wal, which is a FIFO (named pipe)" in result.stderr
    assert ledger.read_bytes() == before
    wal.unlink()
    assert taizhang("--ledger", ledger, "verify").stdout.startswith("ok")


def test_dev_zero_as_the_ledger_is_refused() -> None:
    # It was opened, as an empty database, and a ledger was "created" in it.
    result = quick("--ledger", "/dev/zero", *ADMINISTRATOR, "init", expect=STORAGE)
    assert result.stderr.startswith(
        "taizhang: storage: /dev/zero: is a character device, not a ledger file")


# ---- codes read from a file never become paths ---------------------------------------------------


@pytest.mark.parametrize("code", ["../../evil", "ABSOLUTE", "a/b", ".."])
def test_export_of_a_ledger_whose_plan_code_is_a_path_is_refused(
        code: str, ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    # The plan code as an attacker with write access to the file sets it: `export` wrote
    # plans/<code>.json, so "../../x" wrote outside the directory and "/any/where" anywhere.
    target = tmp_path / "elsewhere" / "evil"
    if code == "ABSOLUTE":
        code = str(target)
    with sqlite3.connect(ledger) as db:
        db.execute("UPDATE plans SET code = ?", (code,))
    db.close()
    directory = tmp_path / "deep" / "er" / "export"
    result = quick("--ledger", ledger, "export", directory, expect=BAD_INPUT)
    assert result.stdout == ""
    assert result.stderr.startswith("taizhang: validation: ")
    assert "is not a code" in result.stderr and "nothing exported" in result.stderr
    assert not (tmp_path / "deep").exists(), "nothing was written"
    assert not (tmp_path / "elsewhere").exists()
    assert not list(tmp_path.rglob("evil*"))


# ---- what reaches the terminal -------------------------------------------------------------------


def hostile_plan(tmp_path: pathlib.Path) -> pathlib.Path:
    """The Linzi plan with escape sequences, a C1 control and a bidi override in its names."""
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["title"] = "\x1b]0;pwned\x07\x1b[2J\x1b[H" + plan["title"]
    plan["units"][1]["name"] = "\u202e局健卫区\u009b31m"
    plan["initiatives"][0]["title"] += "\r已全部完成"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def test_escapes_in_a_hostile_plan_never_reach_the_terminal(tmp_path: pathlib.Path) -> None:
    path = hostile_plan(tmp_path)
    shown = taizhang("plan", "show", path)
    no_control_characters(shown.stdout + shown.stderr)
    # Shown as what they are, so that the clerk sees something is wrong.
    assert "\\x1B]0;pwned\\x07\\x1B[2J\\x1B[H" in shown.stdout
    assert "\\u202E局健卫区\\u009B31m" in shown.stdout
    checked = taizhang("plan", "validate", path, expect=CHECK_FAILED)
    no_control_characters(checked.stdout + checked.stderr)
    assert "title: contains the control character U+001B" in checked.stderr
    assert "units[1].name: contains the bidirectional control U+202E" in checked.stderr
    assert "initiatives[0].title: contains the control character U+000D" in checked.stderr
    # And it cannot be imported.
    ledger = tmp_path / "new.db"
    imported = taizhang("--ledger", ledger, *ADMINISTRATOR, "init", "--plan-file", path,
                        expect=BAD_INPUT)
    no_control_characters(imported.stdout + imported.stderr)


def test_an_escape_in_an_option_is_shown_escaped(ledger: pathlib.Path) -> None:
    result = taizhang("--ledger", ledger, "--as", "health", "--role", "\x1b]0;pwned\x07", "report",
                      "submit", "--unit", "health", "--period", "2021Q1", expect=USAGE)
    no_control_characters(result.stdout + result.stderr)
    assert "\\x1B]0;pwned\\x07" in result.stderr


@pytest.mark.parametrize("person", ["填报员\x1b[2K\r已审核", "填报员\r已审核", "\u202e员报填",
                                    "填报员\u0085", "x" * 201])
def test_person_is_checked_like_every_other_text(person: str, ledger: pathlib.Path) -> None:
    # A draft could be made to look accepted on a terminal: "\x1b[2K\r已审核".
    result = taizhang("--ledger", ledger, *HEALTH, "--person", person, "report", "file", "--unit",
                      "health", "--period", "2021Q1", "--value", "1.1=4500", expect=BAD_INPUT)
    no_control_characters(result.stdout + result.stderr)
    assert "actor.person" in result.stderr
    nothing_filed(ledger)


def test_a_reason_with_escapes_or_too_long_is_refused_and_nothing_recorded(
        ledger: pathlib.Path) -> None:
    taizhang("--ledger", ledger, *HEALTH, "report", "file", "--unit", "health", "--period",
             "2021Q1", "--value", "1.1=4500")
    history = taizhang("--ledger", ledger, "report", "history", "--unit", "health", "--period",
                       "2021Q1").stdout
    for reason, says in [("数据有误\x1b[1A\x1b[2K已审核通过", "U+001B"),
                         ("数据有误\r已审核通过", "U+000D"),
                         ("数据\u2067有误", "U+2067"),
                         ("请核实" * 700, "longer than 2000 characters")]:
        result = taizhang("--ledger", ledger, *COORDINATOR, "report", "return", "--unit", "health",
                          "--period", "2021Q1", "--reason", reason, expect=BAD_INPUT)
        no_control_characters(result.stdout + result.stderr)
        assert "reason" in result.stderr and says in result.stderr
    assert taizhang("--ledger", ledger, "report", "history", "--unit", "health", "--period",
                    "2021Q1").stdout == history


def test_backup_keeps_the_ledgers_permissions(ledger: pathlib.Path,
                                              tmp_path: pathlib.Path) -> None:
    # A 0600 ledger's backup was written 0644: readable by anyone on the machine.
    os.chmod(ledger, 0o600)
    copy = tmp_path / "backup.db"
    taizhang("--ledger", ledger, "backup", copy)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert taizhang("--ledger", copy, "verify").stdout.startswith("ok")
