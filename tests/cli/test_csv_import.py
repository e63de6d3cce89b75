"""`taizhang import-csv`: what unit clerks fill in, in UTF-8 (with or without a byte-order mark),
GBK or GB18030 as Excel saves it, with full-width digits and 万/亿; every bad row reported with its
row and column, nothing imported unless every row is good (or --partial), --dry-run. Every file is
written here with Python's codecs (SAMPLE DATA)."""

from __future__ import annotations

import codecs
import json
import pathlib
import re
from typing import Any

import pytest

from conftest import BAD_INPUT, CONFLICT, NOT_FOUND, OK, STORAGE, run, status_json

CHINESE_HEADER = ["单位", "报告期", "序号", "目标", "数值", "计量单位", "阶段", "备注", "佐证",
                  "进展情况", "完成时限"]


def csv_text(rows: list[list[str]], newline: str = "\n") -> str:
    def field(value: str) -> str:
        if any(c in value for c in ',"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "".join(",".join(map(field, row)) + newline for row in rows)


def write(path: pathlib.Path, rows: list[list[str]], encoding: str, newline: str = "\n",
          ) -> pathlib.Path:
    text = csv_text(rows, newline)
    if encoding == "utf-8-bom":
        data = codecs.BOM_UTF8 + text.encode("utf-8")
    else:
        data = text.encode(encoding)
    path.write_bytes(data)
    return path


def import_csv(ledger: pathlib.Path, unit: str, path: pathlib.Path, *options: str,
               expect: int | None = OK) -> Any:
    return run("--ledger", ledger, "--as", unit, "import-csv", path, *options, expect=expect)


def targets(ledger: pathlib.Path, as_of: str = "2021Q1") -> dict[str, dict[str, Any]]:
    return {t["code"]: t for t in status_json(ledger, "--as-of", as_of)["targets"]}


def history(ledger: pathlib.Path, unit: str, period: str, expect: int = OK) -> Any:
    result = run("--ledger", ledger, "--as", unit, "report", "history", "--period", period,
                 "--format", "json", expect=expect)
    return json.loads(result.stdout) if expect == OK else result


def content(ledger: pathlib.Path, unit: str, period: str) -> dict[str, Any]:
    return history(ledger, unit, period)["revisions"][-1]["content"]


# ---- encodings ------------------------------------------------------------------------------------


def test_utf8_with_chinese_headers_full_width_digits_and_wan(fresh_ledger: pathlib.Path,
                                                            tmp_path: pathlib.Path) -> None:
    narrative = '启动美学教育基地寻找活动，"美学代言人"评选\n第二行（示例）'
    path = write(tmp_path / "propaganda.csv", [
        CHINESE_HEADER,
        ["区委宣传部", "2021年第一季度", "3", "3.1", "", "", "已启动", "", "", narrative,
         "2021-12-31"],
        ["propaganda", "2021Q1", "", "3.5", "１０", "家", "", "首批（示例）", "", "", ""],
        ["区委宣传部", "2021Q1", "三、", "3.6", "1.25万", "", "", "", "http://example.org/3.6",
         "", ""],
    ], "utf-8")
    out = import_csv(fresh_ledger, "propaganda", path).stdout
    assert out == f"{path}: 3 rows (utf-8), 1 reports filed, 0 problems\n"
    t = targets(fresh_ledger)
    assert (t["3.5"]["actual"], t["3.6"]["actual"]) == ("10", "12500")
    assert t["3.1"]["contributions"][0]["stage"] == "已启动"
    filed = content(fresh_ledger, "propaganda", "2021Q1")
    assert filed["progress"] == [{"initiative": 3, "narrative": narrative,
                                  "expected_completion": "2021-12-31"}]
    values = {v["target"]: v for v in filed["values"]}
    assert values["3.5"]["comment"] == "首批（示例）"
    assert values["3.6"]["evidence"] == "http://example.org/3.6"
    assert history(fresh_ledger, "propaganda", "2021Q1")["status"] == "submitted"


def test_utf8_with_a_bom_english_headers_in_any_order_and_yi(fresh_ledger: pathlib.Path,
                                                            tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "law.csv", [
        ["Value", "target", "PERIOD", "unit", "narrative", "initiative"],
        ["3000万元", "5.1", "2021Q1", "law-enforcement", "", ""],
        ["９", "5.2", "2021Q1", "区综合行政执法局", "", ""],
        ["0.5亿元", "5.1", "2021Q2", "law-enforcement", "开工建设（示例）", "5"],
        ["", "", "2021Q2", "law-enforcement", "", ""],  # a row left empty but for its key
    ], "utf-8-bom", newline="\r\n")
    result = import_csv(fresh_ledger, "law-enforcement", path, expect=None)
    # The last row gives nothing: bad, so nothing at all is filed.
    assert result.returncode == BAD_INPUT
    assert "row 5: the row gives neither a target's value nor an initiative's progress" in \
        result.stderr
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    path.write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines[:4]).encode("utf-8") + b"\r\n")
    out = import_csv(fresh_ledger, "law-enforcement", path).stdout
    assert out == f"{path}: 3 rows (utf-8-bom), 2 reports filed, 0 problems\n"
    q1, q2 = targets(fresh_ledger, "2021Q1"), targets(fresh_ledger, "2021Q2")
    assert (q1["5.1"]["actual"], q1["5.2"]["actual"]) == ("0.3", "9")  # 亿元
    assert q2["5.1"]["actual"] == "0.8"
    filed = content(fresh_ledger, "law-enforcement", "2021Q1")["values"][0]
    assert (filed["value"], filed["filed_value"], filed["filed_unit"]) == ("0.3", "3000", "万元")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_and_gb18030_as_excel_saves_them(fresh_ledger: pathlib.Path, tmp_path: pathlib.Path,
                                             encoding: str) -> None:
    narrative = "一季度筛查４５００人，宣传“两癌”防治（示例）"
    if encoding == "gb18030":
        narrative += "𠮷"  # outside GBK: a four-byte GB18030 sequence
    rows = [
        CHINESE_HEADER,
        ["区卫健局", "2021年第一季度", "1", "1.1", "４５００", "名", "", "", "", narrative,
         "2021-12-31"],
        ["区卫健局", "2021年第一季度", "", "1.2", "", "", "已启动", "", "", "", ""],
        ["区卫健局", "2021年第一季度", "十", "", "", "", "", "", "", "开展健康科普宣传（示例）", ""],
    ]
    path = write(tmp_path / f"health-{encoding}.csv", rows, encoding, newline="\r\n")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    out = import_csv(fresh_ledger, "health", path).stdout
    assert out == f"{path}: 3 rows (gb18030), 1 reports filed, 0 problems\n"
    filed = content(fresh_ledger, "health", "2021Q1")
    assert [p["narrative"] for p in filed["progress"]] == [narrative, "开展健康科普宣传（示例）"]
    assert targets(fresh_ledger)["1.1"]["actual"] == "4500"


