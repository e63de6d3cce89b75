"""The HTML dashboard of `taizhang status --format html`, parsed with lxml and checked against
`status --format json` of the same query on the scripted year (SAMPLE DATA): self-contained, every
initiative and target with its figures and status, a burn-up chart per target, the chasing list,
the as-of period and the time of making."""

from __future__ import annotations

import datetime
import decimal
import json
import pathlib
import re
from typing import Any

import pytest
from lxml import html as lxml_html

from conftest import LINZI, run, status_json

LABELS = {"achieved": "已完成", "on_track": "进度正常", "at_risk": "有风险", "behind": "滞后",
          "no_data": "无数据", "overdue": "逾期"}
PLAN_JSON: dict[str, Any] = json.loads(LINZI.read_text(encoding="utf-8"))
TARGETS = {t["code"]: t for i in PLAN_JSON["initiatives"] for t in i["targets"]}
UNIT_NAMES = {u["code"]: u["name"] for u in PLAN_JSON["units"]}
CHINA = datetime.timezone(datetime.timedelta(hours=8))
QUERIES = {
    "q3": ["--as-of", "2021Q3"],
    "year": ["--as-of", "2021Q4", "--today", "2022-01-15"],
}


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


class Dashboard:
    def __init__(self, ledger: pathlib.Path, query: list[str]) -> None:
        before = datetime.datetime.now(CHINA)
        self.text = run("--ledger", ledger, "status", "--format", "html", *query).stdout
        self.made_between = (before, datetime.datetime.now(CHINA))
        self.doc = lxml_html.document_fromstring(self.text)
        self.json = status_json(ledger, *query)

    def row(self, attribute: str, value: str) -> Any:
        rows = self.doc.xpath(f"//tr[@{attribute}='{value}']")
        assert len(rows) == 1, (attribute, value)
        return rows[0]


@pytest.fixture(scope="module", params=sorted(QUERIES))
def dashboard(request: pytest.FixtureRequest, scripted_ledger: pathlib.Path) -> Dashboard:
    return Dashboard(scripted_ledger, QUERIES[request.param])


def badge(row: Any) -> tuple[str, str]:
    """The status label of a row and its colour."""
    span = row.xpath(".//span[@class='status']")[0]
    return span.text_content(), re.search(r"background:(#[0-9a-f]{6})", span.get("style")).group(1)


def test_it_is_self_contained(dashboard: Dashboard) -> None:
    doc = dashboard.doc
    assert dashboard.text.startswith("<!DOCTYPE html>")
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
    assert not doc.xpath("//@src | //@href | //@*[starts-with(name(), 'on')]")
    style = "".join(doc.xpath("//style/text()")) + "".join(doc.xpath("//@style"))
    assert "url(" not in style and "@import" not in style
    assert not re.search(r"(?:https?:)?//(?!www\.w3\.org/2000/svg)", dashboard.text)


def test_the_as_of_period_and_the_time_of_making(dashboard: Dashboard) -> None:
    query = dashboard.json["query"]
    year, quarter = re.fullmatch(r"(\d{4})Q(\d)", query["as_of"]).groups()
    shown = dashboard.doc.xpath("string(//span[@class='as-of'])")
    assert shown == f"{year}年第{'一二三四'[int(quarter) - 1]}季度"
    assert f"（{query['as_of']}）" in dashboard.doc.xpath("string(//p[@class='meta'][1])")
    today = datetime.date.fromisoformat(query["today"])
    assert f"判定日 {today.year}年{today.month}月{today.day}日" in dashboard.text
    made = dashboard.doc.xpath("string(//span[@class='made-at'])")
    y, m, d, hh, mm = map(int, re.fullmatch(r"(\d{4})年(\d+)月(\d+)日 (\d\d):(\d\d)", made).groups())
    at = datetime.datetime(y, m, d, hh, mm, tzinfo=CHINA)
    first, last = dashboard.made_between
    assert first.replace(second=0, microsecond=0) <= at <= last


