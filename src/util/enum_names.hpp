// One table per enum gives both directions of its name mapping (internal).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace taizhang::detail {

template <class E, std::size_t N>
struct EnumNames {
  std::array<std::pair<E, const char*>, N> entries;

  [[nodiscard]] constexpr const char* name(E value) const noexcept {
    for (const auto& [e, n] : entries) {
      if (e == value) return n;
    }
    return "unknown";
  }
  [[nodiscard]] constexpr std::optional<E> parse(std::string_view text) const noexcept {
    for (const auto& [e, n] : entries) {
      if (text == n) return e;
    }
    return std::nullopt;
  }
  // "a, b or c", for error messages.
  [[nodiscard]] std::string choices() const {
    std::string out;
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) out += i + 1 == N ? " or " : ", ";
      out += entries[i].second;
    }
    return out;
  }
};

template <class E, class... Pairs>
constexpr auto enum_names(Pairs... pairs) {
  return EnumNames<E, sizeof...(Pairs)>{{{pairs...}}};
}

}  // namespace taizhang::detail
