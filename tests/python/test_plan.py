"""The plan model from Python: the Linzi plan read, edited, built in code, validated, written;
reprs, equality, and pickling of every value type of the API."""

from __future__ import annotations

import datetime
import decimal
import json
import pathlib
import pickle
import subprocess
import sys
from typing import Any

import pytest

import taizhang as tz
from conftest import LINZI, PLAN, SOURCE, some

D = decimal.Decimal

# What the Linzi notice defines (see ../shared/notices and examples/plans/linzi-2021.json).
LINZI_TARGETS = {1: 2, 2: 7, 3: 7, 4: 4, 5: 2, 6: 3, 7: 4, 8: 3, 9: 5, 10: 6}
LINZI_LEADS = {
    1: "health", 2: "education-sports", 3: "propaganda", 4: "civil-affairs", 5: "law-enforcement",
    6: "trade-union", 7: "women-federation", 8: "science-association", 9: "culture-tourism",
    10: "health",
}


def demo_plan(**changes: Any) -> tz.Plan:
    """A small plan built in code with keywords only: three units, one initiative with four
    targets (count with a trajectory, money with contributors, a rise, a milestone)."""
    fields: dict[str, Any] = dict(
        code="demo-2021",
        title="2021年示例实事",
        issuer="示例区人民政府办公室",
        year=2021,
        issue_date=datetime.date(2021, 3, 1),
        reporting=tz.PeriodKind.quarter,
        start=datetime.date(2021, 1, 1),
        end=datetime.date(2021, 12, 31),
        coordinator="office",
        report_due_days=15,
        contact=tz.Contact(phone="7220350", email="office@example.cn"),
        tolerance=D("0.05"),
        source=tz.SourceDocument(title="关于做好2021年示例实事工作的通知", number="示府办〔2021〕1号",
                                 url="https://example.cn/notice", form_title="进展情况表"),
        notes=["示例数据，仅供测试"],
        units_of_measure=[tz.UnitOfMeasure(name="台", dimension="台", factor=D(1))],
        units=[
            tz.Unit(code="office", name="区示例办", kind=tz.UnitKind.coordinating_office),
            tz.Unit(code="town-a", name="甲镇", kind=tz.UnitKind.town, full_name="甲镇人民政府"),
            tz.Unit(code="street-b", name="乙街道", kind=tz.UnitKind.street),
        ],
        initiatives=[
            tz.Initiative(
                number=1,
                title="改善农村道路",
                description="新建农村道路12条，投资1.5亿元",
                assignments=[
                    tz.Assignment(unit="town-a", role=tz.AssignmentRole.lead, division="建设科", person="王五"),
                    tz.Assignment(unit="street-b", role=tz.AssignmentRole.co_responsible),
                ],
                targets=[
                    tz.Target(code="1.1", description="新建农村道路", measure=tz.Measure.count,
                              unit="条", value=D(12), accumulation=tz.Accumulation.incremental,
                              trajectory=[tz.TrajectoryPoint(period="2021Q2", share=D("0.5")),
                                          tz.TrajectoryPoint(period=tz.Period("2021Q4"),
                                                             share=D(1))],
                              source_text="新建农村道路12条"),
                    tz.Target(code="1.2", description="道路投资", measure=tz.Measure.money,
                              unit="亿元", value="1.5", contributors=["town-a", "street-b"],
                              combination=tz.Combination.sum, weight=D(2),
                              deadline=datetime.date(2021, 10, 31)),
                    tz.Target(code="1.3", description="维修设备", measure=tz.Measure.count,
                              unit="台", value=D(3),
                              baseline=tz.Baseline(value=D(1), date=datetime.date(2020, 12, 31),
                                                   note="2020年底"),
                              form=tz.TargetForm.rise_amount),
                    tz.Target(code="1.4", description="道路规划", measure=tz.Measure.milestone,
                              stages=[tz.MilestoneStage(name="已立项", share=D("0.3")),
                                      tz.MilestoneStage(name="已完工", share=D(1))]),
                ],
                parameters=[tz.Parameter(name="每公里补助", value=D(50), unit="万元", basis="每公里")],
                deadline=datetime.date(2021, 11, 30),
            )
        ],
    )
    fields.update(changes)
    return tz.Plan(**fields)


