"""The `taizhang` command line end to end, as a user runs it: help, exit codes, messages on
standard error, and every read command on the scripted year (SAMPLE DATA)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import pathlib
import re
import sqlite3
import subprocess
import unicodedata

import pytest

from conftest import (ADMINISTRATOR, BAD_INPUT, CHECK_FAILED, CLI, CONFLICT, COORDINATOR, LINZI,
                      NOT_FOUND, OK, PERMISSION, PLAN, STORAGE, USAGE, copy_ledger, load_script,
                      run, run_bytes, status_json)

COMMANDS = [
    "init", "plan import", "plan update", "plan export", "plan show", "plan history", "plan diff",
    "plan validate", "plan draft", "plan assign", "plan set", "plan stages", "plan settings",
    "unit list", "unit add", "unit rename",
    "report file", "report save", "report submit", "report withdraw", "report accept",
    "report return",
    "report correct", "report show", "report list", "report history", "status", "explain", "chase",
    "form", "import-csv", "template", "import", "key new", "key id", "identity add", "identity grant", "identity revoke",
    "identity rotate", "identity list", "import begin", "import end", "export", "verify", "backup",
]


def display_width(text: str) -> int:
    """Columns on a CJK terminal, as the status table counts them (“ and ” are wide too)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" or c in "“”" else 1 for c in text)


# ---- help and usage ------------------------------------------------------------------------------


def test_the_overview_lists_every_command_and_the_exit_codes() -> None:
    out = run("--help").stdout
    listed = re.findall(r"^  (\S+(?: \S+)?)\s{2,}\S", out.split("commands:")[1].split("\n\n")[0],
                        re.M)
    assert listed == COMMANDS
    for option in ("--ledger", "--plan", "--as", "--role", "--person", "--recorded-at", "--key"):
        assert option in out
    assert "exit codes: 0 done, 1 check failed, 2 usage, 3 bad input, 4 permission denied" in out
    assert "5 not found, 6 conflict, 7 storage or file error" in out
    assert run("--version").stdout.startswith("taizhang ")


def test_no_command_is_wrong_usage_with_the_overview_on_stderr() -> None:
    result = run(expect=USAGE)
    assert result.stdout == "" and "usage: taizhang [global options] COMMAND" in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_help(command: str) -> None:
    result = run(*command.split(), "--help")
    assert result.stderr == ""
    first, rest = result.stdout.split("\n", 1)
    assert first.startswith(f"taizhang {command} — ")
    assert f"Options of taizhang {command}:" in rest
    assert "-h [ --help ]" in rest
    # The actor and the ledger may be given after the command too.
    assert "Global options (also before the command):" in rest
    for option in ("--as arg", "--role arg", "--ledger ] arg"):
        assert option in rest


def test_command_help_documents_its_options() -> None:
    file_help = run("report", "file", "--help").stdout
    for option in ("--unit", "--period", "--from", "--value", "--stage", "--comment",
                   "--evidence", "--progress", "--completion"):
        assert option in file_help
    assert "--reason" in run("report", "correct", "--help").stdout
    assert "--reason" not in file_help
    status_help = run("status", "--help").stdout
    for option in ("--as-of", "--today", "--as-recorded-at", "--accepted-only", "--format",
                   "--output", "--width"):
        assert option in status_help
    form_help = run("form", "--help").stdout
    assert "xlsx, csv, md or html" in form_help
    csv_help = run("import-csv", "--help").stdout
    assert "--partial" in csv_help and "--dry-run" in csv_help and "GBK" in csv_help


