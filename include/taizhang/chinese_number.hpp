// Reading numbers, quantities and report values the way Chinese documents and spreadsheets write
// them: Arabic and Chinese numerals, full-width forms, magnitude words (万, 亿) and units.
#pragma once

#include <string_view>

#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"
#include "taizhang/quantity.hpp"
#include "taizhang/unit_of_measure.hpp"

namespace taizhang {

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

// A value read for a target: in the target's unit, and as it was written.
struct ValueReading {
  Decimal value;        // in the target's unit of measure
  Quantity as_written;  // the value in the unit it was written in: "1500万" → 15000000 元

  friend bool operator==(const ValueReading&, const ValueReading&) = default;
};

// Reads `text`, a value written for a target counted in `target_unit` (a report's value, a CSV
// cell, a command-line option), with `unit` the unit of measure given apart from it (a CSV column,
// a JSON member; empty when none). The one place this rule is written (docs/rollup.md, "Values as
// written"):
//  - a value with a unit ("3000万元", or "3000" with 万元 apart) is in that unit, converted exactly
//    into the target's (0.3 on a target in 亿元);
//  - a value with a magnitude word and no unit (万, 亿, 千 or 百万 after a number: "1500万",
//    "0.15亿", "3千"; a Chinese numeral with 万 or 亿: "一千五百万") counts the base unit of the
//    target's measure (元 for money, the measure word itself for counted things): on a target in
//    万元, "1500万" is 1500万元 = 1500; on a target in 名, "1.6万" is 16000;
//  - a bare number ("1500", "三", "二〇二一") is in the target's own unit.
// A value that can be read two ways is refused with a ParseError naming both readings: a magnitude
// word with a multiple unit given apart ("1500万" with 万元: 1500万元 = 15000000元, or 1500万 ×
// 万元 = 15000000万元); a Chinese numeral with places below 万 on a target counted in a multiple
// ("三千" on 万元: 三千万元 or 三千元); a magnitude word on a target whose unit is a multiple with
// no smaller unit defined (万人次). Throws ParseError (unreadable or ambiguous; a unit that is not
// known), UnitError (a unit that does not convert into the target's, an unknown `target_unit`),
// OverflowError.
TAIZHANG_EXPORT ValueReading read_value(std::string_view text, std::string_view unit,
                                        std::string_view target_unit,
                                        const UnitRegistry& units = UnitRegistry::standard());

}  // namespace taizhang
