"""Ledgers used from several Python threads: roll-ups on one shared ledger and on one ledger per
thread give what a single thread gets, writes from several threads all land, and long calls
(roll-ups, imports) release the GIL so that other Python threads run meanwhile."""

from __future__ import annotations

import datetime
import decimal
import itertools
import math
import pathlib
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator

import pytest

import taizhang as tz
from conftest import PLAN, actor_of, begin_historic_import, content_of, load_script, some

D = decimal.Decimal
THREADS = 4
ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator)

# ---- queries on the scripted year ----------------------------------------------------------------

QUERIES: list[tuple[str, Callable[[tz.Ledger], Any]]] = [
    ("rollup 2021Q1", lambda l: l.rollup(PLAN, "2021Q1")),
    ("rollup 2021Q3", lambda l: l.rollup(PLAN, "2021Q3")),
    ("rollup 2021Q4 today", lambda l: l.rollup(PLAN, "2021Q4", today=datetime.date(2022, 1, 15))),
    ("rollup as recorded", lambda l: l.rollup(PLAN, "2021Q3",
                                              recorded_at="2021-10-20T12:00:00+08:00")),
    ("rollup accepted only", lambda l: l.rollup(PLAN, "2021Q4", accepted_only=True)),
    ("series 2021Q4", lambda l: l.rollup_series(PLAN, "2021Q4")),
    ("series 2021Q2 as recorded", lambda l: l.rollup_series(
        PLAN, "2021Q2", recorded_at="2021-04-20T12:00:00+08:00")),
    ("explain 1.1", lambda l: l.explain(PLAN, "2021Q3", "1.1")),
    ("values", lambda l: l.values_table(PLAN)),
]


@pytest.fixture(scope="module")
def expected(scripted: tz.Ledger) -> dict[str, Any]:
    """Every query's answer, asked from this thread alone."""
    return {name: query(scripted) for name, query in QUERIES}


def run_in_threads(work: Callable[[int], list[tuple[str, Any]]]) -> list[tuple[str, Any]]:
    """Runs work(thread_number) in THREADS threads started together; their results, joined."""
    barrier = threading.Barrier(THREADS)

    def start(n: int) -> list[tuple[str, Any]]:
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(start, range(THREADS)))
    return list(itertools.chain.from_iterable(results))


def ask_every_query(ledger: tz.Ledger, n: int, rounds: int = 3) -> list[tuple[str, Any]]:
    """Every query `rounds` times, in an order that differs from thread to thread."""
    order = QUERIES[n:] + QUERIES[:n]
    return [(name, query(ledger)) for _ in range(rounds) for name, query in order]


def test_rollups_from_threads_on_one_shared_ledger_equal_a_single_threads(
        scripted: tz.Ledger, expected: dict[str, Any]) -> None:
    answers = run_in_threads(lambda n: ask_every_query(scripted, n))
    assert len(answers) == THREADS * 3 * len(QUERIES)
    for name, answer in answers:
        assert answer == expected[name], name


def test_rollups_from_threads_each_with_its_own_ledger_on_the_file_equal_a_single_threads(
        scripted_file: pathlib.Path, expected: dict[str, Any]) -> None:
    def work(n: int) -> list[tuple[str, Any]]:
        with tz.Ledger.open(scripted_file, read_only=True) as own:
            return ask_every_query(own, n)

    answers = run_in_threads(work)
    assert len(answers) == THREADS * 3 * len(QUERIES)
    for name, answer in answers:
        assert answer == expected[name], name


def test_data_frames_built_in_threads_are_the_same(scripted: tz.Ledger) -> None:
    frame = scripted.rollup_series(PLAN, "2021Q4").to_pandas()

    def work(n: int) -> list[tuple[str, Any]]:
        return [("frame", scripted.rollup_series(PLAN, "2021Q4").to_pandas()) for _ in range(3)]

    for _, other in run_in_threads(work):
        assert other.equals(frame)


class SteppingClock:
    """A clock for writers in several threads: each call one minute later than the one before."""

    def __init__(self, start: str) -> None:
        self._now = datetime.datetime.fromisoformat(start)
        self._lock = threading.Lock()

    def __call__(self) -> datetime.datetime:
        with self._lock:
            self._now += datetime.timedelta(minutes=1)
            return self._now


