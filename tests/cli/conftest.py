"""Shared fixtures of the command-line tests: the `taizhang` binary run as a user runs it, and the
scripted Linzi year (tests/data/linzi-2021-progress.json, SAMPLE DATA) replayed through it.

The binary is $TAIZHANG_CLI (CTest sets it); without it, build/dev/bin/taizhang of the source tree.
Every command runs in a subprocess with its own ledger file, never $TAIZHANG_LEDGER of the user.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
from typing import Any, Iterable

import pytest

SOURCE = pathlib.Path(os.environ.get("TAIZHANG_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
CLI = pathlib.Path(os.environ.get("TAIZHANG_CLI", SOURCE / "build" / "dev" / "bin" / "taizhang")).resolve()
LINZI = SOURCE / "examples" / "plans" / "linzi-2021.json"
SCRIPT = SOURCE / "tests" / "data" / "linzi-2021-progress.json"
PLAN = "linzi-2021-women-children"
COORDINATOR = ["--as", "women-children-centre", "--role", "coordinator"]
ADMINISTRATOR = ["--as", "women-children-centre", "--role", "administrator"]

# The documented exit codes (taizhang --help, src/cli/core.hpp).
OK, CHECK_FAILED, USAGE, BAD_INPUT, PERMISSION, NOT_FOUND, CONFLICT, STORAGE = 0, 1, 2, 3, 4, 5, 6, 7


def load_script() -> dict[str, Any]:
    with open(SCRIPT, encoding="utf-8") as f:
        script: dict[str, Any] = json.load(f)
    return script


def _environment(lang: str = "en") -> dict[str, str]:
    """The CLI's environment. Tests written before the messages were translated assert English
    text and run with LANGUAGE=en; those of a Chinese office pass lang="zh" (LANGUAGE unset,
    LANG=zh_CN.UTF-8: what a Chinese desktop has)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TAIZHANG_LEDGER", "LANGUAGE", "LC_MESSAGES", "LANG")}
    env["LC_ALL"] = "C.UTF-8"
    if lang == "en":
        env["LANGUAGE"] = "en"
    else:
        env["LC_ALL"] = "zh_CN.UTF-8"
    return env


