// Fuzz target: reading numbers and quantities as Chinese documents write them (chinese_number.hpp,
// decimal.hpp). Any text must give a value or a taizhang::Error; a value must survive its own
// printed form.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_check.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/error.hpp"
#include "taizhang/unit_of_measure.hpp"

using namespace taizhang;

namespace {

// Decimal promises parse(to_string()) == *this.
void check_round_trip(const Decimal& d) {
  const std::string text = d.to_string();
  const std::optional<Decimal> again = Decimal::try_parse(text);
  if (!again || *again != d) fuzz::fail("Decimal::parse(d.to_string()) != d", text);
  for (const int places : {0, 2, 18}) (void)d.to_fixed(places);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);

  if (const std::optional<Decimal> d = Decimal::try_parse(text)) check_round_trip(*d);

  try {
    const Decimal d = parse_number(text);
    check_round_trip(d);
    // The shortest form is itself a number parse_number reads, to the same value.
    if (parse_number(d.to_string()) != d) fuzz::fail("parse_number(d.to_string()) != d", text);
  } catch (const Error&) {
  }

  try {
    const Quantity q = parse_quantity(text);
    check_round_trip(q.value);
    const std::string printed = q.to_string();
    // "12亿元", "10%", "18000名": what to_string() prints reads back as the same quantity.
    Quantity again;
    try {
      again = parse_quantity(printed);
    } catch (const Error& e) {
      fuzz::fail("parse_quantity(q.to_string()) threw", printed + " : " + e.what());
    }
    if (!(again == q)) fuzz::fail("parse_quantity(q.to_string()) != q", printed);
    const UnitRegistry& units = UnitRegistry::standard();
    if (!q.unit.empty() && units.contains(q.unit)) {
      const std::string& base = units.at(q.unit).dimension;
      for (const auto& unit : units.units()) {
        if (unit.dimension == base) (void)units.convert(q.value, q.unit, unit.name);
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