@pytest.mark.parametrize("args, says", [
    (["frobnicate"], 'unknown command "frobnicate"'),
    (["status", "--bogus"], "unrecognised option '--bogus'"),
    (["--as", "health", "report", "file", "--value", "1.1=5"], "--period is required"),
    (["report", "file", "--period", "2021Q1", "--value", "1.1=5"], "--as UNIT"),
    (["--as", "health", "--role", "chief", "report", "file", "--period", "2021Q1"],
     '--role must be reporter, coordinator or administrator, not "chief"'),
    (["--as", "health", "report", "file", "--period", "2021Q1", "--value", "1.1"],
     '--value takes KEY=VALUE, not "1.1"'),
    (["status", "--format", "pdf"], '--format must be table, json or html, not "pdf"'),
    (["chase", "--format", "json"], '--format must be table or csv, not "json"'),
    (["--as", "health", "report", "history", "--period", "2021Q1", "--format", "csv"],
     '--format must be table or json, not "csv"'),
    (["form", "--period", "2021Q1"], "an xlsx form needs --output FILE"),
    (["form", "--period", "2021Q1", "--format", "docx"], "--format must be xlsx, csv, md or html"),
    ([*COORDINATOR, "report", "accept", "--period", "2021Q1"], "--unit is required"),
    ([*COORDINATOR, "report", "return", "--unit", "health", "--period", "2021Q1"],
     "--reason is required"),
    (["report", "accept", "--unit", "health", "--period", "2021Q1"], "--as UNIT"),
])
def test_wrong_usage_exits_2_and_says_why_on_stderr(scripted_ledger: pathlib.Path,
                                                     args: list[str], says: str) -> None:
    result = run("--ledger", scripted_ledger, *args, expect=USAGE)
    assert says in result.stderr
    assert result.stdout == ""


def test_a_wrong_option_shows_the_commands_options(scripted_ledger: pathlib.Path) -> None:
    result = run("--ledger", scripted_ledger, "chase", "--colour", expect=USAGE)
    assert result.stderr.startswith("taizhang chase: ")
    assert "Options of taizhang chase:" in result.stderr and "--format" in result.stderr


# ---- bad input, permission, not found, conflict, storage ----------------------------------------


@pytest.mark.parametrize("args, says", [
    (["--as", "health", "report", "file", "--period", "2021Q9", "--value", "1.1=5"],
     'parse: --period 2021Q9: "2021Q9" is not a period'),
    (["--as", "health", "report", "file", "--period", "2021Q2", "--value", "1.1=abc"],
     'values[0].value: target 1.1 is counted in 名: cannot read "abc"'),
    (["--as", "health", "report", "file", "--period", "2021Q2", "--completion", "1=2021-02-30"],
     "parse: --completion 1=2021-02-30:"),
    (["status", "--today", "2021-13-01"], "parse: --today 2021-13-01:"),
    (["status", "--as-of", "2021-07"], "2021-07"),
    (["--recorded-at", "yesterday", "--as", "health", "report", "file", "--period", "2021Q2"],
     "parse: --recorded-at yesterday:"),
])
def test_bad_input_exits_3_naming_the_field(fresh_ledger: pathlib.Path, args: list[str],
                                             says: str) -> None:
    result = run("--ledger", fresh_ledger, *args, expect=BAD_INPUT)
    assert says in result.stderr and result.stdout == ""


def test_bad_report_json_names_the_file_and_the_place(fresh_ledger: pathlib.Path,
                                                      tmp_path: pathlib.Path) -> None:
    broken = tmp_path / "q2.json"
    broken.write_text('{"values": [\n  {"target": "1.1", "value": "4800"},\n', encoding="utf-8")
    result = run("--ledger", fresh_ledger, "--as", "health", "report", "file", "--period",
                 "2021Q2", "--from", broken, expect=BAD_INPUT)
    assert f"parse: {broken}:3:1: malformed JSON" in result.stderr

    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps({"values": [{"target": "1.1", "value": "4800", "valeu": "1"}],
                                   "progres": []}), encoding="utf-8")
    result = run("--ledger", fresh_ledger, "--as", "health", "report", "file", "--period",
                 "2021Q2", "--from", unknown, expect=BAD_INPUT)
    assert f"validation: {unknown}: 2 errors" in result.stderr
    assert 'progres: unknown key "progres"' in result.stderr
    assert 'values[0].valeu: unknown key "valeu"' in result.stderr

    # A value the plan refuses: the report and the field are named.
    result = run("--ledger", fresh_ledger, "--as", "health", "report", "file", "--period",
                 "2021Q2", "--from", "-", input='{"values": [{"target": "1.2", "stage": "快好了"}]}',
                 expect=BAD_INPUT)
    assert f"{PLAN}/health/2021Q2" in result.stderr
    assert 'values[0].stage: "快好了" is not a stage of target 1.2' in result.stderr

    # A float would not stay exact: refused with its line and column.
    result = run("--ledger", fresh_ledger, "--as", "health", "report", "file", "--period",
                 "2021Q2", "--from", "-", input='{"values": [{"target": "1.1", "value": 4.5}]}',
                 expect=BAD_INPUT)
    assert "<stdin>:1:" in result.stderr and "decimals as strings" in result.stderr
    assert run("--ledger", fresh_ledger, "--as", "health", "report", "history", "--period",
               "2021Q2", expect=NOT_FOUND).stderr.startswith("taizhang: not_found: ")


