// Fuzz target: reading the .xlsx workbooks clerks send back (src/formats/xlsx_reader.hpp): the zip
// container, the XML parts, shared strings, styles and dates. Anything wrong may only be a
// taizhang::Error; what is read keeps the reader's promises (cells in order, inside a sheet's
// size, never longer than a cell may be; merged ranges the right way round).
#include <cstddef>
#include <cstdint>

#include "formats/xlsx_reader.hpp"
#include "fuzz_check.hpp"
#include "taizhang/error.hpp"

using namespace taizhang;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  formats::XlsxLimits limits;
  limits.part_bytes = std::uint64_t{4} << 20U;  // small enough to keep each run fast
  limits.total_bytes = std::uint64_t{8} << 20U;
  try {
    const formats::XlsxWorkbook book = read_xlsx(fuzz::as_text(data, size), "fuzz.xlsx", limits);
    for (const formats::XlsxSheet& sheet : book.sheets) {
      for (std::size_t i = 0; i < sheet.cells.size(); ++i) {
        const formats::XlsxCell& c = sheet.cells[i];
        if (c.row < 1 || c.row > 1'048'576 || c.column < 1 || c.column > 16'384) {
          fuzz::fail("a cell outside a sheet", formats::column_name(c.column));
        }
        if (i > 0 && (sheet.cells[i - 1].row > c.row ||
                      (sheet.cells[i - 1].row == c.row && sheet.cells[i - 1].column > c.column))) {
          fuzz::fail("cells out of order");
        }
        if (c.text.size() > 32'767U * 4U) fuzz::fail("a cell longer than a cell may be");
      }
      for (const formats::XlsxRange& r : sheet.merged) {
        if (r.first_row > r.last_row || r.first_column > r.last_column) {
          fuzz::fail("a merged range the wrong way round");
        }
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
