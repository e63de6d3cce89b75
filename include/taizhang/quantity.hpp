// Quantities (a value with its unit of measure) and reading numbers the way Chinese documents and
// spreadsheets write them.
#pragma once

#include <string>
#include <string_view>

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

// Reads a number written as in Chinese documents, with nothing after it:
//   Arabic digits, half- or full-width, with an optional decimal point and sign: "18000",
//   "１８０００",
//   "-2.5", "18,000" (grouping commas only in groups of three);
//   magnitudes after Arabic digits: "1.6万" = 16000, "12亿" = 1200000000, "1.2千万";
//   Chinese numerals, including 两, 〇/零 and the financial forms (壹贰叁…拾佰仟): "三", "十四",
//   "两千五百", "一千一百", "一百零五", "三万五千", "一点五", the spoken "两千五" = 2500, and
//   digit-by-digit "二〇二一" = 2021.
// Leading and trailing white space (including the ideographic space U+3000) is ignored.
// Throws ParseError naming the text for anything else: "", "abc", "万万", "1..2", "十百", "1万2".
// Throws OverflowError when the value does not fit a Decimal.
TAIZHANG_EXPORT Decimal parse_number(std::string_view text);

// Reads a number followed by an optional unit of measure known to `units`:
//   "18000名" → 18000 名; "3.3万名" → 33000 名; "1.6万户" → 16000 户; "10%" and "１０％" → 10 %;
//   "百分之十" → 10 %; "12亿元" → 12 亿元 (a magnitude that begins a known unit stays in the unit,
//   so the amount reads as the document wrote it; convert() turns it into 元 exactly);
//   "三所" → 3 所; "36 个" → 36 个 (space allowed before the unit).
// Throws ParseError naming the text when the number is bad or the rest is not a known unit.
TAIZHANG_EXPORT Quantity parse_quantity(std::string_view text,
                                        const UnitRegistry& units = UnitRegistry::standard());

}  // namespace taizhang
