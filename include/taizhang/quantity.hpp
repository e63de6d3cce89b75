// Quantities: a value with its unit of measure. Reading one from text as Chinese documents and
// spreadsheets write it is in chinese_number.hpp.
#pragma once

#include <string>

#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/unit_of_measure.hpp"

namespace taizhang {

// An exact value and the name of its unit of measure ("" for a bare number).
struct Quantity {
  Decimal value;
  std::string unit;

  // "18000名", "12亿元", "10%", "1.5": the value's shortest form followed by the unit.
  [[nodiscard]] TAIZHANG_EXPORT std::string to_string() const;

  friend bool operator==(const Quantity&, const Quantity&) = default;
};

}  // namespace taizhang
