"""Every exception class of taizhang, raised for real by the API, as the Python class mirroring the
C++ one: a taizhang.Error, also the fitting built-in, with its code and where the bad input was."""

from __future__ import annotations

import builtins
import decimal
import pathlib
import pickle
import shutil
import sqlite3
import subprocess
from typing import Any, Callable

import pytest

import taizhang as tz
from conftest import HISTORIC_IMPORT, Clock, LINZI, PLAN, begin_historic_import, some

D = decimal.Decimal
ADMIN = tz.Actor("women-children-centre", tz.ActorRole.administrator)
COORDINATOR = tz.Actor("women-children-centre", tz.ActorRole.coordinator)
HEALTH = tz.Actor("health", person="卫健局填报员")


def raised(call: Callable[[], object], cls: type[tz.Error]) -> tz.Error:
    """The exception `call` raises, which must be exactly of class `cls`."""
    with pytest.raises(cls) as caught:
        call()
    error = caught.value
    assert type(error) is cls, type(error)
    return error


def assert_family(error: tz.Error, code: str, *builtins_: type[BaseException]) -> None:
    """`error` is a taizhang.Error with `code`, and an instance of each built-in of `builtins_`."""
    assert isinstance(error, tz.Error)
    assert isinstance(error, Exception)
    assert error.code == code
    for cls in builtins_:
        assert isinstance(error, cls), (type(error), cls)
    # str() is the message with the place in front of it; message is without it.
    assert error.message and error.message in str(error)
    # Pickled (to cross a process boundary) it keeps its class and attributes.
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert (copy.code, copy.file, copy.line, copy.column, copy.path) == (
        error.code, error.file, error.line, error.column, error.path)


def test_the_classes_form_one_family_under_fitting_builtins() -> None:
    assert tz.ParseError.__mro__[1:3] == (tz.Error, ValueError)
    assert issubclass(tz.ValidationError, ValueError) and issubclass(tz.UnitError, ValueError)
    assert issubclass(tz.OverflowError, builtins.OverflowError)
    assert issubclass(tz.OverflowError, ArithmeticError)
    assert tz.OverflowError is not builtins.OverflowError
    assert issubclass(tz.NotFoundError, LookupError)
    assert issubclass(tz.IoError, OSError)
    assert issubclass(tz.PermissionDenied, PermissionError)
    for cls in (tz.ParseError, tz.ValidationError, tz.UnitError, tz.OverflowError,
                tz.NotFoundError, tz.IoError, tz.PermissionDenied, tz.ConflictError,
                tz.StorageError):
        assert issubclass(cls, tz.Error)
        assert getattr(tz, cls.__name__) is getattr(tz._errors, cls.__name__)
    assert issubclass(tz.Error, Exception)


# ---- ParseError ----------------------------------------------------------------------------------


def test_malformed_plan_json_is_a_parse_error_with_line_and_column(tmp_path: pathlib.Path) -> None:
    text = '{\n  "format": 1,\n  "code": "x",\n  oops\n}\n'
    error = raised(lambda: tz.plan_from_json(text, "broken.json"), tz.ParseError)
    assert_family(error, "parse", ValueError)
    assert (error.file, error.line, error.column) == ("broken.json", 4, 3)
    assert str(error).startswith("broken.json:4:3: ")
    assert "malformed JSON" in error.message

    error = raised(lambda: tz.Plan.from_json(text), tz.ParseError)
    assert (error.file, error.line, error.column) == ("<string>", 4, 3)

    path = tmp_path / "坏计划.json"
    path.write_text(text, encoding="utf-8")
    error = raised(lambda: tz.load_plan(str(path)), tz.ParseError)
    assert (error.file, error.line, error.column) == (str(path), 4, 3)


@pytest.mark.parametrize(
    "call",
    [lambda: tz.parse_number("万万"), lambda: tz.Period("2021Q5"), lambda: tz.Period("下季度"),
     lambda: tz.parse_timestamp("nonsense"), lambda: tz.parse_quantity("3 斤"),
     lambda: tz.Target(value="abc")],
    ids=["number", "quarter 5", "period words", "timestamp", "unknown unit", "value text"],
)
def test_unreadable_text_is_a_parse_error(call: Callable[[], object]) -> None:
    error = raised(call, tz.ParseError)
    assert_family(error, "parse", ValueError)
    assert (error.line, error.column, error.path) == (0, 0, "")


# ---- ValidationError -----------------------------------------------------------------------------


