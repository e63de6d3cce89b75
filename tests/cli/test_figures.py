"""Figures a county office can trust (issue 12): each silent trap, reproduced the way a county
office met it through the command line, now shows the right figure or a clear warning or refusal.
"""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest

from conftest import (ADMINISTRATOR, BAD_INPUT, COORDINATOR, LINZI, OK, PERMISSION, USAGE,
                      historic_import, run, run_bytes, status_json)

IMPORTED = "2021-03-01T09:00:00+08:00"


def target_of(status: dict, code: str) -> dict:
    return next(t for t in status["targets"] if t["code"] == code)


@pytest.fixture
def county(tmp_path: pathlib.Path) -> pathlib.Path:
    """A ledger with a county's plan made from the Linzi one, whose 5.1 is counted in 万元
    (120000万元) as many county notices write investment."""
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["code"] = "county-2021"
    for initiative in plan["initiatives"]:
        for target in initiative["targets"]:
            if target["code"] == "5.1":
                target["unit"] = "万元"
                target["value"] = "120000"
    path = tmp_path / "county.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    ledger = tmp_path / "county.db"
    historic_import(ledger)
    run("--ledger", ledger, *ADMINISTRATOR, "--recorded-at", IMPORTED, "plan", "import", path)
    return ledger


def clerk(ledger: pathlib.Path, unit: str, at: str, *args: str, expect: int | None = OK):
    return run("--ledger", ledger, "--as", unit, "--recorded-at", at, *args, expect=expect)


# ---- 1. 万 and 亿 on money targets are read once ----------------------------------------------

def test_wan_on_a_wanyuan_target_is_read_once(county: pathlib.Path) -> None:
    clerk(county, "law-enforcement", "2021-04-05T09:00:00+08:00", "report", "file", "--period",
          "2021Q1", "--value", "5.1=1500万")
    shown = run("--ledger", county, "--as", "law-enforcement", "report", "show", "--period",
                "2021Q1").stdout
    assert "1500万元" in shown and "15000000元" in shown  # counted, and as written
    clerk(county, "law-enforcement", "2021-07-05T09:00:00+08:00", "report", "file", "--period",
          "2021Q2", "--value", "5.1=0.15亿")
    assert target_of(status_json(county, "--as-of", "2021Q2"), "5.1")["actual"] == "3000"


def test_wan_on_a_yiyuan_target_no_longer_takes_the_plan_down(fresh_ledger: pathlib.Path) -> None:
    # The clerk means 3000万元 on a target counted in 亿元.
    clerk(fresh_ledger, "law-enforcement", "2021-04-05T09:00:00+08:00", "report", "file",
          "--period", "2021Q1", "--value", "5.1=3000万")
    status = status_json(fresh_ledger, "--as-of", "2021Q1")
    assert target_of(status, "5.1")["actual"] == "0.3"
    assert run("--ledger", fresh_ledger, "status", "--as-of", "2021Q1").returncode == OK


def test_a_value_that_reads_two_ways_is_refused_naming_both(county: pathlib.Path,
                                                            tmp_path: pathlib.Path) -> None:
    content = tmp_path / "q1.json"
    content.write_text(json.dumps({"values": [{"target": "5.1", "value": "1500万", "unit": "万元"}]},
                                  ensure_ascii=False), encoding="utf-8")
    result = clerk(county, "law-enforcement", "2021-04-05T09:00:00+08:00", "report", "file",
                   "--period", "2021Q1", "--from", content, expect=BAD_INPUT)
    assert "values[0].value" in result.stderr
    assert "15000000元" in result.stderr and "15000000万元" in result.stderr
    run("--ledger", county, "--as", "law-enforcement", "report", "show", "--period", "2021Q1",
        expect=5)  # nothing was filed


def test_one_absurd_figure_does_not_stop_the_status(fresh_ledger: pathlib.Path) -> None:
    # 1.1 is a sum over quarters: two near the largest decimal do not fit their sum.
    for period, at in (("2021Q1", "2021-04-05T09:00:00+08:00"),
                       ("2021Q2", "2021-07-05T09:00:00+08:00")):
        clerk(fresh_ledger, "health", at, "report", "file", "--period", period, "--value",
              "1.1=9000000000000000000")
    status = status_json(fresh_ledger, "--as-of", "2021Q2")
    assert "cannot be computed" in target_of(status, "1.1")["problem"]
    assert target_of(status, "1.1")["status"] == "no_data"
    table = run("--ledger", fresh_ledger, "status", "--as-of", "2021Q2").stdout
    assert "无法计算 1.1" in table


# ---- 2. absurd values are filed with a warning (需核实) ----------------------------------------