def test_a_bad_plan_file_is_named(tmp_path: pathlib.Path) -> None:
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["initiatives"][0]["targets"][0]["value"] = "-5"
    bad = tmp_path / "bad-plan.json"
    bad.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = run("plan", "validate", bad, expect=CHECK_FAILED)
    assert f"{bad}: error: initiatives[0].targets[0].value" in result.stderr
    assert result.stdout.startswith(f"{bad}: 1 errors")
    assert run("plan", "validate", LINZI).stdout.startswith(f"{LINZI}: valid (10 initiatives)")

    result = run("--ledger", tmp_path / "new.db", *ADMINISTRATOR, "plan", "import", bad,
                 expect=BAD_INPUT)
    assert "initiatives[0].targets[0].value" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{\n  \"code\": \n}", encoding="utf-8")
    result = run("plan", "show", broken, expect=BAD_INPUT)
    assert f"{broken}:3:1" in result.stderr


def test_permission_denied_exits_4(scripted_copy: pathlib.Path) -> None:
    ledger = ["--ledger", scripted_copy]
    # A reporter may not accept, and may not file another unit's report.
    result = run(*ledger, "--as", "health", "report", "accept", "--unit", "health", "--period",
                 "2021Q4", expect=PERMISSION)
    assert result.stderr.startswith("taizhang: permission_denied: ")
    run(*ledger, "--as", "health", "report", "file", "--unit", "finance", "--period", "2021Q4",
        "--progress", "1=代报", expect=PERMISSION)
    # Nor report on an initiative its unit is not assigned to.
    result = run(*ledger, "report", "file", "--as", "trade-union", "--period", "2021Q3",
                 "--progress", "3=美学", expect=PERMISSION)
    assert "is not assigned to initiative 3" in result.stderr
    # Only an administrator changes the plan.
    exported = scripted_copy.parent / "plan.json"
    run(*ledger, "plan", "export", "-o", exported)
    run(*ledger, *COORDINATOR, "plan", "update", exported, "--reason", "试试", expect=PERMISSION)


def test_not_found_exits_5(scripted_ledger: pathlib.Path) -> None:
    ledger = ["--ledger", scripted_ledger]
    assert 'there is no plan "nope"' in run(*ledger, "--plan", "nope", "status",
                                            expect=NOT_FOUND).stderr
    assert "9.9" in run(*ledger, "explain", "9.9", "--as-of", "2021Q3", expect=NOT_FOUND).stderr
    result = run(*ledger, "--as", "health", "report", "history", "--period", "2022Q1",
                 expect=NOT_FOUND)
    assert f"nothing has been filed for {PLAN}/health/2022Q1" in result.stderr
    result = run(*ledger, "form", "--unit", "nobody", "--period", "2021Q1", "--format", "md",
                 expect=NOT_FOUND)
    assert '"nobody"' in result.stderr


def test_conflicts_exit_6(scripted_copy: pathlib.Path) -> None:
    ledger = ["--ledger", scripted_copy]
    result = run(*ledger, *ADMINISTRATOR, "plan", "import", LINZI, expect=CONFLICT)
    assert f'plan "{PLAN}" is already in the ledger' in result.stderr
    # science-association's 2021Q4 report is submitted, never accepted: not open for filing.
    result = run(*ledger, "--as", "science-association", "report", "file", "--period", "2021Q4",
                 "--value", "8.1=1", expect=CONFLICT)
    assert "science-association/2021Q4 is submitted" in result.stderr
    run(*ledger, *COORDINATOR, "report", "accept", "--unit", "health", "--period", "2021Q1",
        expect=CONFLICT)


