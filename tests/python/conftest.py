"""Shared fixtures of the Python tests: the source tree, the Linzi plan, ledgers on a test clock.

The test clock reads 2021, the scripted year: a ledger records a time more than ten minutes in the
past only while an administrator has opened an import window (``Ledger.begin_import``), so every
ledger written on it is, honestly, a historic import: the fixtures open one first
(``begin_historic_import``), and the ledger records that they did.
"""

from __future__ import annotations

import datetime
import decimal
import json
import os
import pathlib
from typing import Any, Iterator, TypeVar

import pytest

import taizhang as tz

# These tests were written against the English text of messages (their identifiers); the Chinese
# texts are checked by test_messages.py, which switches the language itself.
tz.set_language("en")

SOURCE = pathlib.Path(os.environ.get("TAIZHANG_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
LINZI = SOURCE / "examples" / "plans" / "linzi-2021.json"


T = TypeVar("T")


def some(value: T | None) -> T:
    """`value`, which must be there: for lookups that give None when they find nothing."""
    assert value is not None
    return value


class Clock:
    """A clock that stands still until moved, for LedgerOptions' clock."""

    def __init__(self, start: str = "2021-04-05T09:00:00+08:00") -> None:
        self.now = tz.parse_timestamp(start)

    def set(self, when: str) -> None:
        self.now = tz.parse_timestamp(when)

    def __call__(self) -> datetime.datetime:
        return self.now


# The coordinating office of the Linzi plan, as its administrator: who opens the import window.
ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator)
# Why the tests' ledgers record past times: the import window's reason, as the ledger keeps it.
HISTORIC_IMPORT = "历史数据导入：按原始时间补录 2021 年度的台账记录（测试数据，非真实报送）"


def begin_historic_import(ledger: tz.Ledger, actor: tz.Actor = ADMIN) -> tz.Ledger:
    """Opens the import window a ledger written on a test clock in the past needs (an
    administrator's, recorded with HISTORIC_IMPORT as its reason). Returns `ledger`."""
    ledger.begin_import(actor, HISTORIC_IMPORT)
    assert ledger.import_open()
    return ledger


@pytest.fixture
def linzi() -> tz.Plan:
    return tz.load_plan(str(LINZI))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(linzi: tz.Plan, clock: Clock) -> Iterator[tz.Ledger]:
    with tz.Ledger.open(":memory:", clock=clock) as ledger:
        begin_historic_import(ledger)
        ledger.import_plan(ADMIN, linzi)
        yield ledger


# ---- the scripted year: tests/data/linzi-2021-progress.json replayed through the Python API ----

SCRIPT = SOURCE / "tests" / "data" / "linzi-2021-progress.json"
PLAN = "linzi-2021-women-children"


def load_script() -> dict[str, Any]:
    """The scripted year of quarterly reports (SAMPLE DATA invented for tests)."""
    with open(SCRIPT, encoding="utf-8") as f:
        script: dict[str, Any] = json.load(f)
    return script


def actor_of(spec: dict[str, Any]) -> tz.Actor:
    return tz.Actor(spec["unit"], role=tz.ActorRole.__members__[spec["role"]],
                    person=spec.get("person", ""))


def value_of(text: str) -> decimal.Decimal | str:
    """A value of the script: a plain number as a Decimal; anything else ("36000万") as the str a
    clerk wrote, which the ledger reads against its target when it is filed."""
    try:
        return decimal.Decimal(text)
    except decimal.InvalidOperation:
        return text


def content_of(event: dict[str, Any]) -> tz.ReportContent:
    """An event's report content, built with keywords, values as the script gives them."""
    progress = [
        tz.InitiativeProgress(initiative=p["initiative"], narrative=p.get("narrative", ""),
                              expected_completion=p.get("expected_completion"))
        for p in event.get("progress", [])
    ]
    values = [
        tz.TargetValue(target=v["target"],
                       value=value_of(v["value"]) if "value" in v else None,
                       unit=v.get("unit", ""), stage=v.get("stage", ""),
                       comment=v.get("comment", ""))
        for v in event.get("values", [])
    ]
    return tz.ReportContent(progress=progress, values=values)


def mode_of(event: dict[str, Any]) -> tz.ContentMode:
    """How an event's content relates to the report's: replace unless the script says merge."""
    return tz.ContentMode.__members__[event.get("mode", "replace")]


def replay(ledger: tz.Ledger, clock: Clock, script: dict[str, Any] | None = None) -> int:
    """Replays every event of the script in order, each at its own time on `clock`.

    Returns the number of events replayed.
    """
    script = load_script() if script is None else script
    plan_code = script["plan"]
    for event in script["events"]:
        clock.set(event["at"])
        action = event["action"]
        actor = actor_of(event["actor"])

        def key(unit: str, event: dict[str, Any] = event) -> tz.ReportKey:
            return tz.ReportKey(plan=plan_code, unit=unit, period=tz.Period(event["period"]))

        if action == "import_plan":
            ledger.import_plan(actor, tz.load_plan(str(SOURCE / script["plan_file"])),
                               reason=event.get("reason", ""))
        elif action == "update_plan":
            plan = ledger.plan(plan_code)
            for b in event["baselines"]:
                target = plan.find_target(b["target"])
                assert target is not None, b["target"]
                target.baseline = tz.Baseline(value=decimal.Decimal(b["value"]),
                                              date=datetime.date.fromisoformat(b["date"]),
                                              note=b.get("note", ""))
                plan.replace_target(target)
            ledger.update_plan(actor, plan, event["reason"])
        elif action == "file":
            ledger.file(actor, key(event["unit"]), content_of(event), mode=mode_of(event))
        elif action == "save":
            ledger.save(actor, key(event["unit"]), content_of(event), mode=mode_of(event))
        elif action == "submit":
            ledger.submit(actor, key(event["unit"]))
        elif action == "correct":
            ledger.correct(actor, key(event["unit"]), content_of(event), event["reason"],
                           mode=mode_of(event))
        elif action == "return":
            ledger.return_report(actor, key(event["unit"]), event["reason"])
        elif action == "accept":
            for unit in event.get("units", [event.get("unit")]):
                ledger.accept(actor, key(unit))
        else:
            raise AssertionError(f"the script has an unknown action {action!r}")
    return len(script["events"])


@pytest.fixture(scope="session")
def scripted_file(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A ledger file with the whole scripted year replayed (once per test session)."""
    path = tmp_path_factory.mktemp("scripted") / "linzi-2021.taizhang"
    clock = Clock("2021-03-01T08:00:00+08:00")
    with tz.Ledger.open(path, clock=clock, durability=tz.Durability.normal) as ledger:
        begin_historic_import(ledger)
        replay(ledger, clock)
        ledger.end_import(ADMIN)
    return path


@pytest.fixture(scope="session")
def scripted(scripted_file: pathlib.Path) -> Iterator[tz.Ledger]:
    """The scripted ledger, opened read-only and shared by the session's tests."""
    with tz.Ledger.open(scripted_file, read_only=True) as ledger:
        yield ledger


@pytest.fixture(scope="session")
def scripted_plan(scripted: tz.Ledger) -> tz.Plan:
    """The current version of the Linzi plan in the scripted ledger (with the 4.1 baseline)."""
    return scripted.plan(PLAN)
