#!/usr/bin/python3
"""Writes the seed corpora under tests/fuzz/corpus/ (all but ledger_open's, which
make_ledger_seeds.sh writes with the taizhang command line). Run again only to change the seeds;
the files it writes are committed."""

from __future__ import annotations

import codecs
import io
import json
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"


def put(target: str, name: str, data: bytes | str) -> None:
    path = CORPUS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def numbers() -> None:
    samples = ["18000", "１８０００", "-2.5", "18,000", "1.6万", "12亿", "1.2千万", "三", "十四",
               "两千五百", "一千一百", "一百零五", "三万五千", "一点五", "两千五", "二〇二一",
               "壹仟贰佰叁拾肆", "18000名", "3.3万名", "1.6万户", "10%", "１０％", "百分之十",
               "12亿元", "１２亿元", "三千五百", "三所", "36 个", "\u3000 60家 ", "0.5亿元",
               "3000万元", "1260", "0.000000000000000001", "9223372036854775807", "1万2",
               "十百", "1..2", "万万", "5个百分点", "百分之三点五", "零", "负三"]
    for i, text in enumerate(samples):
        put("chinese_number", f"{i:02d}", text)


def plans() -> None:
    linzi = (ROOT / "examples/plans/linzi-2021.json").read_text(encoding="utf-8")
    put("plan_json", "linzi-2021.json", linzi)
    plan = json.loads(linzi)
    # Small variants: one initiative, a few units; each a different corner of the format.
    small = dict(plan)
    small["initiatives"] = plan["initiatives"][:1]
    lead = {a["unit"] for a in small["initiatives"][0].get("assignments", [])}
    small["units"] = [u for u in plan["units"]
                      if u["code"] in lead or u["code"] == plan.get("coordinator")]
    put("plan_json", "one-initiative.json", json.dumps(small, ensure_ascii=False, indent=1))
    put("plan_json", "one-initiative-bom.json",
        codecs.BOM_UTF8 + json.dumps(small, ensure_ascii=False).encode("utf-8"))
    put("plan_json", "bad-duplicate-key.json", '{"format": 1, "format": 1}')
    put("plan_json", "bad-float.json", '{"format": 1.5, "code": "x"}')
    put("plan_json", "empty-object.json", "{}")
    put("plan_json", "unknown-key.json", '{"format": 1, "code": "p", "colour": "red"}')
    all_fields = ROOT / "tests/data/plan-all-fields.json"
    if all_fields.exists() and all_fields.stat().st_size < 16384:
        put("plan_json", "plan-all-fields.json", all_fields.read_bytes())


HEADER = ["单位", "报告期", "序号", "目标", "数值", "计量单位", "阶段", "备注", "佐证",
          "进展情况", "完成时限"]


def csv_text(rows: list[list[str]], newline: str = "\n") -> str:
    def field(value: str) -> str:
        if any(c in value for c in ',"\r\n'):
            return '"' + value.replace('"', '""') + '"'
        return value
    return "".join(",".join(map(field, row)) + newline for row in rows)


def csvs() -> None:
    h = "区卫健局"
    good = [HEADER,
            [h, "2021年第一季度", "1", "1.1", "４５００", "名", "", "", "", "筛查“两癌”（示例）",
             "2021-12-31"],
            [h, "2021Q1", "", "1.2", "", "", "已启动", "", "", "", ""],
            [h, "2021Q1", "十", "", "", "", "", "", "", "开展健康科普宣传（示例）", ""]]
    english = [["unit", "period", "target", "value", "stage", "initiative", "narrative"],
               ["health", "2021Q1", "1.1", "1.2万", "", "", ""],
               ["health", "2021Q2", "1.2", "", "已启动", "1", "启动（示例）\n第二行"]]
    bad = [HEADER,
           [h, "2021Q1", "", "1.1", "abc", "", "", "", "", "", ""],
           [h, "2021Q5", "", "1.1", "100", "", "", "", "", "", ""],
           ["区财政局", "2021Q1", "2", "", "", "", "", "", "", "资金（示例）", ""],
           [h, "2021Q1", "", "9.9", "5", "", "", "", "", "", ""],
           [h, "2021Q1", "1", "", "", "", "", "", "", "多行\n说明", "2021-13-01"],
           [h, "2021Q1", "", "1.1", "5", "万元", "", "", "", "", ""],
           [h, "2021-03", "", "10.2", "", "", "推进中", "", "", "", ""]]
    put("csv_import", "utf8.csv", csv_text(good))
    put("csv_import", "utf8-bom-crlf.csv", codecs.BOM_UTF8 + csv_text(english, "\r\n").encode())
    put("csv_import", "gbk.csv", csv_text(good, "\r\n").encode("gbk"))
    put("csv_import", "gb18030.csv", csv_text(good[:2] + [[h, "2021Q1", "1", "", "", "", "", "",
                                                            "", "𠮷（示例）", ""]]).encode("gb18030"))
    put("csv_import", "bad-rows.csv", csv_text(bad))
    put("csv_import", "bad-rows-gbk.csv", csv_text(bad, "\r\n").encode("gbk"))
    put("csv_import", "open-quote.csv", 'unit,period,target,value,comment\nhealth,2021Q1,1.1,4500,"open\n')
    put("csv_import", "header-only.csv", ",".join(HEADER) + "\n")


