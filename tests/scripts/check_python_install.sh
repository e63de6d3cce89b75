#!/usr/bin/env bash
# The documented offline install route of the Python package (docs/python.md), tested:
#
#   cmake --install <build> --prefix "$HOME/.local"
#
# into a temporary HOME, then `import taizhang` in a fresh shell (`env -i`: no PYTHONPATH, no
# LD_LIBRARY_PATH) with Debian's python3, which finds the package in its user site directory
# (~/.local/lib/python3.X/site-packages) and the library through the extension's RPATH. It reads
# a plan, files reports and rolls them up, and checks that the package, the extension and
# libtaizhang were all loaded from the temporary HOME, and that mypy finds the package typed.
#
# Usage: check_python_install.sh BUILD_DIR SOURCE_DIR [CMAKE] [PYTHON]
set -euo pipefail

build=${1:?usage: check_python_install.sh BUILD_DIR SOURCE_DIR [CMAKE] [PYTHON]}
source=${2:?usage: check_python_install.sh BUILD_DIR SOURCE_DIR [CMAKE] [PYTHON]}
cmake=${3:-cmake}
python=${4:-/usr/bin/python3}
build=$(cd "$build" && pwd)
source=$(cd "$source" && pwd)

home=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-home.XXXXXX")
trap 'rm -rf "$home"' EXIT

echo "== cmake --install $build --prefix \$HOME/.local (HOME=$home)"
HOME="$home" "$cmake" --install "$build" --prefix "$home/.local" >"$home/install.log" || {
  cat "$home/install.log"
  exit 1
}
grep -E "python3[^/]*/(site|dist)-packages/taizhang/" "$home/install.log" | sed 's/^/  /'

cp "$source/examples/plans/linzi-2021.json" "$home/linzi-2021.json"
cd "$home"

echo "== a fresh shell: env -i HOME=\$HOME PATH=/usr/bin:/bin $python"
env -i HOME="$home" PATH=/usr/bin:/bin "$python" - <<'EOF'
import datetime
import decimal
import os
import pathlib

import taizhang as tz

home = pathlib.Path(os.environ["HOME"]).resolve()
assert "PYTHONPATH" not in os.environ and "LD_LIBRARY_PATH" not in os.environ, os.environ


def under_home(path: str) -> bool:
    return pathlib.Path(path).resolve().is_relative_to(home)


assert under_home(tz.__file__), f"taizhang from {tz.__file__}, not from {home}"
assert under_home(tz._taizhang.__file__), f"the extension from {tz._taizhang.__file__}"
with open("/proc/self/maps", encoding="utf-8") as maps:
    libraries = {line.split()[-1] for line in maps if "libtaizhang" in line}
assert libraries and all(under_home(lib) for lib in libraries), libraries
pkg = pathlib.Path(tz.__file__).parent
assert (pkg / "py.typed").is_file() and (pkg / "_taizhang.pyi").is_file(), sorted(pkg.iterdir())

# Real use: the Linzi plan, a report filed with exact values, and the roll-up as a data frame.
plan = tz.load_plan(str(home / "linzi-2021.json"))
clock_now = tz.parse_timestamp("2021-04-06T09:00:00+08:00")
with tz.Ledger.open(home / "ledger.db", clock=lambda: clock_now) as ledger:
    admin = tz.Actor("women-children-centre", tz.ActorRole.administrator)
    ledger.begin_import(admin, "历史数据导入：2021 年的示例记录")  # the clock reads 2021
    ledger.import_plan(admin, plan)
    content = tz.ReportContent(
        progress=[tz.InitiativeProgress(1, "一季度筛查4500人", expected_completion="2021-12-31")],
        values=[tz.TargetValue("1.1", value=decimal.Decimal("4500"))],
    )
    ledger.file(tz.Actor("health", person="张三"), tz.ReportKey(plan.code, "health", "2021Q1"),
                content)
    rollup = ledger.rollup(plan.code, "2021Q1", today=datetime.date(2021, 4, 30))
    target = rollup.find_target("1.1")
    assert target is not None and target.actual == decimal.Decimal(4500), target
    assert isinstance(target.actual, decimal.Decimal)
    frame = rollup.targets.to_pandas()
    row = frame[frame["code"] == "1.1"].iloc[0]
    assert (row["actual_coef"], row["actual_scale"]) == (4500, 0), row
    values = ledger.values.to_pandas(plan.code)
    assert len(values) == 1 and str(values["period"].iloc[0]) == "2021Q1", values
    assert ledger.verify()
print(f"import taizhang {tz.__version__} from {pkg}: 1.1 = {target.actual} 名 "
      f"({target.completion:.1%} of {target.goal}), {target.status.name}")
EOF

echo "== the prefix /usr/local (staged with DESTDIR): a directory on python3's own sys.path"
DESTDIR="$home/stage" "$cmake" --install "$build" --prefix /usr/local >"$home/stage.log"
staged=$(cd "$home/stage" && find . -path "*/taizhang/__init__.py")
staged=${staged#.}
staged=${staged%/taizhang/__init__.py}
echo "  $staged"
env -i PATH=/usr/bin:/bin "$python" -c \
  "import sys; assert sys.argv[1] in sys.path, (sys.argv[1], sys.path)" "$staged"
env -i PATH=/usr/bin:/bin PYTHONPATH="$home/stage$staged" "$python" -c \
  "import sys, taizhang; assert taizhang.__file__.startswith(sys.argv[1]), taizhang.__file__" \
  "$home/stage$staged"

echo "== mypy finds the installed package typed (py.typed, _taizhang.pyi)"
cat >"$home/typed.py" <<'EOF'
import decimal

import taizhang

value: decimal.Decimal = taizhang.parse_number("1.6万")
period: taizhang.Period = taizhang.Period("2021Q3").next()
EOF
env -i HOME="$home" PATH=/usr/bin:/bin "$python" -m mypy --strict --no-incremental \
  --cache-dir=/dev/null "$home/typed.py"
echo "python install: ok"
