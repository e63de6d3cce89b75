// Units of measure (计量单位) and the registry that knows which convert into which.
//
// Every unit of measure belongs to a dimension; units convert only within their dimension, by exact
// decimal factors. The standard registry holds money (元, 千元, 万元, 百万元, 亿元), persons
// (名 = 人 = 位), percent (%), percentage points (个百分点), length, area, and the measure words of
// counted things (所, 个, 班, 处, 家, 户, 条, 场, 座, 项, ...), each of which is a dimension of its
// own and converts only to itself: 3所 kindergartens are not 3个 anything else.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "taizhang/decimal.hpp"
#include "taizhang/export.hpp"

namespace taizhang {

struct UnitOfMeasure {
  std::string name;       // as written in Chinese text: "万元", "名", "所", "%"
  std::string dimension;  // what it measures: "money", "persons", "所"; conversion stays within one
  Decimal factor = 1;     // its size in the dimension's base unit (万元 → 10000 元); positive

  friend bool operator==(const UnitOfMeasure&, const UnitOfMeasure&) = default;
};

// A set of units of measure. A plain value type: copy the standard registry and add to the copy.
// Lookups are by exact name. Not synchronised: share a const registry between threads freely, but
// do not add to it while others read.
class TAIZHANG_EXPORT UnitRegistry {
 public:
  // An empty registry.
  UnitRegistry();
  UnitRegistry(const UnitRegistry&);
  UnitRegistry(UnitRegistry&&) noexcept;
  UnitRegistry& operator=(const UnitRegistry&);
  UnitRegistry& operator=(UnitRegistry&&) noexcept;
  ~UnitRegistry();

  // The built-in units described at the top of this header. Created once; thread-safe.
  static const UnitRegistry& standard();

  // Adds `unit`. Adding a unit identical to one already present does nothing. Throws
  // ConflictError when the name is taken by a different definition, and
  // Error(ErrorCode::validation) for an empty name or dimension, a factor that is not positive,
  // or a name that is not valid UTF-8 or contains a digit or space.
  void add(UnitOfMeasure unit);

  // The unit called `name`, or nullptr. The pointer stays valid until the registry changes.
  [[nodiscard]] const UnitOfMeasure* find(std::string_view name) const noexcept;
  // The unit called `name`; throws UnitError naming it when unknown.
  [[nodiscard]] const UnitOfMeasure& at(std::string_view name) const;
  [[nodiscard]] bool contains(std::string_view name) const noexcept {
    return find(name) != nullptr;
  }

  // The base unit of the dimension `name` belongs to: the first unit added to it with factor 1
  // (元 for 万元, 名 for 人, 所 for 所). nullptr when `name` is unknown or its dimension has no
  // unit of factor 1.
  [[nodiscard]] const UnitOfMeasure* base_of(std::string_view name) const noexcept;

  // True when both are known and share a dimension.
  [[nodiscard]] bool convertible(std::string_view from, std::string_view to) const noexcept;

  // `value` in `from` expressed in `to`, exactly (12 亿元 → 1200000000 元; 5000 元 → 0.5 万元).
  // Throws UnitError when either is unknown or they measure different things (所 → 名), and
  // OverflowError when the exact result does not fit a Decimal.
  [[nodiscard]] Decimal convert(const Decimal& value, std::string_view from,
                                std::string_view to) const;

  // Every unit, in the order they were added.
  [[nodiscard]] std::vector<UnitOfMeasure> units() const;
  [[nodiscard]] std::size_t size() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace taizhang
