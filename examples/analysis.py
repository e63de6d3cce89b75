#!/usr/bin/python3
"""An analyst's look at a ledger: summary tables and the three charts.

    PYTHONPATH=build/dev/python /usr/bin/python3 examples/analysis.py [LEDGER] [-o OUTDIR]

Opens LEDGER (default ``out/linzi-2021.db``, the ledger ``scripts/demo`` writes) read-only, rolls the plan up as
of a period and prints the roll-up as pandas data frames: targets (with the forecast's outlook,
预计完成 or 预计滞后, and values flagged 需核实), initiatives, units and the chasing list (定期调度).
The roll-up counts what the units handed in, never a draft. Then it draws a target's burn-up chart, the initiatives' progress and the
units' report compliance, and writes them as PNG files into OUTDIR (default ``out/analysis``).

When LEDGER does not exist, it is created first by replaying the scripted year of
``tests/data/linzi-2021-progress.json`` (SAMPLE DATA invented for tests, not real reports) through
the public API, each event at its own time on a test clock. Recording those past times is a
historic import: the script's administrator opens an import window first (the ledger records it,
with its reason) and closes it when the year is in.

Type-checked with ``mypy --strict`` against taizhang's stubs (see docs/python.md): pandas and
matplotlib have no type information on Debian 12, so examples/mypy.ini tells mypy to take them as
untyped.
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import pathlib
import sys
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; no display needed

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

import taizhang as tz  # noqa: E402
import taizhang.plot  # noqa: E402

SOURCE = pathlib.Path(__file__).resolve().parents[1]
SCRIPT = SOURCE / "tests" / "data" / "linzi-2021-progress.json"


# ---- creating a ledger from the scripted year, when there is none -------------------------------


class Clock:
    """A clock that stands still until set: the ledger stamps each revision with its time."""

    def __init__(self, start: datetime.datetime) -> None:
        self.now = start

    def __call__(self) -> datetime.datetime:
        return self.now


def _actor(spec: dict[str, Any]) -> tz.Actor:
    role = tz.ActorRole.__members__[str(spec["role"])]
    return tz.Actor(str(spec["unit"]), role=role, person=str(spec.get("person", "")))


def _value(text: str) -> decimal.Decimal | str:
    """A plain number as an exact Decimal; anything else ("36000万") as the text a clerk wrote,
    which the ledger reads against its target when it is filed (36000万 元 on a target in 亿元 is
    3.6)."""
    try:
        return decimal.Decimal(text)
    except decimal.InvalidOperation:
        return text


def _content(event: dict[str, Any]) -> tz.ReportContent:
    progress = [
        tz.InitiativeProgress(
            int(p["initiative"]),
            narrative=str(p.get("narrative", "")),
            expected_completion=p.get("expected_completion"),  # "2021-12-31" will do
        )
        for p in event.get("progress", [])
    ]
    values = [
        tz.TargetValue(
            str(v["target"]),
            value=_value(str(v["value"])) if "value" in v else None,  # exact, never a float
            unit=str(v.get("unit", "")),
            stage=str(v.get("stage", "")),
            comment=str(v.get("comment", "")),
        )
        for v in event.get("values", [])
    ]
    return tz.ReportContent(progress=progress, values=values)


def create_ledger(path: pathlib.Path, script_path: pathlib.Path = SCRIPT) -> None:
    """Write a ledger at `path` by replaying the scripted year in `script_path`."""
    with open(script_path, encoding="utf-8") as f:
        script: dict[str, Any] = json.load(f)
    plan_code = str(script["plan"])
    events: list[dict[str, Any]] = script["events"]
    clock = Clock(tz.parse_timestamp(events[0]["at"]))
    # Who opens the import window: the administrator who imports the plan in the script.
    admin = next(_actor(e["actor"]) for e in events if e["action"] == "import_plan")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tz.Ledger.open(path, clock=clock, durability=tz.Durability.normal) as ledger:
        # The ledger stamps every record with its clock, which here reads the script's past times:
        # without an import window a time more than ten minutes ago is refused.
        ledger.begin_import(admin, f"历史数据导入：按原始时间回放 {script_path.name}（示例数据）")
        for event in events:
            clock.now = tz.parse_timestamp(event["at"])
            actor = _actor(event["actor"])
            action = event["action"]
            if action == "import_plan":
                plan = tz.load_plan(SOURCE / script["plan_file"])
                ledger.import_plan(actor, plan, reason=str(event.get("reason", "")))
            elif action == "update_plan":
                plan = ledger.plan(plan_code)
                for b in event["baselines"]:
                    target = plan.find_target(b["target"])  # a copy: change it, put it back
                    if target is None:
                        raise SystemExit(f"{script_path}: no target {b['target']!r} to update")
                    target.baseline = tz.Baseline(
                        value=decimal.Decimal(b["value"]), date=b["date"], note=b.get("note", "")
                    )
                    plan.replace_target(target)
                ledger.update_plan(actor, plan, str(event["reason"]))
            else:
                # "merge": the content changes only what it names; otherwise it replaces the whole.
                mode = tz.ContentMode.__members__[str(event.get("mode", "replace"))]
                units = event.get("units") or [event["unit"]]
                for unit in units:
                    key = tz.ReportKey(plan_code, str(unit), event["period"])
                    if action == "file":
                        ledger.file(actor, key, _content(event), mode=mode)
                    elif action == "save":
                        ledger.save(actor, key, _content(event), mode=mode)
                    elif action == "submit":
                        ledger.submit(actor, key)
                    elif action == "correct":
                        ledger.correct(actor, key, _content(event), str(event["reason"]), mode=mode)
                    elif action == "return":
                        ledger.return_report(actor, key, str(event["reason"]))
                    elif action == "accept":
                        ledger.accept(actor, key)
                    else:
                        raise SystemExit(f"{script_path}: unknown action {action!r}")
        ledger.end_import(admin)


# ---- the analysis -------------------------------------------------------------------------------


def choose_plan(ledger: tz.Ledger, code: str | None) -> tz.Plan:
    """The plan `code`, or the ledger's only plan when no code is given."""
    if code is not None:
        return ledger.plan(code)
    plans = ledger.plans()
    if len(plans) != 1:
        names = ", ".join(p.code for p in plans) or "none"
        raise SystemExit(f"{ledger.path} holds {len(plans)} plans ({names}): choose one with --plan")
    return ledger.plan(plans[0].code)


