"""`taizhang report withdraw`: a clerk takes a submitted report back before the office acts on it,
fixes it and hands it in again; the office's inbox follows (issue 15)."""

from __future__ import annotations

import json
import pathlib

from conftest import CONFLICT, PLAN, USAGE, run

CLERK = ["--as", "health"]
OFFICE = ["--as", "women-children-centre", "--role", "coordinator"]


def inbox(ledger: list[object]) -> list[dict[str, object]]:
    return json.loads(run(*ledger, *OFFICE, "report", "list", "--period", "2021Q1", "--format",
                          "json", "--today", "2021-04-20").stdout)


def test_a_clerk_withdraws_fixes_and_hands_in_again(fresh_ledger: pathlib.Path) -> None:
    ledger: list[object] = ["--ledger", fresh_ledger]
    run(*ledger, *CLERK, "--recorded-at", "2021-04-05T09:00:00+08:00", "report", "file",
        "--period", "2021Q1", "--value", "1.1=45000", "--progress", "1=一季度筛查（示例）")
    assert [r["status"] for r in inbox(ledger) if r["unit"] == "health"] == ["submitted"]

    out = run(*ledger, *CLERK, "--recorded-at", "2021-04-05T10:00:00+08:00", "report",
              "withdraw", "--period", "2021Q1", "--reason", "多录了一个0，撤回修改").stdout
    assert out == f"{PLAN}/health/2021Q1: draft (revision 3, 2021年4月5日 10:00)\n"
    assert [r["status"] for r in inbox(ledger) if r["unit"] == "health"] == ["draft"]
    history = run(*ledger, *CLERK, "report", "history", "--period", "2021Q1").stdout
    assert "withdrawn → draft" in history and "多录了一个0，撤回修改" in history

    run(*ledger, *CLERK, "--recorded-at", "2021-04-05T11:00:00+08:00", "report", "file",
        "--period", "2021Q1", "--value", "1.1=4500")
    assert [r["status"] for r in inbox(ledger) if r["unit"] == "health"] == ["submitted"]

    # The office accepts; an accepted report can no longer be withdrawn.
    run(*ledger, *OFFICE, "--recorded-at", "2021-04-06T09:00:00+08:00", "report", "accept",
        "--unit", "health", "--period", "2021Q1")
    late = run(*ledger, *CLERK, "report", "withdraw", "--period", "2021Q1", "--reason", "再改",
               expect=CONFLICT)
    assert "only a submitted report can be withdrawn" in late.stderr
    assert "--reason" in run(*ledger, *CLERK, "report", "withdraw", "--period", "2021Q1",
                             expect=USAGE).stderr