def run(*args: str | os.PathLike[str], input: str | bytes | None = None,
        cwd: str | os.PathLike[str] | None = None, expect: int | None = OK,
        lang: str = "en",
        ) -> subprocess.CompletedProcess[str]:
    """Runs `taizhang ARGS...`, text in and out (UTF-8). With `expect`, checks the exit code;
    `lang` "zh" runs it as a Chinese desktop would (see _environment)."""
    data = input.decode("utf-8") if isinstance(input, bytes) else input
    result = subprocess.run([str(CLI), *map(str, args)], input=data, capture_output=True,
                            text=True, encoding="utf-8", env=_environment(lang), cwd=cwd,
                            timeout=60)
    if expect is not None:
        assert result.returncode == expect, (
            f"taizhang {' '.join(map(str, args))}: exit {result.returncode}, expected {expect}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
    return result


def run_bytes(*args: str | os.PathLike[str], expect: int | None = OK,
              ) -> subprocess.CompletedProcess[bytes]:
    """Runs `taizhang ARGS...` keeping standard output as bytes (a BOM, CRLF line ends)."""
    result = subprocess.run([str(CLI), *map(str, args)], capture_output=True,
                            env=_environment(), timeout=60)
    if expect is not None:
        assert result.returncode == expect, result.stderr.decode("utf-8", "replace")
    return result


def actor_args(spec: dict[str, Any]) -> list[str]:
    args = ["--as", spec["unit"], "--role", spec["role"]]
    if spec.get("person"):
        args += ["--person", spec["person"]]
    return args


def content_json(event: dict[str, Any]) -> str:
    """An event's report content in the form `report file --from` reads."""
    return json.dumps({"progress": event.get("progress", []), "values": event.get("values", [])},
                      ensure_ascii=False)


def historic_import(ledger: pathlib.Path) -> None:
    """Opens an import window in `ledger` (made if missing), as an office entering a past year does:
    from then on writes may carry past times (--recorded-at), in time order. Left open when it is
    open already. The ledger refuses a past time outside such a window (docs/security.md)."""
    result = run("--ledger", ledger, *ADMINISTRATOR, "import", "begin",
                 "--reason", "补录2021年台账（测试）", expect=None)
    assert result.returncode == OK or "already" in result.stderr, result.stderr


def replay(ledger: pathlib.Path, events: Iterable[dict[str, Any]], work: pathlib.Path) -> int:
    """Replays `events` through the command line, each stamped with its own time (--recorded-at),
    inside an import window (left open, for tests that go on writing at the script's times).

    Returns the number of commands run.
    """
    script = load_script()
    historic_import(ledger)
    commands = 0
    for event in events:
        base = ["--ledger", ledger, *actor_args(event["actor"]), "--recorded-at", event["at"]]
        action = event["action"]
        if action == "import_plan":
            run(*base, "plan", "import", SOURCE / script["plan_file"],
                "--reason", event.get("reason", ""))
            commands += 1
        elif action == "update_plan":
            plan = json.loads(run("--ledger", ledger, "plan", "export").stdout)
            for b in event["baselines"]:
                target = next(t for i in plan["initiatives"] for t in i["targets"]
                              if t["code"] == b["target"])
                target["baseline"] = {k: b[k] for k in ("value", "date", "note") if k in b}
            updated = work / "plan-update.json"
            updated.write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
            run(*base, "plan", "update", updated, "--reason", event["reason"])
            commands += 2
        elif action in ("file", "save", "correct"):
            extra = ["--reason", event["reason"]] if action == "correct" else []
            if event.get("mode") == "merge":
                extra.append("--merge")  # the file changes only what it names
            run(*base, "report", action, "--unit", event["unit"], "--period", event["period"],
                "--from", "-", *extra, input=content_json(event))
            commands += 1
        elif action == "submit":
            run(*base, "report", "submit", "--unit", event["unit"], "--period", event["period"])
            commands += 1
        elif action == "return":
            run(*base, "report", "return", "--unit", event["unit"], "--period", event["period"],
                "--reason", event["reason"])
            commands += 1
        elif action == "accept":
            for unit in event.get("units", [event.get("unit")]):
                run(*base, "report", "accept", "--unit", unit, "--period", event["period"])
                commands += 1
        else:
            raise AssertionError(f"the script has an unknown action {action}")
    return commands


def copy_ledger(source: pathlib.Path, destination: pathlib.Path) -> pathlib.Path:
    """A copy of a closed ledger file (with its write-ahead log, should one be left)."""
    shutil.copyfile(source, destination)
    for suffix in ("-wal", "-shm"):
        extra = pathlib.Path(str(source) + suffix)
        if extra.exists():
            shutil.copyfile(extra, str(destination) + suffix)
    return destination


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    if not CLI.exists():
        pytest.fail(f"no taizhang binary at {CLI}: build it or set TAIZHANG_CLI")
    return CLI


@pytest.fixture(scope="session")
def scripted_ledger(cli: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The whole scripted year replayed through the command line, once per session.

    Read-only: a test that writes uses `scripted_copy`.
    """
    work = tmp_path_factory.mktemp("scripted")
    ledger = work / "linzi.db"
    replay(ledger, load_script()["events"], work)
    return ledger


@pytest.fixture
def scripted_copy(scripted_ledger: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """A copy of the scripted ledger of the test's own, to write into."""
    return copy_ledger(scripted_ledger, tmp_path / "linzi.db")


@pytest.fixture
def fresh_ledger(cli: pathlib.Path, tmp_path: pathlib.Path) -> pathlib.Path:
    """A new ledger holding the Linzi plan only, imported on 2021-03-01 in an import window that
    stays open (the tests write at 2021's times)."""
    ledger = tmp_path / "fresh.db"
    historic_import(ledger)
    run("--ledger", ledger, *ADMINISTRATOR, "--recorded-at", "2021-03-01T09:00:00+08:00",
        "plan", "import", LINZI, "--reason", "通知印发（示例）")
    return ledger


def status_json(ledger: pathlib.Path, *query: str) -> dict[str, Any]:
    """`status --format json` of `ledger` for `query`, parsed."""
    result: dict[str, Any] = json.loads(
        run("--ledger", ledger, "status", "--format", "json", *query).stdout)
    return result
