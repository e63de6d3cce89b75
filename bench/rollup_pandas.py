#!/usr/bin/python3
"""(d) of the roll-up benchmark: the full roll-up with pandas (Debian's python3-pandas), from the
same ledger file: the tables read into DataFrames (timed apart: "read"), then every target's
figures computed with vectorised pandas/numpy operations ("compute").

    /usr/bin/python3 bench/rollup_pandas.py --ledger build/bench/province.taizhang \
        --as-of 2022-12 [--engine FIGURES.tsv] [--runs 3] [--json OUT.json]

Reading converts each column to the type the computation needs (decimal text to float64, codes to
categories), as an analyst loading the ledger would. The computation follows rules 1-5 of
docs/rollup.md for what the synthetic ledger holds (see bench/rollup.sql for the same limits), in binary
floating point where the library computes with exact decimals.
"""

import argparse
import json
import os
import sqlite3
import statistics
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

STAGE_SHARE = {"未启动": 0.0, "已启动": 0.25, "推进中": 0.5, "基本完成": 0.75, "已完成": 1.0}


def read(path):
    """The tables the roll-up needs, as DataFrames with integer keys: units, targets and periods
    are coded as integers once, so that every join and group-by after works on integers."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    reports = pd.read_sql_query("SELECT id, plan_id, unit, period FROM reports", db)
    revisions = pd.read_sql_query(
        "SELECT id, report_id, number, content_number FROM revisions", db)
    values = pd.read_sql_query(
        "SELECT revision_id, target, value, stage FROM revision_values", db)
    targets = pd.read_sql_query(
        "SELECT plan_id, code, initiative, position, measure, goal, direction, accumulation,"
        " combination, deadline FROM targets", db)
    assignments = pd.read_sql_query(
        "SELECT plan_id, initiative, unit, role FROM assignments", db)
    docs = db.execute(
        "SELECT p.id, p.code, v.document FROM plans p"
        " JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version").fetchall()
    db.close()

    # From the plan documents: contributors, baselines, tolerance, window start.
    plans, doc_targets, contributors = [], [], []
    for plan_id, code, document in docs:
        d = json.loads(document)
        plans.append((plan_id, code, float(d.get("tolerance", "0.1")), d["start"]))
        for ini in d["initiatives"]:
            for t in ini.get("targets", []):
                base = t.get("baseline", {}).get("value")
                doc_targets.append((plan_id, t["code"], float(base) if base is not None else np.nan,
                                    bool(t.get("contributors"))))
                for u in t.get("contributors", []):
                    contributors.append((plan_id, t["code"], u))
    plans = pd.DataFrame(plans, columns=["plan_id", "plan", "tol", "start"])
    doc_targets = pd.DataFrame(doc_targets, columns=["plan_id", "code", "baseline", "explicit"])
    contributors = pd.DataFrame(contributors, columns=["plan_id", "code", "unit"])

    # Codes: one integer per unit code and per target code; periods as month numbers.
    unit_codes = pd.Index(pd.unique(pd.concat([reports["unit"], assignments["unit"],
                                               contributors["unit"]], ignore_index=True)))
    target_codes = pd.Index(pd.unique(targets["code"]))
    for df in (reports, assignments, contributors):
        df["unit"] = unit_codes.get_indexer(df["unit"])
    for df in (targets, doc_targets, contributors):
        df["target"] = target_codes.get_indexer(df.pop("code"))
    values["target"] = target_codes.get_indexer(values["target"])
    values["value"] = pd.to_numeric(values["value"])
    values["share"] = values["stage"].map(STAGE_SHARE)
    values.drop(columns="stage", inplace=True)
    reports["period"] = month_number(reports["period"])
    targets["goal"] = pd.to_numeric(targets["goal"])
    targets["deadline_month"] = month_number(targets["deadline"])
    for c in ("measure", "direction", "accumulation", "combination"):
        targets[c] = targets[c].astype("category")
    assignments["lead"] = assignments.pop("role") == "lead"
    plans["start_month"] = month_number(plans["start"])
    return dict(reports=reports, revisions=revisions, values=values, targets=targets,
                assignments=assignments, plans=plans, doc_targets=doc_targets,
                contributors=contributors, target_codes=target_codes)


def month_number(text):
    """'2022-12' or '2022-12-31' → months since year 0 (vectorised over a Series)."""
    return text.str.slice(0, 4).astype(int) * 12 + text.str.slice(5, 7).astype(int)


def compute(t, as_of):
    reports, revisions, values, targets = t["reports"], t["revisions"], t["values"], t["targets"]
    assignments, plans, doc_targets = t["assignments"], t["plans"], t["doc_targets"]
    as_of_month = int(as_of[:4]) * 12 + int(as_of[5:7])
    keys = ["plan_id", "target"]

    # Each report's current content: its latest revision's content_number.
    last = revisions.loc[revisions.groupby("report_id")["number"].idxmax(),
                         ["report_id", "content_number"]]
    content = last.merge(revisions[["report_id", "number", "id"]],
                         left_on=["report_id", "content_number"],
                         right_on=["report_id", "number"])[["report_id", "id"]]
    content = content.merge(reports, left_on="report_id", right_on="id", suffixes=("", "_r"))
    content = content[content["period"] <= as_of_month]
    content = content[["id", "plan_id", "unit", "period"]].rename(columns={"id": "revision_id"})

    # The values of current content, with their report's plan, unit and period, and their
    # target's measure and accumulation.
    v = values.merge(content, on="revision_id")
    v = v.merge(targets[keys + ["measure", "accumulation"]], on=keys)
    milestone = (v["measure"] == "milestone").to_numpy()
    v["x"] = np.where(milestone, v["share"].to_numpy(), v["value"].to_numpy())
    v = v[v["x"].notna()]

    # Rule 1: each unit's value: incremental → sum, else the latest period's.
    incremental = (v["accumulation"] == "incremental") & (v["measure"] != "milestone")
    group = ["plan_id", "target", "unit"]
    sums = v[incremental].groupby(group)["x"].sum()
    rest = v[~incremental]
    latest = rest.loc[rest.groupby(group)["period"].idxmax()].set_index(group)["x"]
    unit_value = pd.concat([sums, latest]).rename("value").reset_index()

    # Contributing units (explicit, else the initiative's leads) and whether each is a lead.
    explicit = t["contributors"]
    implicit = (doc_targets[~doc_targets["explicit"]]
                .merge(targets[keys + ["initiative"]], on=keys)
                .merge(assignments[assignments["lead"]], on=["plan_id", "initiative"])
                [keys + ["unit"]])
    contrib = pd.concat([explicit, implicit], ignore_index=True)
    contrib = contrib.merge(targets[keys + ["initiative", "combination"]], on=keys)
    contrib = contrib.merge(assignments[["plan_id", "initiative", "unit", "lead"]],
                            on=["plan_id", "initiative", "unit"], how="left")
    contrib["lead"] = contrib["lead"].fillna(False).astype(bool)
    cv = contrib.merge(unit_value, on=group)

    # Rule 2: the actual.
    comb = cv["combination"]
    parts = [
        cv[comb == "sum"].groupby(keys)["value"].sum(),
        cv[(comb == "lead_only") & cv["lead"]].groupby(keys)["value"].sum(),
        cv[comb == "max"].groupby(keys)["value"].max(),
        cv[comb == "mean"].groupby(keys)["value"].mean(),
    ]
    actual = pd.concat(parts).rename("actual").reset_index()

    # Rules 3-5.
    f = (targets.merge(doc_targets, on=keys).merge(plans, on="plan_id")
         .merge(actual, on=keys, how="left"))
    a, g, b = f["actual"].to_numpy(), f["goal"].to_numpy(), f["baseline"].to_numpy()
    b0 = np.where(np.isnan(b), 0.0, b)
    higher = (f["direction"] == "higher_is_better").to_numpy()
    milestone = (f["measure"] == "milestone").to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        r_up = np.where(g == b0, np.nan, (a - b0) / (g - b0))
        r_down_nobase = np.where(a <= g, 1.0, g / a)
        r_down = np.where(g == b, np.nan, (b - a) / (b - g))
        r = np.where(milestone, a, np.where(higher, r_up,
                                             np.where(np.isnan(b), r_down_nobase, r_down)))
    r = np.where(np.isnan(a) | (~milestone & np.isnan(g)), np.nan, r)
    start = f["start_month"].to_numpy()
    e = np.minimum(1.0, (as_of_month - start + 1) / (f["deadline_month"].to_numpy() - start + 1))
    tol = f["tol"].to_numpy()
    today = pd.Period(as_of, "M").end_time.strftime("%Y-%m-%d")
    has = ~np.isnan(a)
    status = np.select(
        [has & (r >= 1), (f["deadline"] < today).to_numpy(), ~has | np.isnan(r),
         r >= e - tol, r >= e - 2 * tol],
        ["achieved", "overdue", "no_data", "on_track", "at_risk"], "behind")
    return pd.DataFrame({"plan": f["plan"], "target": t["target_codes"][f["target"]],
                         "actual": a, "completion": r, "status": status})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ledger", default="build/bench/province.taizhang")
    ap.add_argument("--as-of", default="2022-12")
    ap.add_argument("--engine")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()

    t0 = time.perf_counter()
    tables = read(args.ledger)
    read_s = time.perf_counter() - t0
    rows = sum(len(df) for k, df in tables.items() if k != "target_codes")
    print(f"(d) pandas {pd.__version__}: read {rows} rows in {read_s:.2f} s", flush=True)
    times = []
    cpu = []
    figures = None
    for run in range(args.runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        figures = compute(tables, args.as_of)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        print(f"(d) pandas compute run {run + 1}: {times[-1]:.2f} s, {len(figures)} targets",
              flush=True)
    result = {"d_read_s": read_s, "d_min_s": min(times), "d_median_s": statistics.median(times),
              "d_runs": len(times), "d_pandas": pd.__version__,
              "d_cpu_min_s": min(cpu)}

    def num(x):
        return None if x is None or (isinstance(x, float) and np.isnan(x)) else float(x)

    peer = {(p, tc): (num(a), num(r), s) for p, tc, a, r, s in
            figures.itertuples(index=False, name=None)}
    return compare.finish("d", result, args.engine, peer, args.json)

if __name__ == "__main__":
    sys.exit(main())