def test_the_plan_summary(dashboard: Dashboard) -> None:
    plan = dashboard.json["plan"]
    doc = dashboard.doc
    assert doc.xpath("string(//h1)") == f"{PLAN_JSON['title']} 进展情况"
    assert doc.xpath("string(//*[@id='plan-completion'])") == percent(plan["completion"])
    assert doc.xpath("string(//*[@id='plan-expected'])") == percent(plan["expected"])
    summary = doc.xpath("//section[@id='summary']")[0]
    assert LABELS[plan["status"]] in summary.text_content()
    worst = plan["worst_target"]
    assert f"最滞后的目标：{worst} {TARGETS[worst]['description']}" in summary.text_content()
    # The count of targets per status.
    counts: dict[str, int] = {}
    for t in dashboard.json["targets"]:
        counts[t["status"]] = counts.get(t["status"], 0) + 1
    cell = summary.xpath(".//td[starts-with(normalize-space(.), '目标状态')]")[0]
    shown = re.findall(r"(\S+?) (\d+)", cell.text_content().removeprefix("目标状态"))
    assert {label: int(n) for label, n in shown} == {LABELS[s]: n for s, n in counts.items()}


def test_every_initiative_against_expected_with_its_status_colour(dashboard: Dashboard) -> None:
    rows = dashboard.doc.xpath("//section[@id='initiatives']//tbody/tr")
    assert [r.get("data-initiative") for r in rows] == [str(n) for n in range(1, 11)]
    colours: dict[str, str] = {}
    for i in dashboard.json["initiatives"]:
        row = dashboard.row("data-initiative", str(i["number"]))
        cells = row.xpath("td")
        title = PLAN_JSON["initiatives"][i["number"] - 1]["title"]
        assert cells[1].text_content() == title
        assert cells[2].text_content() == percent(i["completion"])
        label, colour = badge(row)
        assert label == LABELS[i["status"]]
        assert colours.setdefault(i["status"], colour) == colour
        fill = row.xpath(".//div[@class='fill']")[0].get("style")
        assert f"width:{min(max(i['completion'], 0), 1) * 100:.1f}%" in fill
        assert f"background:{colour}" in fill
        mark = row.xpath(".//div[@class='expected']")[0].get("style")
        assert mark == f"left:{min(i['expected'], 1) * 100:.1f}%"
    # One colour per status, a different one for each.
    assert len(set(colours.values())) == len(colours)


def test_every_target_with_its_figures(dashboard: Dashboard) -> None:
    rows = dashboard.doc.xpath("//section[@id='targets']//tbody/tr")
    assert [r.get("data-target") for r in rows] == list(TARGETS)
    for t in dashboard.json["targets"]:
        row = dashboard.row("data-target", t["code"])
        plan_target = TARGETS[t["code"]]
        assert row.xpath("string(td[2])") == plan_target["description"]
        assert row.xpath("string(td[@class='num completion'])") == percent(t["completion"])
        assert badge(row)[0] == LABELS[t["status"]]
        actual = row.xpath("string(td[@class='num actual'])")
        goal = row.xpath("string(td[@class='num goal'])")
        if plan_target["measure"] == "milestone":
            stage = t["contributions"][0]["stage"] if t["contributions"] else ""
            assert actual == (stage or "—") and goal == "里程碑"
            continue
        unit = plan_target["unit"]
        for shown, figure in ((actual, t["actual"]), (goal, t["goal"])):
            if figure is None:
                assert shown == "—"
            else:
                number = decimal.Decimal(figure).quantize(decimal.Decimal("0.01"))
                assert shown.endswith(unit) and decimal.Decimal(shown[:-len(unit)]) == number


def test_known_figures_of_the_scripted_year(dashboard: Dashboard) -> None:
    one = dashboard.row("data-target", "1.1")
    five = dashboard.row("data-target", "5.1")
    if dashboard.json["query"]["as_of"] == "2021Q3":
        assert one.xpath("string(td[@class='num actual'])") == "14175名"
        assert five.xpath("string(td[@class='num actual'])") == "8.6亿元"  # filed in 万元
    else:
        assert one.xpath("string(td[@class='num actual'])") == "18375名"
        assert badge(one)[0] == "已完成"
    assert one.xpath("string(td[@class='num goal'])") == "18000名"


