// The limits of what taizhang reads and keeps (docs/reliability.md, "Limits"). Every input is
// checked against its limit before it is read whole or kept, so that no file or text, however
// large or endless, costs more memory than its limit, and a mistake (the wrong file) ends with a
// clear error naming what and where. A real office never comes near them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang::limits {

// ---- Inputs, in bytes

// A plan file or string (plan_from_json, load_plan), and a plan as the ledger keeps it.
inline constexpr std::size_t plan_bytes = std::size_t{16} << 20U;
// Report content as JSON (report_content_from_json; the command line's --from).
inline constexpr std::size_t report_json_bytes = std::size_t{4} << 20U;
// A notice to draft a plan from (draft_plan cuts it there; the command line refuses more).
inline constexpr std::size_t notice_bytes = std::size_t{2} << 20U;
// A progress CSV file, and one row of it.
inline constexpr std::size_t csv_bytes = std::size_t{64} << 20U;
inline constexpr std::size_t csv_row_bytes = std::size_t{1} << 20U;
inline constexpr std::size_t xlsx_bytes = std::size_t{64} << 20U;  // a workbook, as a file
// The problems of a CSV file listed (by row); the rest are counted.
inline constexpr std::size_t csv_problems_listed = 200;

// ---- Text kept in the ledger, in characters (Unicode code points)

// Names and titles: units (name, full name), plans, initiatives, stages; an assignment's
// division and person.
inline constexpr std::size_t name_chars = 200;
// Who acts (Actor::person).
inline constexpr std::size_t person_chars = 200;
// Other one-line text (a notice's title, a URL, evidence) and a target's description.
inline constexpr std::size_t line_chars = 2000;
// Why a report is returned or corrected, or a plan imported or changed.
inline constexpr std::size_t reason_chars = 2000;
// A value's comment (备注).
inline constexpr std::size_t comment_chars = 2000;
// Narratives (本季度具体措施及任务进度情况), descriptions, notes, source texts.
inline constexpr std::size_t paragraph_chars = 20000;
// A value as written ("1.6万"), its unit of measure, a stage.
inline constexpr std::size_t value_chars = 200;

}  // namespace taizhang::limits

namespace taizhang {

// The bytes of the file at `path`, at most `limit` of them. Only a regular file is read (or
// "/dev/stdin", standard input by its name): a FIFO, a device, a directory or a socket is refused
// before anything is read (a FIFO would wait for a writer forever, /dev/zero never ends). A regular
// file larger than `limit` is refused unread; anything else stops as soon as it passes `limit`.
// Throws IoError naming the path and, for the size, the limit and `what` the file should be ("a
// plan file").
TAIZHANG_EXPORT std::string read_file_within(const std::filesystem::path& path, std::size_t limit,
                                             std::string_view what);

}  // namespace taizhang
