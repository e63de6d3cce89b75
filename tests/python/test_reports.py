"""Forms, dashboards, tables, JSON, CSV import and export from Python."""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest

import taizhang as tz

PLAN = "linzi-2021-women-children"


def test_forms_render_in_every_format(scripted: tz.Ledger, tmp_path: pathlib.Path) -> None:
    form = scripted.unit_form(PLAN, "health", "2021Q3")
    assert not form.consolidated and form.unit_name == "区卫健局"
    assert [r.number for r in form.rows] == [1, 10]
    assert form.rows[0].entries[0].reported
    text = form.render(tz.FormFormat.csv)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[3] == ["序号", "实事名称", "责任单位", "本季度具体措施及任务进度情况", "完成时限"]
    assert rows[4][0] == "1" and rows[4][3] == form.rows[0].entries[0].narrative
    assert "| 序号 |" in form.render(tz.FormFormat.markdown)
    assert "<table>" in form.render(tz.FormFormat.html)
    xlsx = form.render(tz.FormFormat.xlsx)
    assert isinstance(xlsx, bytes) and xlsx[:2] == b"PK"
    form.write(tz.FormFormat.xlsx, tmp_path / "form.xlsx")
    assert (tmp_path / "form.xlsx").read_bytes()[:2] == b"PK"
    consolidated = scripted.consolidated_form(PLAN, "2021Q3")
    assert consolidated.consolidated and len(consolidated.rows) == 10
    assert "【区卫健局】" in consolidated.render(tz.FormFormat.markdown)


def test_dashboard_table_and_json_agree(scripted: tz.Ledger) -> None:
    plan = scripted.plan(PLAN)
    rollup = scripted.rollup(PLAN, "2021Q3", today="2021-10-31")
    series = scripted.rollup_series(PLAN, "2021Q3", today="2021-10-31")
    html = tz.render_dashboard(plan, rollup, series)
    assert html.count("<svg") == len(rollup.targets) and "<script" not in html
    table = tz.render_status_table(plan, rollup, width=120)
    assert "“两癌”免费检查" in table
    data = json.loads(tz.rollup_to_json(rollup))
    assert [t["code"] for t in data["targets"]] == [t.code for t in rollup.targets]
    assert data["plan"]["status"] == rollup.plan.status.name


def test_report_content_json_round_trip(ledger: tz.Ledger) -> None:
    content = tz.report_content_from_json(
        '{"progress": [{"initiative": 1, "narrative": "一季度"}], '
        '"values": [{"target": "1.1", "value": "1.6万"}, {"target": "1.2", "stage": "已启动"}]}')
    # A value as a person wrote it is kept as written, and read against its target when filed.
    assert (content.values[0].value, content.values[0].text) == (None, "1.6万")
    again = tz.report_content_from_json(tz.report_content_to_json(content))
    assert again == content
    filed = ledger.file(tz.Actor("health"), tz.ReportKey(PLAN, "health", "2021Q1"), content)
    value = filed.content.values[0]
    assert (value.value, value.text) == (16000, "")  # 1.1 counts 名: 1.6万 is 16000


def test_csv_is_read_in_gbk_and_imported(ledger: tz.Ledger, tmp_path: pathlib.Path) -> None:
    text = "单位,报告期,目标,数值,进展情况\n区卫健局,2021Q1,1.1,４５００,一季度筛查\n"
    path = tmp_path / "health.csv"
    path.write_bytes(text.encode("gbk"))
    clerk = tz.Actor("health", tz.ActorRole.reporter)
    reading = tz.read_progress_csv(clerk, ledger.plan(PLAN), path.read_bytes())
    assert reading.encoding == tz.TextEncoding.gb18030 and reading.problems == []
    imported = ledger.import_csv(clerk, PLAN, path)
    assert len(imported.filings) == 1
    report = ledger.report(tz.ReportKey(PLAN, "health", "2021Q1"))
    assert report is not None and report.content.values[0].value == 4500


def test_a_workbook_is_read_and_imported_like_the_csv(ledger: tz.Ledger,
                                                      tmp_path: pathlib.Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["单位", "报告期", "目标", "数值", "进展情况"])
    sheet.append(["区卫健局", "2021Q1", "1.1", 4500, "一季度筛查"])
    path = tmp_path / "health.xlsx"
    book.save(path)
    clerk = tz.Actor("health", tz.ActorRole.reporter)
    reading = tz.read_progress_xlsx(clerk, ledger.plan(PLAN), path.read_bytes(), str(path))
    assert reading.encoding == tz.TextEncoding.xlsx and reading.problems == []
    assert reading.filings[0].content.values[0].value == 4500
    imported = ledger.import_csv(clerk, PLAN, path)  # told apart from a CSV by its content
    assert len(imported.filings) == 1
    with pytest.raises(tz.ParseError, match="not an .xlsx file"):
        tz.read_progress_xlsx(clerk, ledger.plan(PLAN), b"PK\x03\x04 not a zip", "fake.xlsx")


def test_export_writes_everything(scripted: tz.Ledger, tmp_path: pathlib.Path) -> None:
    written = scripted.export(tmp_path / "export")
    names = {pathlib.Path(p).name for p in written}
    assert {"units.csv", "reports.json", "values.csv", f"{PLAN}.json"} <= names
    reports = json.loads((tmp_path / "export" / "reports.json").read_text(encoding="utf-8"))
    assert len(reports["reports"]) > 40