# ---- bad rows -------------------------------------------------------------------------------------


def bad_rows() -> list[list[str]]:
    """A file of health's with a bad row of every kind, and good rows in between."""
    h = "区卫健局"
    return [
        CHINESE_HEADER,                                                       # row 1
        [h, "2021Q1", "", "1.1", "abc", "", "", "", "", "", ""],              # 2: 数值
        [h, "2021Q5", "", "1.1", "100", "", "", "", "", "", ""],              # 3: 报告期
        ["区财政局", "2021Q1", "2", "", "", "", "", "", "", "资金（示例）", ""],  # 4: 单位
        [h, "2021Q1", "", "9.9", "5", "", "", "", "", "", ""],                # 5: 目标
        [h, "2021Q1", "", "1.2", "", "", "快完成了", "", "", "", ""],         # 6: 阶段
        [h, "2021Q1", "3", "", "", "", "", "", "", "美学（示例）", ""],       # 7: 序号
        [h, "2021Q1", "1", "", "", "", "", "", "", "多行\n说明", "2021-13-01"],  # 8–9: 完成时限
        [h, "2021Q1", "", "10.1", "1", "", "", "", "", "", ""],               # 10: 数值
        [h, "2021Q1", "", "1.1", "5", "万元", "", "", "", "", ""],            # 11: 计量单位, 目标
        [h, "2021Q1", "10", "", "", "", "", "", "", "科普（示例）", ""],      # 12: good
        [h, "2021-03", "", "10.2", "", "", "推进中", "", "", "", ""],         # 13: 报告期
    ]


BAD = {(2, "数值"), (3, "报告期"), (4, "单位"), (5, "目标"), (6, "阶段"), (7, "序号"),
       (8, "完成时限"), (10, "数值"), (11, "计量单位"), (11, "目标"), (13, "报告期")}


