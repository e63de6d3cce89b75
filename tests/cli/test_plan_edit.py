"""Editing the plan without JSON: plan assign, plan set, plan stages, plan settings.

What a coordinating office does when a notice is revised: a unit joins an initiative, a target's
value changes, a milestone gets stages of its own. Each edit is a new plan version with its reason,
checked as `plan update` checks a file, and `plan history` and `plan diff` show it.
"""

from __future__ import annotations

import json
import pathlib

from conftest import (ADMINISTRATOR, BAD_INPUT, CONFLICT, COORDINATOR, NOT_FOUND, PERMISSION,
                      PLAN, USAGE, run)


def edit(ledger: pathlib.Path, *args: str, expect: int | None = 0, lang: str = "zh"):
    return run("--ledger", ledger, *ADMINISTRATOR, "plan", *args, expect=expect, lang=lang)


def versions(ledger: pathlib.Path) -> list[str]:
    return run("--ledger", ledger, "plan", "history", lang="zh").stdout.splitlines()


def exported(ledger: pathlib.Path) -> dict:
    plan: dict = json.loads(run("--ledger", ledger, "plan", "export").stdout)
    return plan


def target(plan: dict, code: str) -> dict:
    t: dict = next(t for i in plan["initiatives"] for t in i["targets"] if t["code"] == code)
    return t


def test_a_coordinator_revises_the_plan_and_history_and_diff_show_it(
        fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "assign", "2", "--co", "women-federation",
               "--reason", "区妇联加入实事二").stdout
    assert out.splitlines() == ["实事二 责任单位 增加 区妇联", f"计划 {PLAN} 现为第 2 版"]

    out = edit(fresh_ledger, "set", "2.1", "--value", "4", "--reason", "新增一所幼儿园").stdout
    assert "2.1 目标值 3所 → 4所" in out and "现为第 3 版" in out

    out = edit(fresh_ledger, "stages", "3.1", "--stage", "立项", "--stage", "开工",
               "--stage", "竣工", "--reason", "按工程节点调度").stdout
    assert out.splitlines()[0].startswith("3.1 节点 ")
    assert out.splitlines()[0].endswith("立项、开工、竣工")

    history = versions(fresh_ledger)
    assert len(history) == 4
    assert "首次导入" in history[0]
    assert "1 处改动" in history[1] and "区妇联加入实事二" in history[1]
    assert "新增一所幼儿园" in history[2] and "按工程节点调度" in history[3]

    diff = run("--ledger", fresh_ledger, "plan", "diff", "--from", "1", "--to", "2",
               lang="zh").stdout
    assert diff.splitlines() == ["实事二 责任单位 增加 区妇联"]
    assert run("--ledger", fresh_ledger, "plan", "diff", "--from", "2", "--to", "3",
               lang="zh").stdout.splitlines() == ["2.1 目标值 3所 → 4所"]

    plan = exported(fresh_ledger)
    assert target(plan, "2.1")["value"] == "4"
    assert [s["name"] for s in target(plan, "3.1")["stages"]] == ["立项", "开工", "竣工"]
    assert target(plan, "3.1")["stages"][-1]["share"] == "1"
    initiative = plan["initiatives"][1]
    assert {"unit": "women-federation", "role": "co_responsible"} in initiative["assignments"]


def test_the_same_edit_in_english(fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "set", "2.1", "--value", "4", "--reason", "revised",
               lang="en").stdout
    assert out.splitlines() == ["2.1 目标值 3所 → 4所", f"plan {PLAN} is now version 2"]


def test_a_mistyped_unit_says_which_it_means_and_records_nothing(
        fresh_ledger: pathlib.Path) -> None:
    result = edit(fresh_ledger, "assign", "2", "--co", "helth", "--reason", "x",
                  expect=NOT_FOUND)
    assert "单位“helth”不在单位目录中" in result.stderr
    assert "是不是 health（区卫健局）？" in result.stderr
    assert result.stdout == ""
    result = edit(fresh_ledger, "assign", "2", "--co", "no-such-bureau", "--reason", "x",
                  expect=NOT_FOUND, lang="en")
    assert 'the unit "no-such-bureau" is not in the catalogue (taizhang unit list' in result.stderr
    assert len(versions(fresh_ledger)) == 1


def test_a_unit_by_its_name_and_a_new_lead(fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "assign", "5", "--lead", "区财政局", "--reason", "改由财政牵头").stdout
    assert "实事五 牵头单位 区综合行政执法局 → 区财政局" in out
    assert "实事五 责任单位 增加 区财政局" in out
    assignments = exported(fresh_ledger)["initiatives"][4]["assignments"]
    assert assignments == [{"unit": "finance", "role": "lead"},
                           {"unit": "law-enforcement", "role": "co_responsible"}]


def test_removing_a_unit_and_setting_contributors(fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "assign", "1.1", "--contributor", "health",
               "--contributor", "women-federation", "--reason", "妇联筛查计入").stdout
    assert "1.1 计入单位" in out and "区卫健局、区妇联" in out
    # Taking a unit off the initiative takes it off its targets' contributors too.
    out = edit(fresh_ledger, "assign", "一", "--remove", "women-federation",
               "--reason", "妇联退出").stdout
    assert "实事一 责任单位 减少 区妇联" in out
    assert target(exported(fresh_ledger), "1.1")["contributors"] == ["health"]
    result = edit(fresh_ledger, "assign", "1", "--remove", "propaganda", "--reason", "x",
                  expect=NOT_FOUND)
    assert "propaganda 不是实事 1 的责任单位" in result.stderr


