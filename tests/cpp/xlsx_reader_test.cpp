// Reading .xlsx workbooks (src/formats/xlsx_reader.hpp): what the library writes (libxlsxwriter),
// what openpyxl writes, hand-made parts for what other programs write (inline strings, rich text
// with phonetic guides, cells without references, the 1904 date system), and hostile archives: a
// path that climbs out, a zip bomb, a document type with an external entity, too many cells.
#include "formats/xlsx_reader.hpp"

#include <xlsxwriter.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "taizhang/error.hpp"

namespace taizhang::formats {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "taizhang-xlsx-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A zip archive of the given parts (name → content), deflated, written with libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts) {
  const TempDir dir;
  const fs::path path = dir.path() / "a.zip";
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(zip), 0);
  return read_bytes(path);
}

const std::string kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
const std::string kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
const std::string kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

std::string workbook_xml(bool date1904) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)") +
         (date1904 ? R"(<workbookPr date1904="1"/>)" : "") +
         R"(<sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>)";
}

// A workbook of hand-made parts with `sheet` as its one sheet's XML.
std::string workbook_with(const std::string& sheet, const std::string& shared = "",
                          bool date1904 = false) {
  const std::string styles = R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs>
</styleSheet>)";
  const std::string strings =
      shared.empty() ? R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)"
                     : shared;
  return zip_of({{"[Content_Types].xml", kContentTypes},
                 {"_rels/.rels", kPackageRels},
                 {"xl/workbook.xml", workbook_xml(date1904)},
                 {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                 {"xl/styles.xml", styles},
                 {"xl/sharedStrings.xml", strings},
                 {"xl/worksheets/sheet1.xml", sheet}});
}

std::string sheet_xml(const std::string& data, const std::string& after = "") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         data + "</sheetData>" + after + "</worksheet>";
}

// The text of every cell, "B3=text", in order.
std::vector<std::string> cells_of(const XlsxSheet& sheet) {
  std::vector<std::string> out;
  for (const XlsxCell& c : sheet.cells) {
    out.push_back(column_name(c.column) + std::to_string(c.row) + "=" + c.text);
  }
  return out;
}

void expect_refused(const std::string& bytes, const std::string& why,
                    const XlsxLimits& limits = {}) {
  try {
    (void)read_xlsx(bytes, "clerk.xlsx", limits);
    ADD_FAILURE() << "read, but should be refused: " << why;
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    EXPECT_EQ(e.where().file, "clerk.xlsx");
  }
}

TEST(XlsxReader, ColumnNamesAreAsSpreadsheetsWriteThem) {
  EXPECT_EQ(column_name(1), "A");
  EXPECT_EQ(column_name(26), "Z");
  EXPECT_EQ(column_name(27), "AA");
  EXPECT_EQ(column_name(16384), "XFD");
}

