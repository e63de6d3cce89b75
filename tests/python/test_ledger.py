"""The ledger from Python: a file opened as a context manager, plans imported, reports filed through
their whole life, their history, filters, integrity, backups, read-only and closed ledgers."""

from __future__ import annotations

import datetime
import decimal
import pathlib
import re
import shutil
import subprocess
from typing import Callable, Iterator, cast

import pytest

import taizhang as tz
from conftest import Clock, LINZI, PLAN, begin_historic_import, some

D = decimal.Decimal
UTC = datetime.timezone.utc
CST = datetime.timezone(datetime.timedelta(hours=8))  # China Standard Time

ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator, person="管理员")
COORDINATOR = tz.Actor("women-children-centre", role=tz.ActorRole.coordinator, person="协调员")
HEALTH = tz.Actor(unit="health", role=tz.ActorRole.reporter, person="卫健局填报员")
LAW = tz.Actor("law-enforcement", person="执法局填报员")


def key(unit: str, period: str) -> tz.ReportKey:
    return tz.ReportKey(plan=PLAN, unit=unit, period=period)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


@pytest.fixture
def clock() -> Clock:
    return Clock("2021-03-01T09:00:00+08:00")


@pytest.fixture
def path(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / "临淄台账.taizhang"


@pytest.fixture
def opened(path: pathlib.Path, clock: Clock, linzi: tz.Plan) -> Iterator[tz.Ledger]:
    """A ledger file in tmp_path with the Linzi plan imported (on the 2021 test clock: a historic
    import)."""
    with tz.Ledger.open(path, clock=clock) as ledger:
        begin_historic_import(ledger, ADMIN)
        ledger.import_plan(ADMIN, linzi, reason="通知印发")
        yield ledger


# ---- opening, plans ------------------------------------------------------------------------------


def test_a_ledger_file_opens_as_a_context_manager_and_closes(path: pathlib.Path, clock: Clock,
                                                             linzi: tz.Plan) -> None:
    assert not path.exists()
    with tz.Ledger.open(path, clock=clock) as ledger:
        assert isinstance(ledger, tz.Ledger)
        assert ledger.path == str(path) and not ledger.closed
        assert repr(ledger) == f"<Ledger {str(path)!r}>"
        assert ledger.plans() == [] and ledger.units() == []
        begin_historic_import(ledger, ADMIN)
        ledger.import_plan(ADMIN, linzi, reason="通知印发")
    assert ledger.closed and repr(ledger) == f"<Ledger {str(path)!r} (closed)>"
    assert path.exists()
    assert tz.Ledger.schema_version() >= 1

    # The file keeps what was written, Chinese text intact.
    with tz.Ledger.open(str(path), create_if_missing=False) as again:
        [summary] = again.plans()
        assert (summary.code, summary.title, summary.year, summary.versions) == (
            PLAN, "2021年为全区妇女儿童办实事", 2021, 1)
        assert summary.imported_at == at("2021-03-01T09:00:00+08:00")
        assert summary.imported_at.tzinfo is not None
        assert summary.imported_at.utcoffset() == datetime.timedelta(0)
        assert again.plan(PLAN) == linzi
        assert again.unit("propaganda") == tz.Unit("propaganda", "区委宣传部",
                                                   tz.UnitKind.party_department)
        assert len(again.units()) == 16
        [version] = again.plan_history(PLAN)
        assert (version.version, version.reason, version.actor) == (1, "通知印发", ADMIN)
        assert re.fullmatch("[0-9a-f]{64}", version.hash)


def test_an_exception_in_the_with_block_closes_the_ledger_and_propagates(
        path: pathlib.Path) -> None:
    with pytest.raises(KeyError):
        with tz.Ledger.open(path) as ledger:
            raise KeyError("boom")
    assert ledger.closed


def test_plan_versions_are_dated_events(opened: tz.Ledger, clock: Clock) -> None:
    clock.set("2021-05-20T10:00:00+08:00")
    plan = opened.plan(PLAN)
    standard = some(plan.find_target("4.1"))
    standard.baseline = tz.Baseline(value=D(1200), date=datetime.date(2020, 12, 31),
                                     note="2020年执行标准")
    plan.replace_target(standard)
    opened.update_plan(ADMIN, plan, reason="补充基线")
    assert some(opened.plan(PLAN).find_target("4.1")).goal() == D(1320)
    history = opened.plan_history(PLAN)
    assert [v.version for v in history] == [1, 2]
    assert history[1].reason == "补充基线" and history[1].plan == plan
    assert history[1].recorded_at == at("2021-05-20T10:00:00+08:00")
    assert opened.plans()[0].versions == 2
    # As it stood before the update: aware or naive (UTC) datetimes, or ISO text.
    before = some(some(opened.plan_at(PLAN, at("2021-05-01T00:00:00+08:00")).find_target("4.1"))
                  .baseline)
    assert before.value is None and before.note.startswith("2020年执行的保障标准")
    after = opened.plan_at(PLAN, datetime.datetime(2021, 5, 20, 3, 0))  # naive: UTC
    assert some(after.find_target("4.1")).goal() == D(1320)
    assert opened.plan_at(PLAN, "2021-05-20T09:59:00+08:00") == history[0].plan
    with pytest.raises(tz.NotFoundError):
        opened.plan_at(PLAN, at("2021-02-01T00:00:00+08:00"))


# ---- a report's life -----------------------------------------------------------------------------


def test_a_report_through_file_return_save_submit_accept_and_correct(opened: tz.Ledger,
                                                                     clock: Clock) -> None:
    k = key("health", "2021Q1")
    content = tz.ReportContent(
        progress=[tz.InitiativeProgress(initiative=1, narrative="一季度筛查4500人",
                                        expected_completion=datetime.date(2021, 12, 31)),
                  tz.InitiativeProgress(10, "开展健康科普宣传", "2021-12-31")],
        values=[tz.TargetValue(target="1.1", value=D(4500), comment="含复查"),
                tz.TargetValue("1.2", stage="已启动", evidence="https://example.cn/1")],
    )
    clock.set("2021-04-06T09:00:00+08:00")
    report = opened.file(HEALTH, k, content)
    assert report.status == tz.ReportStatus.submitted
    assert report.key == k and report.current.number == 2
    assert report.first_submitted == at("2021-04-06T09:00:00+08:00")
    assert report.content == content
    assert some(report.content.find_value("1.1")).value == D(4500)
    assert some(report.content.find_progress(1)).narrative == "一季度筛查4500人"
    assert some(report.content.find_progress(10)).expected_completion == datetime.date(2021, 12, 31)

    clock.set("2021-04-08T10:00:00+08:00")
    returned = opened.return_report(COORDINATOR, k, reason="请补充复查人数")
    assert returned.status == tz.ReportStatus.returned
    assert returned.current.reason == "请补充复查人数"

    clock.set("2021-04-09T10:00:00+08:00")
    screened = content.values[0]  # a copy: change it and put it back
    screened.value = D(4600)
    content.values[0] = screened
    assert some(content.find_value("1.1")).value == D(4600)
    saved = opened.save(HEALTH, k, content)
    assert saved.status == tz.ReportStatus.draft
    resubmitted = opened.submit(HEALTH, k)
    assert resubmitted.status == tz.ReportStatus.submitted
    assert resubmitted.first_submitted == report.first_submitted  # a return does not make it late

    clock.set("2021-04-12T10:00:00+08:00")
    accepted = opened.accept(COORDINATOR, k)
    assert accepted.status == tz.ReportStatus.accepted
    assert accepted.last_accepted == at("2021-04-12T10:00:00+08:00")
    assert accepted.accepted_revision == 4  # the content saved after the return

    clock.set("2021-04-20T10:00:00+08:00")
    corrected_content = tz.ReportContent(progress=list(content.progress),
                                         values=[tz.TargetValue("1.1", "4650"),
                                                 tz.TargetValue("1.2", stage="推进中")])
    corrected = opened.correct(HEALTH, k, corrected_content, reason="录入错误")
    assert corrected.status == tz.ReportStatus.submitted
    assert corrected.accepted_revision == 4  # awaits acceptance again
    assert some(corrected.content.find_value("1.1")).value == D(4650)

    history = opened.history(k)
    assert [r.number for r in history] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.action for r in history] == [
        tz.ReportAction.saved, tz.ReportAction.submitted, tz.ReportAction.returned,
        tz.ReportAction.saved, tz.ReportAction.resubmitted, tz.ReportAction.accepted,
        tz.ReportAction.corrected]
    assert [r.status for r in history] == [
        tz.ReportStatus.draft, tz.ReportStatus.submitted, tz.ReportStatus.returned,
        tz.ReportStatus.draft, tz.ReportStatus.submitted, tz.ReportStatus.accepted,
        tz.ReportStatus.submitted]
    assert [r.actor for r in history] == [HEALTH, HEALTH, COORDINATOR, HEALTH, HEALTH,
                                          COORDINATOR, HEALTH]
    assert [r.reason for r in history if r.reason] == ["请补充复查人数", "录入错误"]
    assert some(history[0].content.find_value("1.1")).value == D(4500)
    assert some(history[6].content.find_value("1.1")).value == D(4650)
    assert all(r.recorded_at.utcoffset() == datetime.timedelta(0) for r in history)
    assert [r.recorded_at for r in history] == sorted(r.recorded_at for r in history)
    hashes = [r.hash for r in history]
    assert all(re.fullmatch("[0-9a-f]{64}", h) for h in hashes) and len(set(hashes)) == 7
    assert repr(history[2]) == (
        "<Revision 3: ReportAction.returned by Actor(unit='women-children-centre', "
        "role=ActorRole.coordinator, person='协调员') at 2021-04-08T02:00:00.000Z, "
        "ReportStatus.returned>")
    assert repr(opened.report(k)) == (
        f"<Report {PLAN}/health/2021Q1: ReportStatus.submitted, revision 7>")
    assert opened.report(key("health", "2021Q2")) is None
    assert opened.history(key("health", "2021Q2")) == []