def reported(stderr: str) -> set[tuple[int, str]]:
    return {(int(row), column) for row, column in re.findall(r"row (\d+), column (\S+?): ", stderr)}


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_imported(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "bad.csv", bad_rows(), "utf-8")
    result = import_csv(fresh_ledger, "health", path, expect=BAD_INPUT)
    assert result.stdout == ""
    assert result.stderr.startswith(f"taizhang: validation: {path}: {len(BAD)} errors\n")
    assert reported(result.stderr) == BAD
    for message in ('row 2, column 数值: target 1.1 is counted in 名: cannot read "abc"',
                    'row 3, column 报告期: "2021Q5" is not a period',
                    'row 4, column 单位: a reporter of "health" may not write the report of '
                    '"finance"',
                    'row 5, column 目标: plan "linzi-2021-women-children" has no target "9.9"',
                    'row 6, column 阶段: "快完成了" is not a stage of target 1.2',
                    'row 7, column 序号: 区卫健局 (health) is not assigned to initiative 3',
                    'row 8, column 完成时限: "2021-13-01" is not a date',
                    "row 10, column 数值: target 10.1 is a milestone and takes no number",
                    "row 11, column 计量单位: target 1.1 is counted in 名: cannot convert 5万元",
                    "row 13, column 报告期: 2021-03 is not a quarter"):
        assert message in result.stderr, message
    history(fresh_ledger, "health", "2021Q1", expect=NOT_FOUND)
    assert all(t["actual"] is None for t in targets(fresh_ledger).values())

    # The same in GBK: the same rows and columns.
    gbk = write(tmp_path / "bad-gbk.csv", bad_rows(), "gbk", newline="\r\n")
    assert reported(import_csv(fresh_ledger, "health", gbk, expect=BAD_INPUT).stderr) == BAD


def test_partial_imports_the_reports_whose_rows_are_all_good(fresh_ledger: pathlib.Path,
                                                             tmp_path: pathlib.Path) -> None:
    rows = [
        ["unit", "period", "target", "value", "stage", "initiative", "narrative"],
        ["health", "2021Q1", "1.1", "4500", "", "", ""],
        ["health", "2021Q1", "1.2", "", "已启动", "1", "启动（示例）"],
        ["health", "2021Q2", "1.1", "4800", "", "", ""],
        ["health", "2021Q2", "1.2", "", "差不多了", "", ""],
    ]
    path = write(tmp_path / "two-quarters.csv", rows, "utf-8")
    result = import_csv(fresh_ledger, "health", path, expect=BAD_INPUT)
    assert reported(result.stderr) == {(5, "stage")}
    history(fresh_ledger, "health", "2021Q1", expect=NOT_FOUND)

    result = import_csv(fresh_ledger, "health", path, "--partial", expect=BAD_INPUT)
    assert result.stdout == f"{path}: 4 rows (utf-8), 1 reports filed, 1 problems\n"
    assert result.stderr == (f'{path}: row 5, column stage: "差不多了" is not a stage of target '
                             "1.2 (未启动、已启动、推进中、基本完成、已完成)\n")
    assert targets(fresh_ledger, "2021Q1")["1.1"]["actual"] == "4500"
    history(fresh_ledger, "health", "2021Q2", expect=NOT_FOUND)


def test_dry_run_checks_and_files_nothing(fresh_ledger: pathlib.Path,
                                          tmp_path: pathlib.Path) -> None:
    good = write(tmp_path / "good.csv", [
        ["单位", "报告期", "目标", "数值"], ["区卫健局", "2021Q1", "1.1", "4500"]], "gbk")
    out = import_csv(fresh_ledger, "health", good, "--dry-run").stdout
    assert out == f"{good}: 1 rows (gb18030), 1 reports good, 0 problems\n"
    history(fresh_ledger, "health", "2021Q1", expect=NOT_FOUND)
    bad = write(tmp_path / "bad.csv", bad_rows(), "utf-8-bom")
    result = import_csv(fresh_ledger, "health", bad, "--dry-run", expect=BAD_INPUT)
    assert reported(result.stderr) == BAD
    assert all(line.startswith(f"{bad}: row ") for line in result.stderr.splitlines())
    assert result.stdout == f"{bad}: 11 rows (utf-8-bom), 0 reports good, {len(BAD)} problems\n"
    # Then the good file for real, and a second time: the report awaits the coordinator.
    import_csv(fresh_ledger, "health", good)
    result = import_csv(fresh_ledger, "health", good, expect=CONFLICT)
    assert "health/2021Q1 is submitted" in result.stderr