// A workbook as the library's own forms are written (libxlsxwriter): shared strings in Chinese,
// numbers, a date, a merged title, a blank row, a second sheet, the document's properties.
TEST(XlsxReader, ReadsWhatLibxlsxwriterWrites) {
  const TempDir dir;
  const fs::path path = dir.path() / "form.xlsx";
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "2021年第3季度");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_merge_range(sheet, 0, 0, 0, 3, "临淄区2021年妇女儿童十件实事进展情况", nullptr);
  worksheet_write_string(sheet, 2, 0, "序号", nullptr);
  worksheet_write_string(sheet, 2, 1, "责任单位", nullptr);
  worksheet_write_number(sheet, 3, 0, 1, nullptr);
  worksheet_write_string(sheet, 3, 1, "区卫健局\n区妇联", nullptr);
  worksheet_write_number(sheet, 3, 2, 1500.25, nullptr);
  lxw_datetime when = {2021, 7, 10, 0, 0, 0};
  worksheet_write_datetime(sheet, 3, 3, &when, date);
  worksheet_write_boolean(sheet, 5, 0, 1, nullptr);
  lxw_worksheet* hidden = workbook_add_worksheet(book, "数据");
  worksheet_write_string(hidden, 0, 0, "1.1", nullptr);
  worksheet_hide(hidden);
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>("进展情况表");
  workbook_set_properties(book, &properties);
  workbook_set_custom_property_string(book, "taizhang.unit", "health");
  ASSERT_EQ(workbook_close(book), LXW_NO_ERROR);

  const XlsxWorkbook wb = read_xlsx(read_bytes(path), path.string());
  ASSERT_EQ(wb.sheets.size(), 2U);
  const XlsxSheet& s = wb.sheets[0];
  EXPECT_EQ(s.name, "2021年第3季度");
  EXPECT_FALSE(s.hidden);
  const std::vector<std::string> want = {"A1=临淄区2021年妇女儿童十件实事进展情况",
                                         "A3=序号",
                                         "B3=责任单位",
                                         "A4=1",
                                         "B4=区卫健局\n区妇联",
                                         "C4=1500.25",
                                         "D4=2021-07-10",
                                         "A6=TRUE"};
  EXPECT_EQ(cells_of(s), want);
  EXPECT_EQ(s.find(4, 4)->kind, XlsxCellKind::date);
  EXPECT_EQ(s.find(4, 3)->kind, XlsxCellKind::number);
  EXPECT_EQ(s.find(5, 1), nullptr);  // the blank row
  ASSERT_EQ(s.merged.size(), 1U);
  EXPECT_EQ(s.merged[0].first_row, 1U);
  EXPECT_EQ(s.merged[0].last_column, 4U);
  EXPECT_TRUE(wb.sheets[1].hidden);
  EXPECT_EQ(wb.sheet("数据")->find(1, 1)->text, "1.1");
  EXPECT_EQ(wb.title, "进展情况表");
  EXPECT_EQ(wb.properties.at("taizhang.unit"), "health");
}

// A workbook as openpyxl writes it (an analyst's script, another program), in `dir`.
fs::path openpyxl_workbook(const fs::path& dir) {
  const fs::path path = dir / "openpyxl.xlsx";
  const std::string script =
      "import datetime, openpyxl, sys\n"
      "wb = openpyxl.Workbook()\n"
      "ws = wb.active\n"
      "ws.title = '区卫健局'\n"
      "ws.append(['目标', '本期数值', '日期'])\n"
      "ws.append(['1.1 孕产妇健康管理', 18000, datetime.date(2021, 9, 30)])\n"
      "ws.append([])\n"
      "ws.append(['1.2', '1500万', 0.3])\n"
      "ws.merge_cells('A5:C5')\n"
      "ws['A5'] = '说明：按季度填报'\n"
      "wb.save(sys.argv[1])\n";
  const fs::path py = dir / "make.py";
  std::ofstream(py) << script;
  EXPECT_EQ(std::system(("/usr/bin/python3 " + py.string() + " " + path.string()).c_str()), 0);
  return path;
}

const std::vector<std::string> kOpenpyxlCells = {
    "A1=目标", "B1=本期数值", "C1=日期", "A2=1.1 孕产妇健康管理", "B2=18000", "C2=2021-09-30",
    "A4=1.2",  "B4=1500万",   "C4=0.3",  "A5=说明：按季度填报"};

TEST(XlsxReader, ReadsWhatOpenpyxlWrites) {
  const TempDir dir;
  const XlsxWorkbook wb = read_xlsx(read_bytes(openpyxl_workbook(dir.path())), "openpyxl.xlsx");
  ASSERT_EQ(wb.sheets.size(), 1U);
  EXPECT_EQ(cells_of(wb.sheets[0]), kOpenpyxlCells);
  EXPECT_EQ(wb.sheets[0].name, "区卫健局");
  EXPECT_EQ(wb.sheets[0].merged.size(), 1U);
}