def test_an_absurd_value_is_filed_with_a_warning_and_marked_everywhere(
        fresh_ledger: pathlib.Path) -> None:
    # 20005 所 against a goal of 14 (2.4).
    result = clerk(fresh_ledger, "education-sports", "2021-04-05T09:00:00+08:00", "report",
                   "file", "--period", "2021Q1", "--value", "2.4=20005")
    assert "submitted" in result.stdout
    assert "需核实" in result.stderr and "20005所 is more than 10 times the goal 14所" in result.stderr
    inbox = run("--ledger", fresh_ledger, "report", "list").stdout
    assert "需核实 1 项" in inbox
    table = run("--ledger", fresh_ledger, "status", "--as-of", "2021Q1").stdout
    assert "需核实 2.4：education-sports 2021Q1" in table
    explained = run("--ledger", fresh_ledger, "explain", "2.4", "--as-of", "2021Q1").stdout
    assert "需核实" in explained


# ---- 3. drafts do not count ------------------------------------------------------------------

def test_a_draft_moves_no_figure_and_the_views_agree(fresh_ledger: pathlib.Path) -> None:
    clerk(fresh_ledger, "health", "2021-04-05T09:00:00+08:00", "report", "file", "--period",
          "2021Q1", "--value", "1.1=4500")
    clerk(fresh_ledger, "health", "2021-07-05T09:00:00+08:00", "report", "save", "--period",
          "2021Q2", "--value", "1.1=12000", "--progress", "1=草稿中的进展（示例）")
    query = ["--as-of", "2021Q2", "--today", "2021-07-20"]
    assert target_of(status_json(fresh_ledger, *query), "1.1")["actual"] == "4500"
    chase = run("--ledger", fresh_ledger, "chase", *query).stdout
    assert any(line.startswith("2021Q2  区卫健局（health）") and "未报" in line
               for line in chase.splitlines())
    form = run("--ledger", fresh_ledger, "form", "--period", "2021Q2", "--format", "md").stdout
    assert "草稿中的进展" not in form
    # Only the explicit preview counts it, and says so.
    preview = status_json(fresh_ledger, *query, "--include-drafts")
    assert target_of(preview, "1.1")["actual"] == "16500"
    assert "含草稿" in run("--ledger", fresh_ledger, "status", *query, "--include-drafts").stdout
    shown = run("--ledger", fresh_ledger, "form", "--period", "2021Q2", "--format", "md",
                "--include-drafts").stdout
    assert "草稿中的进展" in shown and "含草稿" in shown
    run("--ledger", fresh_ledger, "status", *query, "--include-drafts", "--accepted-only",
        expect=BAD_INPUT)


# ---- 4. a correction changes only what it names ----------------------------------------------

def test_a_correction_by_value_keeps_the_rest_and_replace_says_what_it_removes(
        fresh_ledger: pathlib.Path) -> None:
    clerk(fresh_ledger, "health", "2021-04-05T09:00:00+08:00", "report", "file", "--period",
          "2021Q1", "--value", "1.1=4500", "--stage", "1.2=已启动", "--progress",
          "1=一季度筛查4500人（示例）")
    run("--ledger", fresh_ledger, *COORDINATOR, "--recorded-at", "2021-04-12T09:00:00+08:00",
        "report", "accept", "--unit", "health", "--period", "2021Q1")
    result = clerk(fresh_ledger, "health", "2021-04-20T09:00:00+08:00", "report", "correct",
                   "--period", "2021Q1", "--value", "1.1=4550", "--reason", "录入错误（示例）")
    assert result.stderr == ""
    shown = run("--ledger", fresh_ledger, "--as", "health", "report", "show", "--period",
                "2021Q1").stdout
    assert "4550名" in shown and "已启动" in shown and "一季度筛查4500人（示例）" in shown
    # The form row of the quarter is not blank.
    form = run("--ledger", fresh_ledger, "form", "--unit", "health", "--period", "2021Q1",
               "--format", "md").stdout
    assert "一季度筛查4500人（示例）" in form
    # The revision before, as it was.
    before = json.loads(run("--ledger", fresh_ledger, "--as", "health", "report", "show",
                            "--period", "2021Q1", "--revision", "1", "--format", "json").stdout)
    assert before["values"][0] == {"target": "1.1", "value": "4500"}
    # Replacing the whole content is explicit, and warns what it removes.
    run("--ledger", fresh_ledger, *COORDINATOR, "--recorded-at", "2021-04-21T09:00:00+08:00",
        "report", "accept", "--unit", "health", "--period", "2021Q1")
    result = clerk(fresh_ledger, "health", "2021-04-22T09:00:00+08:00", "report", "correct",
                   "--period", "2021Q1", "--value", "1.1=4600", "--replace", "--reason",
                   "整表重报（示例）")
    assert "the replacement removes the value of target 1.2 (已启动)" in result.stderr
    assert "the replacement removes the narrative of initiative 1" in result.stderr