def test_files_that_are_not_a_progress_csv(fresh_ledger: pathlib.Path,
                                           tmp_path: pathlib.Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xff\xff\x80\x80")
    result = import_csv(fresh_ledger, "health", binary, expect=BAD_INPUT)
    assert f"{binary} is neither UTF-8 nor GBK/GB18030 text" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "row 1: the file has no header row" in import_csv(
        fresh_ledger, "health", empty, expect=BAD_INPUT).stderr
    unknown = write(tmp_path / "unknown.csv", [["单位", "季度", "数值"], ["health", "2021Q1", "1"]],
                    "utf-8")
    result = import_csv(fresh_ledger, "health", unknown, expect=BAD_INPUT)
    assert 'row 1, column 季度: "季度" is not a column this import knows' in result.stderr
    assert "row 1: the header has no 报告期 (period) column" in result.stderr
    quote = tmp_path / "quote.csv"
    quote.write_text('unit,period,target,value,comment\nhealth,2021Q1,1.1,4500,"open\n',
                     encoding="utf-8")
    assert "row 2: a quoted field is never closed" in import_csv(
        fresh_ledger, "health", quote, expect=BAD_INPUT).stderr
    missing = tmp_path / "missing.csv"
    result = import_csv(fresh_ledger, "health", missing, expect=STORAGE)
    assert str(missing) in result.stderr


def test_an_imported_file_shows_in_the_form(fresh_ledger: pathlib.Path,
                                            tmp_path: pathlib.Path) -> None:
    path = write(tmp_path / "wf.csv", [
        CHINESE_HEADER,
        ["区妇联", "2021Q1", "7", "7.1", "8", "场", "", "", "", "开展技能培训8场（示例）", "2021-11-30"],
        ["区妇联", "2021Q1", "7", "7.2", "300", "人", "", "", "", "", ""],
    ], "gbk", newline="\r\n")
    import_csv(fresh_ledger, "women-federation", path)
    form = run("--ledger", fresh_ledger, "form", "--unit", "women-federation", "--period",
               "2021Q1", "--format", "md").stdout
    assert "| 7 | 提高妇女就业创业能力 | 区妇联<br>区农业农村局<br>区人社局 | 开展技能培训8场（示例） | " \
        "2021年11月30日 |" in form
    assert targets(fresh_ledger)["7.1"]["actual"] == "8"


# ---- the same table in an .xlsx workbook ------------------------------------------------------------


def workbook(path: pathlib.Path, rows: list[list[Any]], *, hidden_first: bool = False,
             formula: str | None = None) -> pathlib.Path:
    """The table as a clerk saves it from a spreadsheet (written with openpyxl)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    if hidden_first:
        sheet.title = "说明"
        sheet["A1"] = "请在第二个工作表填写"
        sheet.sheet_state = "hidden"
        sheet = book.create_sheet("填报")
    else:
        sheet.title = "填报"
    for row in rows:
        sheet.append(row)
    if formula is not None:
        sheet.cell(row=len(rows), column=5, value=formula)
    book.save(path)
    return path


def test_a_workbook_saved_from_a_spreadsheet_imports_like_the_csv(fresh_ledger: pathlib.Path,
                                                                tmp_path: pathlib.Path) -> None:
    path = workbook(tmp_path / "妇联.xlsx", [
        CHINESE_HEADER,
        ["区妇联", "2021Q1", 7, "7.1", 8, "场", None, None, None, "开展技能培训8场（示例）",
         "2021-11-30"],
        [],
        ["区妇联", "2021年第一季度", 7, "7.2", "0.03万", "人", None, None, None, None, None],
    ], hidden_first=True)
    out = import_csv(fresh_ledger, "women-federation", path).stdout
    assert out == f"{path}: 2 rows (xlsx), 1 reports filed, 0 problems\n"
    t = targets(fresh_ledger)
    assert (t["7.1"]["actual"], t["7.2"]["actual"]) == ("8", "300")
    assert content(fresh_ledger, "women-federation", "2021Q1")["progress"][0]["narrative"] == \
        "开展技能培训8场（示例）"


def test_a_workbook_figure_is_read_as_the_spreadsheet_shows_it(fresh_ledger: pathlib.Path,
                                                               tmp_path: pathlib.Path) -> None:
    # A formula's binary result (0.1 + 0.2 = 0.30000000000000004) is 0.3, as Excel and WPS show it.
    path = workbook(tmp_path / "formula.xlsx", [
        CHINESE_HEADER,
        ["区妇联", "2021Q1", 7, "7.1", 0.30000000000000004, "场"],
    ])
    import_csv(fresh_ledger, "women-federation", path, "--dry-run")
    import_csv(fresh_ledger, "women-federation", path)
    assert targets(fresh_ledger)["7.1"]["actual"] == "0.3"


def test_a_bad_cell_in_a_workbook_is_named_and_nothing_is_filed(fresh_ledger: pathlib.Path,
                                                                tmp_path: pathlib.Path) -> None:
    path = workbook(tmp_path / "bad.xlsx", [
        CHINESE_HEADER,
        ["区妇联", "2021Q1", 7, "7.1", "待统计", "场"],
        ["区妇联", "2021Q1", 7, "9.9", 3, "场"],
    ])
    result = import_csv(fresh_ledger, "women-federation", path, expect=BAD_INPUT)
    assert "row 2, column 数值" in result.stderr
    assert "row 3, column 目标" in result.stderr and str(path) in result.stderr
    assert targets(fresh_ledger)["7.1"]["actual"] is None


def test_a_file_that_only_looks_like_a_workbook_is_refused_saying_why(
        fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = import_csv(fresh_ledger, "women-federation", fake, expect=BAD_INPUT)
    assert "not an .xlsx file" in result.stderr and str(fake) in result.stderr
