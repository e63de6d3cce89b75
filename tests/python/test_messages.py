"""Messages in Chinese or English, with stable identifiers and arguments for one's own words."""

from __future__ import annotations

import json
import pickle
from typing import Iterator

import pytest

import taizhang as tz
from conftest import LINZI


@pytest.fixture
def chinese() -> Iterator[None]:
    tz.set_language("zh")
    try:
        yield
    finally:
        tz.set_language("en")  # what the other tests assume


def broken_plan_text() -> str:
    plan = json.loads(LINZI.read_text(encoding="utf-8"))
    plan["initiatives"][1]["targets"][1]["colour"] = "red"
    plan["initiatives"][1]["targets"][1]["unit"] = "斤"
    return json.dumps(plan, ensure_ascii=False)


def test_a_plan_error_in_chinese_keeps_its_identifier_arguments_and_place(chinese: None) -> None:
    assert tz.language() == "zh"
    with pytest.raises(tz.ValidationError) as caught:
        tz.plan_from_json(broken_plan_text(), "计划.json")
    error = caught.value
    assert error.code == "validation"
    assert error.message.splitlines()[0] == "2个错误"
    assert error.message_id == "{count} errors" and error.arguments == {"count": "2"}
    unit = error.issues[1]
    assert unit.path == "initiatives[1].targets[1].unit"
    assert unit.place == "实事二 第2项目标（2.2） 计量单位"
    assert unit.message == "“斤”不是已知的计量单位"
    assert unit.message_id == '"{unit}" is not a known unit of measure'
    assert unit.arguments == {"unit": "斤"}
    assert str(unit) == ("错误：实事二 第2项目标（2.2） 计量单位：“斤”不是已知的计量单位"
                         "（initiatives[1].targets[1].unit）")
    copy = pickle.loads(pickle.dumps(unit))
    assert copy == unit and copy.message_id == unit.message_id and copy.arguments == unit.arguments


def test_the_same_error_in_english() -> None:
    with pytest.raises(tz.ValidationError) as caught:
        tz.plan_from_json(broken_plan_text(), "plan.json")
    assert caught.value.message.splitlines()[0] == "2 errors"
    assert caught.value.issues[1].message == '"斤" is not a known unit of measure'
    assert str(caught.value.issues[1]) == (
        'error: initiatives[1].targets[1].unit: "斤" is not a known unit of measure')


def test_an_unknown_language_is_refused_in_the_language_of_the_moment(chinese: None) -> None:
    with pytest.raises(tz.ParseError) as caught:
        tz.set_language("fr")
    assert caught.value.message == "不认识的语言“fr”：请用 zh（中文）或 en（英文）"
    assert caught.value.arguments == {"language": "fr"}
    assert tz.language() == "zh"