// A clerk's round trip: the workbook opened and saved again in LibreOffice (as WPS and Excel do,
// it rewrites every part: rich-text runs per script, styles, its own relationships). The cells
// read the same.
TEST(XlsxReader, ReadsAWorkbookReSavedByLibreOffice) {
  const TempDir dir;
  const fs::path original = openpyxl_workbook(dir.path());
  const fs::path out = dir.path() / "saved";
  // A profile of its own, so that tests running at once do not share LibreOffice's lock.
  const std::string command =
      "soffice -env:UserInstallation=file://" + (dir.path() / "profile").string() +
      " --headless --norestore --convert-to xlsx --outdir " + out.string() + " " +
      original.string() + " > " + (dir.path() / "soffice.log").string() + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << read_bytes(dir.path() / "soffice.log");
  const fs::path saved = out / "openpyxl.xlsx";
  ASSERT_TRUE(fs::exists(saved)) << read_bytes(dir.path() / "soffice.log");
  EXPECT_NE(read_bytes(saved), read_bytes(original));  // LibreOffice wrote it anew
  const XlsxWorkbook wb = read_xlsx(read_bytes(saved), "saved.xlsx");
  ASSERT_EQ(wb.sheets.size(), 1U);
  EXPECT_EQ(wb.sheets[0].name, "区卫健局");
  EXPECT_EQ(cells_of(wb.sheets[0]), kOpenpyxlCells);
  ASSERT_EQ(wb.sheets[0].merged.size(), 1U);
  EXPECT_EQ(wb.sheets[0].merged[0].last_column, 3U);
}

// What other programs write: inline strings, rich text with a phonetic guide (left out), a
// formula's cached result, cells and rows without references, an error value, a number stored
// as text, dates in a built-in and a Chinese custom format.
TEST(XlsxReader, ReadsTheFormsOtherProgramsWrite) {
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<si><t xml:space="preserve"> 区财政局 </t></si>)"
      R"(<si><r><t>实</t></r><r><rPr><b/></rPr><t>事</t></r><rPh sb="0" eb="1"><t>shí</t></rPh></si>)"
      R"(</sst>)";
  const std::string data =
      R"(<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c>)"
      R"(<c r="C2" t="inlineStr"><is><t>三千</t></is></c><c r="D2"><f>SUM(1,2)</f><v>3</v></c></row>)"
      R"(<row><c t="str"><v>1500</v></c><c t="e"><v>#DIV/0!</v></c><c s="1"><v>44387</v></c>)"
      R"(<c s="2"><v>44387.627083333333</v></c><c s="3"><v>12.5</v></c></row>)";
  const XlsxWorkbook wb = read_xlsx(workbook_with(sheet_xml(data), shared), "other.xlsx");
  const XlsxSheet& s = wb.sheets.at(0);
  const std::vector<std::string> want = {
      "A2= 区财政局 ",       "B2=实事", "C2=三千", "D2=3", "A3=1500", "B3=#DIV/0!", "C3=2021-07-10",
      "D3=2021-07-10 15:03", "E3=12.5"};
  EXPECT_EQ(cells_of(s), want);
  EXPECT_EQ(s.find(3, 1)->kind, XlsxCellKind::text);  // a number stored as text stays text
  EXPECT_EQ(s.find(3, 2)->kind, XlsxCellKind::error);
  EXPECT_EQ(s.find(3, 5)->kind, XlsxCellKind::number);  // 0.00 is no date format
}

TEST(XlsxReader, ReadsDatesInTheNineteenOhFourSystemAndLotusLeapDay) {
  const std::string data =
      R"(<row r="1"><c r="A1" s="1"><v>42925</v></c><c r="B1" s="1"><v>60</v></c></row>)";
  EXPECT_EQ(read_xlsx(workbook_with(sheet_xml(data), "", true), "mac.xlsx").sheets[0].cells[0].text,
            "2021-07-10");
  EXPECT_EQ(read_xlsx(workbook_with(sheet_xml(data)), "pc.xlsx").sheets[0].cells[1].text,
            "1900-02-29");
}

