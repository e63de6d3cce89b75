"""The silent-figure traps of issue 12, as an analyst meets them from Python, and what the ledger
does now: values written with 万 and 亿 read against their target, values that read two ways
refused, drafts that count only in an explicit preview, corrections that merge or warn, and values
too big to believe flagged on their target instead of taking the roll-up down.

(The compliance heat map against the roll-up's own compliance cells is in test_plot.py.)"""

from __future__ import annotations

import datetime
import decimal
from typing import Iterator

import pandas as pd
import pytest

import taizhang as tz
from conftest import PLAN, Clock, begin_historic_import, some

D = decimal.Decimal

ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator)
OFFICE = tz.Actor("women-children-centre", tz.ActorRole.coordinator)
HEALTH = tz.Actor("health", person="卫健局填报员")
LAW = tz.Actor("law-enforcement", person="执法局填报员")


def key(unit: str, period: str) -> tz.ReportKey:
    return tz.ReportKey(PLAN, unit, period)


@pytest.fixture
def wan_yuan(linzi: tz.Plan, clock: Clock) -> Iterator[tz.Ledger]:
    """The Linzi plan with 5.1 counted in 万元 (120000 万元 = 12 亿元), as many notices count money."""
    invest = some(linzi.find_target("5.1"))
    invest.unit, invest.value = "万元", D(120000)
    linzi.replace_target(invest)
    with tz.Ledger.open(":memory:", clock=clock) as ledger:
        begin_historic_import(ledger, ADMIN)
        ledger.import_plan(ADMIN, linzi)
        yield ledger


# ---- 1. 万 and 亿 on a money target ----------------------------------------------------------------


def test_1500_wan_on_a_target_in_wan_yuan_is_1500(wan_yuan: tz.Ledger) -> None:
    # The clerk types what the ledger of the bureau says: 1500万 (元).
    report = wan_yuan.file(LAW, key("law-enforcement", "2021Q1"), tz.ReportContent(
        values=[tz.TargetValue("5.1", value="1500万"), tz.TargetValue("5.2", value="三")]))
    money = some(report.content.find_value("5.1"))
    assert money.value == D(1500)  # 1500万元, never 1500 × 10⁴ 万元
    assert (money.filed_value, money.filed_unit) == (D(15000000), "元")  # as written
    assert money.text == ""  # read back as a number in the target's unit
    assert some(report.content.find_value("5.2")).value == D(3)
    assert report.warnings == []
    rollup = wan_yuan.rollup(PLAN, "2021Q1")
    assert some(rollup.find_target("5.1")).actual == D(1500)
    frame = rollup.targets.to_pandas().set_index("code")
    assert (frame.loc["5.1", "actual_coef"], frame.loc["5.1", "actual_scale"]) == (1500, 0)


@pytest.mark.parametrize("written, unit, stored", [
    ("1500万", "", D(1500)),          # a magnitude word counts 元
    ("0.15亿", "", D(1500)),
    ("1500万元", "", D(1500)),        # with its unit
    ("1500", "", D(1500)),            # a bare number is in the target's own unit
    ("1500", "万元", D(1500)),
    ("15000000", "元", D(1500)),
    ("一千五百万", "", D(1500)),      # Chinese numerals
    ("１５００万", "", D(1500)),      # full-width digits
])
def test_every_way_of_writing_1500_wan_yuan_files_1500(wan_yuan: tz.Ledger, written: str,
                                                       unit: str, stored: decimal.Decimal) -> None:
    report = wan_yuan.file(LAW, key("law-enforcement", "2021Q1"), tz.ReportContent(
        values=[tz.TargetValue("5.1", value=written, unit=unit)]))
    assert some(report.content.find_value("5.1")).value == stored
    assert tz.read_value(written, unit, "万元").value == stored  # the rule the ledger applies


def test_a_magnitude_word_on_a_count_scales_the_count_itself(ledger: tz.Ledger) -> None:
    report = ledger.file(HEALTH, key("health", "2021Q1"),
                         tz.ReportContent(values=[tz.TargetValue("1.1", value="1.6万")]))
    assert some(report.content.find_value("1.1")).value == D(16000)  # 名


