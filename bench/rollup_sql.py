#!/usr/bin/python3
"""(c) of the roll-up benchmark: the full roll-up written as SQL (bench/rollup.sql), run with
Debian's Python sqlite3 module (the system SQLite) against the same ledger file, read-only.

    /usr/bin/python3 bench/rollup_sql.py --ledger build/bench/province.taizhang --as-of 2022-12 \
        [--engine FIGURES.tsv] [--runs 3] [--json OUT.json]

The first run reads the file into the system's page cache; later ones read it from memory. No
index is added: the ledger's own serve every join (see rollup.sql). Prints the time of each run,
and checks every target's figures against the engine's.
"""

import argparse
import os
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    # Two sorter threads (the GROUP BY of every value is the heaviest step). A large page cache,
    # memory-mapped I/O and an in-memory temp store were tried and made it slower.
    db.execute("PRAGMA threads = 2")
    return db


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ledger", default="build/bench/province.taizhang")
    ap.add_argument("--as-of", default="2022-12")
    ap.add_argument("--engine")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()

    with open(os.path.join(HERE, "rollup.sql"), encoding="utf-8") as f:
        sql = f.read()
    path = args.ledger
    db = connect(path)
    times = []
    cpu = []
    rows = None
    for run in range(args.runs):
        t0 = time.perf_counter()
        c0 = time.process_time()
        rows = db.execute(sql, {"as_of": args.as_of}).fetchall()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        print(f"(c) SQL run {run + 1}: {times[-1]:.2f} s, {len(rows)} targets", flush=True)
    db.close()
    warm = times[1:] if len(times) > 1 else times
    result = {
        "c_first_s": times[0],
        "c_min_s": min(warm),
        "c_median_s": statistics.median(warm),
        "c_cpu_min_s": min(cpu[1:] if len(cpu) > 1 else cpu),
        "c_runs": len(times),
        "c_targets": len(rows),
    }

    peer = {(p, t): (a, r, s) for p, t, a, r, s in rows}
    return compare.finish("c", result, args.engine, peer, args.json)

if __name__ == "__main__":
    sys.exit(main())
