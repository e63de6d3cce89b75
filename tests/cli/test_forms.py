"""The progress form (工作进展情况报表) of the notice's attachment, made by `taizhang form` from the
scripted year: .xlsx read back with openpyxl, CSV with the csv module, Markdown, and HTML with lxml.
Every cell is checked against what the script filed (SAMPLE DATA)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import pathlib
import re
import zipfile
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html

from conftest import LINZI, load_script, run, run_bytes

TITLE = "2021年为全区妇女儿童办实事工作进展情况报表"
HEADER = ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]
PLAN_JSON: dict[str, Any] = json.loads(LINZI.read_text(encoding="utf-8"))
UNIT_NAMES = {u["code"]: u["name"] for u in PLAN_JSON["units"]}


def chinese_date(iso: str) -> str:
    d = datetime.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def filed_progress() -> dict[tuple[str, str], dict[int, dict[str, Any]]]:
    """(unit, period) → initiative → its progress in the content the office counts after the whole
    script: what was handed in (file, submit, correct), never a draft; a report returned and not
    handed in again counts what was last accepted (nothing, if it never was)."""
    drafts: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    handed: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    accepted: dict[tuple[str, str], dict[int, dict[str, Any]]] = {}
    for e in load_script()["events"]:
        action = e["action"]
        progress = {p["initiative"]: p for p in e.get("progress", [])}
        if action == "accept":
            for unit in e.get("units", [e.get("unit")]):
                accepted[(unit, e["period"])] = handed[(unit, e["period"])]
            continue
        if action not in ("file", "save", "submit", "correct", "return"):
            continue
        key = (e["unit"], e["period"])
        if action == "save":
            drafts[key] = progress
        elif action == "file":
            handed[key] = progress
            drafts.pop(key, None)
        elif action == "submit":
            handed[key] = drafts.pop(key)
        elif action == "correct":
            handed[key] = {**handed[key], **progress} if e.get("mode") == "merge" else progress
        elif action == "return":
            handed[key] = accepted.get(key, {})
    return handed


FILED = filed_progress()


def expected_cells(period: str, unit: str | None) -> list[list[str]]:
    """The form's table as text: the unit's initiatives with its own words, or every initiative
    with every responsible unit's words, each marked with its unit."""
    rows = []
    for initiative in PLAN_JSON["initiatives"]:
        units = [a["unit"] for a in initiative["assignments"]]
        if unit is not None and unit not in units:
            continue
        narratives, dates = [], []
        for u in units if unit is None else [unit]:
            p = FILED.get((u, period), {}).get(initiative["number"])
            if p is None:
                continue
            mark = f"【{UNIT_NAMES[u]}】" if unit is None else ""
            narratives.append(mark + p.get("narrative", ""))
            if p.get("expected_completion"):
                who = f"{UNIT_NAMES[u]}：" if unit is None else ""
                dates.append(who + chinese_date(p["expected_completion"]))
        rows.append([str(initiative["number"]), initiative["title"],
                     "\n".join(UNIT_NAMES[u] for u in units), "\n".join(narratives),
                     "\n".join(dates)])
    return rows


@pytest.fixture(scope="module")
def forms(scripted_ledger: pathlib.Path, tmp_path_factory: pytest.TempPathFactory,
          ) -> dict[str, pathlib.Path]:
    """The .xlsx forms: 区妇联's for 2021Q1 and the consolidated one for 2021Q1 and 2021Q3."""
    directory = tmp_path_factory.mktemp("forms")
    made = {
        "women-federation": ["--unit", "women-federation", "--period", "2021Q1"],
        "all-q1": ["--period", "2021Q1"],
        "all-q3": ["--period", "2021Q3"],
    }
    out = {}
    for name, args in made.items():
        path = directory / f"{name}.xlsx"
        assert run("--ledger", scripted_ledger, "form", *args, "-o", path).stdout == \
            f"wrote {path}\n"
        out[name] = path
    assert sorted(p.name for p in directory.iterdir()) == sorted(p.name for p in out.values())
    return out


def table_of(sheet: Any) -> list[list[str]]:
    """The data rows (row 5 on) of a form's sheet, as text ('' for an empty cell)."""
    rows = []
    for row in sheet.iter_rows(min_row=5, values_only=True):
        rows.append(["" if v is None else str(v) for v in row])
    return rows


