"""Exact numbers, units of measure and periods from Python."""

from __future__ import annotations

import datetime
import decimal
import pickle

import pytest

import taizhang as tz

D = decimal.Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [("18000", D(18000)), ("1.6万", D(16000)), ("１８０００", D(18000)), ("两千五百", D(2500)),
     ("一千一百", D(1100)), ("-2.5", D("-2.5"))],
)
def test_parse_number_reads_chinese_documents(text: str, value: decimal.Decimal) -> None:
    assert tz.parse_number(text) == value
    assert isinstance(tz.parse_number(text), decimal.Decimal)


@pytest.mark.parametrize("text", ["", "abc", "万万", "1..2"])
def test_bad_numbers_raise_parse_errors_naming_the_text(text: str) -> None:
    with pytest.raises(tz.ParseError) as caught:
        tz.parse_number(text)
    assert isinstance(caught.value, ValueError)
    assert f'"{text}"' in str(caught.value)
    assert caught.value.code == "parse"


def test_quantities_keep_their_unit_and_convert_exactly() -> None:
    q = tz.parse_quantity("12亿元")
    assert (q.value, q.unit) == (D(12), "亿元")
    assert str(q) == "12亿元"
    assert tz.UnitRegistry.standard().convert(q.value, q.unit, "元") == D(1200000000)
    assert tz.UnitRegistry.standard().convert(D(5000), "元", "万元") == D("0.5")
    assert pickle.loads(pickle.dumps(q)) == q


def test_nonsense_conversions_are_unit_errors() -> None:
    with pytest.raises(tz.UnitError) as caught:
        tz.UnitRegistry.standard().convert(3, "所", "名")
    assert "所" in str(caught.value) and "名" in str(caught.value)


def test_floats_are_refused_because_they_are_not_exact() -> None:
    with pytest.raises(TypeError):
        tz.Quantity(0.1, "元")


def test_periods() -> None:
    p = tz.Period("2021Q3")
    assert (p.first_day, p.last_day) == (datetime.date(2021, 7, 1), datetime.date(2021, 9, 30))
    assert p.next() == tz.Period("2021Q4") and p < p.next()
    assert repr(p) == "Period('2021Q3')" and str(p) == "2021Q3"
    assert pickle.loads(pickle.dumps(p)) == p and hash(p) == hash(tz.Period("2021Q3"))
    assert tz.periods_between(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31),
                              tz.PeriodKind.quarter) == [tz.Period(f"2021Q{q}") for q in range(1, 5)]
