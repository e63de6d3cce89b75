// A value with its unit of measure, written back (quantity.hpp). Reading one from text is the
// Chinese-number layer's work (chinese_number.hpp).
#include "taizhang/quantity.hpp"

#include <string>

namespace taizhang {

std::string Quantity::to_string() const {
  return value.to_string() + unit;
}

}  // namespace taizhang