def test_a_plan_document_breaking_the_rules_lists_every_issue_with_its_path() -> None:
    text = LINZI.read_text(encoding="utf-8").replace('"year": 2021', '"year": "二〇二一"', 1)
    text = text.replace('"code": "1.1"', '"code": "1.1", "colour": "red"', 1)
    error = raised(lambda: tz.plan_from_json(text, "linzi.json"), tz.ValidationError)
    assert_family(error, "validation", ValueError)
    assert isinstance(error, tz.ValidationError)
    paths = [issue.path for issue in error.issues]
    assert paths == ["year", "initiatives[0].targets[0].colour"]
    assert all(isinstance(issue, tz.Issue) for issue in error.issues)
    assert all(issue.severity == tz.Severity.error for issue in error.issues)
    assert error.path == "year"  # the first error's
    assert error.file == "linzi.json"
    assert 'unknown key "colour"' in str(error)
    assert pickle.loads(pickle.dumps(error)).issues == error.issues


def test_invalid_report_content_is_one_validation_error_naming_each_path(
        ledger: tz.Ledger) -> None:
    key = tz.ReportKey(PLAN, "health", "2021Q1")
    content = tz.ReportContent(values=[
        tz.TargetValue("1.1", 10, unit="所"),  # 所 does not convert into 名
        tz.TargetValue("9.9", 1),  # no such target
        tz.TargetValue("1.2", 1),  # a milestone takes a stage
        tz.TargetValue("1.1", -5),  # twice, and negative
    ])
    error = raised(lambda: ledger.file(HEALTH, key, content), tz.ValidationError)
    assert_family(error, "validation", ValueError)
    assert isinstance(error, tz.ValidationError)
    paths = [issue.path for issue in error.issues]
    assert paths == ["values[0].unit", "values[1].target", "values[2].value", "values[3].target",
                     "values[3].value"]
    assert "appears twice" in error.issues[3].message
    assert error.path == "values[0].unit"
    assert error.file == str(key)
    assert "所" in str(error) and "名" in str(error)
    assert ledger.report(key) is None  # nothing was written


def test_other_rule_breaking_calls_are_validation_errors(ledger: tz.Ledger) -> None:
    error = raised(lambda: ledger.rollup(PLAN, "2021-03"), tz.ValidationError)
    assert_family(error, "validation", ValueError)
    assert error.path == "as_of" and "not a quarter" in str(error)
    key = tz.ReportKey(PLAN, "health", "2022Q1")  # outside the plan's window
    error = raised(lambda: ledger.file(HEALTH, key, tz.ReportContent()), tz.ValidationError)
    assert error.path == "period"
    error = raised(lambda: ledger.explain(PLAN, "2021Q1", "the weather"), tz.ValidationError)
    assert error.path == "subject"


# ---- UnitError -----------------------------------------------------------------------------------


def test_nonsense_conversions_are_unit_errors() -> None:
    units = tz.UnitRegistry.standard()
    error = raised(lambda: units.convert(3, "所", "名"), tz.UnitError)
    assert_family(error, "unit_mismatch", ValueError)
    assert "所" in str(error) and "名" in str(error)
    error = raised(lambda: units.convert(1, "斤", "元"), tz.UnitError)
    assert '"斤"' in str(error)
    assert units.convert(D("1.5"), "亿元", "万元") == D(15000)


# ---- OverflowError -------------------------------------------------------------------------------


def test_values_that_do_not_fit_are_overflow_errors() -> None:
    error = raised(lambda: tz.parse_number("9" * 30), tz.OverflowError)
    assert_family(error, "overflow", builtins.OverflowError, ArithmeticError)
    assert "does not fit" in str(error)
    # Arithmetic never wraps: 9×10^17 亿元 in 元 does not fit.
    error = raised(lambda: tz.UnitRegistry.standard().convert(D(9 * 10**17), "亿元", "元"),
                   tz.OverflowError)
    assert_family(error, "overflow", builtins.OverflowError, ArithmeticError)
    with pytest.raises(ArithmeticError):
        tz.parse_number("1" + "0" * 25)


# ---- NotFoundError -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "words"),
    [(lambda l: l.plan("no-such-plan"), '"no-such-plan"'),
     (lambda l: l.rollup("no-such-plan", "2021Q1"), '"no-such-plan"'),
     (lambda l: l.explain(PLAN, "2021Q1", "99.9"), '"99.9"'),
     (lambda l: l.explain(PLAN, "2021Q1", "unit nobody"), '"nobody"'),
     (lambda l: l.accept(COORDINATOR, tz.ReportKey(PLAN, "finance", "2021Q1")), "finance"),
     (lambda l: l.values_table("no-such-plan"), '"no-such-plan"')],
    ids=["plan", "rollup", "explain target", "explain unit", "accept", "values"],
)
def test_missing_things_are_not_found_errors(ledger: tz.Ledger,
                                             call: Callable[[tz.Ledger], object],
                                             words: str) -> None:
    error = raised(lambda: call(ledger), tz.NotFoundError)
    assert_family(error, "not_found", LookupError)
    assert words in str(error)