def test_a_value_that_reads_two_ways_is_refused_naming_both(wan_yuan: tz.Ledger) -> None:
    content = tz.ReportContent(values=[tz.TargetValue("5.1", value="1500万", unit="万元")])
    with pytest.raises(tz.ValidationError) as caught:
        wan_yuan.file(LAW, key("law-enforcement", "2021Q1"), content)
    [issue] = caught.value.issues
    assert issue.path == "values[0].value"
    # 1500万 with 万元 apart: 1500万元 read as 1500元 × 10⁴, or 1500 × 10⁴ 万元.
    assert "15000000元" in issue.message and "15000000万元" in issue.message
    assert wan_yuan.report(key("law-enforcement", "2021Q1")) is None  # nothing was written
    with pytest.raises(tz.ParseError) as read:
        tz.read_value("1500万", "万元", "万元")
    assert "15000000元" in str(read.value) and "15000000万元" in str(read.value)
    # A dry run names the same problem and writes nothing.
    [check] = wan_yuan.check([tz.Filing(LAW, key("law-enforcement", "2021Q1"), content)])
    assert not check and not check.ok and check.code == "validation"
    assert [i.path for i in check.errors] == ["values[0].value"]
    assert wan_yuan.report(key("law-enforcement", "2021Q1")) is None


def test_a_plain_number_from_python_is_the_number_in_its_unit(wan_yuan: tz.Ledger) -> None:
    # A Decimal or an int is never read as text: 1500 (万元) is 1500.
    report = wan_yuan.file(LAW, key("law-enforcement", "2021Q1"), tz.ReportContent(
        values=[tz.TargetValue("5.1", value=D(1500)), tz.TargetValue("5.2", value=3)]))
    assert some(report.content.find_value("5.1")).value == D(1500)
    assert some(report.content.find_value("5.1")).filed_value is None


# ---- 2. absurd values: 需核实, and never a roll-up that fails ---------------------------------------


def test_a_huge_value_is_flagged_on_its_target_and_the_rollup_goes_on(ledger: tz.Ledger,
                                                                     clock: Clock) -> None:
    # "3000万" meant as 3000万亿: 3000万亿元 on a target of 12 亿元.
    report = ledger.file(LAW, key("law-enforcement", "2021Q1"), tz.ReportContent(
        values=[tz.TargetValue("5.1", value="3000万亿")]))
    assert some(report.content.find_value("5.1")).value == D(30000000)  # 亿元
    [warning] = report.warnings
    assert warning.severity == tz.Severity.warning and warning.path == "values[0].value"
    assert "需核实" in warning.message and "5.1" in warning.message
    rollup = ledger.rollup(PLAN, "2021Q1")  # filed, counted, flagged: the office decides
    invest = some(rollup.find_target("5.1"))
    assert invest.actual == D(30000000) and invest.problem == ""
    assert len(invest.warnings) == 1
    assert "law-enforcement 2021Q1" in invest.warnings[0]
    frame = rollup.targets.to_pandas().set_index("code")
    assert list(frame.loc["5.1", "warnings"]) == invest.warnings
    assert frame.loc["1.1", "warnings"] == ()
    explained = ledger.explain(PLAN, "2021Q1", "5.1")
    assert [bool(i.warning) for i in explained.inputs] == [True]

    # A sum beyond what exact decimals hold is a problem of that target, not an exception.
    clock.set("2021-07-05T09:00:00+08:00")
    ledger.file(LAW, key("law-enforcement", "2021Q2"), tz.ReportContent(
        values=[tz.TargetValue("5.1", value=D("9000000000000000000"))]))
    rollup = ledger.rollup(PLAN, "2021Q2")
    broken = some(rollup.find_target("5.1"))
    assert broken.problem != "" and "5.1" in broken.problem
    assert broken.status == tz.ProgressStatus.no_data and broken.completion is None
    assert f"problem={broken.problem!r}" in repr(broken)
    assert rollup.targets.to_pandas().set_index("code").loc["5.1", "problem"] == broken.problem
    assert pd.isna(rollup.targets.to_pandas().set_index("code").loc["1.1", "problem"])
    assert some(rollup.find_initiative(5)).measurable_targets == 2  # 5.1 counts as r = 0
    assert rollup.plan.measurable_targets > 0
    ledger.rollup_series(PLAN, "2021Q2").to_pandas()  # the series, too, goes through