def test_writes_from_threads_on_one_shared_ledger_all_land(tmp_path: pathlib.Path,
                                                          linzi: tz.Plan) -> None:
    # Four lead units file their scripted quarters, each from its own thread.
    units = ["health", "civil-affairs", "women-federation", "law-enforcement"]
    events = [e for e in load_script()["events"] if e["action"] == "file" and e["unit"] in units]

    def file_events(ledger: tz.Ledger, unit: str) -> list[tuple[str, Any]]:
        return [(unit, ledger.file(actor_of(e["actor"]),
                                   tz.ReportKey(PLAN, e["unit"], e["period"]), content_of(e)))
                for e in events if e["unit"] == unit]

    with tz.Ledger.open(":memory:", clock=SteppingClock("2021-04-01T09:00:00+08:00")) as alone:
        begin_historic_import(alone, ADMIN)
        alone.import_plan(ADMIN, linzi)
        for unit in units:
            file_events(alone, unit)
        single = alone.rollup(PLAN, "2021Q4")

    clock = SteppingClock("2021-04-01T09:00:00+08:00")
    with tz.Ledger.open(tmp_path / "shared.taizhang", clock=clock) as shared:
        begin_historic_import(shared, ADMIN)
        shared.import_plan(ADMIN, linzi)
        filed = run_in_threads(lambda n: file_events(shared, units[n]))
        assert len(filed) == len(events) == 16
        assert all(report.status == tz.ReportStatus.submitted for _, report in filed)
        assert len(shared.reports(PLAN)) == 16
        assert shared.verify().ok
        threaded = shared.rollup(PLAN, "2021Q4")
        assert threaded.targets == single.targets
        assert threaded.initiatives == single.initiatives and threaded.plan == single.plan
        assert some(threaded.find_target("5.1")).actual == D("12.2")


# ---- a larger ledger, for calls that take a while ------------------------------------------------

UNITS = [f"u{i:03d}" for i in range(30)]
TARGETS = [f"1.{j + 1}" for j in range(30)]


def synthetic_plan() -> tz.Plan:
    """A monthly plan: one initiative, 30 targets to which all 30 units contribute."""
    return tz.Plan(
        code="synthetic", title="合成计划（测试）", year=2021, reporting=tz.PeriodKind.month,
        start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31), coordinator="office",
        units=[tz.Unit("office", "协调办", tz.UnitKind.coordinating_office)]
        + [tz.Unit(code, f"单位{code}") for code in UNITS],
        initiatives=[tz.Initiative(
            number=1, title="合成",
            assignments=[tz.Assignment(UNITS[0], tz.AssignmentRole.lead)]
            + [tz.Assignment(code) for code in UNITS[1:]],
            targets=[tz.Target(code=code, description=f"指标{code}", unit="个",
                               value=D(100_000), contributors=UNITS) for code in TARGETS])],
    )


def synthetic_filings(months: range) -> list[tz.Filing]:
    return [tz.Filing(tz.Actor(unit), tz.ReportKey("synthetic", unit, tz.Period.month(2021, m)),
                      tz.ReportContent(values=[tz.TargetValue(code, m + j)
                                               for j, code in enumerate(TARGETS)]))
            for m in months for unit in UNITS]


def fixed_clock() -> datetime.datetime:
    return datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope="module")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A ledger file with 30 units × 12 months × 30 targets = 10800 values."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.taizhang"
    with tz.Ledger.open(path, clock=fixed_clock, durability=tz.Durability.normal) as ledger:
        office = tz.Actor("office", tz.ActorRole.administrator)
        begin_historic_import(ledger, office)  # the clock reads 2022-01-01
        ledger.import_plan(office, synthetic_plan())
        assert ledger.file_all(synthetic_filings(range(1, 13))) == 30 * 12
    return path


SWITCH_INTERVAL = 0.5  # seconds