def test_values_filed_in_another_unit_are_converted_exactly_and_kept_as_filed(
        opened: tz.Ledger, clock: Clock) -> None:
    clock.set("2021-04-08T11:00:00+08:00")
    report = opened.file(LAW, key("law-enforcement", "2021Q1"), tz.ReportContent(values=[
        tz.TargetValue("5.1", value="25000", unit="万元"), tz.TargetValue("5.2", value=9)]))
    money = some(report.content.find_value("5.1"))
    assert money.value == D("2.5") and isinstance(money.value, decimal.Decimal)
    assert (money.filed_value, money.filed_unit) == (D(25000), "万元")
    assert repr(money) == ("TargetValue(target='5.1', value=Decimal('2.5'), unit='', stage='', "
                           "comment='', evidence='', filed_value=Decimal('25000'), "
                           "filed_unit='万元')")
    count = some(report.content.find_value("5.2"))
    assert count.value == D(9) and count.filed_value is None and count.filed_unit == ""
    # A str is kept as written and read against its target only when filed (test_traps.py).
    written = tz.TargetValue("1.1", "1.6万")
    assert (written.value, written.text) == (None, "1.6万")
    assert repr(written) == ("TargetValue(target='1.1', value=None, unit='', stage='', "
                             "comment='', evidence='', text='1.6万')")
    written.value = D(16000)  # a number instead: the text goes
    assert (written.value, written.text) == (D(16000), "")
    written.value = "一千一百"
    assert (written.value, written.text) == (None, "一千一百")
    written.value = None
    assert (written.value, written.text) == (None, "")
    with pytest.raises(ValueError, match="not both"):
        tz.TargetValue("1.1", 4500, text="4500")