def notices() -> None:
    for path in sorted((ROOT / "tests/data/notices").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        put("notice_draft", path.name, text)
        # Excerpts: the head (title, preamble, first items) and a middle stretch of items.
        lines = text.splitlines(keepends=True)
        put("notice_draft", path.stem + "-head.txt", "".join(lines[:12]))
        put("notice_draft", path.stem + "-middle.txt", "".join(lines[len(lines) // 3:][:10]))
    put("notice_draft", "table-layout.txt",
        "临淄区2021年为妇女儿童办实事项目\n序号\n实事\n责任单位\n完成时限\n1\n"
        "为18000名农村适龄妇女免费进行“两癌”筛查\n区卫健局\n2021年12月\n2\n"
        "新建3所幼儿园，新增学位1260个\n区教体局\n年内\n")
    put("notice_draft", "prose-items.txt",
        "关于印发《2024年为民办实事》的通知\n（一）投资12亿元实施39个项目。（牵头单位：区发改局，"
        "责任单位：区财政局）\n（二）新增60家美家超市。（责任单位：区商务局）\n联系电话：0533-1234567\n")


def xlsx_parts(sheet: str, shared: str, date1904: bool = False) -> dict[str, str]:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    return {
        "[Content_Types].xml": '<?xml version="1.0"?><Types '
                               'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" '
                       'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}">'
                           + ('<workbookPr date1904="1"/>' if date1904 else "")
                           + '<sheets><sheet name="填报" sheetId="1" r:id="rId1"/>'
                             '<sheet name="数据" sheetId="2" state="hidden" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}">'
                                      f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
                                      f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><numFmts><numFmt numFmtId="164" '
                         'formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>'
                         '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet}</sheetData>'
                                    '<mergeCells><mergeCell ref="A1:D1"/></mergeCells></worksheet>',
        "docProps/custom.xml": '<Properties><property name="taizhang.unit"><lpwstr>health</lpwstr>'
                               '</property></Properties>',
    }


def xlsx() -> None:
    """Workbooks stored without compression, so that mutations reach the XML inside."""
    shared = ("<si><t>临淄区2021年妇女儿童十件实事进展情况</t></si><si><t>区卫健局</t></si>"
              "<si><r><t>实</t></r><r><t>事</t></r><rPh><t>shí</t></rPh></si>")
    sheet = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
             '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>1</v></c><c r="C3"><v>1500.25</v></c>'
             '<c r="D3" s="1"><v>44387</v></c><c r="E3" s="2"><v>44387.5</v></c></row>'
             '<row><c t="inlineStr"><is><t>三千</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>'
             '<c t="str"><f>A3</f><v>1</v></c><c t="s"><v>2</v></c></row>')
    for name, parts in (("form.xlsx", xlsx_parts(sheet, shared)),
                        ("date1904.xlsx", xlsx_parts(sheet, shared, True))):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for part, text in parts.items():
                archive.writestr(part, text.encode("utf-8"))
        put("xlsx_reader", name, buffer.getvalue())


if __name__ == "__main__":
    numbers()
    plans()
    csvs()
    notices()
    xlsx()
