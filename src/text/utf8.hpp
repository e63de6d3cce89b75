// UTF-8 helpers used across the implementation (not part of the public API).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace taizhang::text {

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

// The 1-based line and column (in bytes) of byte offset `offset` in `s`.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};
LineColumn line_column(std::string_view s, std::size_t offset) noexcept;

}  // namespace taizhang::text
