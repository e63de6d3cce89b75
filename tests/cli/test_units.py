"""`taizhang unit list|add|rename`: the unit catalogue without editing JSON (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import pathlib

from conftest import ADMINISTRATOR, BAD_INPUT, CONFLICT, NOT_FOUND, PERMISSION, run


def test_an_office_adds_and_renames_units_and_every_output_follows(
        fresh_ledger: pathlib.Path) -> None:
    ledger = ["--ledger", fresh_ledger]
    listed = run(*ledger, "unit", "list").stdout
    assert "health" in listed and "区卫健局" in listed

    out = run(*ledger, *ADMINISTRATOR, "unit", "add", "audit", "区审计局", "--full-name",
              "临淄区审计局").stdout
    assert out == "added audit 区审计局\n"
    units = json.loads(run(*ledger, "unit", "list", "--format", "json").stdout)
    audit = next(u for u in units if u["code"] == "audit")
    assert audit == {"code": "audit", "name": "区审计局", "kind": "bureau",
                     "full_name": "临淄区审计局", "parent": ""}
    again = run(*ledger, *ADMINISTRATOR, "unit", "add", "audit", "审计局", expect=CONFLICT)
    assert "already in the catalogue as 区审计局" in again.stderr

    out = run(*ledger, *ADMINISTRATOR, "unit", "rename", "health", "临淄区卫健局").stdout
    assert out == "renamed health: 区卫健局 → 临淄区卫健局\n"
    rows = list(csv.DictReader(io.StringIO(run(*ledger, "unit", "list", "--format", "csv").stdout)))
    assert {r["code"]: r["name"] for r in rows}["health"] == "临淄区卫健局"
    # The plan names its units from the catalogue: the outline shows the new name.
    assert "临淄区卫健局" in run(*ledger, "plan", "show").stdout

    assert "not in the catalogue" in run(*ledger, *ADMINISTRATOR, "unit", "rename", "nobody",
                                         "无", expect=NOT_FOUND).stderr
    assert "not a kind of unit" in run(*ledger, *ADMINISTRATOR, "unit", "add", "x", "某局",
                                       "--kind", "ministry", expect=BAD_INPUT).stderr
    # A reporter may not change the catalogue.
    run(*ledger, "--as", "health", "unit", "rename", "health", "卫健局", expect=PERMISSION)
