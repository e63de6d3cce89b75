"""Data frames of plans reported by year, quarter and month: period columns of each kind."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import taizhang as tz

FREQ = {tz.PeriodKind.year: "A-DEC", tz.PeriodKind.quarter: "Q-DEC", tz.PeriodKind.month: "M"}


def small_plan(kind: tz.PeriodKind) -> tz.Plan:
    """A plan of one initiative and one target over 2021-2022, reported by `kind`."""
    code = f"kinds-{kind.name}"
    return tz.Plan(
        code=code, title=f"按{kind.name}报送", issuer="测试", year=2021, reporting=kind,
        start=datetime.date(2021, 1, 1), end=datetime.date(2022, 12, 31), coordinator="office",
        units=[tz.Unit("office", "办公室", tz.UnitKind.coordinating_office),
               tz.Unit("works", "工务局")],
        initiatives=[tz.Initiative(
            number=1, title="修路", assignments=[tz.Assignment("works", tz.AssignmentRole.lead)],
            targets=[tz.Target(code="1.1", description="道路", unit="公里", value=100)])],
    )


@pytest.mark.parametrize("kind", [tz.PeriodKind.year, tz.PeriodKind.quarter, tz.PeriodKind.month])
def test_period_columns_have_the_plans_kind(kind: tz.PeriodKind) -> None:
    plan = small_plan(kind)
    periods = plan.periods()
    with tz.Ledger.open(":memory:") as ledger:
        ledger.import_plan(tz.Actor("office", tz.ActorRole.administrator), plan)
        first = periods[0]
        ledger.file(tz.Actor("works"), tz.ReportKey(plan.code, "works", first),
                    tz.ReportContent(progress=[tz.InitiativeProgress(1, "开工")],
                                     values=[tz.TargetValue("1.1", value=10)]))
        last = periods[-1]
        series = ledger.rollup_series(plan.code, last).to_pandas()
        chasing = ledger.rollup(plan.code, last).chasing.to_pandas()
        values = ledger.values.to_pandas(plan.code)
    expected = pd.PeriodDtype(FREQ[kind])
    for frame in (series, chasing, values):
        assert frame["period"].dtype == expected, frame["period"]
    assert [str(p) for p in series["period"]] == [str(pd.Period(str(p), freq=FREQ[kind]))
                                                  for p in periods]
    assert values["period"].iloc[0] == pd.Period(first.first_day, freq=FREQ[kind])
    assert len(chasing) == len(periods) - 1  # every later report is missing