# ---- .xlsx ----------------------------------------------------------------------------------------


def test_the_unit_form_in_xlsx(forms: dict[str, pathlib.Path]) -> None:
    book = openpyxl.load_workbook(forms["women-federation"])
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet["A1"].value == TITLE
    assert sheet["A2"].value == "单位：（盖章）区妇联"
    assert sheet["A3"].value == "报告期：2021年第一季度"
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:E1", "A2:E2", "A3:E3"}
    assert [c.value for c in sheet[4]] == HEADER
    assert sheet.max_column == 5
    # Only the initiatives 区妇联 is assigned to; its own words; 9 left blank (not reported).
    table = table_of(sheet)
    assert table == expected_cells("2021Q1", "women-federation")
    assert [row[0] for row in table] == ["1", "3", "7", "9"]
    assert table[3][3] == "" and table[0][3] == "宣传动员（示例）"
    assert isinstance(sheet["A5"].value, int)


def test_the_consolidated_form_in_xlsx(forms: dict[str, pathlib.Path]) -> None:
    for name, period in (("all-q1", "2021Q1"), ("all-q3", "2021Q3")):
        sheet = openpyxl.load_workbook(forms[name]).active
        assert sheet["A1"].value == TITLE
        assert sheet["A2"].value == "单位：（盖章）"
        assert [c.value for c in sheet[4]] == HEADER
        table = table_of(sheet)
        assert table == expected_cells(period, None)
        assert [row[0] for row in table] == [str(n) for n in range(1, 11)]
    sheet = openpyxl.load_workbook(forms["all-q3"]).active
    # Every unit's words under its initiative, each marked with its unit; the correction counts.
    first = sheet["D5"].value.split("\n")
    assert first[0] == "【区卫健局】三季度筛查4875人（示例）"
    assert [re.match("【(.+?)】", line).group(1) for line in first] == [
        "区卫健局", "区财政局", "区民政局", "临淄医保分局", "区妇联"]
    assert sheet["C5"].value == "区卫健局\n区财政局\n区民政局\n临淄医保分局\n区妇联"
    # 区总工会 never filed 2021Q3: initiative 6 has 团区委's words only.
    assert sheet["D10"].value.startswith("【团区委】") and "区总工会】" not in sheet["D10"].value
    assert sheet["C10"].value == "区总工会\n团区委"


def test_the_xlsx_looks_like_the_attachment_and_prints_on_a4_landscape(
        forms: dict[str, pathlib.Path]) -> None:
    sheet = openpyxl.load_workbook(forms["all-q3"]).active
    widths = {c: sheet.column_dimensions[c].width for c in "ABCDE"}
    assert all(w and w > 5 for w in widths.values()), widths
    assert widths["D"] == max(widths.values())  # the narrative column is the widest
    assert widths["A"] == min(widths.values())
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert re.fullmatch(r"\$?4:\$?4", sheet.print_title_rows)  # the header row on every page
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    title = sheet["A1"]
    assert title.font.name == "黑体" and title.font.b and title.font.sz >= 16
    assert title.alignment.horizontal == "center"
    for cell in sheet[4]:
        assert cell.font.name == "黑体" and cell.font.b
        assert cell.border.left.style == cell.border.bottom.style == "thin"
    assert sheet["A2"].font.name == "宋体"
    for row in sheet.iter_rows(min_row=5, max_row=sheet.max_row):
        for cell in row:
            assert cell.font.name == "宋体", cell.coordinate
            assert cell.alignment.wrap_text, cell.coordinate
            assert cell.alignment.vertical == "top", cell.coordinate
            for side in (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom):
                assert side.style == "thin", cell.coordinate
    # CJK text as text, not escaped: the shared strings hold the characters themselves.
    with zipfile.ZipFile(forms["all-q3"]) as z:
        strings = z.read("xl/sharedStrings.xml").decode("utf-8")
    assert TITLE in strings and "【区卫健局】三季度筛查4875人（示例）" in strings


# ---- CSV, Markdown, HTML --------------------------------------------------------------------------