def test_report_at_gives_the_report_as_recorded_at_a_time(scripted: tz.Ledger) -> None:
    k = key("propaganda", "2021Q1")  # filed with 800, returned, filed again with 12500, accepted
    assert scripted.report_at(k, at("2021-04-01T00:00:00+08:00")) is None
    first = some(scripted.report_at(k, at("2021-04-10T12:00:00+08:00")))
    assert first.status == tz.ReportStatus.submitted
    assert some(first.content.find_value("3.6")).value == D(800)
    returned = some(scripted.report_at(k, datetime.datetime(2021, 4, 13, 0, 0)))  # naive: UTC
    assert returned.status == tz.ReportStatus.returned
    assert returned.current.reason == "3.6为累计数，请填报累计创建总数（示例）"
    accepted = some(scripted.report_at(k, at("2021-04-15T10:00:00+08:00")))  # the very moment
    assert accepted.status == tz.ReportStatus.accepted
    assert some(accepted.content.find_value("3.6")).value == D(12500)
    assert accepted.first_submitted == at("2021-04-07T15:00:00+08:00")
    assert scripted.report_at(k, "2022-06-01T00:00:00Z") == scripted.report(k)
    # An aware time in any zone is the same moment.
    same = at("2021-04-13T02:00:00+10:00")
    assert scripted.report_at(k, same) == scripted.report_at(k, same.astimezone(UTC))


