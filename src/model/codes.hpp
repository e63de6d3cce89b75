// Codes: the stable ASCII identifiers of plans, units and targets (internal).
#pragma once

#include <string_view>

namespace taizhang::detail {

// Up to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit.
constexpr bool is_code(std::string_view code) noexcept {
  if (code.empty() || code.size() > 64) return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

}  // namespace taizhang::detail
