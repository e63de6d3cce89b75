"""Checks a peer's per-target figures against the engine's (rollup_bench --figures)."""

import csv
import json
import math

STATUSES = ("achieved", "on_track", "at_risk", "behind", "no_data", "overdue")


def read_engine(path):
    """{(plan, target): (actual or None, completion or None, status)} from the engine's TSV."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            actual = float(row["actual"]) if row["actual"] else None
            completion = float(row["completion"]) if row["completion"] else None
            out[(row["plan"], row["target"])] = (actual, completion, row["status"])
    return out


def close(a, b, rel=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def compare(engine, peer, tolerance_of=lambda plan: 0.1):
    """Compares every target; returns (checked, mismatches as text lines).

    A status that differs only because a completion ratio sits on a band's edge within floating
    point error (the peer computes in binary floating point, the engine in exact decimals) is not
    counted as a mismatch.
    """
    problems = []
    checked = 0
    for key, (e_actual, e_r, e_status) in engine.items():
        if key not in peer:
            problems.append(f"{key[0]} {key[1]}: missing from the peer's figures")
            continue
        p_actual, p_r, p_status = peer[key]
        checked += 1
        if not close(e_actual, p_actual):
            problems.append(f"{key[0]} {key[1]}: actual {e_actual} (engine) vs {p_actual}")
        elif not close(e_r, p_r, 1e-9):
            problems.append(f"{key[0]} {key[1]}: completion {e_r} (engine) vs {p_r}")
        elif e_status != p_status:
            edges = [1.0]
            if e_r is not None:
                tol = tolerance_of(key[0])
                edges += [1.0 - tol, 1.0 - 2 * tol]
            if e_r is None or min(abs(e_r - x) for x in edges) > 1e-9:
                problems.append(f"{key[0]} {key[1]}: status {e_status} (engine) vs {p_status}")
    extra = len(set(peer) - set(engine))
    if extra:
        problems.append(f"{extra} targets in the peer's figures that the engine has not")
    return checked, problems


def finish(part, result, engine_path, peer, json_path):
    """The end of a peer's run: checks its figures against the engine's (when `engine_path` names
    them), records the outcome in `result` under "<part>_checked" / "<part>_mismatches", writes
    `result` as JSON (when `json_path` is given) and returns the exit status (1 on a mismatch)."""
    ok = True
    if engine_path:
        checked, problems = compare(read_engine(engine_path), peer)
        result[f"{part}_checked"] = checked
        result[f"{part}_mismatches"] = len(problems)
        print(f"({part}) checked {checked} targets against the engine: {len(problems)} differ")
        for line in problems[:10]:
            print("    " + line)
        ok = not problems
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    return 0 if ok else 1