# ---- the Linzi plan ------------------------------------------------------------------------------


def test_linzi_plan_loads_with_every_initiative_target_and_unit(linzi: tz.Plan) -> None:
    assert linzi.code == PLAN
    assert linzi.title == "2021年为全区妇女儿童办实事"
    assert linzi.year == 2021
    assert (linzi.start, linzi.end) == (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    assert linzi.reporting == tz.PeriodKind.quarter
    assert linzi.coordinator == "women-children-centre"
    assert linzi.report_due_days == 10
    assert linzi.tolerance == D("0.1") and isinstance(linzi.tolerance, decimal.Decimal)
    assert linzi.contact == tz.Contact(phone="7220350", email="lzqfl@zb.shandong.cn")
    assert linzi.periods() == [tz.Period(f"2021Q{q}") for q in range(1, 5)]
    assert linzi.report_due(tz.Period("2021Q1")) == datetime.date(2021, 4, 10)

    # Ten initiatives, numbered 1..10, with 43 targets in all, each reachable by its code.
    assert [i.number for i in linzi.initiatives] == list(range(1, 11))
    assert {i.number: len(i.targets) for i in linzi.initiatives} == LINZI_TARGETS
    assert sum(len(i.targets) for i in linzi.initiatives) == 43
    for initiative in linzi.initiatives:
        assert linzi.find_initiative(initiative.number) == initiative
        assert initiative.lead_units() == [LINZI_LEADS[initiative.number]]
        assert initiative.assignments[0].role == tz.AssignmentRole.lead
        for n, target in enumerate(initiative.targets, start=1):
            assert target.code == f"{initiative.number}.{n}"
            assert linzi.find_target(target.code) == target
            assert linzi.deadline_of(target.code) == datetime.date(2021, 12, 31)  # 年内
    assert linzi.find_initiative(11) is None and linzi.find_target("11.1") is None

    # Sixteen units, every one the plan's assignments name, with their Chinese names.
    assert len(linzi.units) == 16
    codes = {u.code for u in linzi.units}
    assert {a.unit for i in linzi.initiatives for a in i.assignments} <= codes
    assert linzi.find_unit("health") == tz.Unit(code="health", name="区卫健局",
                                                kind=tz.UnitKind.bureau)
    assert some(linzi.find_unit("women-children-centre")).kind == tz.UnitKind.coordinating_office
    assert linzi.find_unit("nobody") is None


def test_linzi_targets_carry_the_notices_figures(linzi: tz.Plan) -> None:
    screening = some(linzi.find_target("1.1"))
    assert (screening.value, screening.unit, screening.measure) == (D(18000), "名",
                                                                    tz.Measure.count)
    assert screening.goal() == D(18000) and isinstance(screening.goal(), decimal.Decimal)
    households = some(linzi.find_target("3.6"))
    assert households.value == D(16000) and households.unit == "户"
    assert households.accumulation == tz.Accumulation.cumulative
    investment = some(linzi.find_target("5.1"))
    assert (investment.value, investment.unit, investment.measure) == (D(12), "亿元",
                                                                       tz.Measure.money)
    standard = some(linzi.find_target("4.1"))  # a 10 % rise; the plan file knows no baseline
    assert standard.form == tz.TargetForm.rise_percent and standard.value == D(10)
    assert standard.goal() is None
    assert some(linzi.find_target("1.2")).measure == tz.Measure.milestone
    assert not some(linzi.find_target("1.2")).is_numeric and screening.is_numeric
    assert some(linzi.find_initiative(1)).title == "继续实施“两癌”免费检查和救助行动"


def test_the_linzi_plan_validates_cleanly(linzi: tz.Plan) -> None:
    assert [i for i in linzi.validate() if i.severity == tz.Severity.error] == []
    assert tz.validate(linzi) == linzi.validate()
    tz.require_valid(linzi)  # does not raise


def test_outline_is_readable_chinese(linzi: tz.Plan) -> None:
    outline = linzi.outline()
    assert outline == tz.render_outline(linzi)
    assert "10项实事，43项目标，16个单位" in outline
    assert "一、继续实施“两癌”免费检查和救助行动" in outline
    assert "十、" in outline
    assert tz.chinese_ordinal(10) == "十" and tz.chinese_ordinal(14) == "十四"


# ---- editing: items are copies, put back ---------------------------------------------------------


def test_items_are_copies_that_are_put_back(linzi: tz.Plan) -> None:
    original = tz.load_plan(str(LINZI))
    screening = linzi.initiatives[0].targets[0]
    screening.value = D(20000)
    assert some(linzi.find_target("1.1")).value == D(18000), "a copy does not change the plan"
    linzi.replace_target(screening)
    assert some(linzi.find_target("1.1")).value == D(20000)
    assert linzi != original
    assert json.loads(linzi.to_json())["initiatives"][0]["targets"][0]["value"] == "20000"

    education = some(linzi.find_initiative(2))
    education.title = "优化教育资源配置（改）"
    targets = education.targets
    for k in range(len(targets)):
        target = targets[k]
        target.weight = D(2)
        targets[k] = target
    education.targets = targets
    linzi.replace_initiative(education)
    assert linzi.initiatives[1].title == "优化教育资源配置（改）"
    assert [t.weight for t in some(linzi.find_initiative(2)).targets] == [D(2)] * 7

    with pytest.raises(tz.NotFoundError):
        linzi.replace_target(tz.Target(code="99.9"))
    with pytest.raises(tz.NotFoundError):
        linzi.replace_initiative(tz.Initiative(number=99))

    # Lists of plain values are copies too: assign a new list to change them.
    target = linzi.initiatives[0].targets[0]
    target.contributors = ["health", "finance"]
    linzi.replace_target(target)
    assert some(linzi.find_target("1.1")).contributors == ["health", "finance"]
    assert linzi.initiatives[0].contributors_of(some(linzi.find_target("1.1"))) == [
        "health", "finance"]

    # The list types behave as Python lists: len, indexing, slices, append, del; lists assigned.
    assert len(linzi.initiatives) == 10 and linzi.initiatives[-1].number == 10
    assert [i.number for i in linzi.initiatives[2:4]] == [3, 4]
    linzi.units.append(tz.Unit(code="new-unit", name="新单位"))
    assert some(linzi.find_unit("new-unit")).name == "新单位"
    del linzi.units[-1]
    assert linzi.find_unit("new-unit") is None
    first = linzi.initiatives[0]
    first.assignments = [  # type: ignore[assignment]
        tz.Assignment(unit="health", role=tz.AssignmentRole.lead)]
    linzi.initiatives[0] = first
    assert isinstance(linzi.initiatives[0].assignments, tz.AssignmentList)
    assert len(linzi.initiatives[0].assignments) == 1


def test_an_item_taken_from_a_list_stays_that_item_after_the_list_changes(linzi: tz.Plan) -> None:
    first = linzi.initiatives[0]
    title = first.title
    del linzi.initiatives[0]
    assert first.title == title


def test_a_found_target_survives_its_list_growing() -> None:
    script = (
        "import taizhang as tz\n"
        f"plan = tz.load_plan({str(LINZI)!r})\n"
        "target = plan.find_target('1.1')\n"
        "initiative = plan.initiatives[0]\n"
        "initiative.targets.extend(\n"
        "    [tz.Target(code=f'x{k}', description='y' * 100) for k in range(64)])\n"
        "plan.initiatives[0] = initiative\n"
        "print(target.code, target.unit, target.value)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60)
    assert (run.returncode, run.stdout.strip()) == (0, "1.1 名 18000"), run.stderr[-500:]


# ---- building and validating a plan in code ----------------------------------------------------


def test_a_plan_built_with_keywords_is_valid_and_reads_back(tmp_path: pathlib.Path) -> None:
    plan = demo_plan()
    assert plan.validate() == []
    assert some(plan.find_target("1.2")).value == D("1.5")  # a str is read as a number
    assert some(plan.find_target("1.2")).deadline == datetime.date(2021, 10, 31)
    assert plan.deadline_of("1.1") == datetime.date(2021, 11, 30)  # the initiative's
    assert plan.deadline_of("1.2") == datetime.date(2021, 10, 31)  # its own
    assert some(plan.find_target("1.3")).goal() == D(4)  # baseline 1 + 3
    assert some(plan.find_target("1.1")).trajectory[0] == tz.TrajectoryPoint("2021Q2", D("0.5"))
    assert "台" in plan.unit_registry() and "万元" in plan.unit_registry()
    assert tz.Plan.from_json(plan.to_json()) == plan
    path = tmp_path / "demo.json"
    tz.save_plan(plan, str(path))
    assert tz.load_plan(str(path)) == plan
    assert path.read_text(encoding="utf-8") == plan.to_json()


def test_validation_lists_every_issue_with_its_path() -> None:
    plan = demo_plan()
    first = plan.initiatives[0]
    assignment = first.assignments[0]
    assignment.unit = "town-z"  # not one of the plan's units
    first.assignments[0] = assignment
    counted, other = first.targets[0], first.targets[1]
    counted.value = None  # a count needs a value
    other.code = "1.1"  # a duplicate
    other.unit = "斤"  # not a unit of measure
    first.targets[0], first.targets[1] = counted, other
    plan.initiatives[0] = first
    plan.initiatives.append(tz.Initiative(number=2, title=""))  # blank, no lead, no targets
    issues = plan.validate()
    by_path = {i.path: i for i in issues}
    assert set(by_path) == {
        "initiatives[0].assignments[0].unit",
        "initiatives[0].targets[0].value",
        "initiatives[0].targets[1].code",
        "initiatives[0].targets[1].unit",
        "initiatives[0].targets[1].contributors[0]",  # town-a is no longer assigned
        "initiatives[1].title",
        "initiatives[1].assignments",
        "initiatives[1].targets",
    }
    assert '"town-z"' in by_path["initiatives[0].assignments[0].unit"].message
    assert '"斤"' in by_path["initiatives[0].targets[1].unit"].message
    assert by_path["initiatives[1].targets"].severity == tz.Severity.warning
    assert sum(i.severity == tz.Severity.error for i in issues) == 7
    assert str(by_path["initiatives[1].title"]) == "error: initiatives[1].title: is empty"

    with pytest.raises(tz.ValidationError) as caught:
        tz.require_valid(plan, "demo.json")
    error = caught.value
    assert error.issues == issues
    assert error.path == "initiatives[0].assignments[0].unit"  # the first error's
    assert error.file == "demo.json"
    assert str(error).startswith("demo.json: 7 errors")


def test_floats_are_refused_wherever_a_decimal_goes() -> None:
    with pytest.raises(TypeError, match="not exact"):
        tz.Target(code="1.1", value=1.5)  # type: ignore[arg-type]
    target = tz.Target(code="1.1", value=D("1.5"))
    with pytest.raises(TypeError):
        target.value = 0.1  # type: ignore[assignment]
    with pytest.raises(TypeError):
        tz.Plan(tolerance=0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        tz.Baseline(date=datetime.datetime(2020, 12, 31))  # a moment is not a day
    assert target.value == D("1.5")


# ---- the plan file format ------------------------------------------------------------------------


def test_json_round_trip_gives_the_files_bytes_back(linzi: tz.Plan,
                                                    tmp_path: pathlib.Path) -> None:
    text = LINZI.read_text(encoding="utf-8")
    assert linzi.to_json() == text
    assert tz.plan_to_json(linzi) == text
    again = tz.Plan.from_json(text)
    assert again == linzi
    assert tz.plan_from_json(text, "linzi-2021.json") == linzi
    assert again.to_json() == text
    copy = tmp_path / "linzi-2021.json"
    tz.save_plan(again, str(copy))
    assert copy.read_bytes() == LINZI.read_bytes()


def test_save_and_load_keep_chinese_text_intact(linzi: tz.Plan, tmp_path: pathlib.Path) -> None:
    first = linzi.initiatives[0]
    first.description += "（补充说明：含“两癌”检查）"
    linzi.initiatives[0] = first
    path = tmp_path / "临淄区计划（副本）.json"
    tz.save_plan(linzi, str(path))
    raw = path.read_bytes()
    assert "（补充说明：含“两癌”检查）".encode() in raw  # UTF-8, not \\u escapes
    assert "区妇女儿童服务中心".encode() in raw
    loaded = tz.load_plan(str(path))
    assert loaded == linzi
    assert loaded.initiatives[0].description.endswith("（补充说明：含“两癌”检查）")
    assert some(loaded.find_unit("propaganda")).name == "区委宣传部"
    assert loaded.source.title == "关于做好2021年为全区妇女儿童办实事工作的通知"
    # Saving again replaces the file with the same bytes.
    tz.save_plan(loaded, str(path))
    assert path.read_bytes() == raw


def test_plan_files_take_path_objects(linzi: tz.Plan, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "plan.json"
    tz.save_plan(linzi, path)  # type: ignore[arg-type]
    assert tz.load_plan(path) == linzi  # type: ignore[arg-type]


# ---- reprs, equality, pickling -------------------------------------------------------------------


def test_reprs_say_what_an_object_is(linzi: tz.Plan) -> None:
    assert repr(linzi) == ("Plan(code='linzi-2021-women-children', "
                           "title='2021年为全区妇女儿童办实事', 10 initiatives)")
    assert repr(linzi.initiatives[0]) == ("Initiative(number=1, "
                                          "title='继续实施“两癌”免费检查和救助行动', 2 targets)")
    assert repr(linzi.find_target("1.1")) == ("Target(code='1.1', measure=Measure.count, "
                                              "value=Decimal('18000'), unit='名')")
    assert repr(linzi.find_unit("health")) == ("Unit(code='health', name='区卫健局', "
                                               "kind=UnitKind.bureau)")
    assert repr(linzi.initiatives[0].assignments[0]) == "Assignment(unit='health', role=AssignmentRole.lead)"
    assert repr(linzi.contact) == "Contact(phone='7220350', email='lzqfl@zb.shandong.cn')"
    assert repr(tz.Baseline(value=D(1200), date=datetime.date(2020, 12, 31))) == (
        "Baseline(value=Decimal('1200'), date=datetime.date(2020, 12, 31), note='')")
    assert repr(tz.MilestoneStage("已启动", D("0.25"))) == (
        "MilestoneStage(name='已启动', share=Decimal('0.25'))")
    assert repr(tz.TrajectoryPoint("2021Q2", D("0.5"))) == (
        "TrajectoryPoint(period=Period('2021Q2'), share=Decimal('0.5'))")
    assert repr(tz.Quantity(D(12), "亿元")) == "Quantity(value=Decimal('12'), unit='亿元')"
    assert repr(linzi.initiatives[0].targets).startswith("TargetList([Target(code='1.1'")
    # A repr that looks like a call builds an equal object.
    namespace = {**vars(tz), "Decimal": D, "datetime": datetime}
    for value in (linzi.find_unit("health"), linzi.contact, tz.Quantity(D("2.5"), "万元"),
                  tz.MilestoneStage("已启动", D("0.25")), tz.TrajectoryPoint("2021Q2", D("0.5")),
                  tz.Baseline(value=D(1200), date=datetime.date(2020, 12, 31), note="n")):
        assert eval(repr(value), namespace) == value  # noqa: S307 - our own repr


def test_equality_compares_every_field(linzi: tz.Plan) -> None:
    assert linzi == tz.load_plan(str(LINZI))
    assert linzi.find_target("1.1") == tz.load_plan(str(LINZI)).find_target("1.1")
    assert linzi.find_target("1.1") != linzi.find_target("1.2")
    changed = tz.load_plan(str(LINZI))
    noted = some(changed.find_target("1.1"))
    noted.note = "有改动"
    changed.replace_target(noted)
    assert changed != linzi
    assert tz.Unit(code="a", name="甲") == tz.Unit(code="a", name="甲", kind=tz.UnitKind.bureau)
    assert tz.Unit(code="a", name="甲") != tz.Unit(code="a", name="乙")
    assert linzi != "linzi"  # another type compares unequal, not an error
    assert tz.Quantity(D("2.50"), "元") == tz.Quantity(D("2.5"), "元")


@pytest.fixture(scope="module")
def samples(scripted: tz.Ledger) -> dict[str, list[Any]]:
    """Instances of every value type of the API, filled in: plan-side ones built here, records and
    roll-ups from the scripted year."""
    plan = demo_plan()
    initiative = plan.initiatives[0]
    key = tz.ReportKey(PLAN, "health", "2021Q3")  # filed, accepted, corrected, accepted again
    report = some(scripted.report(key))
    money = some(scripted.report(tz.ReportKey(PLAN, "law-enforcement", "2021Q1")))
    rollup = scripted.rollup(PLAN, "2021Q4", today=datetime.date(2022, 1, 15))
    series = scripted.rollup_series(PLAN, "2021Q2")
    form = scripted.consolidated_form(PLAN, "2021Q3")
    csv = "单位,报告期,目标,数值,进展情况\n区卫健局,2021Q1,1.1,4500,一季度筛查\n".encode("gbk")
    notice = (SOURCE / "tests" / "data" / "notices" / "feixian-2024-women-children-excerpt.txt")
    draft = tz.draft_plan(notice.read_text(encoding="utf-8"))
    admin_key = tz.Signer.generate()
    with tz.Ledger.open(":memory:", signer=admin_key) as fresh:  # Ledger.check writes nothing,
        office = tz.Actor("women-children-centre", tz.ActorRole.administrator)  # but needs a writer
        fresh.import_plan(office, scripted.plan(PLAN))
        q1 = tz.ReportKey(PLAN, "health", "2021Q1")
        checks = fresh.check([tz.Filing(tz.Actor("health"), q1, report.content),
                              tz.Filing(tz.Actor("finance"), q1, report.content)])
        # The registry as read back (times, fingerprints), once identities are on.
        fresh.add_identity(office, tz.Identity("li-si", name="李四",
                                               public_key=admin_key.public_key_pem()))
        fresh.grant(tz.Actor(""), tz.Grant("li-si", "health", tz.ActorRole.coordinator,
                                           until="2099-01-01T00:00:00Z"))
        fresh.revoke(tz.Actor(""), "li-si", "health", tz.ActorRole.coordinator)
        identities, grants = fresh.identities(), fresh.grants()
    out: dict[str, list[Any]] = {
        "Plan": [plan, scripted.plan(PLAN)],
        "Initiative": [initiative],
        "Target": [initiative.targets[0], initiative.targets[2]],
        "Unit": [plan.units[1]],
        "Assignment": [initiative.assignments[0]],
        "Baseline": [initiative.targets[2].baseline],
        "MilestoneStage": [initiative.targets[3].stages[0]],
        "TrajectoryPoint": [initiative.targets[0].trajectory[0]],
        "Parameter": [initiative.parameters[0]],
        "Contact": [plan.contact],
        "SourceDocument": [plan.source],
        "UnitOfMeasure": [plan.units_of_measure[0]],
        "Quantity": [tz.Quantity(D("1.5"), "亿元")],
        "Period": [tz.Period("2021Q3"), tz.Period("2021-07"), tz.Period("2021")],
        "Issue": [tz.Issue(tz.Severity.warning, "initiatives[0].title", "标题为空")],
        "MessageArgument": [tz.MessageArgument()],
        "Actor": [report.current.actor, tz.Actor("health", person="张三")],
        "ReportKey": [key],
        "ReportContent": [report.content],
        "TargetValue": [report.content.values[0], money.content.find_value("5.1")],
        "InitiativeProgress": [report.content.progress[0]],
        "Report": [report],
        "Revision": scripted.history(key),
        "PlanSummary": scripted.plans(),
        "PlanVersion": scripted.plan_history(PLAN),
        "VerifyResult": [scripted.verify(), scripted.verify(expect_head="0" * 64)],
        "Identity": [*identities, tz.Identity("svc", kind=tz.PrincipalKind.service)],
        "Grant": [*grants, tz.Grant("svc", "health")],
        "Filing": [tz.Filing(tz.Actor("health"), key, report.content),
                   tz.Filing(tz.Actor("health"), key, report.content, tz.ContentMode.merge)],
        "FilingCheck": checks,
        "ReportingRules": [plan.reporting_rules,
                           tz.ReportingRules(tz.Reporters.leads, over_goal=5, jump=D("2.5"))],
        "ValueReading": [tz.read_value("1500万", "", "万元")],
        "Rollup": [rollup],
        "RollupList": [series],
        "TargetRollup": [rollup.find_target("1.1"), rollup.find_target("4.3")],
        "Contribution": some(rollup.find_target("3.6")).contributions,
        "InitiativeRollup": [rollup.initiatives[0]],
        "PlanRollup": [rollup.plan],
        "PlanChange": tz.diff_plans(scripted.plan(PLAN), tz.Plan()),
        "UnitRollup": [rollup.find_unit("law-enforcement")],
        "ComplianceCell": list(rollup.chasing),
        "Explanation": [scripted.explain(PLAN, "2021Q3", "1.1")],
        "ExplanationInput": scripted.explain(PLAN, "2021Q3", "1.1").inputs,
        "ValueTable": [scripted.values(PLAN)],
        "UnitList": [plan.units],
        "InitiativeList": [plan.initiatives],
        "TargetList": [initiative.targets],
        "AssignmentList": [initiative.assignments],
        "ParameterList": [initiative.parameters],
        "MilestoneStageList": [initiative.targets[3].stages],
        "TrajectoryPointList": [initiative.targets[0].trajectory],
        "UnitOfMeasureList": [plan.units_of_measure],
        "InitiativeProgressList": [report.content.progress],
        "TargetValueList": [money.content.values],
        "TargetRollupList": [rollup.targets],
        "InitiativeRollupList": [rollup.initiatives],
        "UnitRollupList": [rollup.units],
        "ComplianceCellList": [rollup.chasing, rollup.compliance],
        "ProgressForm": [form, scripted.unit_form(PLAN, "health", "2021Q3")],
        "FormRow": list(form.rows),
        "FormEntry": [e for row in form.rows for e in row.entries],
        "CsvReading": [tz.read_progress_csv(tz.Actor("health"), scripted.plan(PLAN), csv)],
        "Draft": [draft, tz.draft_plan("一、建设口袋公园3个。（责任单位：区住建局）",
                                       default_year=2021)],
        "Finding": [draft.findings[0], draft.warnings[0], tz.Finding()],
    }
    for name, values in out.items():
        assert values and all(type(v).__name__ == name for v in values), name
    return out


# Every class of the compiled module that is not an enum, the Ledger, the UnitRegistry or the
# Signer (a private key is not pickled: it goes into a file only through Signer.save), by its own
# name: ChaseItem and ChaseItemList are other names of ComplianceCell and its list.
VALUE_TYPES = sorted(
    name for name, cls in vars(tz._taizhang).items()
    if isinstance(cls, type) and not name.startswith("_") and not hasattr(cls, "__members__")
    and name not in ("Ledger", "UnitRegistry", "Signer") and cls.__name__ == name
)


def test_the_pickling_samples_cover_every_value_type(samples: dict[str, list[Any]]) -> None:
    assert sorted(samples) == VALUE_TYPES


@pytest.mark.parametrize("name", VALUE_TYPES)
def test_value_types_pickle_to_equal_copies(name: str, samples: dict[str, list[Any]]) -> None:
    for value in samples[name]:
        for protocol in (2, pickle.HIGHEST_PROTOCOL):
            copy = pickle.loads(pickle.dumps(value, protocol=protocol))
            assert type(copy) is type(value)
            assert copy == value
            assert not copy != value
            assert repr(copy) == repr(value)
            assert copy is not value


def test_a_signer_does_not_pickle() -> None:
    with pytest.raises(TypeError, match="pickle"):
        pickle.dumps(tz.Signer.generate())


@pytest.mark.parametrize("enum", [tz.ProgressStatus.on_track, tz.UnitKind.street, tz.ReportStatus.accepted,
                                  tz.Compliance.missing, tz.StorageFault.not_sqlite,
                                  tz.Compliance.omitted, tz.Outlook.likely_short,
                                  tz.ContentMode.merge, tz.Reporters.contributors,
                                  tz.UnitKind.placeholder, tz.PrincipalKind.service])
def test_enums_pickle(enum: Any) -> None:
    assert pickle.loads(pickle.dumps(enum)) == enum


def test_the_linzi_plan_pickles_whole(linzi: tz.Plan) -> None:
    copy: tz.Plan = pickle.loads(pickle.dumps(linzi, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == linzi and copy.to_json() == linzi.to_json()
    assert some(copy.find_target("5.1")).unit == "亿元"


def test_names_renamed_in_0_2_0_are_aliases_of_the_new_ones():
    """Role, Status, format_outline and format_status_table still work (CHANGELOG 0.2.0)."""
    assert tz.Role is tz.AssignmentRole
    assert tz.Status is tz.ProgressStatus
    assert tz.format_outline is tz.render_outline
    assert tz.format_status_table is tz.render_status_table
    assert tz.Role.lead == tz.AssignmentRole.lead


def test_diff_plans_tells_what_changed_in_words(linzi: tz.Plan) -> None:
    after = tz.load_plan(str(LINZI))
    two = after.find_initiative(2)
    assert two is not None
    two.assignments.append(tz.Assignment("women-federation", tz.AssignmentRole.co_responsible))
    after.replace_initiative(two)
    goal = after.find_target("2.1")
    assert goal is not None
    goal.value = 4
    after.replace_target(goal)
    changes = tz.diff_plans(linzi, after)
    assert [str(c) for c in changes] == ["实事二 责任单位 增加 区妇联", "2.1 目标值 3所 → 4所"]
    value = changes[1]
    assert (value.kind, value.subject, value.field, value.before, value.after) == (
        tz.PlanChangeKind.changed, "2.1", "目标值", "3所", "4所")
    assert tz.diff_plans(linzi, linzi) == []


def test_format_local_time_is_as_offices_write_it() -> None:
    assert tz.format_local_time("2021-07-10T07:02:00Z") == "2021年7月10日 15:02"
    assert tz.format_local_time("2021-07-10T07:02:00Z", utc_offset_minutes=0) == "2021年7月10日 07:02"