def expected_points(series: list[dict[str, Any]], code: str) -> dict[str, list[tuple[float, float]]]:
    """The burn-up chart of `code`, worked out from the roll-ups of the periods up to the last."""
    periods = 4  # 2021Q1..Q4
    milestone = TARGETS[code]["measure"] == "milestone"
    actual, expected, top, forecast = [], [], 0.0, None
    for i, rollup in enumerate(series):
        t = next(x for x in rollup["targets"] if x["code"] == code)
        if milestone:
            expected.append((i, t["expected"]))
            top = max(top, 1.0)
        elif t["goal"] is not None:
            goal = float(t["goal"])
            base = float(t["baseline"]) if t["baseline"] is not None else 0.0
            e = base + (goal - base) * t["expected"]
            expected.append((i, e))
            top = max(top, goal, e)
        if t["actual"] is not None:
            actual.append((i, float(t["actual"])))
            top = max(top, float(t["actual"]))
        if i + 1 == len(series) and t["forecast"] is not None:
            forecast = float(t["forecast"])
            top = max(top, forecast)
    top = top if top > 0 else 1.0

    def point(i: int, v: float) -> tuple[float, float]:
        return 4 + (160 - 8) * i / (periods - 1), 44 - 4 - (44 - 8) * v / top

    out = {"expected": [point(i, v) for i, v in expected],
           "actual": [point(i, v) for i, v in actual]}
    if forecast is not None:
        out["forecast"] = [point(periods - 1, forecast)]
    return out


def test_a_burn_up_chart_per_target_as_inline_svg(dashboard: Dashboard,
                                                  scripted_ledger: pathlib.Path) -> None:
    query = dashboard.json["query"]
    last = int(query["as_of"][-1])
    extra = ["--today", query["today"]] if query["as_of"] == "2021Q4" else []
    series = [status_json(scripted_ledger, "--as-of", f"2021Q{k}", *extra)
              for k in range(1, last + 1)]
    series[-1] = dashboard.json
    svgs = dashboard.doc.xpath("//svg")
    assert len(svgs) == len(TARGETS)
    for code in TARGETS:
        row = dashboard.row("data-target", code)
        svg = row.xpath(".//svg")
        assert len(svg) == 1 and svg[0].get("aria-label") == code
        assert svg[0].get("viewbox", svg[0].get("viewBox")) == "0 0 160 44"
        want = expected_points(series, code)
        for kind in ("expected", "actual"):
            lines = svg[0].xpath(f"polyline[@class='{kind}']")
            if not want[kind]:
                assert not lines, (code, kind)
                continue
            assert len(lines) == 1, (code, kind)
            got = [tuple(map(float, p.split(","))) for p in lines[0].get("points").split()]
            assert len(got) == len(want[kind]), (code, kind)
            for g, w in zip(got, want[kind]):
                assert g == pytest.approx(w, abs=0.051), (code, kind, got, want[kind])
        circles = svg[0].xpath("circle[@class='forecast']")
        if "forecast" in want:
            cx, cy = float(circles[0].get("cx")), float(circles[0].get("cy"))
            assert (cx, cy) == pytest.approx(want["forecast"][0], abs=0.051), code
        else:
            assert not circles, code
    # Milestones too have their expected path (the share due by each period).
    milestone = dashboard.row("data-target", "1.2").xpath(".//polyline[@class='expected']")
    assert milestone and milestone[0].get("points").startswith("4.0,31.0 ")


def test_the_chasing_list(dashboard: Dashboard) -> None:
    chasing = dashboard.json["chasing"]
    section = dashboard.doc.xpath("//section[@id='chasing']")[0]
    rows = section.xpath(".//tbody/tr")
    assert len(rows) == len(chasing) > 0
    for row, c in zip(rows, chasing):
        cells = [td.text_content() for td in row.xpath("td")]
        year, quarter = c["period"].split("Q")
        assert cells[0] == f"{year}年第{'一二三四'[int(quarter) - 1]}季度"
        assert cells[1] == UNIT_NAMES[c["unit"]]
        numerals = "一二三四五六七八九十"
        assert cells[2] == ("实事" + "、".join(numerals[n - 1] for n in c["initiatives"])
                            if c["initiatives"] else "")
        assert cells[3] == {"late": "迟报", "missing": "未报", "omitted": "漏报",
                            "returned": "退回未改"}[c["compliance"]]
        due = datetime.date.fromisoformat(c["due"])
        assert cells[4] == f"{due.year}年{due.month}月{due.day}日"
        assert int(cells[5]) == c["days_overdue"]


def test_nothing_to_chase_is_said_so(scripted_ledger: pathlib.Path) -> None:
    text = run("--ledger", scripted_ledger, "status", "--format", "html", "--as-of", "2021Q1",
               "--today", "2021-04-10").stdout
    section = lxml_html.document_fromstring(text).xpath("//section[@id='chasing']")[0]
    assert not section.xpath(".//table")
    assert "各单位均已按时报送" in section.text_content()
