#!/usr/bin/env bash
# Writes the seed corpus of fuzz_ledger_open (tests/fuzz/corpus/ledger_open/) with the taizhang
# command line: an empty ledger, one with a small plan, one with reports filed and accepted, one
# signed (identities, grants, signed revisions); each
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
admin=(--as women-children-centre --role administrator)
t --ledger empty.db init
# A past year is entered in an import window (the ledger refuses past times outside one).
t --ledger plan.db "${admin[@]}" import begin --reason 补录（种子）
t --ledger plan.db "${admin[@]}" --recorded-at 2021-03-01T09:00:00Z init --plan-file "$plan"
cp plan.db reports.db
t --ledger reports.db --as health --recorded-at 2021-04-05T09:00:00Z report file --period 2021Q1 \
  --value 1.1=4500 --stage 1.2=已启动 --comment 1.1=示例 --progress 1=筛查（示例）
t --ledger reports.db --as women-children-centre --role coordinator \
  --recorded-at 2021-04-06T09:00:00Z report accept --unit health --period 2021Q1
t --ledger reports.db --as health --recorded-at 2021-07-05T09:00:00Z report file --period 2021Q2 \
  --value 1.1=9000
t --ledger reports.db "${admin[@]}" import end
# A signed ledger: identities, grants, signed plan versions, revisions and an acceptance.
t --ledger signed.db "${admin[@]}" --key admin.pem init --identity admin-wang --name 王主任（种子） \
  --plan-file "$plan"
t key new health.pem
t --ledger signed.db --key admin.pem identity add clerk-li --name 李科员（种子） \
  --public-key health.pem.pub
t --ledger signed.db --key admin.pem identity grant clerk-li --unit health --grant-role reporter
t --ledger signed.db --key admin.pem identity grant admin-wang --unit women-children-centre \
  --grant-role coordinator
t --ledger signed.db --key health.pem report file --period 2021Q1 --value 1.1=4500 \
  --stage 1.2=已启动 --progress 1=筛查（示例）
t --ledger signed.db --key admin.pem report accept --unit health --period 2021Q1
t --ledger signed.db --key health.pem report file --period 2021Q2 --value 1.1=9000
for f in empty plan reports signed; do
  sqlite3 "$f.db" "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;" >/dev/null
done

mkdir -p "$out"
cp empty.db plan.db reports.db signed.db "$out/"
# The same file with its header saying WAL (bytes 18 and 19 = 2), and with no -wal beside it.
cp reports.db "$out/reports-wal.db"
printf '\x02\x02' | dd of="$out/reports-wal.db" bs=1 seek=18 conv=notrunc status=none
head -c 2048 reports.db >"$out/reports-truncated.db"
printf 'not a ledger\n' >"$out/not-sqlite.txt"