def test_reports_are_filtered_by_period_unit_initiative_status_and_time(
        scripted: tz.Ledger) -> None:
    every = scripted.reports(PLAN)
    assert len(every) == 15 * 4  # trade-union's 2021Q3 is a draft it never handed in
    order = [(r.key.period, r.key.unit) for r in every]
    assert [p for p, _ in order] == sorted(p for p, _ in order)  # by period, then unit
    assert len(scripted.reports(PLAN, period="2021Q1")) == 15
    assert len(scripted.reports(PLAN, period=tz.Period("2021Q3"))) == 15
    assert [str(r.key.period) for r in scripted.reports(PLAN, unit="trade-union")] == [
        "2021Q1", "2021Q2", "2021Q3", "2021Q4"]
    [draft] = scripted.reports(PLAN, status=tz.ReportStatus.draft)
    assert str(draft.key) == f"{PLAN}/trade-union/2021Q3"
    assert draft.counted_revision == 0 and draft.counted == tz.ReportContent()  # counts nowhere
    assert some(draft.content.find_value("6.1")).value == D(1)  # what the unit sees
    [returned] = scripted.reports(PLAN, status=tz.ReportStatus.returned)
    assert str(returned.key) == f"{PLAN}/disabled-federation/2021Q4"
    assert returned.returned_at == at("2022-01-12T11:00:00+08:00")
    # Initiative 9: culture-tourism each quarter; women-federation left it out of 2021Q1.
    nine = scripted.reports(PLAN, initiative=9)
    assert sorted((r.key.unit, str(r.key.period)) for r in nine) == sorted(
        [("culture-tourism", f"2021Q{q}") for q in range(1, 5)]
        + [("women-federation", f"2021Q{q}") for q in range(2, 5)])
    submitted = scripted.reports(PLAN, status=tz.ReportStatus.submitted)
    assert [str(r.key) for r in submitted] == [f"{PLAN}/science-association/2021Q4"]
    # As they stood on 2021-04-12 11:00 (China time): propaganda's report had been returned.
    then = scripted.reports(PLAN, recorded_at=at("2021-04-12T11:00:00+08:00"))
    assert len(then) == 15
    assert {str(r.key.unit): r.status for r in then}["propaganda"] == tz.ReportStatus.returned
    assert scripted.reports(PLAN, period="2021Q2", unit="law-enforcement",
                            status=tz.ReportStatus.accepted)[0].first_submitted == at(
        "2021-07-14T07:30:00+08:00")
    assert scripted.reports(PLAN, unit="nobody") == []


