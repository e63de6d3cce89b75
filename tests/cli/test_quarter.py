"""A whole quarter of the Linzi plan, in Chinese, through the command line only — what the
coordinating office (区妇女儿童服务中心) and three unit clerks do in the third quarter of 2021:

the office issues fill-in templates; three clerks send back filled .xlsx files, one with a bad cell
that is refused, fixed and imported again; the office reads its inbox, returns one report; another
clerk withdraws a report and hands it in again; the office accepts them all, adds a co-responsible
unit to an initiative without touching JSON, and reads what changed. Every message is asserted as
the clerk or the office reads it, in Chinese; once in English.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

from conftest import CHECK_FAILED, PLAN, run

openpyxl = pytest.importorskip("openpyxl")

OFFICE = ["--as", "women-children-centre", "--role", "coordinator", "--person", "赵敏"]
ADMIN = ["--as", "women-children-centre", "--role", "administrator", "--person", "赵敏"]


def at(day: int, hour: int) -> list[str]:
    return ["--recorded-at", f"2021-10-{day:02d}T{hour:02d}:00:00+08:00"]


def clerk(unit: str, person: str) -> list[str]:
    return ["--as", unit, "--role", "reporter", "--person", person]


def row_of(sheet: Any, code: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise AssertionError(f"no row {code}")


def fill(path: pathlib.Path, values: dict[str, Any], narrative: str) -> None:
    """A clerk fills in the template as Excel or WPS would: 本期数值 of some targets and the
    first initiative's 本季度具体措施及任务进度情况."""
    book = openpyxl.load_workbook(path)
    data = book["数据"]
    for code, value in values.items():
        data.cell(row_of(data, code), 6).value = value
    book["进展情况"].cell(5, 4).value = narrative
    book.save(path)


def inbox(ledger: list[object], *query: str) -> list[dict[str, Any]]:
    out = run(*ledger, *OFFICE, "report", "list", "--period", "2021Q3", "--format", "json",
              *query, lang="zh").stdout
    reports: list[dict[str, Any]] = json.loads(out)
    return reports


def test_the_third_quarter_in_chinese(fresh_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    ledger: list[object] = ["--ledger", fresh_ledger]
    units = {"health": "王芳", "education-sports": "李强", "propaganda": "陈静"}

    # 1. The office issues each unit its template for the quarter.
    files = {}
    for unit in units:
        files[unit] = tmp_path / f"{unit}.xlsx"
        out = run(*ledger, *OFFICE, *at(1, 9), "template", "--unit", unit, "--period", "2021Q3",
                  "--output", files[unit], lang="zh").stdout
        assert "已生成" in out

    # 2. Three clerks fill them in; the clerk of 区教体局 types words where a number belongs.
    fill(files["health"], {"1.1": 4500, "1.2": "推进中"}, "三季度完成两癌筛查4500人（示例）")
    fill(files["education-sports"], {"2.1": "很多"}, "新建普惠性幼儿园（示例）")
    fill(files["propaganda"], {"3.6": 5200}, "开展最美家庭宣传（示例）")

    result = run(*ledger, *at(8, 9), "import", *files.values(), lang="zh", expect=CHECK_FAILED)
    assert "共 3 个文件：2 个已导入，1 个拒收" in result.stdout
    bad_row = row_of(openpyxl.load_workbook(files["education-sports"])["数据"], "2.1")
    assert f"数据表 第{bad_row}行 第F列（本期数值）：“很多”不是数字" in result.stderr
    assert "education-sports.xlsx：已拒收，本文件内容均未导入" in result.stderr

    # ... fixed, and imported again.
    fill(files["education-sports"], {"2.1": 2}, "新建普惠性幼儿园2所（示例）")
    again = run(*ledger, *at(8, 10), "import", files["education-sports"], lang="zh")
    assert "已导入 1 份报告（education-sports，2021Q3）" in again.stdout

    # 3. The office's inbox: three reports waiting (待审核).
    waiting = inbox(ledger, "--status", "待审核")
    assert sorted(r["unit"] for r in waiting) == sorted(units)
    table = run(*ledger, *OFFICE, "report", "list", "--period", "2021Q3", lang="zh").stdout
    assert table.splitlines()[0].split() == ["报告期", "单位", "状态", "修订", "首次报送",
                                             "距今天数", "需核实"]
    assert "区卫健局" in table and "待审核" in table

    # 4. The office returns 区卫健局's report; the clerk fixes it and hands it in again.
    returned = run(*ledger, *OFFICE, *at(9, 9), "report", "return", "--unit", "health",
                   "--period", "2021Q3", "--reason", "筛查人数请附佐证（示例）", lang="zh").stdout
    assert returned.startswith(f"{PLAN}/health/2021Q3：已退回")
    assert run(*ledger, *clerk("health", units["health"]), *at(9, 10), "report", "file",
               "--period", "2021Q3", "--evidence", "1.1=https://example.org/screening",
               lang="zh").stdout.startswith(f"{PLAN}/health/2021Q3：待审核")

    # 5. The clerk of 区委宣传部 takes a report back before the office acts, and hands it in again.
    withdrawn = run(*ledger, *clerk("propaganda", units["propaganda"]), *at(9, 11), "report",
                    "withdraw", "--period", "2021Q3", "--reason", "户数录错（示例）", lang="zh")
    assert withdrawn.stdout.startswith(f"{PLAN}/propaganda/2021Q3：草稿")
    run(*ledger, *clerk("propaganda", units["propaganda"]), *at(9, 12), "report", "file",
        "--period", "2021Q3", "--value", "3.6=5300", lang="zh")
    history = run(*ledger, *clerk("propaganda", units["propaganda"]), "report", "history",
                  "--period", "2021Q3", lang="zh").stdout
    assert "撤回 → 草稿  经办：propaganda（填报单位） (陈静)  理由：户数录错（示例）" in history

    # 6. The office accepts all three.
    for unit in units:
        accepted = run(*ledger, *OFFICE, *at(10, 9), "report", "accept", "--unit", unit,
                       "--period", "2021Q3", lang="zh").stdout
        assert accepted.startswith(f"{PLAN}/{unit}/2021Q3：已审核")
    assert {r["status"] for r in inbox(ledger)} == {"accepted"}
    # Accepting twice is refused, in Chinese, and once more in English.
    twice = run(*ledger, *OFFICE, "report", "accept", "--unit", "health", "--period", "2021Q3",
                lang="zh", expect=6)
    assert "只有待审核的报告才能审核通过" in twice.stderr
    english = run(*ledger, *OFFICE, "--lang", "en", "report", "accept", "--unit", "health",
                  "--period", "2021Q3", lang="zh", expect=6)
    assert "only a submitted report can be accepted" in english.stderr

    # 7. The office adds 区财政局 as co-responsible for initiative 3, without touching JSON ...
    edited = run(*ledger, *ADMIN, *at(11, 9), "plan", "assign", "3", "--co", "finance",
                 "--reason", "区财政局负责宣传经费保障（示例）", lang="zh").stdout
    assert "区财政局" in edited
    # ... and reads what changed between the versions.
    diff = run(*ledger, "plan", "diff", "--from", "1", "--to", "2", lang="zh").stdout
    assert "实事三" in diff and "增加 区财政局" in diff
    plan_history = run(*ledger, "plan", "history", lang="zh").stdout
    assert "区财政局负责宣传经费保障（示例）" in plan_history
