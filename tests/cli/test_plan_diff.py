"""`taizhang plan history` and `plan diff`: what changed in the plan, in the words an office uses,
between versions in the ledger or from the ledger's plan to a draft file (issue 15)."""

from __future__ import annotations

import json
import pathlib
from typing import Any

from conftest import ADMINISTRATOR, LINZI, NOT_FOUND, run


def edited(tmp_path: pathlib.Path, name: str, edit: Any) -> pathlib.Path:
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    edit(plan)
    path = tmp_path / name
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


def next_version(plan: dict[str, Any]) -> None:
    two = plan["initiatives"][1]
    two["assignments"].append({"unit": "women-federation", "role": "co_responsible"})
    two["targets"][0]["value"] = "4"
    new = dict(two["targets"][0])
    new.update(code="2.9", description="新增普惠性学位（示例）", value="120", unit="个")
    new.pop("scope", None)
    two["targets"].append(new)
    plan["initiatives"][2]["title"] += "（修订）"


def test_a_plan_update_is_told_in_words(fresh_ledger: pathlib.Path,
                                        tmp_path: pathlib.Path) -> None:
    draft = edited(tmp_path, "v2.json", next_version)
    # Before it is recorded: the draft against the ledger's plan.
    before = run("--ledger", fresh_ledger, "plan", "diff", draft).stdout.splitlines()
    run("--ledger", fresh_ledger, *ADMINISTRATOR, "plan", "update", draft, "--reason",
        "区妇联加入实事二（示例）")
    after = run("--ledger", fresh_ledger, "plan", "diff").stdout.splitlines()
    assert before == after
    assert "实事二 责任单位 增加 区妇联" in after
    assert "2.1 目标值 3所 → 4所" in after
    assert "实事二 新增目标 2.9 新增普惠性学位（示例）" in after
    assert any(line.startswith("实事三 名称 ") and line.endswith("（修订）") for line in after)
    assert len(after) == 4

    history = run("--ledger", fresh_ledger, "plan", "history").stdout.splitlines()
    assert len(history) == 2
    assert history[0].startswith("版本 1 ") and "首次导入" in history[0]
    assert history[1].startswith("版本 2 ") and "4 处改动" in history[1]
    assert history[1].endswith("区妇联加入实事二（示例）")

    # Explicit versions, both ways; the same version twice says nothing changed.
    back = run("--ledger", fresh_ledger, "plan", "diff", "--from", "2", "--to", "1").stdout
    assert "实事二 责任单位 减少 区妇联" in back and "2.1 目标值 4所 → 3所" in back
    assert run("--ledger", fresh_ledger, "plan", "diff", "--from", "1", "--to", "1").stdout == \
        "没有改动\n"
    missing = run("--ledger", fresh_ledger, "plan", "diff", "--to", "7", expect=NOT_FOUND)
    assert "--to 7: the plan has versions 1 to 2" in missing.stderr