# ---- 3. drafts count only in an explicit preview -------------------------------------------------


def test_a_saved_draft_moves_nothing_unless_asked_for_a_preview(scripted: tz.Ledger) -> None:
    # trade-union saved 6.1 = 1 for 2021Q3 as a draft and never handed it in.
    default = scripted.rollup(PLAN, "2021Q3")
    preview = scripted.rollup(PLAN, "2021Q3", include_drafts=True)
    assert not default.include_drafts and preview.include_drafts
    assert some(default.find_target("6.1")).actual == D(1)  # 2021Q2's 1 only
    assert some(preview.find_target("6.1")).actual == D(2)  # + the draft's 1
    assert some(default.find_target("6.1")).status == tz.ProgressStatus.behind
    assert some(preview.find_target("6.1")).status == tz.ProgressStatus.on_track
    assert some(default.find_initiative(6)).completion < some(preview.find_initiative(6)).completion
    assert "含草稿" in repr(preview) and "含草稿" not in repr(default)
    # The chasing list and the roll-up agree: a draft is not a report handed in.
    year = scripted.rollup(PLAN, "2021Q4", today=datetime.date(2022, 1, 15))
    [cell] = [c for c in year.compliance if (c.unit, str(c.period)) == ("trade-union", "2021Q3")]
    assert cell.compliance == tz.Compliance.missing and cell.submitted is None
    # Series, values and forms count the same.
    series = scripted.rollup_series(PLAN, "2021Q3").to_pandas()
    drafts = scripted.rollup_series(PLAN, "2021Q3", include_drafts=True).to_pandas()
    last = series[(series["code"] == "6.1")]["actual"].iloc[-1]
    assert (last, drafts[(drafts["code"] == "6.1")]["actual"].iloc[-1]) == (1.0, 2.0)
    values = scripted.values.to_pandas(PLAN)
    previewed = scripted.values.to_pandas(PLAN, include_drafts=True)
    quarter = pd.Period("2021Q3", freq="Q")
    assert values[(values["unit"] == "trade-union") & (values["period"] == quarter)].empty
    [row] = previewed[(previewed["unit"] == "trade-union")
                      & (previewed["period"] == quarter)].itertuples()
    assert (row.target, row.value, row.status) == ("6.1", 1.0, "draft")
    form = scripted.consolidated_form(PLAN, "2021Q3")
    form_preview = scripted.consolidated_form(PLAN, "2021Q3", include_drafts=True)
    assert not form.includes_drafts and form_preview.includes_drafts
    draft_words = "母婴室建设推进中（草稿，未报送）（示例）"
    assert draft_words not in form.render(tz.FormFormat.markdown)
    assert draft_words in form_preview.render(tz.FormFormat.markdown)
    assert "含草稿" in form_preview.render(tz.FormFormat.markdown)
    assert scripted.unit_form(PLAN, "trade-union", "2021Q3", include_drafts=True).includes_drafts
    assert "2021Q3" in str(scripted.explain(PLAN, "2021Q3", "6.1", include_drafts=True))
    # What the unit sees and what the office counts, on the report itself.
    report = some(scripted.report(key("trade-union", "2021Q3")))
    assert report.status == tz.ReportStatus.draft
    assert some(report.content.find_value("6.1")).value == D(1)
    assert report.counted_revision == 0 and report.counted.values == []


def test_a_preview_cannot_also_be_accepted_only(scripted: tz.Ledger) -> None:
    with pytest.raises(tz.ValidationError):
        scripted.rollup(PLAN, "2021Q3", accepted_only=True, include_drafts=True)


