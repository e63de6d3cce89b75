"""Messages in Chinese by default and in English when asked, as an office's clerks see them.

The other CLI tests assert English (they run with LANGUAGE=en); these run as a Chinese desktop
does (LC_ALL=zh_CN.UTF-8) and check what the clerk reads.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

from conftest import (CLI, CONFLICT, LINZI, OK, PERMISSION, USAGE, run)

BAD_INPUT = 3
COORDINATOR_ZH = ["--as", "women-children-centre", "--role", "coordinator"]


def broken_plan(tmp_path: pathlib.Path) -> pathlib.Path:
    """The Linzi plan with one structural problem and three of the model's rules broken."""
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["year"] = "2021"                                      # a string, not a number
    plan["initiatives"][1]["targets"][1]["colour"] = "red"     # a key the format lacks
    plan["initiatives"][1]["targets"][1]["unit"] = "斤"        # no such unit of measure
    plan["initiatives"][2]["assignments"][0]["unit"] = "helth"  # no such unit
    path = tmp_path / "计划.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def test_plan_problems_come_in_one_round_in_chinese_at_the_place_people_see(
        tmp_path: pathlib.Path) -> None:
    result = run("plan", "validate", broken_plan(tmp_path), expect=BAD_INPUT, lang="zh")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("taizhang: 数据有误: ") and lines[0].endswith("4个错误")
    assert lines[1:] == [
        "错误：年度：应为整数，而不是字符串（year）",
        "错误：实事二 第2项目标（2.2） colour：不认识的键“colour”（initiatives[1].targets[1].colour）",
        "错误：实事二 第2项目标（2.2） 计量单位：“斤”不是已知的计量单位"
        "（initiatives[1].targets[1].unit）",
        "错误：实事三 第1个责任单位：“helth”不是本计划的单位（initiatives[2].assignments[0].unit）",
    ]


def test_english_when_asked_by_option_or_environment(tmp_path: pathlib.Path) -> None:
    plan = broken_plan(tmp_path)
    by_option = run("--lang", "en", "plan", "validate", plan, expect=BAD_INPUT, lang="zh")
    assert by_option.stderr.splitlines()[0].endswith(": 4 errors")
    assert ('error: initiatives[1].targets[1].unit: "斤" is not a known unit of measure'
            in by_option.stderr)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "en_US.UTF-8"
    by_environment = subprocess.run([str(CLI), "plan", "validate", str(plan)], env=env,
                                    capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert by_environment.returncode == BAD_INPUT
    assert by_environment.stderr == by_option.stderr
    wrong = run("--lang", "fr", "status", expect=USAGE, lang="zh")
    assert wrong.stderr == "taizhang: --lang 只能是 zh 或 en，不能是“fr”\n"


def test_help_is_chinese_and_never_cuts_a_character() -> None:
    out = run("--help", lang="zh").stdout
    assert "用法：taizhang [全局选项] 命令 [选项]" in out
    assert "全局选项：" in out and "退出码：0 完成" in out
    assert "\\x" not in out  # Boost's own wrapping cut UTF-8 apart: shown escaped
    for line in out.splitlines():
        line.encode("utf-8")
    sub = run("report", "file", "--help", lang="zh").stdout
    assert "taizhang report file 的选项：" in sub and "全局选项（也可写在命令之前）：" in sub


def test_a_clerk_reads_refusals_and_the_lifecycle_in_chinese(fresh_ledger: pathlib.Path) -> None:
    ledger: list[object] = ["--ledger", fresh_ledger]
    clerk = ["--as", "health", "--role", "reporter", "--person", "王芳"]
    filed = run(*ledger, *clerk, "--recorded-at", "2021-04-05T09:00:00+08:00", "report", "file",
                "--period", "2021Q1", "--value", "1.1=45000", lang="zh")
    assert filed.stdout == ("linzi-2021-women-children/health/2021Q1：待审核"
                            "（第2次修订，2021年4月5日 09:00）\n")
    again = run(*ledger, *clerk, "report", "submit", "--period", "2021Q1", expect=CONFLICT,
                lang="zh")
    assert "操作冲突" in again.stderr and "已经是待审核状态" in again.stderr
    other = run(*ledger, "--as", "finance", "--role", "reporter", "--person", "李明", "report",
                "file", "--unit", "health", "--period", "2021Q1", "--value", "1.1=1",
                expect=PERMISSION, lang="zh")
    assert "无权操作" in other.stderr
    assert "“finance”的填报人不能填写“health”的报告" in other.stderr
    office = run(*ledger, *COORDINATOR_ZH, "--person", "赵敏", "report", "return", "--unit",
                 "health", "--period", "2021Q1", expect=USAGE, lang="zh")
    assert "缺少 --reason" in office.stderr
    # The same refusal, asked in English, keeps its stable wording.
    english = run("--lang", "en", *ledger, *clerk, "report", "submit", "--period", "2021Q1",
                  expect=CONFLICT, lang="zh")
    assert "is already submitted" in english.stderr
    assert OK == 0