def test_resubmitting_a_returned_report_keeps_what_was_there(fresh_ledger: pathlib.Path) -> None:
    clerk(fresh_ledger, "health", "2021-04-05T09:00:00+08:00", "report", "file", "--period",
          "2021Q1", "--value", "1.1=4500", "--progress", "1=筛查（示例）")
    run("--ledger", fresh_ledger, *COORDINATOR, "--recorded-at", "2021-04-12T09:00:00+08:00",
        "report", "return", "--unit", "health", "--period", "2021Q1", "--reason", "请核对（示例）")
    clerk(fresh_ledger, "health", "2021-04-13T09:00:00+08:00", "report", "file", "--period",
          "2021Q1", "--value", "1.1=4400")
    shown = run("--ledger", fresh_ledger, "--as", "health", "report", "show", "--period",
                "2021Q1").stdout
    assert "4400名" in shown and "筛查（示例）" in shown


# ---- 5. who must report, and what missing means ---------------------------------------------

def test_the_inbox_lists_what_awaits_the_office_first(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "report", "list", "--today", "2022-01-15").stdout
    lines = out.splitlines()
    assert lines[0].split() == ["报告期", "单位", "状态", "修订", "首次报送", "距今天数", "需核实"]
    assert lines[1].split()[:3] == ["2021Q4", "区科协", "待审核"]  # submitted first
    assert lines[2].split()[:3] == ["2021Q4", "区残联", "已退回"]
    assert lines[3].split()[:3] == ["2021Q3", "区总工会", "草稿"]
    raw = run_bytes("--ledger", scripted_ledger, "report", "list", "--status", "待审核",
                    "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["period"], r["unit"], r["status"]) for r in rows] == [
        ("2021Q4", "science-association", "submitted")]
    listed = json.loads(run("--ledger", scripted_ledger, "report", "list", "--unit", "health",
                            "--format", "json").stdout)
    assert [r["period"] for r in listed] == ["2021Q1", "2021Q2", "2021Q3", "2021Q4"]
    run("--ledger", scripted_ledger, "report", "list", "--status", "pending", expect=USAGE)


def test_chasing_names_omitted_and_returned_reports(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "chase", "--as-of", "2021Q4", "--today",
              "2022-01-15").stdout
    assert "区妇联（women-federation）           漏报 280 天" in out
    assert "区残联（disabled-federation）        退回未改 3 天" in out
    assert "未报 204 天" not in out


# ---- 8. who acts ----------------------------------------------------------------------------

def test_an_unknown_role_or_unit_is_refused_with_its_exit_code(fresh_ledger: pathlib.Path,
                                                               tmp_path: pathlib.Path) -> None:
    result = run("--ledger", fresh_ledger, "--as", "health", "--role", "superuser", "report",
                 "file", "--period", "2021Q1", "--value", "1.1=1", expect=USAGE)
    assert "--role must be reporter, coordinator or administrator" in result.stderr
    result = run("--ledger", fresh_ledger, "--role", "superuser", "status", expect=USAGE)
    assert "superuser" in result.stderr
    plan = tmp_path / "plan.json"
    plan.write_text(run("--ledger", fresh_ledger, "plan", "export").stdout, encoding="utf-8")
    edited = json.loads(plan.read_text(encoding="utf-8"))
    edited["title"] = "被篡改的标题（示例）"
    plan.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    result = run("--ledger", fresh_ledger, "--as", "attacker", "--role", "administrator", "plan",
                 "update", plan, "--reason", "x", expect=PERMISSION)
    assert '"attacker" is not a unit of the ledger\'s catalogue' in result.stderr
    assert json.loads(run("--ledger", fresh_ledger, "plan", "export").stdout)["title"] != \
        "被篡改的标题（示例）"


# ---- CSV: the same rules, each problem and warning by row ------------------------------------

def test_csv_import_reads_wan_once_and_warns_by_row(county: pathlib.Path,
                                                    tmp_path: pathlib.Path) -> None:
    path = tmp_path / "law.csv"
    path.write_text("单位,报告期,目标,数值\n区综合行政执法局,2021Q1,5.1,1500万\n"
                    "区综合行政执法局,2021Q1,5.2,500\n", encoding="utf-8")
    result = run("--ledger", county, "--as", "law-enforcement", "--recorded-at",
                 "2021-04-05T09:00:00+08:00", "import-csv", path)
    assert "row 3, column 数值: warning: 需核实" in result.stderr
    assert target_of(status_json(county, "--as-of", "2021Q1"), "5.1")["actual"] == "1500"