def test_a_returned_report_counts_its_last_accepted_content(scripted: tz.Ledger) -> None:
    # disabled-federation's 2021Q4 was returned and never fixed; it was never accepted, so
    # nothing of it counts (its co-responsible 4.4 figures would not count anyway).
    report = some(scripted.report(key("disabled-federation", "2021Q4")))
    assert report.status == tz.ReportStatus.returned and report.counted_revision == 0
    assert report.returned_at == datetime.datetime(2022, 1, 12, 3, 0, tzinfo=datetime.timezone.utc)
    values = scripted.values.to_pandas(PLAN)
    assert values[(values["unit"] == "disabled-federation")
                  & (values["period"] == pd.Period("2021Q4", freq="Q"))].empty


# ---- 4. corrections: merge keeps the rest, a replacement warns -----------------------------------


@pytest.fixture
def accepted(ledger: tz.Ledger, clock: Clock) -> tz.ReportKey:
    """health's 2021Q1, filed with two values and two narratives, and accepted."""
    k = key("health", "2021Q1")
    ledger.file(HEALTH, k, tz.ReportContent(
        progress=[tz.InitiativeProgress(1, "一季度筛查1875人", "2021-12-31"),
                  tz.InitiativeProgress(10, "健康科普进校园")],
        values=[tz.TargetValue("1.1", 1875, comment="含复查"),
                tz.TargetValue("1.2", stage="已启动")]))
    clock.set("2021-04-08T09:00:00+08:00")
    ledger.accept(OFFICE, k)
    clock.set("2021-04-20T09:00:00+08:00")
    return k


def test_a_merge_correction_changes_only_what_it_names(ledger: tz.Ledger,
                                                       accepted: tz.ReportKey) -> None:
    fix = tz.ReportContent(values=[tz.TargetValue("1.1", 4875)])
    corrected = ledger.correct(HEALTH, accepted, fix, "录入错误：4875误录为1875",
                               mode=tz.ContentMode.merge)
    assert corrected.warnings == []
    content = corrected.content
    assert some(content.find_value("1.1")).value == D(4875)
    assert some(content.find_value("1.1")).comment == "含复查"  # the fields it did not set stay
    assert some(content.find_value("1.2")).stage == "已启动"
    assert [p.narrative for p in content.progress] == ["一季度筛查1875人", "健康科普进校园"]
    assert some(content.find_progress(1)).expected_completion == datetime.date(2021, 12, 31)
    # Until accepted again, the office counts the content handed in: the correction.
    assert some(ledger.rollup(PLAN, "2021Q1").find_target("1.1")).actual == D(4875)
    assert some(ledger.rollup(PLAN, "2021Q1", accepted_only=True)
                .find_target("1.1")).actual == D(1875)
    # The form's row keeps its narratives.
    form = ledger.unit_form(PLAN, "health", "2021Q1")
    assert [e.narrative for row in form.rows for e in row.entries] == ["一季度筛查1875人",
                                                                        "健康科普进校园"]
    # merge_content is the rule itself.
    before = some(ledger.report_at(accepted, "2021-04-10T00:00:00+08:00")).content
    assert tz.merge_content(before, fix) == content


def test_a_replacing_correction_warns_naming_what_it_removes(ledger: tz.Ledger,
                                                            accepted: tz.ReportKey) -> None:
    whole = tz.ReportContent(progress=[tz.InitiativeProgress(1, "一季度筛查4875人")],
                             values=[tz.TargetValue("1.1", 4875)])
    before = some(ledger.report(accepted)).content
    expected = tz.removed_by(before, whole)
    corrected = ledger.correct(HEALTH, accepted, whole, "整表重报")  # replace, the default
    assert corrected.warnings == expected and expected
    assert all(w.severity == tz.Severity.warning for w in expected)
    by_path = {w.path: w.message for w in corrected.warnings}
    assert "1.2" in by_path["values[1]"]  # the stage of 1.2 is gone
    assert "10" in by_path["progress[1].narrative"]  # the narrative of initiative 10 is gone
    assert "1.1" in by_path["values[0].comment"]
    assert "progress[0].expected_completion" in by_path
    assert "warnings>" in repr(corrected)
    # It did what it was told: the report is what was given.
    assert [v.target for v in corrected.content.values] == ["1.1"]
    assert [p.initiative for p in corrected.content.progress] == [1]


