"""`taizhang plan draft`: a notice's text to a plan file, then validated and imported as a user
would; standard input; the errors of a missing or unusable file."""

from __future__ import annotations

import json
import pathlib

from conftest import BAD_INPUT, LINZI, OK, SOURCE, STORAGE, USAGE, run

NOTICES = SOURCE / "tests" / "data" / "notices"
LINZI_NOTICE = NOTICES / "linzi-2021-women-children.txt"


def numeric_targets(plan: dict) -> list[tuple[int, str, str, str]]:
    return [(i["number"], t["value"], t["unit"], t["measure"])
            for i in plan["initiatives"] for t in i["targets"]
            if t["measure"] in ("count", "money", "percent")]


def test_draft_validate_and_import_the_linzi_notice(tmp_path: pathlib.Path) -> None:
    plan_file = tmp_path / "plan.json"
    result = run("plan", "draft", LINZI_NOTICE, "-o", plan_file, "--code", "linzi-draft")
    assert result.stdout == ""
    assert "drafted 10 initiatives, 16 units; 3 warnings — review before use" in result.stderr
    # Every target drafted is listed for review, with its sentence.
    assert "info: initiatives[0].targets[0]: target 1.1: count 18000 名" in result.stderr
    assert "«扩大“两癌”免费检查覆盖面，对全区18000名35—64岁城乡妇女进行“两癌”免费检查»" in result.stderr
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    assert plan["code"] == "linzi-draft"
    assert plan["title"] == "2021年为全区妇女儿童办实事"
    with open(LINZI, encoding="utf-8") as f:
        assert numeric_targets(plan) == numeric_targets(json.load(f))

    validated = run("plan", "validate", plan_file)
    assert validated.stdout == f"{plan_file}: valid (10 initiatives)\n"

    ledger = tmp_path / "draft.db"
    run("--ledger", ledger, "--as", "u01", "--role", "administrator", "plan", "import", plan_file,
        "--reason", "起草后导入")
    shown = run("--ledger", ledger, "plan", "show").stdout
    assert "继续实施“两癌”免费检查和救助行动" in shown and "区卫健局" in shown
    exported = json.loads(run("--ledger", ledger, "plan", "export").stdout)
    assert exported == plan


def test_quiet_lists_only_the_warnings(tmp_path: pathlib.Path) -> None:
    result = run("plan", "draft", LINZI_NOTICE, "-o", tmp_path / "plan.json", "--quiet")
    lines = result.stderr.splitlines()
    assert all(line.startswith("warning: ") for line in lines[:-1])
    assert len(lines) == 4 and lines[-1].endswith("— review before use")


def test_reads_standard_input_and_writes_standard_output() -> None:
    text = ("某某区人民政府办公室\n关于做好2021年为民办实事工作的通知\n"
            "一、建设口袋公园3个。（责任单位：区住建局、区财政局）\n"
            "二、培训妇女1.2万人。（牵头单位：区妇联，责任单位：区人社局）\n"
            "区民生办负责定期调度。\n")
    result = run("plan", "draft", "-", input=text)
    assert "<stdin>: drafted 2 initiatives, 5 units; 0 warnings" in result.stderr
    plan = json.loads(result.stdout)
    assert plan["code"] == "draft-2021"
    assert [i["title"] for i in plan["initiatives"]] == ["建设口袋公园3个", "培训妇女1.2万人"]
    assert numeric_targets(plan) == [(1, "3", "个", "count"), (2, "12000", "人", "count")]


def test_a_cut_off_notice_says_so(tmp_path: pathlib.Path) -> None:
    result = run("plan", "draft", NOTICES / "feixian-2024-women-children-excerpt.txt",
                 "-o", tmp_path / "plan.json")
    assert "warning: the notice seems cut off: the title announces 10 items" in result.stderr
    assert result.stderr.rstrip().endswith(
        "drafted 4 initiatives, 14 units; 4 warnings; the notice seems cut off — review before use")
    assert run("plan", "validate", tmp_path / "plan.json").returncode == OK


def test_a_text_without_a_notice_gives_an_empty_draft_and_says_so() -> None:
    result = run("plan", "draft", "-", input="这不是通知。\n")
    assert "no numbered items" in result.stderr and "the draft has no initiatives" in result.stderr
    assert json.loads(result.stdout)["initiatives"] == []


def test_a_missing_file_is_a_file_error(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "no-such-notice.txt"
    result = run("plan", "draft", missing, expect=STORAGE)
    assert result.stdout == ""
    assert result.stderr.startswith("taizhang: ")
    assert "cannot open: No such file or directory" in result.stderr and str(missing) in result.stderr


def test_an_output_that_cannot_be_written_is_a_file_error(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "no-such-directory" / "plan.json"
    result = run("plan", "draft", LINZI_NOTICE, "-o", out, expect=STORAGE)
    assert "cannot write the file" in result.stderr and str(out) in result.stderr


def test_usage_errors(tmp_path: pathlib.Path) -> None:
    assert "file" in run("plan", "draft", expect=USAGE).stderr
    run("plan", "draft", LINZI_NOTICE, "--year", "twenty", expect=USAGE)


def test_a_draft_of_a_bad_plan_file_is_refused_by_import(tmp_path: pathlib.Path) -> None:
    # The draft is for review: an edit that breaks a rule is caught when importing it.
    plan_file = tmp_path / "plan.json"
    run("plan", "draft", LINZI_NOTICE, "-o", plan_file)
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    plan["initiatives"][0]["assignments"][0]["unit"] = "no-such-unit"
    plan_file.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = run("--ledger", tmp_path / "x.db", "--as", "u01", "--role", "administrator",
                 "plan", "import", plan_file, expect=BAD_INPUT)
    assert "initiatives[0].assignments[0]" in result.stderr
