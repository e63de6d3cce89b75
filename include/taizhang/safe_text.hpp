// Text that cannot hurt where it is shown: on a terminal, in a spreadsheet, in a JSON document. The
// library's own writers use the same rules (the terminal status table, every CSV it writes); the
// command line uses these.
#pragma once

#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// `text` safe to print on a terminal: line feeds and tabs kept, a carriage return only before a
// line feed; every other control character (ESC, and with it every escape sequence; the C1
// controls U+0080..U+009F; DEL; backspace), the bidirectional controls U+202A..U+202E and
// U+2066..U+2069, and every byte that is not UTF-8 written out visibly as \x1B, \u202E or \xFF,
// so that text from a file or a ledger can never move the cursor, recolour, retitle or reorder
// what the terminal shows.
TAIZHANG_EXPORT std::string terminal_text(std::string_view text);

// `text` as one CSV field that a spreadsheet shows as text and never runs (OWASP, "CSV
// injection"): a cell that begins with = + - @, a tab or a carriage return gets a single quote '
// in front (a plain number such as -12.5 is left as it is); then the RFC 4180 quoting, when the
// cell holds a comma, a quote or a line break.
TAIZHANG_EXPORT std::string csv_cell(std::string_view text);

// `text` as one JSON string literal, quotes included, escaped as the library's own JSON documents
// are (quote, backslash and every control character escaped; UTF-8 written as it is).
TAIZHANG_EXPORT std::string json_text(std::string_view text);

}  // namespace taizhang
