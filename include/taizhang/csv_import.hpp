// Importing what unit clerks fill in: progress values and narratives from CSV.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/actor.hpp"
#include "taizhang/error.hpp"
#include "taizhang/export.hpp"
#include "taizhang/ledger.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

// The encoding a CSV file was read in. Part of the public contract: do not renumber.
enum class TextEncoding : std::uint8_t {
  utf8 = 1,
  utf8_bom = 2,  // UTF-8 with a byte-order mark (Excel's "CSV UTF-8")
  gb18030 = 3,   // GBK / GB18030, as Excel on Chinese Windows saves CSV
  xlsx = 4,      // not text: an .xlsx workbook (read_progress_xlsx)
};
TAIZHANG_EXPORT const char* to_string(TextEncoding encoding) noexcept;
TAIZHANG_EXPORT std::optional<TextEncoding> text_encoding_from_string(
    std::string_view text) noexcept;

// What a CSV file holds, checked against the plan, not yet filed.
//
// The file has a header row naming its columns, in Chinese or English, in any order:
//   单位 unit (code or name) · 报告期 period ("2021Q3", "2021年第三季度") · 序号 initiative ·
//   目标 target (code) · 数值 value ("1.6万", "１８０００", "12亿元") · 计量单位 unit_of_measure ·
//   阶段 stage · 备注 comment · 佐证 evidence · 进展情况 narrative (本季度具体措施及任务进度情况) ·
//   完成时限 completion.
// A row with a target gives a value; a row with an initiative and a narrative gives progress; a
// row may give both. Rows of one unit and period make one report.
struct CsvReading {
  TextEncoding encoding = TextEncoding::utf8;
  std::size_t rows = 0;         // data rows read (the header not counted)
  std::vector<Filing> filings;  // one per unit × period, filed as `actor`
  std::vector<Issue> problems;  // each bad row: path "row 12, column 数值"; at most the first
                                // 200 by row (limits::csv_problems_listed)
  std::size_t problems_not_listed = 0;  // the problems beyond those, counted, not listed
  std::vector<Issue> warnings;  // 需核实 and what a replacement removes, by row and column

  friend bool operator==(const CsvReading&, const CsvReading&) = default;
};

// Detects the encoding (a byte-order mark; else valid UTF-8; else GB18030), parses `bytes` and
// checks every report against `plan` and what `actor` may file, with the ledger's own report
// checks (values read against their targets as read_value() reads them: "1500万" in a row of a
// target in 万元 is 1500), each problem named by its row and column. `source` names the file in
// messages. Never throws for bad rows: they are listed in `problems` (the first 200 by row; the
// rest counted in `problems_not_listed`), and their reports are left out of `filings`. Bounded:
// input over 64 MiB, or a row over 1 MiB, is one problem and is not parsed further; the file is
// parsed a row at a time where it lies (only GBK is converted first), and what is kept is bounded
// by the plan (its units, periods and targets), not by the file. `mode` is set on every filing.
//
// The CSV functions take their arguments in the Ledger's order: who acts (the actor, first in
// every Ledger write), the plan, the input (the bytes or the file), then how. read_progress_csv is
// given the plan itself (it needs no ledger); import_progress_csv names it by code, as the
// Ledger's methods do.
TAIZHANG_EXPORT CsvReading read_progress_csv(const Actor& actor, const Plan& plan,
                                             std::string_view bytes,
                                             std::string_view source = "<csv>",
                                             ContentMode mode = ContentMode::merge);

[[deprecated("0.2.0 takes (actor, plan, bytes, ...)")]] inline CsvReading read_progress_csv(
    std::string_view bytes, const Plan& plan, const Actor& actor, std::string_view source = "<csv>",
    ContentMode mode = ContentMode::merge) {
  return read_progress_csv(actor, plan, bytes, source, mode);
}

// The same table in an .xlsx workbook, as a clerk saves it from Excel or WPS: the first visible
// sheet, its first row that holds anything the header (the same column names), each later row a
// record; numbers as the spreadsheet shows them (15 significant digits), dates as YYYY-MM-DD.
// Problems are named by row and column as for a CSV file. Throws ParseError naming the file when
// it is not a workbook or is refused as hostile (src/formats/xlsx_reader.hpp: a zip bomb, paths
// out of the archive, a document type, more cells than a sheet may hold), IoError when this build
// reads no .xlsx.
TAIZHANG_EXPORT CsvReading read_progress_xlsx(const Actor& actor, const Plan& plan,
                                              std::string_view bytes,
                                              std::string_view source = "<xlsx>",
                                              ContentMode mode = ContentMode::merge);

// Whether `bytes` begin as an .xlsx workbook (a zip archive) does, rather than as text.
TAIZHANG_EXPORT bool is_xlsx(std::string_view bytes) noexcept;

struct CsvImportOptions {
  // false (the default): nothing is imported unless every row is good.
  // true: the reports whose rows are all good are imported; the others are left out.
  bool partial = false;
  // merge (the default): a file changes what its rows give and keeps the rest of each report
  // (a file with only the corrected row fixes a returned report). replace: each report becomes
  // what the file gives; what it drops is listed in `warnings`.
  ContentMode mode = ContentMode::merge;

  friend bool operator==(const CsvImportOptions&, const CsvImportOptions&) = default;
};

// Reads the file at `path` with read_progress_csv (or read_progress_xlsx when it is a workbook),
// checks its reports against the ledger's history
// (Ledger::check: a running total that would fall, a report already handed in) and files them as
// one transaction (Ledger::file_all). Returns the reading (its filings are what was filed). Throws
// ValidationError listing every bad row, with its row and column (the first 200, then "… and N
// more problems"), when a row is bad and not `options.partial`; IoError when the file cannot be
// read, is not a regular file (a FIFO, a device: refused before reading) or is larger than 64 MiB
// (then it is not read at all); whatever file_all throws.
TAIZHANG_EXPORT CsvReading import_progress_csv(Ledger& ledger, const Actor& actor,
                                               std::string_view plan,
                                               const std::filesystem::path& path,
                                               const CsvImportOptions& options = {});

}  // namespace taizhang