def test_deadline_of_an_unknown_target_is_not_found(linzi: tz.Plan) -> None:
    error = raised(lambda: linzi.deadline_of("99.1"), tz.NotFoundError)
    assert_family(error, "not_found", LookupError)
    with pytest.raises(LookupError):
        linzi.deadline_of("0")


# ---- IoError -------------------------------------------------------------------------------------


def test_files_that_cannot_be_read_or_written_are_io_errors(tmp_path: pathlib.Path,
                                                            linzi: tz.Plan) -> None:
    missing = tmp_path / "不存在.json"
    error = raised(lambda: tz.load_plan(str(missing)), tz.IoError)
    assert_family(error, "io", OSError)
    assert error.file == str(missing) and str(error).startswith(str(missing))
    nowhere = tmp_path / "no-such-directory" / "plan.json"
    error = raised(lambda: tz.save_plan(linzi, str(nowhere)), tz.IoError)
    assert_family(error, "io", OSError)
    assert error.file == str(nowhere)
    assert not nowhere.parent.exists()


# ---- PermissionDenied ----------------------------------------------------------------------------


def test_actors_beyond_their_role_are_denied_and_nothing_is_written(linzi: tz.Plan) -> None:
    clock = Clock()
    with tz.Ledger.open(":memory:", clock=clock) as ledger:
        # Only an administrator opens the import window the 2021 test clock needs.
        error = raised(lambda: ledger.begin_import(HEALTH, HISTORIC_IMPORT), tz.PermissionDenied)
        assert_family(error, "permission_denied", PermissionError, OSError)
        assert not ledger.import_open()
        begin_historic_import(ledger, ADMIN)

        error = raised(lambda: ledger.import_plan(HEALTH, linzi), tz.PermissionDenied)
        assert_family(error, "permission_denied", PermissionError, OSError)
        assert "administrator" in str(error)
        assert ledger.plans() == []

        ledger.import_plan(ADMIN, linzi)
        other = tz.ReportKey(PLAN, "finance", "2021Q1")
        error = raised(lambda: ledger.file(HEALTH, other, tz.ReportContent()),
                       tz.PermissionDenied)
        assert_family(error, "permission_denied", PermissionError)
        assert '"finance"' in str(error)
        assert ledger.report(other) is None

        # health is not assigned to initiative 2.
        own = tz.ReportKey(PLAN, "health", "2021Q1")
        content = tz.ReportContent(progress=[tz.InitiativeProgress(2, "不该填报")])
        raised(lambda: ledger.file(HEALTH, own, content), tz.PermissionDenied)
        assert ledger.report(own) is None

        ledger.file(HEALTH, own, tz.ReportContent(values=[tz.TargetValue("1.1", 4500)]))
        error = raised(lambda: ledger.accept(HEALTH, own), tz.PermissionDenied)
        assert "coordinator" in str(error)
        assert some(ledger.report(own)).status == tz.ReportStatus.submitted
        raised(lambda: ledger.put_unit(HEALTH, tz.Unit("x", "某单位")), tz.PermissionDenied)
        assert ledger.unit("x") is None


# ---- ConflictError -------------------------------------------------------------------------------


def test_contradicting_what_is_stored_is_a_conflict(ledger: tz.Ledger, linzi: tz.Plan) -> None:
    error = raised(lambda: ledger.import_plan(ADMIN, linzi), tz.ConflictError)
    assert_family(error, "conflict")
    assert "already" in str(error)
    key = tz.ReportKey(PLAN, "health", "2021Q1")
    ledger.file(HEALTH, key, tz.ReportContent(values=[tz.TargetValue("1.1", 4500)]))
    error = raised(lambda: ledger.submit(HEALTH, key), tz.ConflictError)
    assert "already submitted" in str(error)
    error = raised(lambda: ledger.save(HEALTH, key, tz.ReportContent()), tz.ConflictError)
    error = raised(lambda: ledger.update_plan(ADMIN, linzi, "没有改动"), tz.ConflictError)
    assert len(ledger.plan_history(PLAN)) == 1


# ---- StorageError --------------------------------------------------------------------------------


@pytest.fixture
def ledger_file(tmp_path: pathlib.Path, linzi: tz.Plan) -> pathlib.Path:
    path = tmp_path / "台账.taizhang"
    with tz.Ledger.open(path, clock=Clock()) as ledger:
        begin_historic_import(ledger, ADMIN)  # left open: the tests write on the 2021 clock too
        ledger.import_plan(ADMIN, linzi)
    return path