def test_the_csv_form_has_a_bom_and_round_trips(scripted_ledger: pathlib.Path) -> None:
    for unit in ("women-federation", None):
        args = ["--period", "2021Q1", "--format", "csv"]
        if unit:
            args += ["--unit", unit]
        raw = run_bytes("--ledger", scripted_ledger, "form", *args).stdout
        assert raw.startswith(b"\xef\xbb\xbf" + TITLE.encode("utf-8") + b"\r\n")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0] == [TITLE]
        assert rows[1] == ["单位：（盖章）" + ("区妇联" if unit else "")]
        assert rows[2] == ["报告期：2021年第一季度"]
        assert rows[3] == HEADER
        assert rows[4:] == expected_cells("2021Q1", unit)


def test_the_markdown_form(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "form", "--period", "2021Q3", "--format",
              "markdown").stdout
    md = run("--ledger", scripted_ledger, "form", "--period", "2021Q3", "--format", "md").stdout
    made = re.compile("^制表时间：.*$", re.M)
    assert made.sub("", md) == made.sub("", out)  # "markdown" and "md" are one format
    lines = out.splitlines()
    assert lines[0] == f"# {TITLE}"
    assert lines[2] == "单位：（盖章）  " and lines[3] == "报告期：2021年第三季度"
    header = lines.index("| 序号 | 实事名称 | 责任单位 | 本季度具体措施及任务进度情况 | 完成时限 |")
    assert lines[header + 1] == "|---:|---|---|---|---|"
    body = [line for line in lines[header + 2:] if line.startswith("|")]
    expected = [
        "| " + " | ".join(c.replace("\n", "<br>") for c in row) + " |"
        for row in expected_cells("2021Q3", None)
    ]
    assert body == expected
    assert re.search(r"^制表时间：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d$", out, re.M)


def test_the_html_form(scripted_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "form.html"
    run("--ledger", scripted_ledger, "form", "--unit", "health", "--period", "2021Q3", "--format",
        "html", "-o", path)
    text = path.read_text(encoding="utf-8")
    doc = lxml_html.document_fromstring(text)
    assert doc.findtext(".//title") == TITLE
    assert doc.xpath("string(//h1)") == TITLE
    assert doc.xpath("string(//p[contains(@class, 'unit')])") == "单位：（盖章）区卫健局"
    assert doc.xpath("string(//p[contains(@class, 'period')])") == "报告期：2021年第三季度"
    assert [th.text_content() for th in doc.xpath("//table/thead/tr/th")] == HEADER
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in doc.xpath("//table/tbody/tr")]
    assert rows == expected_cells("2021Q3", "health")
    assert [r[0] for r in rows] == ["1", "10"]
    # Printable and self-contained: A4 landscape, the header repeated, nothing from outside.
    style = doc.xpath("string(//style)")
    assert "size: A4 landscape" in style and "display: table-header-group" in style
    assert "SimSun" in style or "宋体" in style
    assert not doc.xpath("//script | //link | //img | //*[@src] | //*[@href]")
    assert "url(" not in style and "@import" not in style


def test_each_units_form_lists_only_its_initiatives(scripted_ledger: pathlib.Path) -> None:
    assigned: dict[str, list[int]] = {}
    for initiative in PLAN_JSON["initiatives"]:
        for a in initiative["assignments"]:
            assigned.setdefault(a["unit"], []).append(initiative["number"])
    assert len(assigned) == 15
    for unit, numbers in assigned.items():
        out = run("--ledger", scripted_ledger, "form", "--unit", unit, "--period", "2021Q2",
                  "--format", "md").stdout
        assert f"单位：（盖章）{UNIT_NAMES[unit]}  \n" in out
        rows = [line.split(" | ") for line in out.splitlines() if re.match(r"\| \d+ \|", line)]
        assert [int(r[0].strip("| ")) for r in rows] == numbers, unit
        assert "【" not in out  # its own words only, not marked
    # The coordinating office has no initiative of its own: it has the consolidated form.
    result = run("--ledger", scripted_ledger, "form", "--unit", "women-children-centre",
                 "--period", "2021Q2", "--format", "md", expect=5)
    assert 'unit "women-children-centre" is not assigned to any initiative' in result.stderr