class Counter:
    """A pure-Python thread counting as fast as it can, noting when it first ran after `arm()`.

    While it runs, the switch interval is long: a thread that holds the GIL keeps it for that long
    unless it releases it, so the counter's first tick after arm() comes at once when the main
    thread's call releases the GIL, and not before SWITCH_INTERVAL has passed when it does not.
    """

    def __init__(self) -> None:
        self.state = types.SimpleNamespace(armed=False, first=None, ticks=0, stop=False)
        self._thread = threading.Thread(target=self._count, daemon=True)

    def _count(self) -> None:
        state = self.state
        while not state.stop:
            state.ticks += 1
            if state.armed and state.first is None:
                state.first = time.perf_counter()

    def __enter__(self) -> "Counter":
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._thread.start()  # we get the GIL back from it only now: it is fresh
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stop = True
        self._thread.join()
        sys.setswitchinterval(self._interval)

    def during(self, call: Callable[[], Any]) -> tuple[Any, float, int]:
        """Runs call(); its result, how long after its start the counter first ran (inf: not yet),
        and how far it counted meanwhile."""
        state = self.state
        state.first = None
        ticks = state.ticks
        state.armed = True
        start = time.perf_counter()
        result = call()
        state.armed = False
        first: float | None = state.first  # None: it has not run yet at all
        return result, math.inf if first is None else first - start, state.ticks - ticks


def test_long_calls_release_the_gil(synthetic_file: pathlib.Path, linzi: tz.Plan) -> None:
    filings = synthetic_filings(range(1, 5))
    with tz.Ledger.open(synthetic_file, read_only=True) as ledger, \
            tz.Ledger.open(":memory:") as fresh:  # the system clock: no Python callback
        expected = ledger.rollup_series("synthetic", "2021-12")
        fresh.import_plan(tz.Actor("office", tz.ActorRole.administrator), synthetic_plan())
        with Counter() as counter:
            series: tz.RollupList
            series, series_wait, series_ticks = counter.during(
                lambda: ledger.rollup_series("synthetic", "2021-12"))
            filed, import_wait, import_ticks = counter.during(lambda: fresh.file_all(filings))
        assert series == expected and filed == len(filings)
        # The counter ran as soon as the calls began, long before the switch interval was over.
        assert series_wait < SWITCH_INTERVAL / 2, series_wait
        assert import_wait < SWITCH_INTERVAL / 2, import_wait
        assert series_ticks > 1000 and import_ticks > 1000
    assert some(series[-1].find_target("1.1")).actual == sum(D(m) for m in range(1, 13)) * 30


def test_closing_a_ledger_waits_for_a_call_running_in_another_thread(
        synthetic_file: pathlib.Path) -> None:
    with tz.Ledger.open(synthetic_file, read_only=True) as probe:
        expected = probe.rollup_series("synthetic", "2021-06")
    ledger = tz.Ledger.open(synthetic_file, read_only=True)
    calling = threading.Event()
    outcome: list[Any] = []

    def call() -> None:
        calling.set()
        try:
            outcome.append(ledger.rollup_series("synthetic", "2021-06"))
        except ValueError as error:  # close() came first
            outcome.append(error)

    thread = threading.Thread(target=call)
    thread.start()
    calling.wait()
    ledger.close()
    thread.join()
    [result] = outcome
    if isinstance(result, ValueError):
        assert "closed" in str(result)
    else:
        assert result == expected  # finished whole, not cut off
    assert ledger.closed
    with pytest.raises(ValueError, match="closed"):
        ledger.rollup_series("synthetic", "2021-06")


def test_a_python_clock_is_called_from_worker_threads(linzi: tz.Plan) -> None:
    callers: set[str] = set()
    lock = threading.Lock()
    times: Iterator[datetime.datetime] = (
        datetime.datetime(2021, 4, 6, tzinfo=datetime.timezone.utc)
        + datetime.timedelta(seconds=k) for k in itertools.count())

    def clock() -> datetime.datetime:
        with lock:
            callers.add(threading.current_thread().name)
            return next(times)

    units = ["health", "civil-affairs", "women-federation", "law-enforcement"]
    with tz.Ledger.open(":memory:", clock=clock) as ledger:
        begin_historic_import(ledger, ADMIN)
        ledger.import_plan(ADMIN, linzi)

        def work(n: int) -> list[tuple[str, Any]]:
            threading.current_thread().name = f"writer-{n}"
            key = tz.ReportKey(PLAN, units[n], "2021Q1")
            return [(units[n], ledger.file(tz.Actor(units[n]), key, tz.ReportContent()))]

        filed = run_in_threads(work)
    assert len(filed) == 4
    assert {f"writer-{n}" for n in range(4)} <= callers
