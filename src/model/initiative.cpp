// Writing an initiative's number as Chinese documents show it (initiative.hpp).
#include "taizhang/initiative.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace taizhang {

std::string chinese_ordinal(int number) {
  if (number < 1 || number > 9999) return std::to_string(number);
  static constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                               "五", "六", "七", "八", "九"};
  static constexpr std::array<std::string_view, 4> kPlaces = {"", "十", "百", "千"};
  static constexpr std::array<int, 4> kPowers = {1, 10, 100, 1000};
  std::string out;
  bool gap = false;
  for (std::size_t place = 4; place-- > 0;) {
    const int digit = number / kPowers[place] % 10;
    if (digit == 0) {
      gap = gap || !out.empty();
      continue;
    }
    if (gap) out += kDigits[0];
    gap = false;
    // 十四, not 一十四, when 十 comes first.
    if (!(digit == 1 && place == 1 && out.empty())) out += kDigits[static_cast<std::size_t>(digit)];
    out += kPlaces[place];
  }
  return out;
}

}  // namespace taizhang
