"""The roll-up of the scripted Linzi year from Python (conftest.replay replays
tests/data/linzi-2021-progress.json, the script of the C++ golden tests): figures worked out by hand
from the script, and every data frame checked column by column against the bound C++ objects."""

from __future__ import annotations

import datetime
import decimal
import math
from typing import Any, Sequence

import numpy as np
import pandas as pd
import pytest

import taizhang as tz
from conftest import PLAN, begin_historic_import, load_script, some

D = decimal.Decimal
STATUSES = ["achieved", "on_track", "at_risk", "behind", "no_data", "overdue"]
OUTLOOKS = ["none", "likely_met", "likely_short"]
COMPLIANCES = ["not_due", "on_time", "late", "missing", "omitted", "returned"]
JAN_15 = datetime.date(2022, 1, 15)  # after the deadline: the coordinator's view of the year


def period(text: str) -> pd.Period:
    return pd.Period(text, freq="Q")


@pytest.fixture(scope="module")
def q3(scripted: tz.Ledger) -> tz.Rollup:
    return scripted.rollup(PLAN, "2021Q3")


@pytest.fixture(scope="module")
def year(scripted: tz.Ledger) -> tz.Rollup:
    """The roll-up of the whole year, judged on 2022-01-15."""
    return scripted.rollup(PLAN, tz.Period("2021Q4"), today=JAN_15)


@pytest.fixture(scope="module")
def series(scripted: tz.Ledger) -> tz.RollupList:
    return scripted.rollup_series(plan=PLAN, as_of="2021Q4")


# ---- the script replayed -------------------------------------------------------------------------


def test_the_script_is_sample_data_and_replays_as_scripted(scripted: tz.Ledger) -> None:
    script = load_script()
    assert "SAMPLE DATA" in script["sample_data"] and "示例数据" in script["sample_data"]
    assert len(script["events"]) == 73
    assert len(scripted.reports(PLAN)) == 15 * 4  # trade-union's 2021Q3 a draft never handed in
    assert len(scripted.history(tz.ReportKey(PLAN, "propaganda", "2021Q1"))) == 6
    health_q3 = some(scripted.report(tz.ReportKey(PLAN, "health", "2021Q3")))
    assert (health_q3.current.number, health_q3.accepted_revision) == (5, 4)
    assert len(scripted.plan_history(PLAN)) == 2


# ---- figures worked out by hand from the script --------------------------------------------------


def test_the_query_is_kept_with_the_rollup(q3: tz.Rollup, year: tz.Rollup) -> None:
    assert (q3.plan_code, q3.as_of, q3.today) == (PLAN, tz.Period("2021Q3"),
                                                  datetime.date(2021, 9, 30))
    assert q3.recorded_at is None and q3.accepted_only is False
    assert q3.plan_version == 2  # the update of 2021-05-20 set the 4.1 baseline
    assert year.today == JAN_15
    assert [t.code for t in q3.targets][:3] == ["1.1", "1.2", "2.1"] and len(q3.targets) == 43
    assert [i.number for i in q3.initiatives] == list(range(1, 11))
    assert len(year.units) == 15 and year.find_unit("women-children-centre") is None
    assert repr(q3) == (f"<Rollup of '{PLAN}' as of 2021Q3: plan ProgressStatus.at_risk, completion "
                        f"{q3.plan.completion!r}, 43 targets, 2 to chase>")


