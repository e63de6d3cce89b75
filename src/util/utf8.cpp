#include "util/utf8.hpp"

#include <cstdint>
#include <cstdio>

namespace taizhang::util {

namespace {

// Length and validity of the sequence at s[pos]; 0 when invalid.
std::size_t sequence_length(std::string_view s, std::size_t pos, char32_t* out) noexcept {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    if (out != nullptr) *out = b0;
    return 1;
  }
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((b0 & 0xE0U) == 0xC0U) {
    len = 2;
    cp = b0 & 0x1FU;
    min = 0x80;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3;
    cp = b0 & 0x0FU;
    min = 0x800;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4;
    cp = b0 & 0x07U;
    min = 0x10000;
  } else {
    return 0;
  }
  if (pos + len > s.size()) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0U) != 0x80U) return 0;
    cp = (cp << 6U) | (b & 0x3FU);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  if (out != nullptr) *out = cp;
  return len;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t len = sequence_length(s, pos, nullptr);
    if (len == 0) return pos;
    pos += len;
  }
  return std::nullopt;
}

char32_t decode(std::string_view s, std::size_t& pos) noexcept {
  char32_t cp = 0;
  const std::size_t len = sequence_length(s, pos, &cp);
  if (len == 0) {
    ++pos;
    return U'\uFFFD';
  }
  pos += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  const auto c = static_cast<std::uint32_t>(cp);
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0U | (c >> 6U));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0U | (c >> 12U));
    out += static_cast<char>(0x80U | ((c >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (c >> 18U));
    out += static_cast<char>(0x80U | ((c >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((c >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  }
}

std::string to_utf8(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

bool is_space(char32_t cp) noexcept {
  return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == U'\v' || cp == U'\f' ||
         cp == U'\u00A0' || cp == U'\u3000' || cp == U'\uFEFF';
}

std::string_view trim(std::string_view s) noexcept {
  std::size_t begin = 0;
  while (begin < s.size()) {
    std::size_t next = begin;
    if (!is_space(decode(s, next))) break;
    begin = next;
  }
  std::size_t end = begin;
  std::size_t pos = begin;
  while (pos < s.size()) {
    if (!is_space(decode(s, pos))) end = pos;
  }
  return s.substr(begin, end - begin);
}

std::string to_halfwidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode(s, pos);
    if (cp >= U'\uFF01' && cp <= U'\uFF5E') {
      out += static_cast<char>(cp - 0xFEE0);
    } else if (cp == U'\u3000') {
      out += ' ';
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  return out;
}

std::size_t display_width(std::string_view s) noexcept {
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = decode(s, pos);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD) ||
                      cp == 0x201C || cp == 0x201D;
    const bool zero = cp == 0x200B || cp == 0xFEFF || (cp >= 0x0300 && cp <= 0x036F);
    width += zero ? 0 : (wide ? 2 : 1);
  }
  return width;
}

std::size_t code_point_count(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::optional<ForbiddenCharacter> find_forbidden_character(std::string_view s,
                                                           bool allow_line_breaks) noexcept {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b >= 0x20 && b < 0x7F) {
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = sequence_length(s, pos, &cp);
    if (len == 0) {
      ++pos;  // not UTF-8: find_invalid_utf8's to report
      continue;
    }
    pos += len;
    // A carriage return only as the first half of CR LF: alone, it sends a terminal back to the
    // start of the line, over what was printed.
    const bool line_break =
        cp == U'\n' || cp == U'\t' || (cp == U'\r' && pos < s.size() && s[pos] == '\n');
    if (is_forbidden_character(cp) && !(allow_line_breaks && line_break)) {
      return ForbiddenCharacter{start, cp};
    }
  }
  return std::nullopt;
}

std::string code_point_name(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

std::optional<std::string> text_problem(std::string_view s, std::size_t max_chars, bool paragraph) {
  if (const auto bad = find_invalid_utf8(s)) {
    return "is not valid UTF-8 (bad byte at offset " + std::to_string(*bad) + ")";
  }
  if (const auto bad = find_forbidden_character(s, paragraph)) {
    if (bad->code_point == 0) return std::string("contains a NUL byte");
    const bool bidi = bad->code_point >= 0x202A;
    return std::string(bidi ? "contains the bidirectional control "
                            : "contains the control character ") +
           code_point_name(bad->code_point);
  }
  // Counting needs valid UTF-8, checked above; a byte count within the limit is within it.
  if (s.size() > max_chars) {
    if (const std::size_t n = code_point_count(s); n > max_chars) {
      return "is longer than " + std::to_string(max_chars) + " characters (it has " +
             std::to_string(n) + ")";
    }
  }
  return std::nullopt;
}

std::string excerpt(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  char buffer[16];
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    char32_t cp = 0;
    const std::size_t len = sequence_length(s, pos, &cp);
    if (len == 0) {
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned char>(s[pos]));
      out += buffer;
      ++pos;
      continue;
    }
    pos += len;
    const bool kept =
        cp == U'\n' || cp == U'\t' || (cp == U'\r' && pos < s.size() && s[pos] == '\n');
    if (!is_forbidden_character(cp) || kept) {
      out.append(s, start, len);
    } else {
      std::snprintf(buffer, sizeof buffer, cp < 0x80 ? "\\x%02X" : "\\u%04X",
                    static_cast<unsigned>(cp));
      out += buffer;
    }
  }
  return out;
}

LineColumn line_column(std::string_view s, std::size_t offset) noexcept {
  LineColumn lc;
  const std::size_t end = offset < s.size() ? offset : s.size();
  for (std::size_t i = 0; i < end; ++i) {
    if (s[i] == '\n') {
      ++lc.line;
      lc.column = 1;
    } else {
      ++lc.column;
    }
  }
  return lc;
}

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

}  // namespace taizhang::util