def first_numeric_target(plan: tz.Plan) -> str:
    """The code of the plan's first target that reports a number (for the burn-up chart)."""
    for initiative in plan.initiatives:
        for target in initiative.targets:
            if target.is_numeric and target.goal() is not None:
                return target.code
    raise SystemExit(f"plan {plan.code} has no numeric target to chart")


def show(title: str, frame: pd.DataFrame) -> None:
    """Print a data frame under a title."""
    print(f"\n== {title} ({len(frame)} rows)")
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.max_rows", 60):
        print(frame.to_string(index=False) if len(frame) else "(none)")


def save(ax: Any, path: pathlib.Path) -> pathlib.Path:
    """Write the figure of `ax` as a PNG and close it."""
    figure = ax.get_figure()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def analyse(
    ledger: tz.Ledger,
    out: pathlib.Path,
    *,
    plan_code: str | None = None,
    as_of: str | None = None,
    today: datetime.date | None = None,
    target: str | None = None,
) -> list[pathlib.Path]:
    """Print the roll-up's frames and write the three charts into `out`; returns their paths."""
    plan = choose_plan(ledger, plan_code)
    period = tz.Period(as_of) if as_of is not None else plan.periods()[-1]
    rollup = ledger.rollup(plan.code, period, today=today)
    print(f"{plan.title} ({plan.code}): as of {rollup.as_of}, judged on {rollup.today}")
    print(
        f"plan: {rollup.plan.status.name}, completion {rollup.plan.completion:.1%} "
        f"against {rollup.plan.expected:.1%} expected; furthest behind: "
        f"{rollup.plan.worst_target or '-'}"
    )

    targets = rollup.targets.to_pandas()
    show(
        "targets",
        targets[["code", "actual", "goal", "completion", "expected", "status", "forecast",
                 "outlook"]],
    )
    short = targets[targets["outlook"] == "likely_short"]["code"].astype(str)
    print("预计滞后 (forecast short of the goal): " + (", ".join(short) or "none"))
    for row in targets[targets["warnings"].str.len() > 0].itertuples():
        print(f"需核实 {row.code}: " + "; ".join(row.warnings))
    for row in targets[targets["problem"].notna()].itertuples():
        print(f"cannot compute {row.code}: {row.problem}")
    # The exact values, as Decimal, where a float would not do (sums of money, for instance).
    exact_actual = tz.frames.exact(targets, "actual")
    total = sum((v for v in exact_actual if v is not None), decimal.Decimal(0))
    print(f"(sum of the exact actuals of every target: {total})")
    show("initiatives", rollup.initiatives.to_pandas())
    show("units", rollup.units.to_pandas())
    show("chasing list (定期调度)", rollup.chasing.to_pandas())
    # Every unit × period, as the roll-up judged it once (the heat map draws the same cells).
    grid = rollup.compliance.to_pandas().pivot(index="unit", columns="period",
                                               values="compliance")
    show("compliance (已报 on_time, 迟报 late, 未报 missing, 漏报 omitted, 退回未改 returned)",
         grid.reset_index())
    values = ledger.values.to_pandas(plan.code)
    print(f"\n{len(values)} values filed; by report status: "
          + ", ".join(f"{k} {v}" for k, v in values["status"].value_counts().items() if v))

    out.mkdir(parents=True, exist_ok=True)
    chart_target = target if target is not None else first_numeric_target(plan)
    series = ledger.rollup_series(plan.code, period, today=today)
    if taizhang.plot.cjk_font() is None:
        print("note: no CJK font installed (Debian: fonts-noto-cjk): Chinese labels show as boxes")
    return [
        save(taizhang.plot.burn_up(series, chart_target, plan=plan), out / "burn_up.png"),
        save(taizhang.plot.initiatives(rollup, plan=plan), out / "initiatives.png"),
        save(taizhang.plot.compliance_heatmap(rollup, plan), out / "compliance_heatmap.png"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("ledger", nargs="?", type=pathlib.Path,
                        default=pathlib.Path("out/linzi-2021.db"),
                        help="the ledger file (default: %(default)s); created from the scripted "
                        "year when it does not exist")
    parser.add_argument("-o", "--out", type=pathlib.Path, default=pathlib.Path("out/analysis"),
                        help="where to write the PNG charts (default: %(default)s)")
    parser.add_argument("--plan", help="the plan's code (default: the ledger's only plan)")
    parser.add_argument("--as-of", help="the period to roll up as of, e.g. 2021Q3 "
                        "(default: the plan's last period)")
    parser.add_argument("--today", type=datetime.date.fromisoformat,
                        help="the day to judge deadlines on (default: the as-of period's last day)")
    parser.add_argument("--target", help="the target of the burn-up chart (default: the first "
                        "numeric one)")
    args = parser.parse_args(argv)

    ledger_path: pathlib.Path = args.ledger
    if not ledger_path.exists():
        print(f"{ledger_path} does not exist: creating it from {SCRIPT.relative_to(SOURCE)} "
              "(sample data)", file=sys.stderr)
        create_ledger(ledger_path)
    try:
        with tz.Ledger.open(ledger_path, read_only=True) as ledger:
            written = analyse(ledger, args.out, plan_code=args.plan, as_of=args.as_of,
                              today=args.today, target=args.target)
    except tz.Error as e:  # every taizhang error names what went wrong and where
        print(f"error ({e.code}): {e}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
