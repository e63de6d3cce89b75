// Reading an .xlsx workbook (Office Open XML spreadsheet) as the cells a person sees (internal).
//
// The reader is for the workbooks clerks send back: files the library wrote (libxlsxwriter),
// files written by other programs (openpyxl) and files re-saved by Excel, WPS or LibreOffice. It
// reads the zip container with libzip and each XML part with expat, a part at a time, and keeps
// only cells that hold something: shared strings (rich text joined, phonetic guides left out),
// inline strings, numbers as written in the file, booleans, error values and formula results;
// numbers in a date format become dates. Merged ranges are listed; blank rows simply have no
// cells.
//
// A workbook is untrusted input. Refused, with an error that says why, before anything of it is
// used: a file over limits::xlsx_bytes (XlsxLimits); an archive with more than 10,000 entries, or
// an entry whose name climbs out of the archive ("../", an absolute path, a drive letter, a
// backslash); a part that inflates beyond its limit (a zip bomb); a document type declaration (so
// no entity, internal or external, is ever expanded); more cells, rows, columns or shared strings
// than a spreadsheet may hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/limits.hpp"

namespace taizhang::formats {

enum class XlsxCellKind : std::uint8_t {
  text = 1,     // a shared or inline string, or a formula's text result
  number = 2,   // `text` is the number as the file stores it: "1500", "0.3", "1.5E-3"
  date = 3,     // a number in a date format: `text` is "2021-07-10" (or "2021-07-10 15:02")
  boolean = 4,  // `text` is "TRUE" or "FALSE"
  error = 5,    // `text` is the error value: "#DIV/0!", "#N/A", ...
};

struct XlsxCell {
  std::uint32_t row = 0;     // 1-based
  std::uint32_t column = 0;  // 1-based: A = 1
  XlsxCellKind kind = XlsxCellKind::text;
  std::string text;
};

// A merged range, inclusive, 1-based.
struct XlsxRange {
  std::uint32_t first_row = 0;
  std::uint32_t first_column = 0;
  std::uint32_t last_row = 0;
  std::uint32_t last_column = 0;
};

struct XlsxSheet {
  std::string name;
  bool hidden = false;          // hidden or very hidden in the workbook
  std::vector<XlsxCell> cells;  // in row order, then column order; only cells that hold something
  std::vector<XlsxRange> merged;

  // The cell at (row, column), or nullptr when it is empty. A cell covered by a merged range but
  // not its first cell is empty, as in the file; see merged.
  [[nodiscard]] const XlsxCell* find(std::uint32_t row, std::uint32_t column) const;
};

struct XlsxWorkbook {
  std::vector<XlsxSheet> sheets;  // in the workbook's order
  // The workbook's custom document properties (docProps/custom.xml), name → value as text.
  std::map<std::string, std::string> properties;
  std::string title;  // the document title (docProps/core.xml), or ""

  // The sheet named `name`, or nullptr.
  [[nodiscard]] const XlsxSheet* sheet(std::string_view name) const;
};

// How much a workbook may hold; the defaults are for the workbooks offices exchange.
struct XlsxLimits {
  std::size_t file_bytes = limits::xlsx_bytes;            // the .xlsx file itself
  std::size_t entries = 10'000;                           // parts in the archive
  std::uint64_t part_bytes = std::uint64_t{256} << 20U;   // one XML part, inflated
  std::uint64_t total_bytes = std::uint64_t{512} << 20U;  // every part read, inflated
  std::size_t cells = 2'000'000;                          // cells that hold something
  std::size_t shared_strings = 2'000'000;
};

// Reads `bytes`, the whole .xlsx file; `source` names it in messages. Throws ParseError naming
// the file and the part (and the line in it) when the workbook cannot be read or is refused,
// IoError when this build cannot read .xlsx at all (TAIZHANG_WITH_XLSX=OFF).
XlsxWorkbook read_xlsx(std::string_view bytes, std::string_view source,
                       const XlsxLimits& limits = {});

// "A", "Z", "AA", "XFD" for 1, 26, 27, 16384.
std::string column_name(std::uint32_t column);

}  // namespace taizhang::formats
