"""Shared fixtures of the Python tests: the source tree, the Linzi plan, ledgers on a test clock."""

from __future__ import annotations

import datetime
import os
import pathlib
from typing import Callable, Iterator

import pytest

import taizhang as tz

SOURCE = pathlib.Path(os.environ.get("TAIZHANG_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
LINZI = SOURCE / "examples" / "plans" / "linzi-2021.json"


class Clock:
    """A clock that stands still until moved, for LedgerOptions' clock."""

    def __init__(self, start: str = "2021-04-05T09:00:00+08:00") -> None:
        self.now = tz.parse_timestamp(start)

    def set(self, when: str) -> None:
        self.now = tz.parse_timestamp(when)

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def linzi() -> tz.Plan:
    return tz.load_plan(str(LINZI))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(linzi: tz.Plan, clock: Clock) -> Iterator[tz.Ledger]:
    with tz.Ledger.open(":memory:", clock=clock) as ledger:
        ledger.import_plan(tz.Actor("women-children-centre", tz.ActorRole.administrator), linzi)
        yield ledger