def test_narratives_come_back_in_chinese_intact(scripted: tz.Ledger) -> None:
    report = some(scripted.report(key("health", "2021Q1")))
    assert some(report.content.find_progress(1)).narrative == "启动“两癌”免费检查，一季度筛查4500人（示例）"
    assert some(report.content.find_progress(1)).expected_completion == datetime.date(2021, 12, 31)
    assert report.current.actor.person == "协调员（示例）"  # who accepted it
    assert scripted.history(key("health", "2021Q1"))[0].actor.person == "卫健局填报员（示例）"
    comment = some(some(scripted.report(key("disabled-federation", "2021Q1")))
                   .content.find_value("4.4"))
    assert comment.comment == "区残联自有统计，与民政局数据有重叠（示例）"


def test_file_all_files_every_report_or_none(opened: tz.Ledger, clock: Clock) -> None:
    clock.set("2021-04-07T09:00:00+08:00")
    filings = [
        tz.Filing(HEALTH, key("health", "2021Q1"),
                  tz.ReportContent(values=[tz.TargetValue("1.1", 4500)])),
        tz.Filing(actor=LAW, key=key("law-enforcement", "2021Q1"),
                  content=tz.ReportContent(values=[tz.TargetValue("5.2", 9)])),
    ]
    bad = tz.Filing(HEALTH, key("finance", "2021Q1"), tz.ReportContent())  # not its report
    with pytest.raises(tz.PermissionDenied, match="finance"):
        opened.file_all([*filings, bad])
    assert opened.reports(PLAN) == []  # none was filed
    assert opened.file_all(filings) == 2
    assert opened.file_all(()) == 0
    assert [r.status for r in opened.reports(PLAN)] == [tz.ReportStatus.submitted] * 2
    with pytest.raises(tz.ConflictError):
        opened.file_all(filings[:1])


# ---- integrity -----------------------------------------------------------------------------------


def test_verify_holds_on_the_scripted_year(scripted: tz.Ledger) -> None:
    result = scripted.verify()
    assert result and result.ok
    assert result.integrity == "ok" and result.first_mismatch == ""
    assert result.plan_versions_checked == 2
    assert result.revisions_checked == sum(len(scripted.history(r.key))
                                           for r in scripted.reports(PLAN))


