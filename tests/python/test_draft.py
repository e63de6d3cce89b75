"""taizhang.draft_plan: a plan drafted from a notice's text, with findings for review."""

from __future__ import annotations

import pickle
import threading

import pytest

import taizhang as tz
from conftest import LINZI, SOURCE

NOTICES = SOURCE / "tests" / "data" / "notices"


def read_notice(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def linzi_draft() -> tz.Draft:
    return tz.draft_plan(read_notice("linzi-2021-women-children.txt"))


def numeric(plan: tz.Plan) -> list[tuple[int, str, str, str]]:
    return [(i.number, str(t.value), t.unit, t.measure.name)
            for i in plan.initiatives for t in i.targets
            if t.measure in (tz.Measure.count, tz.Measure.money, tz.Measure.percent)]


def test_the_linzi_draft_matches_the_hand_encoded_plan(linzi_draft: tz.Draft) -> None:
    want = tz.load_plan(LINZI)
    got = linzi_draft.plan
    assert isinstance(linzi_draft, tz.Draft)
    assert not linzi_draft.truncated
    assert got.title == want.title == "2021年为全区妇女儿童办实事"
    assert got.year == 2021 and got.issuer == "临淄区人民政府办公室"
    assert [i.title for i in got.initiatives] == [i.title for i in want.initiatives]
    assert sorted(u.name for u in got.units) == sorted(u.name for u in want.units)
    assert numeric(got) == numeric(want)
    # Chinese round-trips exactly, through the plan file format too.
    assert tz.plan_from_json(tz.plan_to_json(got)) == got
    assert [issue for issue in tz.validate(got) if issue.severity == tz.Severity.error] == []


def test_findings_name_path_message_source_and_confidence(linzi_draft: tz.Draft) -> None:
    findings = linzi_draft.findings
    assert findings and all(isinstance(f, tz.Finding) for f in findings)
    first_target = next(f for f in findings if f.path == "initiatives[0].targets[0]")
    assert first_target.severity == tz.FindingSeverity.info
    assert "18000" in first_target.message
    assert "18000名35—64岁城乡妇女" in first_target.source
    assert 0.0 < first_target.confidence <= 1.0
    assert str(first_target).startswith("info: initiatives[0].targets[0]: target 1.1")
    assert repr(first_target).startswith("Finding(severity=FindingSeverity.info, path=")
    assert all(f.severity == tz.FindingSeverity.warning for f in linzi_draft.warnings)


def test_a_cut_off_notice_is_flagged() -> None:
    d = tz.draft_plan(read_notice("feixian-2024-women-children-excerpt.txt"))
    assert d.truncated
    assert len(d.plan.initiatives) == 4
    assert any("cut off" in f.message for f in d.warnings)
    assert "cut off" in repr(d)


def test_a_table_notice() -> None:
    d = tz.draft_plan(read_notice("dazhu-2016-livelihood.txt"))
    assert d.plan.year == 2016
    assert d.plan.source.number == "竹府办〔2016〕20号"
    assert [i.number for i in d.plan.initiatives] == list(range(1, 11))
    assert str(d.plan.initiatives[1].deadline) == "2016-09-30"


def test_options_are_keywords() -> None:
    text = "一、建设口袋公园3个。（责任单位：区住建局）"
    d = tz.draft_plan(text, code="parks-2030", default_year=2030,
                      default_reporting=tz.PeriodKind.month, default_report_due_days=5)
    assert d.plan.code == "parks-2030"
    assert d.plan.year == 2030
    assert d.plan.reporting == tz.PeriodKind.month
    assert d.plan.report_due_days == 5
    assert any(f.path == "year" for f in d.warnings)
    with pytest.raises(TypeError):
        tz.draft_plan(text, "positional-code")  # type: ignore[misc]
    cut = tz.draft_plan(read_notice("linzi-2021-women-children.txt"), max_bytes=500)
    assert cut.truncated


def test_bytes_and_nonsense_never_raise() -> None:
    for text in (b"\xff\xfe\x00garbage", "", "|||", "（" * 1000, "一、" * 300):
        d = tz.draft_plan(text)
        assert [i for i in tz.validate(d.plan) if i.severity == tz.Severity.error] == []


def test_draft_and_finding_are_values(linzi_draft: tz.Draft) -> None:
    copy = pickle.loads(pickle.dumps(linzi_draft, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == linzi_draft and copy is not linzi_draft
    assert repr(copy) == repr(linzi_draft)
    assert repr(linzi_draft).startswith("<Draft draft-2021: 10 initiatives, 16 units, ")
    f = tz.Finding(tz.FindingSeverity.warning, "initiatives[0]", "看一下", "原文", 0.25)
    assert f == tz.Finding(severity=tz.FindingSeverity.warning, path="initiatives[0]",
                           message="看一下", source="原文", confidence=0.25)
    assert f != tz.Finding()
    assert str(f) == "warning: initiatives[0]: 看一下 (confidence 0.25) «原文»"
    # The draft's plan is its own: editing it edits the draft.
    d = tz.draft_plan("一、建设口袋公园3个。（责任单位：区住建局）", default_year=2021)
    d.plan.title = "改过的标题"
    assert d.plan.title == "改过的标题"


def test_drafting_from_several_threads_at_once() -> None:
    text = read_notice("linzi-2021-women-children.txt") * 20
    results: list[tz.Draft] = []

    def work() -> None:
        results.append(tz.draft_plan(text))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 3 and results[0] == results[1] == results[2]
