#!/usr/bin/env bash
# Writes the seed corpus of fuzz_ledger_open (tests/fuzz/corpus/ledger_open/) with the taizhang
# command line: an empty ledger, one with a small plan, one with reports filed and accepted; each
# rewritten with SQLite's smallest page size (512 bytes) in rollback-journal mode to keep it small,
# plus the same marked as WAL, a truncated one and a file that is not SQLite.
# Usage: tests/fuzz/make_ledger_seeds.sh path/to/bin/taizhang
set -euo pipefail
taizhang=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
out="$here/corpus/ledger_open"
plan="$here/corpus/plan_json/one-initiative.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

t() { "$taizhang" "$@" >/dev/null; }
t --ledger empty.db init
t --ledger plan.db --as women-children-centre --role administrator init --plan-file "$plan"
cp plan.db reports.db
t --ledger reports.db --as health --recorded-at 2021-04-05T09:00:00Z report file --period 2021Q1 \
  --value 1.1=4500 --stage 1.2=已启动 --comment 1.1=示例 --progress 1=筛查（示例）
t --ledger reports.db --as women-children-centre --role coordinator \
  --recorded-at 2021-04-06T09:00:00Z report accept --unit health --period 2021Q1
t --ledger reports.db --as health --recorded-at 2021-07-05T09:00:00Z report file --period 2021Q2 \
  --value 1.1=9000
for f in empty plan reports; do
  sqlite3 "$f.db" "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;" >/dev/null
done

mkdir -p "$out"
cp empty.db plan.db reports.db "$out/"
# The same file with its header saying WAL (bytes 18 and 19 = 2), and with no -wal beside it.
cp reports.db "$out/reports-wal.db"
printf '\x02\x02' | dd of="$out/reports-wal.db" bs=1 seek=18 conv=notrunc status=none
head -c 2048 reports.db >"$out/reports-truncated.db"
printf 'not a ledger\n' >"$out/not-sqlite.txt"