def test_a_dry_run_shows_the_warnings_of_a_replacement_without_writing(
        ledger: tz.Ledger, accepted: tz.ReportKey) -> None:
    # Handed in again (a merge correction that changes nothing), then returned: the unit is to
    # fix it, and a check lists what a replacement would remove.
    ledger.correct(HEALTH, accepted, tz.ReportContent(), "复核", mode=tz.ContentMode.merge)
    ledger.return_report(OFFICE, accepted, "请核实")
    revisions = len(ledger.history(accepted))
    draft = tz.ReportContent(values=[tz.TargetValue("1.1", 4875)])
    [merge] = ledger.check([tz.Filing(HEALTH, accepted, draft, tz.ContentMode.merge)])
    [replace] = ledger.check([tz.Filing(HEALTH, accepted, draft)])
    assert merge.ok and merge.warnings == []
    assert replace.ok and {w.path for w in replace.warnings} >= {"values[1]",
                                                                 "progress[1].narrative"}
    assert len(ledger.history(accepted)) == revisions  # nothing was written
    refused = ledger.check([tz.Filing(LAW, accepted, draft)])[0]
    assert not refused and refused.code == "permission_denied"
    # Later filings are checked as if the earlier good ones had been filed: twice is a conflict.
    first, again = ledger.check([tz.Filing(HEALTH, accepted, draft, tz.ContentMode.merge)] * 2)
    assert first.ok and again.code == "conflict"


def test_file_and_save_take_the_mode_too(ledger: tz.Ledger, clock: Clock) -> None:
    k = key("health", "2021Q2")
    clock.set("2021-07-02T09:00:00+08:00")
    ledger.save(HEALTH, k, tz.ReportContent(progress=[tz.InitiativeProgress(1, "二季度筛查")],
                                            values=[tz.TargetValue("1.1", 4800)]))
    saved = ledger.save(HEALTH, k, tz.ReportContent(values=[tz.TargetValue("1.2", stage="推进中")]),
                        mode=tz.ContentMode.merge)
    assert [v.target for v in saved.content.values] == ["1.1", "1.2"]
    filed = ledger.file(HEALTH, k, tz.ReportContent(progress=[tz.InitiativeProgress(10, "科普")]),
                        mode=tz.ContentMode.merge)
    assert filed.status == tz.ReportStatus.submitted
    assert [p.initiative for p in filed.content.progress] == [1, 10]
    assert [v.target for v in filed.content.values] == ["1.1", "1.2"]


# ---- who may write -------------------------------------------------------------------------------


def test_an_actor_of_a_unit_not_in_the_catalogue_may_write_nothing(ledger: tz.Ledger) -> None:
    stranger = tz.Actor("nobody", tz.ActorRole.administrator)
    with pytest.raises(tz.PermissionDenied):
        ledger.put_unit(stranger, tz.Unit("x", "某单位"))
    assert tz.validate(tz.Unit("x", "")) != []  # a unit needs a name
    assert tz.validate(tz.Unit("x", "某单位")) == []


def test_a_placeholder_unit_is_never_asked_to_report(linzi: tz.Plan) -> None:
    linzi.units.append(tz.Unit("tbd", "责任单位（待定）", tz.UnitKind.placeholder))
    nine = some(linzi.find_initiative(9))
    nine.assignments.append(tz.Assignment("tbd", tz.AssignmentRole.co_responsible))
    linzi.replace_initiative(nine)
    issues = tz.validate(linzi)
    assert not [i for i in issues if i.severity == tz.Severity.error]
    [placeholder] = [i for i in issues if i.path == "initiatives[8].assignments[2].unit"]
    assert placeholder.severity == tz.Severity.warning and "责任单位待定" in placeholder.message
    assert linzi.reported_initiatives("tbd") == []
    assert linzi.reported_initiatives("culture-tourism") == [3, 9]
