// Reading a table of progress rows that did not come from a CSV file (the cells of a template's
// sheets) with the CSV importer's own checks, and filing what a reading gives (internal to the
// present layer: csv_import.cpp implements it, template_form.cpp uses it).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/csv_import.hpp"

namespace taizhang::present {

// The first line of a CSV template: "# taizhang: plan=…; plan_version=…; unit=…; period=…".
inline constexpr std::string_view kTemplateLinePrefix = "# taizhang:";

// One row of a table: its number (what problems name it by) and its fields.
struct TableRow {
  std::size_t row = 0;
  std::vector<std::string> fields;
};

// How a problem found at `path` ("row 7, column 数值") is named for a person: sets Issue::path
// and Issue::place.
using Locate = std::function<void(Issue&)>;

// The first row is the header, in the CSV importer's column names; the file is read as a template
// (rows left untouched give nothing). Problems are named by `locate`.
struct Table {
  std::vector<TableRow> rows;
  Locate locate;
};

// Reads `table` (or, when `table` is null, the CSV `bytes` as a template, its problems named
// 第N行 第X列（name）), checks every report against `plan` and then the ledger's history, and files
// them all (one transaction) unless a dry run. Throws as import_progress_csv when anything is
// wrong and not a dry run; a dry run lists every problem in the reading instead. `for_units`:
// each report is filed as its own unit's reporter, `actor.person` recorded (TemplateImportOptions).
CsvReading import_table(Ledger& ledger, const Actor& actor, const Plan& plan, const Table* table,
                        std::string_view bytes, const std::string& source, bool dry_run,
                        bool for_units);

}  // namespace taizhang::present
