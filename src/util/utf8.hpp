// UTF-8 helpers used across the implementation (not part of the public API).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace taizhang::util {

// The byte offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept;
inline bool is_valid_utf8(std::string_view s) noexcept {
  return !find_invalid_utf8(s);
}

// Decodes the code point starting at s[pos] and advances pos past it. On an invalid sequence it
// returns U+FFFD and advances one byte. Requires pos < s.size().
char32_t decode(std::string_view s, std::size_t& pos) noexcept;

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);
std::string to_utf8(char32_t cp);

// True for ASCII white space, U+00A0, U+3000 (ideographic space) and U+FEFF.
bool is_space(char32_t cp) noexcept;

// `s` without leading and trailing is_space() code points.
std::string_view trim(std::string_view s) noexcept;

// Full-width ASCII forms (U+FF01..U+FF5E) turned into ASCII, U+3000 into a space; everything else
// unchanged. "１８０００％" → "18000%".
std::string to_halfwidth(std::string_view s);

// The number of terminal columns `s` takes: East Asian wide and full-width characters count two.
std::size_t display_width(std::string_view s) noexcept;

// The number of code points in a valid UTF-8 string.
std::size_t code_point_count(std::string_view s) noexcept;

// ---- The one rule for text taizhang keeps (names, narratives, comments, person, reason, ...)

// A control or formatting character that no text taizhang keeps may hold: the C0 controls
// U+0000..U+001F, DEL U+007F, the C1 controls U+0080..U+009F (which terminals act on as they do on
// ESC), and the bidirectional embeddings, overrides and isolates U+202A..U+202E and
// U+2066..U+2069 (which make text show in another order than it reads). Line feed, carriage
// return and tab are among them; paragraphs allow line feeds, tabs and CR LF
// (find_forbidden_character).
constexpr bool is_forbidden_character(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

struct ForbiddenCharacter {
  std::size_t offset = 0;  // in bytes
  char32_t code_point = 0;
};

// The first forbidden character (is_forbidden_character) of `s`, except line feed, tab and a
// carriage return before a line feed (CR LF) when `allow_line_breaks`; nullopt when there is none.
// Bytes that are not UTF-8 are not looked at (find_invalid_utf8 says where they are).
std::optional<ForbiddenCharacter> find_forbidden_character(std::string_view s,
                                                           bool allow_line_breaks) noexcept;

// Why `s` cannot be kept as text, worded to follow the name of its field ("is not valid UTF-8
// (bad byte at offset 3)", "contains a NUL byte", "contains the control character U+001B",
// "contains the bidirectional control U+202E", "is longer than 200 characters (it has 250)"), or
// nullopt when it can: valid UTF-8, no forbidden character (line feeds, CR LF and tabs allowed in
// a paragraph), at most `max_chars` code points.
std::optional<std::string> text_problem(std::string_view s, std::size_t max_chars, bool paragraph);

// "U+001B".
std::string code_point_name(char32_t cp);

// At most `max_bytes` bytes of `s`, cut at a code point boundary and ended with "…" when cut: for
// quoting input in a message without quoting a megabyte.
std::string excerpt(std::string_view s, std::size_t max_bytes = 200);

// `s` in double quotes, for a message that names a value: "\"区卫健局\"". The one way messages
// quote; text from outside that can be long goes through excerpt() first.
std::string in_quotes(std::string_view s);

// `s` made safe to print on a terminal: line feeds and tabs kept, a carriage return kept only
// before a line feed; every other forbidden character (ESC and so every escape sequence, the C1
// controls, DEL, backspace, a lone carriage return, the bidirectional controls) written out as
// "\x1B" (below U+0080) or "\u202E", and each byte that is not UTF-8 as "\xFF". Text without any
// comes back unchanged.
std::string terminal_safe(std::string_view s);

// The 1-based line and column (in bytes) of byte offset `offset` in `s`.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};
LineColumn line_column(std::string_view s, std::size_t offset) noexcept;

}  // namespace taizhang::util