def test_the_plan_settings(fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "settings", "--due-days", "15", "--reporters", "leads",
               "--reason", "按区政府办要求调整").stdout
    assert "计划 报送期限 期末后10天 → 期末后15天" in out
    assert "计划 应报单位 assigned → leads" in out
    plan = exported(fresh_ledger)
    assert plan["report_due_days"] == 15
    result = edit(fresh_ledger, "settings", "--reporters", "everyone", "--reason", "x",
                  expect=USAGE, lang="en")
    assert '--reporters must be assigned, leads or contributors, not "everyone"' in result.stderr


def test_deadlines_of_a_target_and_an_initiative(fresh_ledger: pathlib.Path) -> None:
    out = edit(fresh_ledger, "set", "实事二", "--deadline", "2021-09-30", "--reason", "秋季开学前").stdout
    assert "实事二 完成时限 年内 → 2021年9月30日" in out
    out = edit(fresh_ledger, "set", "2.4", "--deadline", "2021-06-30", "--reason", "提前").stdout
    assert "2.4 完成时限 随实事 → 2021年6月30日" in out
    out = edit(fresh_ledger, "set", "2.4", "--deadline", "none", "--reason", "恢复").stdout
    assert "2.4 完成时限 2021年6月30日 → 随实事" in out


def test_what_is_refused_records_nothing(fresh_ledger: pathlib.Path) -> None:
    # A no-op is a conflict, as for plan update.
    result = edit(fresh_ledger, "assign", "1", "--lead", "health", "--reason", "x",
                  expect=CONFLICT)
    assert "没有任何改动" in result.stderr
    # The reason is required.
    result = edit(fresh_ledger, "set", "2.1", "--value", "4", expect=USAGE, lang="en")
    assert "--reason is required" in result.stderr
    # Only administrators edit the plan.
    run("--ledger", fresh_ledger, *COORDINATOR, "plan", "set", "2.1", "--value", "4",
        "--reason", "x", expect=PERMISSION)
    # A target that is not there, with the one most likely meant.
    result = edit(fresh_ledger, "set", "2.11", "--value", "4", "--reason", "x", expect=NOT_FOUND)
    assert "没有实事或目标“2.11”。是不是 2.1？" in result.stderr
    # A plan that breaks the rules: checked as plan update checks it.
    edit(fresh_ledger, "stages", "3.1", "--stage", "甲=0.5", "--stage", "乙=0.4",
         "--reason", "x", expect=BAD_INPUT)
    edit(fresh_ledger, "stages", "2.1", "--stage", "立项", "--reason", "x", expect=BAD_INPUT)
    edit(fresh_ledger, "set", "2.1", "--value", "四", "--reason", "x", expect=BAD_INPUT)
    # Options of the other kind of item.
    result = edit(fresh_ledger, "set", "2", "--value", "4", "--reason", "x", expect=USAGE)
    assert "--value 不适用于此处" in result.stderr
    edit(fresh_ledger, "assign", "2.1", "--lead", "health", "--reason", "x", expect=USAGE)
    result = edit(fresh_ledger, "assign", "2", "--reason", "x", expect=USAGE)
    assert "请说明要改什么：--lead, --co, --remove, --contributor" in result.stderr
    edit(fresh_ledger, "set", "2.1", "--reason", "x", expect=USAGE)
    edit(fresh_ledger, "settings", "--reason", "x", expect=USAGE)
    assert len(versions(fresh_ledger)) == 1


def test_stages_back_to_the_default(fresh_ledger: pathlib.Path) -> None:
    edit(fresh_ledger, "stages", "3.1", "--stage", "立项=0.3", "--stage", "完工=1",
         "--reason", "按工程节点调度")
    assert [s["share"] for s in target(exported(fresh_ledger), "3.1")["stages"]] == ["0.3", "1"]
    out = edit(fresh_ledger, "stages", "3.1", "--default", "--reason", "恢复默认").stdout
    assert "3.1 节点 立项、完工 →" in out
    assert "stages" not in target(exported(fresh_ledger), "3.1")


def test_a_unit_of_the_catalogue_the_plan_does_not_name_yet(fresh_ledger: pathlib.Path) -> None:
    run("--ledger", fresh_ledger, *ADMINISTRATOR, "unit", "add", "market", "区市场监管局")
    out = edit(fresh_ledger, "assign", "6", "--co", "market", "--reason", "市场监管局配合").stdout
    assert "单位 新增 区市场监管局（market）" in out
    assert "实事六 责任单位 增加 区市场监管局" in out
    assert {"unit": "market", "role": "co_responsible"} in exported(fresh_ledger)["initiatives"][5][
        "assignments"]


def test_the_baseline_a_rise_waited_for(fresh_ledger: pathlib.Path) -> None:
    """4.1 rises by 10 % over a 2020 standard the notice did not state; the civil affairs bureau
    supplies it, and the target's goal becomes known."""
    out = edit(fresh_ledger, "set", "4.1", "--baseline", "1200", "--baseline-date", "2020-12-31",
               "--baseline-note", "区民政局提供", "--reason", "区民政局提供2020年保障标准").stdout
    assert out.splitlines()[0] == "4.1 基数 （无） → 1200元"
    baseline = target(exported(fresh_ledger), "4.1")["baseline"]
    assert baseline == {"value": "1200", "date": "2020-12-31", "note": "区民政局提供"}