def sqlite(path: pathlib.Path, sql: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sqlite3", str(path), sql], capture_output=True, text=True)


def test_verify_names_a_revision_changed_behind_the_librarys_back(scripted_file: pathlib.Path,
                                                                  tmp_path: pathlib.Path) -> None:
    path = tmp_path / "tampered.taizhang"
    with tz.Ledger.open(scripted_file, read_only=True) as source:
        source.backup(path)

    change = ("UPDATE revision_values SET value = '9999' "
              "WHERE revision_id = 1 AND target = '1.1'")
    # The append-only triggers stop a plain UPDATE ...
    stopped = sqlite(path, change)
    assert stopped.returncode != 0 and "report revisions are kept as recorded" in stopped.stderr
    # ... but not someone who drops one and puts it back as it was (docs/schema.md).
    trigger = sqlite(path, "SELECT sql FROM sqlite_schema "
                           "WHERE name = 'revision_values_no_update'").stdout.strip()
    assert trigger.startswith("CREATE TRIGGER revision_values_no_update")
    done = sqlite(path, f"BEGIN; DROP TRIGGER revision_values_no_update; {change}; "
                        f"{trigger}; COMMIT;")
    assert done.returncode == 0, done.stderr

    with tz.Ledger.open(path, read_only=True) as ledger:  # the schema is as taizhang made it
        assert some(ledger.rollup(PLAN, "2021Q1").find_target("1.1")).actual == D(9999)
        result = ledger.verify()
        assert not result and result.ok is False
        assert result.integrity == "ok"  # SQLite sees nothing wrong; the hash chain does
        assert f"revision 1 of report {PLAN}/health/2021Q1" in result.first_mismatch
        assert "no longer matches its hash" in result.first_mismatch


def test_backup_copies_a_consistent_ledger(opened: tz.Ledger, clock: Clock, path: pathlib.Path,
                                           tmp_path: pathlib.Path) -> None:
    clock.set("2021-04-06T09:00:00+08:00")
    opened.file(HEALTH, key("health", "2021Q1"),
                tz.ReportContent(progress=[tz.InitiativeProgress(1, "筛查4500人")],
                                 values=[tz.TargetValue("1.1", 4500)]))
    copy = tmp_path / "备份" / "copy.taizhang"
    copy.parent.mkdir()
    opened.backup(copy)
    opened.backup(str(copy))  # replaces the earlier backup
    with tz.Ledger.open(copy, read_only=True) as backup:
        assert backup.verify()
        assert backup.plan(PLAN) == opened.plan(PLAN)
        assert backup.reports(PLAN) == opened.reports(PLAN)
        assert backup.history(key("health", "2021Q1")) == opened.history(key("health", "2021Q1"))
    with pytest.raises((tz.StorageError, tz.IoError)) as caught:
        opened.backup(path)  # not the ledger itself
    assert str(path) in str(caught.value)


def test_a_read_only_ledger_reads_and_refuses_every_write(scripted_file: pathlib.Path,
                                                         tmp_path: pathlib.Path) -> None:
    copy = tmp_path / "copy.taizhang"
    shutil.copy(scripted_file, copy)
    before = copy.read_bytes()
    with tz.Ledger.open(copy, read_only=True) as ledger:
        assert len(ledger.reports(PLAN)) == 60
        writes: list[Callable[[], object]] = [
            lambda: ledger.put_unit(ADMIN, tz.Unit("x", "某单位")),
            lambda: ledger.update_plan(ADMIN, ledger.plan(PLAN), "改"),
            lambda: ledger.file(HEALTH, key("health", "2021Q1"), tz.ReportContent()),
            lambda: ledger.accept(COORDINATOR, key("science-association", "2021Q4")),
        ]
        for write in writes:
            with pytest.raises(tz.StorageError) as caught:
                write()
            assert caught.value.fault == "read_only"
        assert some(ledger.report(key("science-association", "2021Q4"))).status == \
            tz.ReportStatus.submitted
    assert copy.read_bytes() == before


def test_a_closed_ledger_raises_value_error(path: pathlib.Path) -> None:
    ledger = tz.Ledger.open(path)
    ledger.close()
    ledger.close()  # closing again does nothing
    assert ledger.closed
    calls: list[Callable[[], object]] = [
        ledger.plans, ledger.units, ledger.verify, lambda: ledger.plan(PLAN),
        lambda: ledger.rollup(PLAN, "2021Q1"), lambda: ledger.reports(PLAN),
        lambda: ledger.values.to_pandas(), lambda: ledger.backup(path.with_suffix(".bak"))]
    for call in calls:
        with pytest.raises(ValueError, match="closed"):
            call()
    with pytest.raises(ValueError, match="closed"):
        with ledger:
            pass


def test_ledger_open_on_a_non_sqlite_file_is_a_storage_error(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "linzi.db"
    path.write_bytes(b"%PDF-1.4 not a database " * 100)
    with pytest.raises(tz.StorageError) as caught:
        tz.Ledger.open(path)
    assert caught.value.fault == "not_sqlite"
    assert caught.value.file == str(path)
    assert path.read_bytes() == b"%PDF-1.4 not a database " * 100


def test_a_clock_that_returns_no_datetime_is_a_type_error_and_writes_nothing(
        linzi: tz.Plan) -> None:
    times = iter([at("2021-03-01T09:00:00+08:00"), cast(datetime.datetime, 42)])
    with tz.Ledger.open(":memory:", clock=lambda: next(times)) as ledger:
        begin_historic_import(ledger, ADMIN)
        ledger.import_plan(ADMIN, linzi)
        with pytest.raises(TypeError, match="clock returned 42"):
            ledger.file(HEALTH, key("health", "2021Q1"), tz.ReportContent())
        assert ledger.report(key("health", "2021Q1")) is None


def test_record_types_compare_and_repr(scripted: tz.Ledger) -> None:
    k = key("health", "2021Q2")
    assert k == tz.ReportKey(PLAN, "health", tz.Period("2021-Q2"))
    assert hash(k) == hash(tz.ReportKey(PLAN, "health", "2021Q2"))
    assert str(k) == f"{PLAN}/health/2021Q2"
    assert repr(k) == (f"ReportKey(plan='{PLAN}', unit='health', period=Period('2021Q2'))")
    assert repr(HEALTH) == ("Actor(unit='health', role=ActorRole.reporter, "
                            "person='卫健局填报员')")
    assert tz.Actor("health") != tz.Actor("health", tz.ActorRole.coordinator)
    assert scripted.report(k) == scripted.report(k)
    assert scripted.report(k) != scripted.report(key("health", "2021Q1"))
    assert repr(scripted.verify()).startswith("VerifyResult(ok=True, revisions_checked=")
    assert repr(scripted.plans()[0]).startswith(
        f"PlanSummary(code='{PLAN}', title='2021年为全区妇女儿童办实事', year=2021, versions=2")
    assert repr(scripted.plan_history(PLAN)[1]).startswith(f"<PlanVersion 2 of '{PLAN}'")
    content = some(scripted.report(k)).content
    assert repr(content).startswith("ReportContent(progress=[InitiativeProgress(initiative=1, "
                                    "narrative='")
    assert repr(tz.InitiativeProgress(3, "进展", datetime.date(2021, 6, 30))) == (
        "InitiativeProgress(initiative=3, narrative='进展', "
        "expected_completion=datetime.date(2021, 6, 30))")


def test_the_linzi_plan_file_is_what_the_ledger_holds(scripted: tz.Ledger) -> None:
    first = scripted.plan_history(PLAN)[0].plan
    assert first == tz.load_plan(str(LINZI))
    assert some(some(scripted.plan(PLAN).find_target("4.1")).baseline).value == D(1200)


# ---- Python values the API takes -----------------------------------------------------------------


def test_lists_and_tuples_go_wherever_a_list_is_asked_for(opened: tz.Ledger, clock: Clock) -> None:
    clock.set("2021-04-06T09:00:00+08:00")
    content = tz.ReportContent(progress=(tz.InitiativeProgress(1, "筛查"),),
                               values=[tz.TargetValue("1.1", 4500)])
    assert isinstance(content.progress, tz.InitiativeProgressList)
    filings = (tz.Filing(HEALTH, key("health", "2021Q1"), content),)
    assert opened.file_all(filings) == 1
    assert some(opened.report(key("health", "2021Q1"))).content == content


def test_file_all_takes_a_generator_of_filings(opened: tz.Ledger, clock: Clock) -> None:
    clock.set("2021-04-06T09:00:00+08:00")
    units = ["health", "law-enforcement"]
    filings = (tz.Filing(tz.Actor(u), key(u, "2021Q1"), tz.ReportContent()) for u in units)
    assert opened.file_all(filings) == 2


def test_numpy_integers_are_exact_values() -> None:
    import numpy as np

    assert tz.TargetValue("1.1", np.int64(4500)).value == D(4500)  # type: ignore[arg-type]


def test_numpy_floats_are_refused_like_floats() -> None:
    import numpy as np

    with pytest.raises(TypeError, match="not exact"):
        tz.TargetValue("1.1", np.float64(4500.0))  # type: ignore[arg-type]


def test_a_clerk_withdraws_a_report_before_the_office_acts(opened: tz.Ledger) -> None:
    k = key("health", "2021Q1")
    opened.file(tz.Actor("health"), k, tz.ReportContent(
        values=[tz.TargetValue(target="1.1", value=D(45000))]))
    taken = opened.withdraw(tz.Actor("health"), k, "多录了一个0")
    assert taken.status == tz.ReportStatus.draft
    assert taken.current.action == tz.ReportAction.withdrawn
    assert taken.current.reason == "多录了一个0"
    with pytest.raises(tz.ConflictError, match="only a submitted report can be withdrawn"):
        opened.withdraw(tz.Actor("health"), k)
