#include "text/utf8.hpp"

#include <cstdint>

namespace taizhang::text {

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

}  // namespace taizhang::text