def storage_fault(path: pathlib.Path | str, fault: str, **options: Any) -> tz.StorageError:
    error = raised(lambda: tz.Ledger.open(path, **options), tz.StorageError)
    assert_family(error, "storage")
    assert isinstance(error, tz.StorageError)
    assert error.fault == fault
    assert pickle.loads(pickle.dumps(error)).fault == fault
    assert tz.StorageFault.__members__[fault].name == fault
    return error


def test_a_file_that_is_not_sqlite_is_a_storage_error_not_sqlite(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "notes.txt"
    text = "这不是数据库。" * 200
    path.write_text(text, encoding="utf-8")
    error = storage_fault(path, "not_sqlite")
    assert error.file == str(path) and str(path) in str(error)
    assert path.read_text(encoding="utf-8") == text  # left as it was
    storage_fault(path, "not_sqlite", read_only=True)


def test_files_the_library_refuses_name_their_fault(tmp_path: pathlib.Path,
                                                    ledger_file: pathlib.Path) -> None:
    storage_fault(tmp_path / "missing.taizhang", "cannot_open", create_if_missing=False)
    storage_fault(tmp_path / "missing.taizhang", "cannot_open", read_only=True)
    storage_fault(tmp_path, "cannot_open")  # a directory
    storage_fault(tmp_path / "no-such-directory" / "x.taizhang", "cannot_open")
    assert not (tmp_path / "missing.taizhang").exists()

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    assert "t" in str(storage_fault(other, "not_a_ledger"))

    newer = tmp_path / "newer.taizhang"
    shutil.copy(ledger_file, newer)
    subprocess.run(["sqlite3", str(newer), "PRAGMA user_version = 999"], check=True)
    assert "999" in str(storage_fault(newer, "too_new"))

    altered = tmp_path / "altered.taizhang"
    shutil.copy(ledger_file, altered)
    subprocess.run(["sqlite3", str(altered), "CREATE INDEX mine ON units (name)"], check=True)
    assert '"mine"' in str(storage_fault(altered, "corrupt"))


def test_writes_to_a_read_only_ledger_are_storage_errors(ledger_file: pathlib.Path) -> None:
    with tz.Ledger.open(ledger_file, read_only=True) as ledger:
        error = raised(lambda: ledger.put_unit(ADMIN, tz.Unit("x", "某单位")), tz.StorageError)
        assert isinstance(error, tz.StorageError)
        assert error.fault == "read_only" and error.file == str(ledger_file)
        assert ledger.unit("x") is None


def test_a_file_locked_too_long_is_a_storage_error_busy(ledger_file: pathlib.Path) -> None:
    holder = sqlite3.connect(ledger_file, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with tz.Ledger.open(ledger_file, busy_timeout=0.05, clock=Clock()) as ledger:
            error = raised(lambda: ledger.put_unit(ADMIN, tz.Unit("x", "某单位")),
                           tz.StorageError)
            assert isinstance(error, tz.StorageError) and error.fault == "busy"
            holder.execute("ROLLBACK")
            ledger.put_unit(ADMIN, tz.Unit("x", "某单位"))  # free again
            assert ledger.unit("x") == tz.Unit("x", "某单位")
    finally:
        holder.close()


# ---- errors that are not taizhang's --------------------------------------------------------------


def test_python_side_misuse_raises_the_plain_builtin(ledger: tz.Ledger) -> None:
    with pytest.raises(TypeError, match="not exact"):
        tz.TargetValue("1.1", 4500.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="busy_timeout") as caught:
        tz.Ledger.open(":memory:", busy_timeout=-1)
    assert not isinstance(caught.value, tz.Error)
    with pytest.raises(ValueError, match="finite decimal"):
        tz.Quantity(D("NaN"), "元")
    ledger.close()
    with pytest.raises(ValueError, match="closed") as caught:
        ledger.plans()
    assert not isinstance(caught.value, tz.Error)


def test_one_except_clause_catches_the_family(ledger: tz.Ledger, linzi: tz.Plan,
                                              tmp_path: pathlib.Path) -> None:
    calls: list[Callable[[], object]] = [
        lambda: tz.parse_number("abc"),
        lambda: tz.plan_from_json("{}"),
        lambda: tz.UnitRegistry.standard().convert(1, "所", "名"),
        lambda: tz.parse_number("9" * 25),
        lambda: ledger.plan("nope"),
        lambda: tz.load_plan(str(tmp_path / "nope.json")),
        lambda: ledger.import_plan(HEALTH, linzi),
        lambda: ledger.import_plan(ADMIN, linzi),
        lambda: tz.Ledger.open(tmp_path, create_if_missing=False),
    ]
    codes = []
    for call in calls:
        try:
            call()
        except tz.Error as error:
            codes.append(error.code)
        else:
            pytest.fail("no error")
    assert codes == ["parse", "validation", "unit_mismatch", "overflow", "not_found", "io",
                     "permission_denied", "conflict", "storage"]
