"""Did you mean: a mistyped command, option or unit gets the one most likely meant; a group of
commands without its verb lists its verbs."""

from __future__ import annotations

import pathlib

from conftest import NOT_FOUND, OK, PERMISSION, USAGE, run


def test_a_mistyped_command_gets_the_command_meant() -> None:
    result = run("reprot", "list", expect=USAGE, lang="zh")
    assert "没有命令“reprot list”。您是不是要输入 report list？" in result.stderr
    assert result.stdout == ""
    result = run("report", "lsit", expect=USAGE, lang="en")
    assert 'unknown command "report lsit": did you mean report list?' in result.stderr
    assert "did you mean status?" in run("stauts", expect=USAGE, lang="en").stderr
    # The group is right, its command is not.
    result = run("report", "frobnicate", expect=USAGE, lang="en")
    assert 'unknown command "report frobnicate" (taizhang --help lists them)' in result.stderr
    # Nothing near: no guess.
    result = run("frobnicate", expect=USAGE, lang="en")
    assert 'unknown command "frobnicate" (taizhang --help lists them)' in result.stderr
    assert "did you mean" not in result.stderr


def test_a_mistyped_option_gets_the_option_meant(fresh_ledger: pathlib.Path) -> None:
    result = run("--ledger", fresh_ledger, "status", "--formt", "json", expect=USAGE, lang="zh")
    assert "您是不是要输入 --format？" in result.stderr
    result = run("--ledger", fresh_ledger, "--as", "health", "report", "file", "--perod", "2021Q1",
                 expect=USAGE, lang="en")
    assert "did you mean --period?" in result.stderr
    # Too far to be a slip: no guess ("period" is two letters from "person").
    result = run("--ledger", fresh_ledger, "chase", "--period", "2021Q1", expect=USAGE, lang="en")
    assert "did you mean" not in result.stderr
    # Before the command, among the global options.
    result = run("--ledgr", fresh_ledger, "status", expect=USAGE, lang="en")
    assert "did you mean --ledger?" in result.stderr


def test_a_mistyped_acting_unit_gets_the_unit_meant(fresh_ledger: pathlib.Path) -> None:
    result = run("--ledger", fresh_ledger, "--as", "helth", "report", "file",
                 "--period", "2021Q1", "--value", "1.1=5", expect=PERMISSION, lang="zh")
    assert "是不是 health（区卫健局）？" in result.stderr
    result = run("--ledger", fresh_ledger, "--as", "helth", "report", "file",
                 "--period", "2021Q1", "--value", "1.1=5", expect=PERMISSION, lang="en")
    assert "--as helth: did you mean health (区卫健局)?" in result.stderr


def test_a_mistyped_unit_of_a_command_gets_the_unit_meant(fresh_ledger: pathlib.Path) -> None:
    result = run("--ledger", fresh_ledger, "form", "--unit", "helth", "--period", "2021Q1",
                 "--format", "md", expect=NOT_FOUND, lang="zh")
    assert "taizhang: --unit helth: 是不是 health（区卫健局）？" in result.stderr
    # A unit of the catalogue that has nothing there gets no guess.
    result = run("--ledger", fresh_ledger, "report", "show", "--unit", "finance",
                 "--period", "2021Q1", expect=NOT_FOUND, lang="en")
    assert "did you mean" not in result.stderr


def test_a_group_without_its_verb_lists_its_verbs() -> None:
    result = run("report", expect=USAGE, lang="zh")
    assert result.stderr.startswith("taizhang report 后面要跟一个命令：\n")
    assert "  report list " in result.stderr and "  report file " in result.stderr
    assert "  plan show" not in result.stderr
    for group, verb in [("plan", "plan show"), ("unit", "unit add"), ("key", "key new"),
                        ("identity", "identity grant")]:
        result = run(group, expect=USAGE, lang="en")
        assert result.stderr.startswith(f"taizhang {group} needs a command:\n")
        assert f"  {verb} " in result.stderr
    # `import` is a command of its own (import FILE…) beside its verbs begin and end.
    result = run("import", expect=USAGE, lang="en")
    assert "taizhang import FILE…" in result.stderr and "import begin" in result.stderr
    # The same list asked for is help: on standard output, exit 0.
    result = run("report", "--help", expect=OK, lang="en")
    assert "  report submit " in result.stdout and result.stderr == ""
    # A group with options but no verb is still wrong usage.
    assert "report list" in run("report", "--period", "2021Q1", expect=USAGE).stderr