def test_files_that_cannot_be_used_exit_7(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "missing.db"
    result = run("--ledger", missing, "status", expect=STORAGE)
    assert str(missing) in result.stderr and not missing.exists()
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a ledger at all, just some text " * 200)
    assert str(garbage) in run("--ledger", garbage, "verify", expect=STORAGE).stderr
    result = run("--ledger", missing, "--as", "health", "report", "file", "--period", "2021Q1",
                 "--from", tmp_path / "nope.json", expect=STORAGE)
    assert f"io: {tmp_path / 'nope.json'}: cannot open: No such file or directory" in result.stderr


def test_the_ledger_defaults_to_the_environment(scripted_ledger: pathlib.Path,
                                                tmp_path: pathlib.Path) -> None:
    env = {**os.environ, "TAIZHANG_LEDGER": str(scripted_ledger), "LC_ALL": "C.UTF-8",
           "LANGUAGE": "en"}
    result = subprocess.run([str(CLI), "verify"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == OK and result.stdout.startswith("ok: ")
    # Without it, taizhang.db of the working directory.
    env.pop("TAIZHANG_LEDGER")
    result = subprocess.run([str(CLI), "verify"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=60)
    assert result.returncode == STORAGE and "taizhang.db" in result.stderr


# ---- the actor and the record --------------------------------------------------------------------


def test_the_actor_is_recorded_with_its_role_and_person(fresh_ledger: pathlib.Path) -> None:
    ledger = ["--ledger", fresh_ledger]
    # Global options before or after the command.
    out = run(*ledger, "--recorded-at", "2021-04-06T09:00:00+08:00", "report", "save",
              "--as", "health", "--person", "张三（示例）", "--period", "2021Q1",
              "--value", "1.1=4,500", "--stage", "1.2=已启动", "--progress", "1=启动（示例）",
              "--completion", "1=2021-12-31").stdout
    assert out == f"{PLAN}/health/2021Q1: draft (revision 1, 2021年4月6日 09:00)\n"
    run(*ledger, "--as", "health", "--recorded-at", "2021-04-07T09:00:00+08:00", "report",
        "submit", "--period", "2021Q1")
    run(*ledger, *COORDINATOR, "--person", "李四（示例）", "--recorded-at",
        "2021-04-12T09:00:00+08:00", "report", "return", "--unit", "health", "--period", "2021Q1",
        "--reason", "请补充佐证（示例）")
    history = json.loads(run(*ledger, "--as", "health", "report", "history", "--period",
                             "2021Q1", "--format", "json").stdout)
    assert [(r["action"], r["status"], r["actor"]["role"], r["actor"]["person"])
            for r in history["revisions"]] == [
        ("saved", "draft", "reporter", "张三（示例）"),
        ("submitted", "submitted", "reporter", ""),
        ("returned", "returned", "coordinator", "李四（示例）"),
    ]
    assert history["revisions"][2]["reason"] == "请补充佐证（示例）"
    assert history["first_submitted"] == "2021-04-07T01:00:00.000Z"
    assert history["revisions"][0]["content"] == {
        "progress": [{"initiative": 1, "narrative": "启动（示例）",
                      "expected_completion": "2021-12-31"}],
        "values": [{"target": "1.1", "value": "4500"}, {"target": "1.2", "stage": "已启动"}],
    }


# ---- the scripted year: read commands ------------------------------------------------------------


def test_the_scripted_year_replayed_through_the_command_line(scripted_ledger: pathlib.Path) -> None:
    assert len(load_script()["events"]) == 73
    out = run("--ledger", scripted_ledger, "verify").stdout
    assert re.fullmatch(r"ok: \d+ revisions, 2 plan versions, \d+ registry events, 0 signatures "
                        r"\(unsigned: who acted is as declared\); integrity ok\nhead [0-9a-f]{64}\n", out)
    history = json.loads(run("--ledger", scripted_ledger, "--as", "propaganda", "report",
                             "history", "--period", "2021Q1", "--format", "json").stdout)
    assert [r["action"] for r in history["revisions"]] == [
        "saved", "submitted", "returned", "saved", "resubmitted", "accepted"]
    assert history["revisions"][2]["reason"] == "3.6为累计数，请填报累计创建总数（示例）"
    # Each revision stamped with its event's time (--recorded-at), in UTC.
    stamps = []
    for e in load_script()["events"]:
        if e.get("period") == "2021Q1" and "propaganda" in [e.get("unit"), *e.get("units", [])]:
            at = datetime.datetime.fromisoformat(e["at"]).astimezone(datetime.timezone.utc)
            stamps += [at.strftime("%Y-%m-%dT%H:%M:%S.000Z")] * (2 if e["action"] == "file" else 1)
    assert [r["recorded_at"] for r in history["revisions"]] == stamps


def test_status_table(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "status", "--as-of", "2021Q3").stdout
    lines = out.splitlines()
    assert lines[0] == "2021年为全区妇女儿童办实事 · 截至2021年第三季度 · 判定日 2021-09-30"
    assert lines[1] == "全部目标加权完成率 55.4%，应完成 75.0%，有风险"
    assert "\x1b[" not in out  # not a terminal: no colours
    assert all(display_width(line) <= 100 for line in lines), max(lines, key=display_width)
    row = next(line for line in lines if line.lstrip().startswith("1.1 "))
    assert row.split()[-5:] == ["14175名", "18000名", "78.8%", "75.0%", "进度正常"]
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    for initiative in plan["initiatives"]:
        assert any(initiative["title"] in line for line in lines)
        for target in initiative["targets"]:
            assert any(line.startswith(f"  {target['code']} ") for line in lines), target["code"]
    assert lines[2] == "计入已报送和已审核的报告，不含草稿"
    assert "定期调度（迟报、未报、漏报、退回未改）：2 项" in out
    assert "  2021Q1  区妇联             漏报 实事九 173 天（应于 2021-04-10）" in out
    assert "  2021Q2  区综合行政执法局   迟报 4 天（应于 2021-07-10）" in out
    wide = run("--ledger", scripted_ledger, "status", "--as-of", "2021Q3", "--width", "140")
    assert max(map(display_width, wide.stdout.splitlines())) == 140  # the rule under the head
    assert "“两癌”免费检查" in wide.stdout


def test_status_json(scripted_ledger: pathlib.Path) -> None:
    q3 = status_json(scripted_ledger, "--as-of", "2021Q3")
    assert q3["query"] == {"plan": PLAN, "as_of": "2021Q3", "recorded_at": None,
                           "accepted_only": False, "include_drafts": False,
                           "today": "2021-09-30"}
    assert q3["plan_version"] == 2
    assert len(q3["targets"]) == 43 and [i["number"] for i in q3["initiatives"]] == list(
        range(1, 11))
    t = {x["code"]: x for x in q3["targets"]}
    assert (t["1.1"]["actual"], t["1.1"]["goal"], t["1.1"]["status"]) == ("14175", "18000",
                                                                        "on_track")
    assert t["1.1"]["completion"] == pytest.approx(0.7875)
    assert (t["5.1"]["actual"], t["5.1"]["goal"]) == ("8.6", "12")  # filed in 万元
    assert (t["4.1"]["baseline"], t["4.1"]["goal"]) == ("1200", "1320")
    assert [(c["unit"], c["compliance"], c["initiatives"]) for c in q3["chasing"]] == [
        ("women-federation", "omitted", [9]), ("law-enforcement", "late", [])]
    # Every unit that must report, every quarter: one compliance grid behind every view.
    assert len(q3["compliance"]) == 15 * 3
    # As the ledger stood before the correction of 2021-10-25, and the accepted content only.
    before = status_json(scripted_ledger, "--as-of", "2021Q3", "--as-recorded-at",
                         "2021-10-20T00:00:00+08:00")
    assert next(x for x in before["targets"] if x["code"] == "1.1")["actual"] == "11175"
    accepted = status_json(scripted_ledger, "--as-of", "2021Q4", "--accepted-only", "--today",
                           "2022-01-15")
    assert accepted["query"]["accepted_only"] is True
    assert next(x for x in accepted["targets"] if x["code"] == "8.1")["actual"] is None


def test_status_html_to_a_file(scripted_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    out = tmp_path / "dashboard.html"
    result = run("--ledger", scripted_ledger, "status", "--as-of", "2021Q3", "--format", "html",
                 "-o", out)
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "2021年第三季度" in html


def test_chase(scripted_ledger: pathlib.Path) -> None:
    query = ["--as-of", "2021Q4", "--today", "2022-01-15"]
    out = run("--ledger", scripted_ledger, "chase", *query).stdout
    assert out.splitlines() == [
        "2021Q1  区妇联（women-federation）           漏报 280 天    应于 2021-04-10  实事九",
        "2021Q2  区综合行政执法局（law-enforcement）  迟报 4 天      应于 2021-07-10",
        "2021Q3  区总工会（trade-union）              未报 97 天     应于 2021-10-10  实事六",
        "2021Q4  区残联（disabled-federation）        退回未改 3 天  应于 2022-01-10  实事四",
    ]
    raw = run_bytes("--ledger", scripted_ledger, "chase", *query, "--format", "csv").stdout
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    chasing = status_json(scripted_ledger, *query)["chasing"]
    assert [(r["period"], r["unit"], r["initiatives"], r["compliance"], r["due"],
             int(r["days_overdue"])) for r in rows] == [
        (c["period"], c["unit"], ";".join(map(str, c["initiatives"])), c["compliance"], c["due"],
         c["days_overdue"]) for c in chasing]
    assert rows[2]["unit_name"] == "区总工会"
    out = run("--ledger", scripted_ledger, "chase", "--as-of", "2021Q1", "--today",
              "2021-04-10").stdout
    assert out == "没有迟报、未报、漏报或退回未改的报告\n"


def test_explain(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "explain", "1.1", "--as-of", "2021Q3").stdout
    lines = out.splitlines()
    assert lines[0] == "target 1.1 as of 2021Q3"
    assert "rule 2 (sum of 1 contributing unit(s)): actual = 14175" in out
    assert "rule 5: tolerance 0.1, deadline 2021-12-31, today 2021-09-30 → on_track" in out
    inputs = [line for line in lines if line.startswith("  input: ")]
    assert inputs[-1] == (f"  input: {PLAN}/health/2021Q3 revision 4 (2021年10月25日 10:00, "
                          "health) 1.1 = 4875")
    # The disabled-federation's own 4.4 figures are inputs that do not count.
    out = run("--ledger", scripted_ledger, "explain", "4.4", "--as-of", "2021Q3").stdout
    assert "disabled-federation" in out and "[not counted]" in out
    out = run("--ledger", scripted_ledger, "explain", "initiative", "3", "--as-of",
              "2021Q3").stdout
    assert out.startswith("initiative 3 as of 2021Q3\n")
    assert out == run("--ledger", scripted_ledger, "explain", "initiative 3", "--as-of",
                      "2021Q3").stdout
    assert "the subject is required" in run("--ledger", scripted_ledger, "explain",
                                            expect=USAGE).stderr
    out = run("--ledger", scripted_ledger, "explain", "unit health", "--as-of", "2021Q3").stdout
    assert "rule 8: 2 due, 2 on time, 0 late (0 days), 0 missing, 0 omitted, 0 returned" in out


def test_history_table(scripted_ledger: pathlib.Path) -> None:
    out = run("--ledger", scripted_ledger, "--as", "health", "report", "history", "--period",
              "2021Q3").stdout
    lines = out.splitlines()
    assert lines[0] == f"{PLAN}/health/2021Q3"
    assert len(lines) == 6
    assert lines[4].startswith("  4  2021年10月25日 10:00  corrected → submitted  by reporter "
                               "health (卫健局填报员（示例）)  reason: 录入错误")
    assert lines[5].startswith("  5  2021年10月28日 10:00  accepted → accepted  by "
                               "coordinator women-children-centre")
    # A coordinator names the unit.
    same = run("--ledger", scripted_ledger, *COORDINATOR, "report", "history", "--unit", "health",
               "--period", "2021Q3").stdout
    assert same == out
    history = json.loads(run("--ledger", scripted_ledger, "--as", "health", "report", "history",
                             "--period", "2021Q3", "--format", "json").stdout)
    # The revision whose content was accepted (4, the correction), as Report::accepted_revision.
    assert history["status"] == "accepted" and history["accepted_revision"] == 4
    assert history["revisions"][3]["content"]["values"][0] == {"target": "1.1", "value": "4875"}
    assert all(re.fullmatch("[0-9a-f]{64}", r["hash"]) for r in history["revisions"])


def test_verify_finds_a_changed_value(scripted_copy: pathlib.Path) -> None:
    assert run("--ledger", scripted_copy, "verify").stdout.startswith("ok: ")
    with sqlite3.connect(scripted_copy) as db:
        trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = "
                             "'revision_values_no_update'").fetchone()[0]
        db.execute("DROP TRIGGER revision_values_no_update")
        db.execute("UPDATE revision_values SET value = '45000' WHERE target = '1.1' "
                   "AND value = '4500'")
        db.execute(trigger)
    db.close()
    result = run("--ledger", scripted_copy, "verify", expect=CHECK_FAILED)
    assert result.stdout.startswith("FAILED: ")
    # Every problem is named, one a line, with the record it is in.
    assert f"{scripted_copy}: " in result.stderr
    assert "of report linzi-2021-women-children/health/2021Q1" in result.stderr
    assert "no longer matches its hash" in result.stderr


def test_backup_is_a_ledger_with_the_same_figures(scripted_ledger: pathlib.Path,
                                                  tmp_path: pathlib.Path) -> None:
    backup = tmp_path / "backup.db"
    assert run("--ledger", scripted_ledger, "backup", backup).stdout == f"backed up to {backup}\n"
    assert run("--ledger", backup, "verify").stdout.startswith("ok: ")
    query = ["--as-of", "2021Q4", "--today", "2022-01-15"]
    assert status_json(backup, *query) == status_json(scripted_ledger, *query)
    run("--ledger", scripted_ledger, "backup", expect=USAGE)


def test_export(scripted_ledger: pathlib.Path, tmp_path: pathlib.Path) -> None:
    directory = tmp_path / "export"
    out = run("--ledger", scripted_ledger, "export", directory).stdout
    written = [line.removeprefix("wrote ") for line in out.splitlines()]
    assert sorted(pathlib.Path(p).relative_to(directory).as_posix() for p in written) == [
        f"plans/{PLAN}.history.json", f"plans/{PLAN}.json", "reports.json", "units.csv",
        "values.csv"]
    for name in ("units.csv", "values.csv"):
        assert (directory / name).read_bytes().startswith(b"\xef\xbb\xbf")
    with open(directory / "units.csv", encoding="utf-8-sig", newline="") as f:
        units = {row["code"]: row for row in csv.DictReader(f)}
    assert units["health"]["name"] == "区卫健局"
    with open(directory / "values.csv", encoding="utf-8-sig", newline="") as f:
        values = list(csv.DictReader(f))
    assert list(values[0]) == ["plan", "unit", "period", "target", "value", "stage", "status",
                               "revision", "recorded_at"]
    health_q3 = next(v for v in values
                     if (v["unit"], v["period"], v["target"]) == ("health", "2021Q3", "1.1"))
    assert health_q3["value"] == "4875" and health_q3["status"] == "accepted"
    reports = json.loads((directory / "reports.json").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == 15 * 4  # trade-union's 2021Q3 is a draft, never handed in
    history = json.loads((directory / "plans" / f"{PLAN}.history.json").read_text("utf-8"))
    assert [v["version"] for v in history["versions"]] == [1, 2]
    assert history["versions"][1]["reason"].startswith("区民政局提供")
    # The exported plan is a plan file: it validates, and is the ledger's current plan.
    exported = directory / "plans" / f"{PLAN}.json"
    run("plan", "validate", exported)
    assert exported.read_text("utf-8") == run("--ledger", scripted_ledger, "plan",
                                              "export").stdout


def test_plan_show_and_export_as_recorded(scripted_ledger: pathlib.Path) -> None:
    shown = run("--ledger", scripted_ledger, "plan", "show").stdout
    assert "继续实施“两癌”免费检查和救助行动" in shown
    assert shown == run("plan", "show", LINZI).stdout or "1200" in shown
    before = json.loads(run("--ledger", scripted_ledger, "plan", "export", "--as-recorded-at",
                            "2021-04-01T00:00:00+08:00").stdout)
    after = json.loads(run("--ledger", scripted_ledger, "plan", "export").stdout)

    def baseline(plan: dict, code: str) -> dict:
        return next(t for i in plan["initiatives"] for t in i["targets"]
                    if t["code"] == code)["baseline"]
    assert "value" not in baseline(before, "4.1") and baseline(after, "4.1")["value"] == "1200"


def test_init_creates_a_ledger(tmp_path: pathlib.Path) -> None:
    ledger = tmp_path / "new.db"
    out = run("--ledger", ledger, "init").stdout
    assert out.startswith(f"ledger {ledger} (schema version ") and out.endswith(", 0 plans)\n")
    assert "the ledger holds no plan" in run("--ledger", ledger, "status",
                                             expect=NOT_FOUND).stderr
    other = tmp_path / "other.db"
    out = run("--ledger", other, *ADMINISTRATOR, "init", "--plan-file", LINZI).stdout
    assert out.endswith(", 1 plans)\n")
    copy_ledger(other, tmp_path / "copy.db")
    assert run("--ledger", tmp_path / "copy.db", "verify").returncode == OK
