#include "taizhang/unit_of_measure.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "taizhang/error.hpp"
#include "util/utf8.hpp"

namespace taizhang {

struct UnitRegistry::Impl {
  std::vector<UnitOfMeasure> units;
  std::unordered_map<std::string, std::size_t> by_name;
};

UnitRegistry::UnitRegistry() : impl_(std::make_unique<Impl>()) {}
UnitRegistry::UnitRegistry(const UnitRegistry& other)
    : impl_(other.impl_ ? std::make_unique<Impl>(*other.impl_) : std::make_unique<Impl>()) {}
UnitRegistry::UnitRegistry(UnitRegistry&& other) noexcept = default;
UnitRegistry& UnitRegistry::operator=(const UnitRegistry& other) {
  if (this != &other) *this = UnitRegistry(other);
  return *this;
}
UnitRegistry& UnitRegistry::operator=(UnitRegistry&& other) noexcept = default;
UnitRegistry::~UnitRegistry() = default;

namespace {

UnitRegistry make_standard() {
  UnitRegistry r;
  const auto add = [&r](const char* name, const char* dimension, Decimal factor) {
    r.add(UnitOfMeasure{name, dimension, factor});
  };
  // Money converts through its base, 元.
  add("元", "money", 1);
  add("千元", "money", 1000);
  add("万元", "money", 10000);
  add("百万元", "money", 1000000);
  add("亿元", "money", 100000000);
  // People counted: 名, 人 and 位 are the same thing.
  add("名", "persons", 1);
  add("人", "persons", 1);
  add("位", "persons", 1);
  // Rates and changes of rates.
  add("%", "percent", 1);
  add("个百分点", "percentage_points", 1);
  // Length and area, where conversions are exact decimals.
  add("米", "length", 1);
  add("千米", "length", 1000);
  add("公里", "length", 1000);
  add("平方米", "area", 1);
  add("公顷", "area", 10000);
  add("平方公里", "area", 1000000);
  // 1 亩 = 666.66… m², not an exact decimal: it stays a dimension of its own.
  add("亩", "亩", 1);
  // Measure words of counted things: each is its own dimension and converts only to itself.
  for (const char* word :
       {"所", "个", "班", "处", "家", "户", "条", "场", "座", "项", "次", "人次", "间", "张",
        "台", "辆", "期", "批", "支", "套", "件", "部", "本", "册", "栋", "床",   "岗"}) {
    add(word, word, 1);
  }
  return r;
}

void check_name(const UnitOfMeasure& unit) {
  if (unit.name.empty()) throw Error(ErrorCode::validation, "a unit of measure needs a name");
  if (!util::is_valid_utf8(unit.name)) {
    throw Error(ErrorCode::validation, "the name of a unit of measure is not valid UTF-8");
  }
  for (const char c : unit.name) {
    if ((c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' ||
        static_cast<unsigned char>(c) < 0x20) {
      throw Error(ErrorCode::validation, "the unit of measure name \"" + unit.name +
                                             "\" may not contain digits, points, signs or spaces");
    }
  }
  if (unit.dimension.empty() || !util::is_valid_utf8(unit.dimension)) {
    throw Error(ErrorCode::validation,
                "the unit of measure \"" + unit.name + "\" needs a dimension in valid UTF-8");
  }
  if (unit.factor.sign() <= 0) {
    throw Error(ErrorCode::validation, "the unit of measure \"" + unit.name + "\" has factor " +
                                           unit.factor.to_string() + "; a factor must be positive");
  }
}

}  // namespace

const UnitRegistry& UnitRegistry::standard() {
  static const UnitRegistry registry = make_standard();
  return registry;
}

void UnitRegistry::add(UnitOfMeasure unit) {
  check_name(unit);
  if (!impl_) impl_ = std::make_unique<Impl>();  // a moved-from registry becomes usable again
  if (const UnitOfMeasure* existing = find(unit.name)) {
    if (*existing == unit) return;
    throw ConflictError("the unit of measure \"" + unit.name + "\" is already defined as " +
                        existing->factor.to_string() + " " + existing->dimension +
                        "; it cannot also be " + unit.factor.to_string() + " " + unit.dimension);
  }
  impl_->by_name.emplace(unit.name, impl_->units.size());
  impl_->units.push_back(std::move(unit));
}

const UnitOfMeasure* UnitRegistry::find(std::string_view name) const noexcept {
  if (!impl_) return nullptr;
  const auto it = impl_->by_name.find(std::string(name));
  return it == impl_->by_name.end() ? nullptr : &impl_->units[it->second];
}

const UnitOfMeasure& UnitRegistry::at(std::string_view name) const {
  if (const UnitOfMeasure* unit = find(name)) return *unit;
  throw UnitError("\"" + std::string(name) + "\" is not a known unit of measure");
}

const UnitOfMeasure* UnitRegistry::base_of(std::string_view name) const noexcept {
  const UnitOfMeasure* unit = find(name);
  if (unit == nullptr) return nullptr;
  for (const UnitOfMeasure& u : impl_->units) {
    if (u.dimension == unit->dimension && u.factor == Decimal(1)) return &u;
  }
  return nullptr;
}

bool UnitRegistry::convertible(std::string_view from, std::string_view to) const noexcept {
  const UnitOfMeasure* a = find(from);
  const UnitOfMeasure* b = find(to);
  return a != nullptr && b != nullptr && a->dimension == b->dimension;
}

Decimal UnitRegistry::convert(const Decimal& value, std::string_view from,
                              std::string_view to) const {
  const UnitOfMeasure& a = at(from);
  const UnitOfMeasure& b = at(to);
  if (a.dimension != b.dimension) {
    throw UnitError("cannot convert " + value.to_string() + a.name + " into " + b.name + ": " +
                    a.name + " measures " + a.dimension + " and " + b.name + " measures " +
                    b.dimension);
  }
  if (a.factor == b.factor) return value;
  const std::optional<Decimal> exact = Decimal::divide_exact(value * a.factor, b.factor);
  if (!exact) {
    throw UnitError("converting " + value.to_string() + a.name + " into " + b.name +
                    " has no exact decimal result");
  }
  return *exact;
}

std::vector<UnitOfMeasure> UnitRegistry::units() const {
  return impl_ ? impl_->units : std::vector<UnitOfMeasure>{};
}

std::size_t UnitRegistry::size() const noexcept {
  return impl_ ? impl_->units.size() : 0;
}

}  // namespace taizhang