def test_screening_adds_up_quarter_by_quarter(series: tz.RollupList) -> None:
    screened = [4500, 4800, 4875, 4200]  # 2021Q3 as corrected (1875 → 4875)
    statuses = ["on_track", "on_track", "on_track", "achieved"]
    for k, rollup in enumerate(series):
        target = some(rollup.find_target("1.1"))
        assert rollup.as_of == tz.Period.quarter(2021, k + 1)
        assert rollup.today == rollup.as_of.last_day
        assert target.actual == D(sum(screened[: k + 1]))
        assert isinstance(target.actual, decimal.Decimal)
        assert target.goal == D(18000) and target.baseline is None
        assert target.expected == pytest.approx((k + 1) / 4)
        assert target.completion == pytest.approx(sum(screened[: k + 1]) / 18000)
        assert target.status.name == statuses[k]
    assert some(series[1].find_target("1.1")).forecast == D((4500 + 4800) * 4 // 2)  # steady pace
    assert some(series[2].find_target("1.1")).forecast == D(14175 * 4 // 3)  # 18900


def test_money_filed_in_wan_yuan_adds_up_exactly_in_yi_yuan(series: tz.RollupList,
                                                            q3: tz.Rollup) -> None:
    # 25000 + 28000 + 33000 + 36000 万元 = 12.2 亿元, to the fen.
    assert [some(r.find_target("5.1")).actual for r in series] == [
        D("2.5"), D("5.3"), D("8.6"), D("12.2")]
    assert some(series[3].find_target("5.1")).actual == D("2.5") + D("2.8") + D("3.3") + D("3.6")
    assert some(series[3].find_target("5.1")).status == tz.ProgressStatus.achieved
    # 8.6 × 4 / 3 = 11.4666… rounded to 6 places: short of 12 亿, 预计滞后.
    assert some(q3.find_target("5.1")).forecast == D("11.466667")
    assert some(q3.find_target("5.1")).outlook == tz.Outlook.likely_short
    # 2021Q4 was filed as "36000万" with no unit: 万 counts 元, so 3.6 亿元 — never 36000万 亿元.
    assert some(series[3].find_target("5.1")).warnings == []
    assert some(series[3].find_target("5.1")).problem == ""


def test_cumulative_level_rise_and_milestone_targets(q3: tz.Rollup, year: tz.Rollup) -> None:
    households = some(q3.find_target("3.6"))  # cumulative: the latest total, not the sum
    assert households.actual == D(14100) and households.goal == D(16000)
    assert households.completion == pytest.approx(14100 / 16000)
    assert households.forecast == D(14900)  # 800 a quarter from (Q1, 12500) to (Q3, 14100)
    [contribution] = households.contributions
    assert (contribution.unit, contribution.value, contribution.latest) == (
        "propaganda", D(14100), tz.Period("2021Q3"))
    standard = some(q3.find_target("4.1"))  # +10 % over the 1200 baseline set by the plan update
    assert (standard.baseline, standard.goal, standard.actual) == (D(1200), D(1320), D(1320))
    assert standard.status == tz.ProgressStatus.achieved
    unknown = some(q3.find_target("4.2"))  # +10 % of a baseline nobody knows
    assert unknown.actual == D(1100) and unknown.goal is None and unknown.completion is None
    assert unknown.status == tz.ProgressStatus.no_data
    never = some(q3.find_target("4.3"))
    assert never.actual is None and never.forecast is None and never.contributions[0].value is None
    assert some(q3.find_target("9.5")).completion == pytest.approx(0.5)  # 推进中
    assert some(q3.find_target("1.2")).contributions[0].stage == "基本完成"
    trainings = some(year.find_target("7.1"))  # 35 of 31: uncapped
    assert trainings.actual == D(35) and trainings.completion == pytest.approx(35 / 31)
    # Co-responsible disabled-federation's own 4.4 figures do not count.
    assert [c.unit for c in some(year.find_target("4.4")).contributions] == ["civil-affairs"]
    assert some(year.find_target("4.4")).actual == D(30 + 36 + 38 + 39)


def test_status_bands_and_overdue(q3: tz.Rollup, year: tz.Rollup, scripted: tz.Ledger) -> None:
    assert some(q3.find_target("3.5")).status == tz.ProgressStatus.at_risk  # 36 / 60 = 0.6 ≥ 0.55
    assert some(q3.find_target("2.1")).status == tz.ProgressStatus.behind  # 1 / 3 < 0.55
    on_deadline = scripted.rollup(PLAN, "2021Q4")
    assert some(on_deadline.find_target("8.3")).status == tz.ProgressStatus.at_risk  # 4 / 5 = 0.8 exactly
    for code in ("2.1", "2.6", "3.5", "8.3", "10.6"):
        assert some(year.find_target(code)).status == tz.ProgressStatus.overdue, code
    for code in ("1.1", "3.6", "5.1", "7.1"):
        assert some(year.find_target(code)).status == tz.ProgressStatus.achieved, code


def test_initiatives_and_the_plan(q3: tz.Rollup, scripted: tz.Ledger) -> None:
    first = some(q3.find_initiative(1))  # 1.1 at 14175 / 18000 and 1.2 at 基本完成 (0.75)
    assert first.completion == pytest.approx((14175 / 18000 + 0.75) / 2)
    assert (first.status, first.worst_target, first.measurable_targets) == (
        tz.ProgressStatus.on_track, "1.2", 2)
    six = some(q3.find_initiative(6))  # trade-union missed 2021Q3
    assert six.completion == pytest.approx((1 / 3 + 0.5 + 0.5) / 3)
    assert six.status == tz.ProgressStatus.behind and six.worst_target == "6.1"
    plan = scripted.rollup(PLAN, "2021Q4").plan
    reached, kindergartens, basically_done = 24, 3 * (2 / 3), 4 * 0.75
    partial = 56 / 60 + 9 / 10 + 480 / 500 + 4 / 5
    assert plan.measurable_targets == 41
    assert plan.completion == pytest.approx((reached + kindergartens + basically_done + partial)
                                            / 41)
    assert (plan.status, plan.worst_target) == (tz.ProgressStatus.behind, "2.6")


def test_the_chasing_list_and_unit_counts_after_the_year(year: tz.Rollup) -> None:
    assert [(str(c.period), c.unit, c.initiatives, c.compliance.name, c.days_overdue)
            for c in year.chasing] == [
        # 漏报: filed on time for 1, 3 and 7, but left initiative 9 out; 04-10 → 01-15.
        ("2021Q1", "women-federation", [9], "omitted", 280),
        ("2021Q2", "law-enforcement", [], "late", 4),  # 07-14 in Beijing, 07-13 in UTC
        ("2021Q3", "trade-union", [6], "missing", 97),  # only a draft, never handed in
        ("2021Q4", "disabled-federation", [4], "returned", 3),  # returned 01-12, not fixed
    ]
    omitted = year.chasing[0]
    assert omitted.submitted == datetime.datetime(2021, 4, 7, 2, 0, tzinfo=datetime.timezone.utc)
    late = year.chasing[1]
    assert late.due == datetime.date(2021, 7, 10)
    assert late.submitted == datetime.datetime(2021, 7, 13, 23, 30, tzinfo=datetime.timezone.utc)
    assert year.chasing[2].submitted is None  # the draft is not a hand-in
    law = some(year.find_unit("law-enforcement"))
    assert (law.assignments, law.reports_due, law.on_time, law.late, law.days_late,
            law.missing) == (1, 4, 3, 1, 4, 0)
    union = some(year.find_unit("trade-union"))
    assert (union.on_time, union.missing) == (3, 1)
    women = some(year.find_unit("women-federation"))
    assert (women.assignments, women.on_time, women.omitted, women.missing) == (4, 3, 1, 0)
    disabled = some(year.find_unit("disabled-federation"))
    assert (disabled.on_time, disabled.returned) == (3, 1)


def test_compliance_is_every_cell_and_the_rest_is_made_from_it(year: tz.Rollup,
                                                               scripted_plan: tz.Plan) -> None:
    cells = list(year.compliance)
    # Every unit must report (Reporters.assigned) for each of the four quarters.
    assert scripted_plan.reporting_rules.reporters == tz.Reporters.assigned
    assert len(cells) == 15 * 4
    assert [c.unit for c in cells[:4]] == ["health"] * 4  # by unit, then period
    assert [str(c.period) for c in cells[:4]] == [f"2021Q{q}" for q in range(1, 5)]
    # The chasing list is the cells that are not on time (nor not yet due).
    assert list(year.chasing) == sorted(
        (c for c in cells if c.compliance.name in ("late", "missing", "omitted", "returned")),
        key=lambda c: (c.period, [u.unit for u in year.units].index(c.unit)))
    # Each unit's counts are its cells, counted.
    for unit in year.units:
        own = [c for c in cells if c.unit == unit.unit]
        counts = {name: sum(c.compliance.name == name for c in own) for name in COMPLIANCES}
        assert (unit.reports_due, unit.on_time, unit.late, unit.missing, unit.omitted,
                unit.returned) == (len(own) - counts["not_due"], counts["on_time"],
                                   counts["late"], counts["missing"], counts["omitted"],
                                   counts["returned"]), unit.unit
        assert unit.days_late == sum(c.days_overdue for c in own if c.compliance.name == "late")
    assert scripted_plan.reported_initiatives("women-federation") == [1, 3, 7, 9]
    assert scripted_plan.requires_report("2021Q1")  # issued 2021-03-01, before Q1 ended


def test_as_recorded_before_and_after_the_correction_and_accepted_only(
        scripted: tz.Ledger) -> None:
    before = scripted.rollup(PLAN, "2021Q3",
                             recorded_at=datetime.datetime.fromisoformat(
                                 "2021-10-20T12:00:00+08:00"))
    assert before.recorded_at == datetime.datetime(2021, 10, 20, 4, 0,
                                                   tzinfo=datetime.timezone.utc)
    assert some(before.find_target("1.1")).actual == D(4500 + 4800 + 1875)
    assert some(before.find_target("1.1")).status == tz.ProgressStatus.at_risk
    after = scripted.rollup(PLAN, "2021Q3", recorded_at="2021-10-26T12:00:00+08:00")
    assert some(after.find_target("1.1")).actual == D(4500 + 4800 + 4875)
    kept = scripted.rollup(PLAN, "2021Q3", recorded_at="2021-10-26T12:00:00+08:00",
                           accepted_only=True)
    assert kept.accepted_only and some(kept.find_target("1.1")).actual == D(4500 + 4800 + 1875)
    assert "(accepted only)" in repr(kept)
    old = scripted.rollup(PLAN, "2021Q1", recorded_at="2021-04-20T12:00:00+08:00")
    assert old.plan_version == 1 and some(old.find_target("4.1")).goal is None
    acc = scripted.rollup(PLAN, "2021Q4", accepted_only=True)
    assert some(acc.find_target("8.3")).actual == D(3)  # science-association's 2021Q4 not accepted


def test_a_series_point_is_the_rollup_of_its_period(scripted: tz.Ledger,
                                                    series: tz.RollupList) -> None:
    assert isinstance(series, tz.RollupList) and len(series) == 4
    for k, point in enumerate(series):
        assert point == scripted.rollup(PLAN, f"2021Q{k + 1}")
    assert series[0] != series[1]
    early = scripted.rollup_series(PLAN, "2021Q4", today=datetime.date(2021, 8, 15))
    assert [r.today for r in early] == [datetime.date(2021, 3, 31), datetime.date(2021, 6, 30),
                                        datetime.date(2021, 8, 15), datetime.date(2021, 8, 15)]


def test_rollups_are_values_with_reprs(q3: tz.Rollup) -> None:
    target = some(q3.find_target("1.1"))
    assert repr(target) == ("<TargetRollup 1.1: ProgressStatus.on_track, actual=Decimal('14175'), "
                            "goal=Decimal('18000'), completion=0.7875, expected=0.75>")
    assert repr(q3.find_initiative(1)) == (
        "InitiativeRollup(number=1, completion=0.76875, expected=0.75, status=ProgressStatus.on_track, "
        "worst_target='1.2', measurable_targets=2)")
    assert repr(q3.find_unit("health")) == (
        "UnitRollup(unit='health', assignments=2, reports_due=2, on_time=2, late=0, missing=0, "
        "omitted=0, returned=0, days_late=0)")
    assert repr(q3.chasing[0]) == (
        "ComplianceCell(period=Period('2021Q1'), unit='women-federation', "
        "compliance=Compliance.omitted, due=datetime.date(2021, 4, 10), days_overdue=173, "
        "submitted=datetime.datetime(2021, 4, 7, 2, 0, tzinfo=datetime.timezone.utc), "
        "initiatives=[9])")
    assert tz.ChaseItem is tz.ComplianceCell and tz.ChaseItemList is tz.ComplianceCellList
    assert repr(some(q3.find_target("3.6")).contributions[0]) == (
        "Contribution(unit='propaganda', value=Decimal('14100'), latest=Period('2021Q3'), "
        "stage='')")
    assert q3.find_target("1.1") == q3.targets[0] and q3.find_target("1.1") != q3.targets[1]
    assert q3.find_target("99") is None and q3.find_initiative(11) is None
    assert q3.find_unit("nobody") is None


# ---- explanations --------------------------------------------------------------------------------


def test_a_target_explains_itself(scripted: tz.Ledger) -> None:
    explanation = scripted.explain(PLAN, "2021Q3", "1.1")
    assert explanation.subject == "target 1.1 as of 2021Q3"
    text = str(explanation)
    assert text.splitlines()[0] == "target 1.1 as of 2021Q3"
    assert "rule 1 (incremental): health → 14175" in text
    assert "actual = 14175" in text and "goal 18000" in text and "r = 0.7875" in text
    assert "e = 0.75" in text and "on_track" in text and "18900" in text
    assert len(explanation.steps) == 6
    assert repr(explanation) == "<Explanation of 'target 1.1 as of 2021Q3': 3 inputs, 6 steps>"
    inputs = explanation.inputs
    assert [i.value for i in inputs] == [D(4500), D(4800), D(4875)]
    assert [i.revision for i in inputs] == [1, 1, 4]  # 2021Q3's content is the correction
    assert [str(i.report.period) for i in inputs] == ["2021Q1", "2021Q2", "2021Q3"]
    assert inputs[2].recorded_at == datetime.datetime.fromisoformat("2021-10-25T10:00:00+08:00")
    assert inputs[0].actor.person == "卫健局填报员（示例）"
    assert all(i.counted and i.target == "1.1" for i in inputs)

    cumulative = scripted.explain(PLAN, "2021Q3", "3.6")
    assert [i.counted for i in cumulative.inputs] == [False, False, True]
    shared = scripted.explain(PLAN, "2021Q2", "4.4")
    assert all(i.counted == (i.report.unit == "civil-affairs") for i in shared.inputs)
    unit = scripted.explain(PLAN, "2021Q4", "unit law-enforcement", today=JAN_15)
    assert unit.steps[-1] == ("rule 8: 4 due, 3 on time, 1 late (4 days), 0 missing, 0 omitted, "
                              "0 returned")
    assert "late by 4 days" in str(unit)
    plan = scripted.explain(PLAN, "2021Q4", "plan")
    assert "worst target 2.6" in plan.steps[-1]
    assert "goal not known" in str(scripted.explain(PLAN, "2021Q3", "initiative 4"))


# ---- data frames, column by column against the C++ objects ---------------------------------------


def assert_exact_column(frame: pd.DataFrame, name: str,
                        values: Sequence[decimal.Decimal | None]) -> None:
    """Column `name` of `frame` holds `values` exactly: <name>_coef × 10**−<name>_scale, with the
    float64 column beside it, and taizhang.frames.exact() gives them back as Decimals."""
    assert frame[name].dtype == np.float64
    assert str(frame[f"{name}_coef"].dtype) == "Int64"
    assert str(frame[f"{name}_scale"].dtype) == "Int8"
    exact = tz.frames.exact(frame, name)
    assert exact.dtype == object and list(exact.index) == list(frame.index)
    assert len(values) == len(frame)
    for i, value in enumerate(values):
        coef, scale, approx = (frame[f"{name}_coef"].iloc[i], frame[f"{name}_scale"].iloc[i],
                               frame[name].iloc[i])
        if value is None:
            assert pd.isna(coef) and pd.isna(scale) and math.isnan(approx), (name, i)
            assert exact.iloc[i] is None
            continue
        sign, digits, exponent = value.as_tuple()
        assert int(scale) == max(0, -int(exponent)), (name, i, value)
        assert int(coef) == int(value.scaleb(int(scale))), (name, i, value)
        assert isinstance(exact.iloc[i], decimal.Decimal)
        assert exact.iloc[i] == value, (name, i)
        assert approx == pytest.approx(float(value), rel=1e-15, abs=0), (name, i)


def assert_float_column(frame: pd.DataFrame, name: str, values: Sequence[float | None]) -> None:
    assert frame[name].dtype == np.float64
    column = frame[name].to_numpy()
    for i, value in enumerate(values):
        if value is None:
            assert math.isnan(column[i]), (name, i)
        else:
            assert column[i] == value, (name, i)  # the same double, not approximately


def assert_status_column(frame: pd.DataFrame, name: str, values: Sequence[tz.ProgressStatus]) -> None:
    assert isinstance(frame[name].dtype, pd.CategoricalDtype)
    assert frame[name].cat.ordered
    assert list(frame[name].cat.categories) == STATUSES
    assert list(frame[name].astype(str)) == [s.name for s in values]


def assert_category_column(frame: pd.DataFrame, name: str, categories: list[str],
                           values: Sequence[Any]) -> None:
    assert isinstance(frame[name].dtype, pd.CategoricalDtype)
    assert list(frame[name].cat.categories) == categories
    assert list(frame[name].astype(str)) == [v.name for v in values]


def assert_target_columns(frame: pd.DataFrame, targets: Sequence[tz.TargetRollup]) -> None:
    assert list(frame["code"].astype(str)) == [t.code for t in targets]
    assert isinstance(frame["code"].dtype, pd.CategoricalDtype)
    assert frame["initiative"].dtype == np.int32
    assert list(frame["initiative"]) == [t.initiative for t in targets]
    for name in ("actual", "goal", "baseline", "forecast"):
        assert_exact_column(frame, name, [getattr(t, name) for t in targets])
    assert_float_column(frame, "completion", [t.completion for t in targets])
    assert_float_column(frame, "expected", [t.expected for t in targets])
    assert_float_column(frame, "forecast_completion", [t.forecast_completion for t in targets])
    assert_status_column(frame, "status", [t.status for t in targets])
    assert_category_column(frame, "outlook", OUTLOOKS, [t.outlook for t in targets])
    assert frame["warnings"].dtype == object
    assert [list(w) for w in frame["warnings"]] == [t.warnings for t in targets]
    assert all(isinstance(w, tuple) for w in frame["warnings"])
    assert [None if pd.isna(p) else p for p in frame["problem"]] == [
        t.problem or None for t in targets]
    assert frame["deadline"].dtype == "datetime64[ns]"
    assert list(frame["deadline"]) == [pd.Timestamp(t.deadline) for t in targets]


def test_targets_frame_matches_the_rollup(q3: tz.Rollup, year: tz.Rollup) -> None:
    for rollup in (q3, year):
        frame = rollup.targets.to_pandas()
        assert list(frame.columns) == [
            "code", "initiative", "actual", "actual_coef", "actual_scale", "goal", "goal_coef",
            "goal_scale", "baseline", "baseline_coef", "baseline_scale", "completion",
            "expected", "status", "deadline", "forecast", "forecast_coef", "forecast_scale",
            "forecast_completion", "outlook", "warnings", "problem", "contributors", "reported"]
        assert len(frame) == 43
        assert_target_columns(frame, list(rollup.targets))
        assert list(frame["contributors"]) == [len(t.contributions) for t in rollup.targets]
        assert list(frame["reported"]) == [
            sum(c.latest is not None for c in t.contributions) for t in rollup.targets]
        assert frame["contributors"].dtype == np.int32
    # A few figures by hand, in the frame itself.
    frame = q3.targets.to_pandas().set_index("code")
    assert frame.loc["1.1", "actual_coef"] == 14175 and frame.loc["1.1", "actual_scale"] == 0
    assert frame.loc["1.1", "status"] == "on_track"
    assert (frame.loc["5.1", "actual_coef"], frame.loc["5.1", "actual_scale"]) == (86, 1)
    assert (frame.loc["5.1", "forecast_coef"], frame.loc["5.1", "forecast_scale"]) == (11466667, 6)
    assert pd.isna(frame.loc["4.2", "goal_coef"]) and frame.loc["4.2", "status"] == "no_data"
    assert frame.loc["4.3", "reported"] == 0
    exact = tz.frames.exact(q3.targets.to_pandas(), "actual")
    assert exact.iloc[list(frame.index).index("5.1")] == D("8.6")


def test_initiatives_frame_matches_the_rollup(year: tz.Rollup) -> None:
    frame = year.initiatives.to_pandas()
    initiatives = list(year.initiatives)
    assert list(frame.columns) == ["number", "completion", "expected", "status", "worst_target",
                                   "measurable_targets"]
    assert list(frame["number"]) == [i.number for i in initiatives] == list(range(1, 11))
    assert_float_column(frame, "completion", [i.completion for i in initiatives])
    assert_float_column(frame, "expected", [i.expected for i in initiatives])
    assert_status_column(frame, "status", [i.status for i in initiatives])
    assert list(frame["worst_target"].astype(str)) == [i.worst_target for i in initiatives]
    assert list(frame["measurable_targets"]) == [i.measurable_targets for i in initiatives]
    assert frame["measurable_targets"].sum() == year.plan.measurable_targets == 41


def test_units_frame_matches_the_rollup(year: tz.Rollup, scripted_plan: tz.Plan) -> None:
    frame = year.units.to_pandas()
    units = list(year.units)
    assert list(frame.columns) == ["unit", "assignments", "reports_due", "on_time", "late",
                                   "missing", "omitted", "returned", "days_late"]
    assert list(frame["unit"].astype(str)) == [u.unit for u in units]
    for name in ("assignments", "reports_due", "on_time", "late", "missing", "omitted", "returned",
                 "days_late"):
        assert frame[name].dtype == np.int32
        assert list(frame[name]) == [getattr(u, name) for u in units], name
    # Unit codes map to their Chinese names through the plan, intact.
    names = frame["unit"].map(lambda code: some(scripted_plan.find_unit(code)).name)
    assert names.iloc[0] == "区卫健局"
    assert "区综合行政执法局" in set(names) and "区妇女儿童服务中心" not in set(names)


def assert_compliance_frame(frame: pd.DataFrame, cells: Sequence[tz.ComplianceCell]) -> None:
    assert list(frame.columns) == ["period", "unit", "initiatives", "compliance", "due",
                                   "days_overdue", "submitted"]
    assert str(frame["period"].dtype) == "period[Q-DEC]"
    assert list(frame["period"]) == [period(str(c.period)) for c in cells]
    assert all(isinstance(p, pd.Period) and p.freqstr == "Q-DEC" for p in frame["period"])
    assert list(frame["unit"].astype(str)) == [c.unit for c in cells]
    assert frame["initiatives"].dtype == object
    assert [list(i) for i in frame["initiatives"]] == [c.initiatives for c in cells]
    assert_category_column(frame, "compliance", COMPLIANCES, [c.compliance for c in cells])
    assert list(frame["due"]) == [pd.Timestamp(c.due) for c in cells]
    assert frame["days_overdue"].dtype == np.int32
    assert list(frame["days_overdue"]) == [c.days_overdue for c in cells]
    assert str(frame["submitted"].dtype) == "datetime64[ns, UTC]"
    for stamp, cell in zip(frame["submitted"], cells):
        if cell.submitted is None:
            assert stamp is pd.NaT
        else:
            assert stamp == pd.Timestamp(cell.submitted) and stamp.to_pydatetime() == \
                cell.submitted


def test_chasing_frame_matches_the_rollup(year: tz.Rollup) -> None:
    frame = year.chasing.to_pandas()
    assert_compliance_frame(frame, list(year.chasing))
    assert list(frame["compliance"].astype(str)) == ["omitted", "late", "missing", "returned"]
    # One line per unit × period; one per initiative concerned when exploded.
    exploded = frame.explode("initiatives").dropna(subset=["initiatives"])
    assert list(zip(exploded["unit"].astype(str), exploded["initiatives"])) == [
        ("women-federation", 9), ("trade-union", 6), ("disabled-federation", 4)]


def test_compliance_frame_matches_the_rollup(year: tz.Rollup, q3: tz.Rollup) -> None:
    frame = year.compliance.to_pandas()
    assert_compliance_frame(frame, list(year.compliance))
    assert len(frame) == 60 and frame["compliance"].value_counts().to_dict() == {
        "on_time": 56, "omitted": 1, "late": 1, "missing": 1, "returned": 1, "not_due": 0}
    grid = frame.pivot(index="unit", columns="period", values="compliance")
    assert grid.loc["women-federation", period("2021Q1")] == "omitted"
    assert grid.loc["health", period("2021Q4")] == "on_time"
    # As of 2021Q3, judged on 09-30, the third quarter's reports are not due yet.
    early = q3.compliance.to_pandas()
    assert set(early[early["period"] == period("2021Q3")]["compliance"].astype(str)) == {
        "not_due"}


def test_series_frame_matches_the_rollups(series: tz.RollupList) -> None:
    frame = series.to_pandas()
    assert len(frame) == 4 * 43
    assert str(frame["period"].dtype) == "period[Q-DEC]"
    assert list(frame["period"].unique()) == [period(f"2021Q{q}") for q in range(1, 5)]
    rows = [(r, t) for r in series for t in r.targets]
    assert list(frame["period"]) == [period(str(r.as_of)) for r, _ in rows]
    assert_target_columns(frame, [t for _, t in rows])
    # The burn-up of 1.1 read from the frame, exactly.
    screening = frame[frame["code"] == "1.1"]
    assert list(tz.frames.exact(screening, "actual")) == [D(4500), D(9300), D(14175), D(18375)]
    assert list(screening["status"].astype(str)) == ["on_track", "on_track", "on_track",
                                                     "achieved"]


def test_values_frame_matches_the_value_table(scripted: tz.Ledger) -> None:
    table = scripted.values(PLAN)
    assert isinstance(table, tz.ValueTable)
    assert table == scripted.values_table(PLAN)
    frame = scripted.values.to_pandas(plan=PLAN)
    assert len(frame) == len(table) > 0
    assert list(frame.columns) == ["plan", "unit", "period", "target", "value", "value_coef",
                                   "value_scale", "stage", "status", "revision", "recorded_at"]
    assert list(frame["plan"].astype(str)) == [table.plans[i] for i in table.plan]
    assert list(frame["unit"].astype(str)) == [table.units[i] for i in table.unit]
    assert list(frame["target"].astype(str)) == [table.targets[i] for i in table.target]
    assert str(frame["period"].dtype) == "period[Q-DEC]"
    assert list(frame["period"]) == [period(str(p)) for p in table.period]
    assert_exact_column(frame, "value", list(table.value))
    stages = [table.stages[i] if i >= 0 else None for i in table.stage]
    assert [None if pd.isna(s) else s for s in frame["stage"]] == stages
    assert list(frame["status"].astype(str)) == [s.name for s in table.status]
    assert list(frame["revision"]) == list(table.revision)
    assert str(frame["recorded_at"].dtype) == "datetime64[ns, UTC]"
    assert [t.to_pydatetime() for t in frame["recorded_at"]] == list(table.recorded_at)
    # Chinese stage names arrive intact; values in the target's unit (5.1 in 亿元).
    assert {"已启动", "推进中", "基本完成", "已完成"} <= set(frame["stage"].dropna())
    money = frame[frame["target"] == "5.1"]
    assert list(tz.frames.exact(money, "value")) == [D("2.5"), D("2.8"), D("3.3"), D("3.6")]
    screening = frame[(frame["target"] == "1.1") & (frame["unit"] == "health")]
    assert tz.frames.exact(screening, "value").sum() == D(18375)
    # The content that applies to each report: 2021Q3 of health is the correction, revision 4.
    assert screening[screening["period"] == period("2021Q3")]["revision"].item() == 4
    # ... or as recorded before the correction.
    before = scripted.values.to_pandas(plan=PLAN, recorded_at="2021-10-20T12:00:00+08:00")
    old = before[(before["target"] == "1.1") & (before["period"] == period("2021Q3"))]
    assert tz.frames.exact(old, "value").item() == D(1875)
    assert scripted.values.to_pandas(accepted_only=True).shape[0] < len(frame)


def test_frames_of_empty_lists_have_the_columns(scripted: tz.Ledger) -> None:
    assert len(tz.TargetRollupList().to_pandas()) == 0
    assert "actual_coef" in tz.TargetRollupList().to_pandas().columns
    assert list(tz.ChaseItemList().to_pandas().columns)[0] == "period"
    assert list(tz.ComplianceCellList().to_pandas().columns)[2] == "initiatives"
    assert scripted.rollup(PLAN, "2021Q1").chasing.to_pandas().empty
    frames: list[Any] = [tz.InitiativeRollupList().to_pandas(), tz.UnitRollupList().to_pandas(),
                         tz.RollupList().to_pandas()]
    assert all(f.empty for f in frames)


def test_months_and_mixed_kinds_give_periods_of_the_right_frequency(linzi: tz.Plan) -> None:
    monthly = tz.Plan(
        code="demo-monthly", title="示例月报", year=2021, reporting=tz.PeriodKind.month,
        start=datetime.date(2021, 1, 1), end=datetime.date(2021, 12, 31), coordinator="office",
        units=[tz.Unit("office", "示例办", tz.UnitKind.coordinating_office),
               tz.Unit("town-a", "甲镇", tz.UnitKind.town)],
        initiatives=[tz.Initiative(number=1, title="修路",
                                   assignments=[tz.Assignment("town-a", tz.AssignmentRole.lead)],
                                   targets=[tz.Target("1.1", "道路", unit="条", value=12)])])
    clock_times = iter(datetime.datetime(2021, 4, 1 + k, tzinfo=datetime.timezone.utc)
                       for k in range(10))
    with tz.Ledger.open(":memory:", clock=lambda: next(clock_times)) as ledger:
        admin = tz.Actor("office", tz.ActorRole.administrator)
        begin_historic_import(ledger, admin)
        ledger.import_plan(admin, monthly)
        ledger.put_unit(admin, tz.Unit("women-children-centre", "区妇女儿童服务中心",
                                       tz.UnitKind.coordinating_office))
        ledger.import_plan(tz.Actor("women-children-centre", tz.ActorRole.administrator), linzi)
        ledger.file(tz.Actor("town-a"), tz.ReportKey("demo-monthly", "town-a", "2021-03"),
                    tz.ReportContent(values=[tz.TargetValue("1.1", 2)]))
        ledger.file(tz.Actor("health"), tz.ReportKey(PLAN, "health", "2021Q1"),
                    tz.ReportContent(values=[tz.TargetValue("1.1", 4500)]))
        months = ledger.rollup_series("demo-monthly", "2021-03").to_pandas()
        assert str(months["period"].dtype) == "period[M]"
        assert list(months["period"]) == [pd.Period(f"2021-0{m}", freq="M") for m in (1, 2, 3)]
        mixed = ledger.values.to_pandas()
        assert mixed["period"].dtype == object
        assert [(p.freqstr, str(p)) for p in mixed["period"]] == [("M", "2021-03"),
                                                                 ("Q-DEC", "2021Q1")]
        assert str(ledger.values.to_pandas(plan=PLAN)["period"].dtype) == "period[Q-DEC]"
