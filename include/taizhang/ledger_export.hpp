// Everything in a ledger, written out as JSON and CSV for other systems and for safekeeping.
#pragma once

#include <filesystem>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/ledger.hpp"

namespace taizhang {

// Writes into `directory` (created when missing):
//   units.csv                        the unit catalogue
//   plans/<code>.json                each plan's current version (the plan file format)
//   plans/<code>.history.json        every version with its time, actor, reason and hash
//   reports.json                     every report with its complete history (report_json.hpp)
//   values.csv                       every value as it stands (Ledger::values), one row each
// CSV files are UTF-8 with a byte-order mark, so that Excel opens them right. Returns the paths
// written. Throws IoError naming a file that cannot be written.
TAIZHANG_EXPORT std::vector<std::filesystem::path> export_ledger(
    const Ledger& ledger, const std::filesystem::path& directory);

}  // namespace taizhang
