"""Clerk templates through the command line: `taizhang template` writes a unit's fill-in form, a
clerk fills it in (openpyxl, as Excel or WPS would; or LibreOffice re-saves it), and
`taizhang import` files it whole or not at all, naming every bad cell by sheet, row and column."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import pathlib
import shutil
import subprocess
import zipfile
from typing import Any

import pytest

from conftest import CHECK_FAILED, COORDINATOR, OK, run

openpyxl = pytest.importorskip("openpyxl")

DATA_HEADER = ["目标编号", "目标", "计量单位", "目标值", "上期累计", "本期数值", "说明"]
NOTICE_HEADER = ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]


def write_template(ledger: pathlib.Path, path: pathlib.Path, *args: str) -> pathlib.Path:
    result = run("--ledger", ledger, "template", *args, "--period", "2021Q3", "--output", path,
                 lang="zh")
    assert "已生成" in result.stdout
    return path


def row_of(sheet: Any, first: str) -> int:
    """The row of the data sheet whose 目标编号 (column A) is `first`."""
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == first:
            return row
    raise AssertionError(f"no row {first}")


def fill_health(path: pathlib.Path, value: Any = 4500, stage: str = "推进中") -> None:
    """A clerk of 区卫健局 fills the template in: 1.1, 1.2's stage and initiative 1's narrative."""
    book = openpyxl.load_workbook(path)
    data = book["数据"]
    data.cell(row_of(data, "1.1"), 6).value = value
    data.cell(row_of(data, "1.1"), 7).value = "三季度筛查（示例）"
    data.cell(row_of(data, "1.2"), 6).value = stage
    notice = book["进展情况"]
    notice.cell(5, 4).value = "三季度开展两癌筛查4500人（示例）"
    notice.cell(5, 5).value = datetime.datetime(2021, 12, 31)
    book.save(path)


def shown(ledger: pathlib.Path, unit: str = "health") -> dict[str, Any] | None:
    result = run("--ledger", ledger, "--as", unit, "report", "show", "--period", "2021Q3",
                 "--format", "json", expect=None)
    if result.returncode != OK:
        return None
    content: dict[str, Any] = json.loads(result.stdout)
    return content


# ---- the template ---------------------------------------------------------------------------


def test_the_unit_template_holds_the_notice_columns_and_a_data_sheet(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["进展情况", "数据", "_taizhang"]
    assert book["_taizhang"].sheet_state == "hidden"
    notice = book["进展情况"]
    assert [notice.cell(4, c).value for c in range(1, 6)] == NOTICE_HEADER
    assert notice.cell(5, 1).value == 1 and "两癌" in notice.cell(5, 2).value
    assert notice.cell(5, 3).value.startswith("区卫健局")
    data = book["数据"]
    assert [data.cell(2, c).value for c in range(1, 8)] == DATA_HEADER
    assert [data.cell(3, c).value for c in (1, 3, 4)] == ["1.1", "名", 18000]
    assert data.cell(row_of(data, "1.2"), 4).value == "按阶段"
    # The identity, in the document's custom properties as well as in the hidden sheet.
    with zipfile.ZipFile(path) as z:
        custom = z.read("docProps/custom.xml").decode("utf-8")
    for expected in ("taizhang.plan", "linzi-2021-women-children", "taizhang.period", "2021Q3",
                     "taizhang.unit", "health", "taizhang.plan_version"):
        assert expected in custom


def test_the_template_validates_and_protects_its_cells_and_prints_on_a4(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    book = openpyxl.load_workbook(path)
    data = book["数据"]
    number_row, stage_row = row_of(data, "1.1"), row_of(data, "1.2")
    rules = {str(v.sqref): v for v in data.data_validations.dataValidation}
    assert rules[f"F{number_row}"].type == "decimal"
    assert rules[f"F{stage_row}"].type == "list"
    assert "推进中" in rules[f"F{stage_row}"].formula1
    assert rules[f"F{number_row}"].error  # a Chinese message when a clerk types words
    for sheet in (data, book["进展情况"]):
        assert sheet.protection.sheet and not sheet.protection.password
        assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert data.protection.sheet
    assert data.cell(number_row, 1).protection.locked
    assert not data.cell(number_row, 6).protection.locked
    assert not data.cell(number_row, 7).protection.locked
    notice = book["进展情况"]
    assert notice.cell(5, 2).protection.locked and not notice.cell(5, 4).protection.locked
    assert notice.print_title_rows.replace("$", "") == "4:4"
    assert data.print_title_rows.replace("$", "") == "2:2"
    # Tall enough rows for the whole initiative title.
    assert notice.row_dimensions[5].height >= 60


def test_a_running_total_shows_the_units_latest_earlier_value(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run("--ledger", fresh_ledger, "--as", "propaganda", "report", "file", "--period", "2021Q2",
        "--value", "3.6=5200")
    path = write_template(fresh_ledger, tmp_path / "propaganda.xlsx", "--unit", "propaganda")
    data = openpyxl.load_workbook(path)["数据"]
    assert data.cell(row_of(data, "3.6"), 5).value == 5200
    assert data.cell(row_of(data, "3.5"), 5).value is None  # counted per period: no running total
    # A running total that would fall is refused, named where the clerk typed it.
    book = openpyxl.load_workbook(path)
    book["数据"].cell(row_of(data, "3.6"), 6).value = 3000
    book.save(path)
    result = run("--ledger", fresh_ledger, "import", path, lang="zh", expect=CHECK_FAILED)
    assert (f"数据表 第{row_of(data, '3.6')}行 第F列（本期数值）：目标3.6是累计数：2021Q3填3000，"
            "而2021Q2为5200，累计数不能下降" in result.stderr)


# ---- filled in and imported ----------------------------------------------------------------------


def test_a_template_filled_in_imports_with_no_options(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(path)
    result = run("--ledger", fresh_ledger, "import", path, lang="zh")
    assert "已导入 1 份报告（health，2021Q3）" in result.stdout
    content = shown(fresh_ledger)
    assert content is not None
    values = {v["target"]: v for v in content["values"]}
    assert values["1.1"]["value"] == "4500" and values["1.1"]["comment"] == "三季度筛查（示例）"
    assert values["1.2"]["stage"] == "推进中"
    assert content["progress"][0]["narrative"] == "三季度开展两癌筛查4500人（示例）"
    assert content["progress"][0]["expected_completion"] == "2021-12-31"


def test_a_bad_cell_refuses_the_whole_file_naming_sheet_row_and_column(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(path, value="三十左右")
    result = run("--ledger", fresh_ledger, "import", path, lang="zh", expect=CHECK_FAILED)
    data = openpyxl.load_workbook(path)["数据"]
    row = row_of(data, "1.1")
    assert f"数据表 第{row}行 第F列（本期数值）：“三十左右”不是数字" in result.stderr
    assert "已拒收" in result.stderr
    assert shown(fresh_ledger) is None  # nothing of it filed, not even the good cells
    # A stage that is not one of the target's, named where it is.
    fill_health(path, value=4500, stage="快完成了")
    result = run("--ledger", fresh_ledger, "import", path, lang="zh", expect=CHECK_FAILED)
    assert (f"数据表 第{row_of(data, '1.2')}行 第F列（本期数值）：“快完成了”不是目标1.2的阶段"
            in result.stderr)
    # Fixed, it imports.
    fill_health(path, value=4500)
    run("--ledger", fresh_ledger, "import", path, lang="zh")
    content = shown(fresh_ledger)
    assert content is not None and content["values"][0]["value"] == "4500"


def test_one_bad_file_does_not_stop_the_others(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    bad = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(bad, value="很多")
    good = write_template(fresh_ledger, tmp_path / "education.xlsx", "--unit", "education-sports")
    book = openpyxl.load_workbook(good)
    book["数据"].cell(row_of(book["数据"], "2.1"), 6).value = 2
    book.save(good)
    result = run("--ledger", fresh_ledger, "import", bad, good, lang="zh", expect=CHECK_FAILED)
    assert "共 2 个文件：1 个已导入，1 个拒收" in result.stdout
    assert shown(fresh_ledger) is None
    education = shown(fresh_ledger, "education-sports")
    assert education is not None and education["values"][0] == {"target": "2.1", "value": "2"}


def test_dry_run_shows_what_would_be_filed_and_writes_nothing(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(path)
    before = fresh_ledger.read_bytes()
    result = run("--ledger", fresh_ledger, "import", "--dry-run", path, lang="zh")
    assert "可导入 1 份报告" in result.stdout and "未写入台账" in result.stdout
    assert shown(fresh_ledger) is None
    assert fresh_ledger.read_bytes() == before
    english = run("--ledger", fresh_ledger, "import", "--dry-run", path)
    assert "1 reports would be filed (health, 2021Q3); nothing written (--dry-run)" in english.stdout


def test_a_template_resaved_by_libreoffice_imports(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(path)
    out = tmp_path / "saved"
    out.mkdir()
    # LibreOffice as a clerk's desktop runs it: without the sanitizer runtime that the ASan run
    # preloads into the test's processes (LibreOffice hangs under it).
    env = {k: v for k, v in os.environ.items()
           if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS")}
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180, env=env)
    saved = out / "health.xlsx"
    with zipfile.ZipFile(saved) as z:  # written by LibreOffice, not the file we gave it
        assert "LibreOffice" in z.read("docProps/app.xml").decode("utf-8")
    run("--ledger", fresh_ledger, "import", saved, lang="zh")
    content = shown(fresh_ledger)
    assert content is not None
    values = {v["target"]: v for v in content["values"]}
    assert values["1.1"]["value"] == "4500" and values["1.2"]["stage"] == "推进中"


def test_a_template_without_its_custom_properties_still_imports(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "health.xlsx", "--unit", "health")
    fill_health(path)
    stripped = tmp_path / "stripped.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(stripped, "w") as dst:
        for item in src.infolist():
            if item.filename != "docProps/custom.xml":
                dst.writestr(item, src.read(item.filename))
    run("--ledger", fresh_ledger, "import", stripped, lang="zh")
    assert shown(fresh_ledger) is not None


def test_the_csv_template_imports_by_both_doors(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    text = run("--ledger", fresh_ledger, "template", "--unit", "health", "--period", "2021Q3",
               "--format", "csv").stdout
    assert text.startswith("\ufeff# taizhang: plan=linzi-2021-women-children; plan_version=1; "
                           "unit=health; period=2021Q3; kind=unit")
    lines = text.lstrip("\ufeff").splitlines()
    rows = list(csv.reader(io.StringIO("\n".join(lines[1:]))))
    header = rows[0]
    assert header[:6] == ["单位", "报告期", "序号", "实事名称", "本季度具体措施及任务进度情况",
                          "完成时限"]
    for row in rows[1:]:
        if row[header.index("目标编号")] == "1.1":
            row[header.index("本期数值")] = "4500"
        if row[header.index("序号")] == "1":
            row[header.index("本季度具体措施及任务进度情况")] = "三季度筛查（示例）"
    filled = io.StringIO()
    filled.write(lines[0] + "\r\n")
    csv.writer(filled).writerows(rows)
    path = tmp_path / "health.csv"
    path.write_text(filled.getvalue(), encoding="utf-8-sig")
    # A bad value first: named by row and column as a spreadsheet shows the file.
    bad = tmp_path / "bad.csv"
    bad.write_text(filled.getvalue().replace(",4500,", ",三十左右,"), encoding="utf-8-sig")
    result = run("--ledger", fresh_ledger, "import", bad, lang="zh", expect=CHECK_FAILED)
    assert "第L列（本期数值）：“三十左右”不是数字" in result.stderr
    run("--ledger", fresh_ledger, "import", "--dry-run", path, lang="zh")
    # The CSV importer reads the same file (it skips the identity line).
    run("--ledger", fresh_ledger, "--as", "health", "import-csv", "--dry-run", path)
    run("--ledger", fresh_ledger, "import", path, lang="zh")
    content = shown(fresh_ledger)
    assert content is not None and content["values"] == [{"target": "1.1", "value": "4500"}]
    assert content["progress"][0]["narrative"] == "三季度筛查（示例）"


def test_the_consolidated_template_is_entered_by_the_office(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write_template(fresh_ledger, tmp_path / "all.xlsx", "--consolidated")
    book = openpyxl.load_workbook(path)
    data = book["数据"]
    assert [data.cell(2, c).value for c in range(1, 9)] == ["单位", *DATA_HEADER]
    for row in range(3, data.max_row + 1):
        if data.cell(row, 2).value == "1.1" and data.cell(row, 1).value == "区卫健局":
            data.cell(row, 7).value = 4500
        if data.cell(row, 2).value == "2.1":
            data.cell(row, 7).value = 1
    book.save(path)
    # Not a unit's reporter: the office says who it is.
    run("--ledger", fresh_ledger, "import", path, lang="zh", expect=2)
    result = run("--ledger", fresh_ledger, *COORDINATOR, "import", path, lang="zh")
    assert "已导入 2 份报告" in result.stdout
    content = shown(fresh_ledger)
    assert content is not None and content["values"] == [{"target": "1.1", "value": "4500"}]


def test_a_file_that_is_not_a_template_is_refused(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text("单位,报告期,目标,数值\nhealth,2021Q3,1.1,4500\n", encoding="utf-8")
    result = run("--ledger", fresh_ledger, "import", plain, lang="zh", expect=CHECK_FAILED)
    assert "不是台账填报模板" in result.stderr
    result = run("--ledger", fresh_ledger, "import", tmp_path / "missing.xlsx", lang="zh",
                 expect=CHECK_FAILED)
    assert "已拒收" in result.stderr
    # `import begin` is still the import window; a file named begin is ./begin.
    assert run("import", "begin", "--help").stdout.startswith("taizhang import begin — ")
    result = run("--ledger", fresh_ledger, "import", "./begin", lang="zh", expect=CHECK_FAILED)
    assert "./begin" in result.stderr


def test_a_filled_progress_form_is_read_by_its_header_lines(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "form.xlsx"
    run("--ledger", fresh_ledger, "form", "--unit", "health", "--period", "2021Q3", "--format",
        "xlsx", "--output", path)
    book = openpyxl.load_workbook(path)
    sheet = book["进展情况"]
    assert sheet.cell(2, 1).value == "单位：（盖章）区卫健局"
    sheet.cell(5, 4).value = "三季度开展两癌筛查（示例）"
    sheet.cell(5, 5).value = "2021年12月31日"
    book.save(path)
    result = run("--ledger", fresh_ledger, "import", path, lang="zh")
    assert "已导入 1 份报告（health，2021Q3）" in result.stdout
    content = shown(fresh_ledger)
    assert content is not None
    assert content["progress"] == [{"initiative": 1, "narrative": "三季度开展两癌筛查（示例）",
                                    "expected_completion": "2021-12-31"}]