// The fuzzer's seeds are whole workbooks, so that its mutations start from something read to the
// end (tests/fuzz/make_corpus.py).
TEST(XlsxReader, TheFuzzSeedsAreReadToTheEnd) {
  for (const char* seed : {"form.xlsx", "date1904.xlsx"}) {
    const fs::path path = fs::path(TAIZHANG_SOURCE_DIR) / "tests/fuzz/corpus/xlsx_reader" / seed;
    const XlsxWorkbook wb = read_xlsx(read_bytes(path), path.string());
    ASSERT_EQ(wb.sheets.size(), 2U) << seed;
    EXPECT_TRUE(wb.sheets[1].hidden);
    EXPECT_EQ(wb.sheets[0].find(1, 1)->text, "临淄区2021年妇女儿童十件实事进展情况");
    EXPECT_EQ(wb.sheets[0].find(4, 5)->text, "实事");
    EXPECT_EQ(wb.sheets[0].cells.size(), 11U) << seed;
    EXPECT_EQ(wb.properties.at("taizhang.unit"), "health");
  }
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  expect_refused("PK\x03\x04 not really", "not an .xlsx file");
  expect_refused("序号,责任单位\n1,区卫健局\n", "not an .xlsx file");
  expect_refused(zip_of({{"hello.txt", "hi"}}), "no workbook part");
  expect_refused(workbook_with(sheet_xml("<row><c><v>1</v></row>")), "not well formed");
  expect_refused(workbook_with(sheet_xml(R"(<row><c r="A1" t="s"><v>7</v></c></row>)")),
                 "names a shared string that is not there");
  expect_refused(workbook_with(sheet_xml(R"(<row><c r="XFE1"><v>1</v></c></row>)")),
                 "cell reference is out of range");
}

// Nothing in the archive may name a place outside it.
TEST(XlsxReader, RefusesAnArchiveWhosePathsClimbOut) {
  for (const std::string name :
       {"../evil.xml", "xl/../../evil.xml", "/etc/passwd", "C:/evil.xml", "xl\\..\\evil.xml"}) {
    std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels", kPackageRels}, {"xl/workbook.xml", workbook_xml(false)}, {name, "x"}};
    expect_refused(zip_of(parts), "path traversal");
  }
}

// A part that inflates far beyond its size is refused as soon as it passes the limit.
TEST(XlsxReader, RefusesAZipBomb) {
  XlsxLimits small;
  small.part_bytes = 1U << 20U;
  const std::string bomb = sheet_xml(std::string(4U << 20U, ' '));
  const std::string bytes = workbook_with(bomb);
  EXPECT_LT(bytes.size(), 64U * 1024U);  // 4 MiB of sheet in a few KiB
  expect_refused(bytes, "inflates to more than 1048576 bytes", small);
  XlsxLimits total;
  total.total_bytes = 2U << 20U;
  expect_refused(bytes, "zip bomb", total);
}

// No document type, so no entity is declared, expanded or fetched (XXE, billion laughs).
TEST(XlsxReader, RefusesADocumentTypeDeclaration) {
  const std::string xxe =
      R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>)";
  expect_refused(workbook_with(xxe), "document type");
  const std::string laughs =
      R"(<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "哈哈"><!ENTITY b "&a;&a;&a;&a;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&b;</t></si></sst>)";
  expect_refused(workbook_with(sheet_xml(""), laughs), "document type");
}

TEST(XlsxReader, RefusesMoreCellsOrPartsThanAllowed) {
  std::string rows;
  for (int r = 1; r <= 50; ++r) rows += "<row><c><v>" + std::to_string(r) + "</v></c></row>";
  XlsxLimits limits;
  limits.cells = 49;
  expect_refused(workbook_with(sheet_xml(rows)), "more than 49 cells", limits);
  limits = {};
  limits.entries = 3;
  expect_refused(workbook_with(sheet_xml(rows)), "more than 3 parts", limits);
  limits = {};
  limits.file_bytes = 100;
  expect_refused(workbook_with(sheet_xml(rows)), "larger than 100 bytes", limits);
}

}  // namespace
}  // namespace taizhang::formats
