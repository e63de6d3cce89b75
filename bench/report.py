#!/usr/bin/python3
"""Prints the roll-up benchmark's side-by-side table from the JSON each part wrote, and writes it
as Markdown (docs/benchmarks.md shows one).

    /usr/bin/python3 bench/report.py ENGINE.json SQL.json PANDAS.json [--markdown OUT.md]
"""

import argparse
import json
import os
import platform
import subprocess


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            kib = int(f.readline().split()[1])
            mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True,
                            check=False).stdout.split(" ")[0] or "?"
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.platform()}; "
            f"SQLite {sqlite}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("engine")
    ap.add_argument("sql")
    ap.add_argument("pandas")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    with open(args.engine, encoding="utf-8") as f:
        e = json.load(f)
    with open(args.sql, encoding="utf-8") as f:
        c = json.load(f)
    with open(args.pandas, encoding="utf-8") as f:
        d = json.load(f)

    b_s = e["b_median_ms"] / 1000
    sql_ratio = c["c_min_s"] / b_s
    pandas_ratio = d["d_min_s"] / b_s
    b_cpu = e["b_cpu_min_ms"] / 1000
    sql_cpu_ratio = c["c_cpu_min_s"] / b_cpu
    pandas_cpu_ratio = d["d_cpu_min_s"] / b_cpu
    load = os.getloadavg()
    mem_ratio = e["peak_rss_mib"] / e["raw_mib"]

    def verdict(ok):
        return "met" if ok else "**missed**"

    lines = [
        f"Ledger: {e['plans']:.0f} plans, {e['targets']:.0f} targets, {e['reports']:.0f} reports, "
        f"{e['revisions']:.0f} revisions, {e['values']:.0f} values; file {e['file_mib']:.0f} MiB; "
        f"raw size of the values {e['raw_mib']:.1f} MiB (values x 16 bytes); as of {e['as_of']}.",
        "",
        f"Machine: {machine()}; load average at the end of the run {load[0]:.1f} "
        f"(1 min), {load[1]:.1f} (5 min), {load[2]:.1f} (15 min).",
        "",
        "| | what | wall time | engine (b) faster by | CPU time | engine faster by (CPU) "
        "| goal |",
        "|---|---|---:|---:|---:|---:|---|",
        f"| (a) | open the ledger and load the snapshot (first roll-up call) | "
        f"{e['a_load_ms'] / 1000:.2f} s | | | | |",
        f"| (b) | engine: roll up all {e['plans']:.0f} plans (median of passes; min "
        f"{e['b_min_ms']:.0f} ms) | {e['b_median_ms']:.0f} ms | 1x | "
        f"{e['b_cpu_min_ms']:.0f} ms | 1x | |",
        f"| (c) | SQL (rollup.sql, SQLite, fastest warm run; first run "
        f"{c['c_first_s']:.1f} s) | {c['c_min_s']:.2f} s | {sql_ratio:.1f}x | "
        f"{c['c_cpu_min_s']:.2f} s | {sql_cpu_ratio:.1f}x | >= 20x: {verdict(sql_ratio >= 20)} |",
        f"| (d) | pandas {d['d_pandas']}: compute, fastest run (reading the tables: "
        f"{d['d_read_s']:.1f} s) | {d['d_min_s']:.2f} s | {pandas_ratio:.1f}x | "
        f"{d['d_cpu_min_s']:.2f} s | {pandas_cpu_ratio:.1f}x | >= 5x: "
        f"{verdict(pandas_ratio >= 5)} |",
        f"| (e) | one new report filed, then its plan rolled up: median (p90, max) | "
        f"{e['e_median_ms']:.3f} ms ({e['e_p90_ms']:.3f}, {e['e_max_ms']:.3f}) | | | | "
        f"< 1 ms: {verdict(e['e_median_ms'] < 1)} |",
        f"| mem | peak RSS of the engine's process: the snapshot {e['snapshot_rss_mib']:.0f} "
        f"MiB, the parsed plans {e['plans_rss_mib']:.0f} MiB | {e['peak_rss_mib']:.0f} MiB | "
        f"{mem_ratio:.2f}x raw | | | < 2x raw: {verdict(mem_ratio < 2)} |",
        "",
        f"Agreement: SQL {c.get('c_checked', '?')} targets checked, "
        f"{c.get('c_mismatches', '?')} differ; pandas {d.get('d_checked', '?')} checked, "
        f"{d.get('d_mismatches', '?')} differ. Filing one report took "
        f"{e['e_file_median_ms']:.2f} ms (median); the same roll-up with nothing new "
        f"{e['e_steady_median_ms']:.3f} ms.",
    ]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
