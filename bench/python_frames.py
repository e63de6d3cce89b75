#!/usr/bin/python3
"""How fast the Python package turns a ledger's roll-ups and values into pandas data frames.

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python_frames.py \\
        [--ledger FILE] [--rows N] [--runs N] [--json OUT.json]

On the province ledger of the roll-up benchmark (build/bench/province.taizhang, written by
bench/generate_ledger through scripts/bench) when it is there, else on a ledger this script writes
itself through the Python API (``Ledger.file_all``; build/bench/python-frames-<rows>.taizhang,
reused while its parameters are the same), it measures two frames of at least --rows rows
(default 1,000,000):

- series: ``ledger.rollup_series(plan, as_of)`` for as many plans as it takes to reach --rows
  rows (one row per period × target), gathered in one ``RollupList``, then ``.to_pandas()``;
- values: ``ledger.values_table()``, every value filed in every plan, then ``.to_pandas()``
  (on the province ledger that is ~10 million rows).

Each is timed in three parts: computing the result in the library (``compute``), the data frame
from the result (``to_pandas``: the columns extracted in C++ into numpy arrays, then the frame
assembled in taizhang.frames), and, for comparison, pandas itself building the very same frame
(checked with ``pandas.testing.assert_frame_equal``) from ready numpy arrays of its columns in
their final form: categoricals from codes and categories, periods from int64 ordinals, exact
columns as float64 plus masked Int64/Int8 arrays, dates and times as datetime64[ns] (``pandas``).
The goal is to_pandas < 3 × pandas. The result is computed once; to_pandas and pandas then take
turns --runs times, and each figure is the fastest of its runs, in wall-clock and in CPU time
(the steadier one on a machine shared with other work).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import math
import os
import pathlib
import platform
import sys
import time
from typing import Any, Callable

import numpy as np
import pandas as pd

import taizhang as tz

PROVINCE = pathlib.Path("build/bench/province.taizhang")

# The self-written ledger: plans of 10 initiatives × 5 targets, 5 units each leading 2
# initiatives, monthly over MONTHS months; each unit reports every month a value for every target
# of the initiatives it leads. One plan gives MONTHS × 50 rows of a series and as many values.
INITIATIVES = 10
TARGETS = 5
UNITS = 5
MONTHS = 48
START_YEAR = 2019


# ---- the self-written ledger ---------------------------------------------------------------------


def make_plan(p: int) -> tz.Plan:
    """Plan number `p` of the self-written ledger."""
    office = f"b{p:04d}-office"
    units = [tz.Unit(office, f"办公室{p}", tz.UnitKind.coordinating_office)]
    units += [tz.Unit(f"b{p:04d}-u{u}", f"单位{p}-{u}", tz.UnitKind.bureau) for u in range(UNITS)]
    initiatives = []
    for i in range(INITIATIVES):
        lead = units[1 + i % UNITS].code
        targets = [
            tz.Target(code=f"{i + 1}.{t + 1}", description=f"目标{i + 1}.{t + 1}",
                      measure=tz.Measure.count, unit="个", value=1000 * (t + 1))
            for t in range(TARGETS)
        ]
        initiatives.append(tz.Initiative(
            number=i + 1, title=f"实事{i + 1}",
            assignments=[tz.Assignment(lead, tz.AssignmentRole.lead)], targets=targets))
    end_year = START_YEAR + (MONTHS - 1) // 12
    return tz.Plan(
        code=f"b{p:04d}", title=f"基准计划{p}", issuer="基准", year=START_YEAR,
        reporting=tz.PeriodKind.month, start=datetime.date(START_YEAR, 1, 1),
        end=datetime.date(end_year, 12, 31), coordinator=office, units=units,
        initiatives=initiatives)


def filings(plan: tz.Plan) -> list[tz.Filing]:
    """Every monthly report of the plan's units, with a value for each target they lead."""
    led: dict[str, list[tz.Initiative]] = {}
    for initiative in plan.initiatives:
        led.setdefault(initiative.lead_units()[0], []).append(initiative)
    out = []
    for unit, initiatives in led.items():
        actor = tz.Actor(unit)
        for month in range(MONTHS):
            period = tz.Period.month(START_YEAR + month // 12, month % 12 + 1)
            progress = [tz.InitiativeProgress(i.number, "进展") for i in initiatives]
            values = [tz.TargetValue(t.code, value=(month * 37 + i.number * 11 + k) % 97 + 1)
                      for i in initiatives for k, t in enumerate(i.targets)]
            content = tz.ReportContent(progress=progress, values=values)
            out.append(tz.Filing(actor, tz.ReportKey(plan.code, unit, period), content))
    return out


def write_ledger(path: pathlib.Path, plans: int) -> None:
    """Write the self-written ledger of `plans` plans at `path` (through a temporary file)."""
    params = path.with_name(path.name + ".params")
    key = f"python-frames v1 plans={plans} months={MONTHS}"
    if path.exists() and params.exists() and params.read_text().strip() == key:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for p in (partial, path):
        for suffix in ("", "-wal", "-shm"):
            pathlib.Path(str(p) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    with tz.Ledger.open(partial, durability=tz.Durability.normal) as ledger:
        for p in range(plans):
            plan = make_plan(p)
            # Its own office administers it: only a unit the ledger knows may act.
            ledger.import_plan(tz.Actor(plan.coordinator, tz.ActorRole.administrator), plan)
            ledger.file_all(filings(plan))
            if (p + 1) % 50 == 0:
                print(f"  {p + 1} plans written; {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    partial.rename(path)
    params.write_text(key + "\n")
    print(f"wrote {path} ({plans} plans) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


# ---- pandas' own construction from ready arrays -------------------------------------------------


def ready_arrays(frame: pd.DataFrame) -> dict[str, Any]:
    """Each column of `frame` as ready numpy arrays in its final form (taken before timing)."""
    ready: dict[str, Any] = {}
    for name, column in frame.items():
        dtype = column.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            ready[name] = ("category", column.cat.codes.to_numpy(),
                           list(dtype.categories), bool(dtype.ordered))
        elif isinstance(dtype, pd.PeriodDtype):
            ready[name] = ("period", column.array.asi8.copy(), dtype.freq)
        elif isinstance(dtype, pd.DatetimeTZDtype):
            ready[name] = ("utc", column.dt.tz_localize(None).to_numpy())
        elif isinstance(dtype, pd.core.arrays.integer.IntegerDtype):
            ready[name] = ("masked", column.array._data.copy(), column.array._mask.copy(), dtype)
        elif dtype == object:
            ready[name] = ("object", column.to_numpy())
        else:
            ready[name] = ("plain", column.to_numpy())
    return ready


def pandas_build(ready: dict[str, Any]) -> pd.DataFrame:
    """The frame, built by pandas from the ready arrays: what pandas itself takes."""
    data: dict[str, Any] = {}
    for name, spec in ready.items():
        kind = spec[0]
        if kind == "category":
            data[name] = pd.Categorical.from_codes(spec[1], categories=spec[2], ordered=spec[3])
        elif kind == "period":
            data[name] = pd.arrays.PeriodArray(spec[1], freq=spec[2])
        elif kind == "utc":
            data[name] = pd.DatetimeIndex(spec[1]).tz_localize("UTC")
        elif kind == "masked":
            data[name] = pd.arrays.IntegerArray(spec[1], spec[2]).astype(spec[3])
        else:
            data[name] = spec[1]
    return pd.DataFrame(data)


# ---- measuring ------------------------------------------------------------------------------------


def timed(f: Callable[[], Any]) -> tuple[float, float, Any]:
    """One call of f: wall-clock seconds, CPU seconds of this process, and its result."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    result = f()
    return time.perf_counter() - t0, time.process_time() - c0, result


def measure(name: str, runs: int, compute: Callable[[], Any]) -> dict[str, Any]:
    w_compute, c_compute, result = timed(compute)
    frame = result.to_pandas()
    ready = ready_arrays(frame)
    pd.testing.assert_frame_equal(pandas_build(ready), frame)
    # The two constructions take turns, so that both meet the same conditions on a shared
    # machine; each figure is the fastest of its runs.
    w_frame = c_frame = w_pandas = c_pandas = math.inf
    for _ in range(runs):
        w, c, _frame = timed(result.to_pandas)
        w_frame, c_frame = min(w_frame, w), min(c_frame, c)
        del _frame
        w, c, _frame = timed(lambda: pandas_build(ready))
        w_pandas, c_pandas = min(w_pandas, w), min(c_pandas, c)
        del _frame
    figures = {
        "frame": name, "rows": len(frame), "columns": frame.shape[1],
        "compute_s": w_compute, "to_pandas_s": w_frame, "pandas_s": w_pandas,
        "compute_cpu_s": c_compute, "to_pandas_cpu_s": c_frame, "pandas_cpu_s": c_pandas,
        "ratio": w_frame / w_pandas, "ratio_cpu": c_frame / c_pandas,
        "memory_mib": float(frame.memory_usage(deep=True).sum()) / 2**20,
    }
    print(f"{name}: {len(frame):,} rows × {frame.shape[1]} columns "
          f"({figures['memory_mib']:.0f} MiB)\n"
          f"  compute   {w_compute:7.3f} s wall {c_compute:7.3f} s CPU  (one run)\n"
          f"  to_pandas {w_frame:7.3f} s wall {c_frame:7.3f} s CPU\n"
          f"  pandas    {w_pandas:7.3f} s wall {c_pandas:7.3f} s CPU  (from ready arrays)\n"
          f"  to_pandas / pandas: {figures['ratio']:.2f}× wall, {figures['ratio_cpu']:.2f}× CPU "
          f"(goal < 3×)", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ledger", type=pathlib.Path,
                        help=f"the ledger (default: {PROVINCE} when it exists, else one written "
                        "by this script)")
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="rows of the series frame, and the size of a self-written ledger "
                        "(default: %(default)s)")
    parser.add_argument("--runs", type=int, default=7,
                        help="runs of to_pandas and of pandas, taking turns; the fastest counts "
                        "(default: %(default)s; the result is computed once)")
    parser.add_argument("--as-of", help="the period to roll up as of (default: each plan's last)")
    parser.add_argument("--frames", default="series,values",
                        help="which frames to measure, in order (default: %(default)s)")
    parser.add_argument("--json", type=pathlib.Path, help="write the figures here")
    args = parser.parse_args()

    path = args.ledger
    if path is None:
        if PROVINCE.exists():
            path = PROVINCE
        else:
            plans = max(1, math.ceil(args.rows / (MONTHS * INITIATIVES * TARGETS)))
            path = pathlib.Path(f"build/bench/python-frames-{args.rows}.taizhang")
            write_ledger(path, plans)

    results: dict[str, Any] = {
        "ledger": str(path), "file_mib": os.path.getsize(path) / 2**20,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(), "pandas": pd.__version__, "numpy": np.__version__,
        "taizhang": tz.__version__, "frames": [],
    }
    with tz.Ledger.open(path, read_only=True) as ledger:
        t0 = time.perf_counter()
        summaries = ledger.plans()
        chosen: list[tuple[str, tz.Period]] = []
        rows = 0
        for summary in summaries:
            plan = ledger.plan(summary.code)
            as_of = tz.Period(args.as_of) if args.as_of else plan.periods()[-1]
            chosen.append((plan.code, as_of))
            rows += len(plan.periods()) * sum(len(i.targets) for i in plan.initiatives)
            if rows >= args.rows:
                break
        ledger.rollup(*chosen[0])  # loads the snapshot: not part of what is measured
        print(f"{path}: {len(summaries)} plans; opened and loaded in "
              f"{time.perf_counter() - t0:.1f} s; the series covers {len(chosen)} plans",
              flush=True)

        def series() -> tz.RollupList:
            gathered = tz.RollupList()
            for code, as_of in chosen:
                gathered.extend(ledger.rollup_series(code, as_of))
            return gathered

        computations = {"series": series, "values": ledger.values_table}
        for name in args.frames.split(","):
            results["frames"].append(measure(name, args.runs, computations[name]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
