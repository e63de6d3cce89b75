// Exact decimal numbers: every value and every sum in taizhang.
//
// Binary floating point never holds a value in taizhang: 12亿元 must add up to the fen. A Decimal
// is coefficient × 10^-scale with a signed 64-bit coefficient and 0 ≤ scale ≤ 18, always kept in
// its shortest form (no trailing zeros after the point), so equal values have equal
// representations. Arithmetic is exact; a result that does not fit throws OverflowError, never
// wraps or rounds.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "taizhang/export.hpp"

namespace taizhang {

// How to round when a result must be cut to fewer decimal places.
// Part of the public contract: do not renumber.
enum class Rounding : std::uint8_t {
  half_up = 1,      // 四舍五入: ties away from zero (the usual rule for money in China)
  half_even = 2,    // ties to the even digit (banker's rounding)
  toward_zero = 3,  // truncate
};

class TAIZHANG_EXPORT Decimal {
 public:
  // The largest number of decimal places a Decimal holds.
  static constexpr int max_scale = 18;

  // Zero.
  constexpr Decimal() noexcept = default;

  // The integer `value`. Implicit so that `Decimal d = 5;` reads naturally.
  // Throws OverflowError for INT64_MIN, whose negation does not fit.
  Decimal(std::int64_t value);  // NOLINT(google-explicit-constructor)
  Decimal(int value) : Decimal(static_cast<std::int64_t>(value)) {}  // NOLINT

  // coefficient × 10^-scale, e.g. from_parts(125, 2) == 1.25. Throws OverflowError when scale is
  // outside 0..max_scale or the coefficient is INT64_MIN.
  static Decimal from_parts(std::int64_t coefficient, int scale);

  // Reads plain ASCII decimal notation: optional sign, digits, optional point and digits
  // ("-12.50", "0.1", "18000"). No exponent, no grouping, no surrounding space: this is the
  // storage form. Chinese and full-width input goes through parse_number() (chinese_number.hpp).
  // Throws ParseError naming the text, or OverflowError when it has too many digits.
  static Decimal parse(std::string_view text);
  // As parse(), but returns nullopt instead of throwing.
  static std::optional<Decimal> try_parse(std::string_view text) noexcept;

  // The shortest exact ASCII form: "1260", "1.5", "-0.25". parse(to_string()) == *this.
  [[nodiscard]] std::string to_string() const;
  // Rounded to exactly `places` decimal places (0..18): to_fixed(2) of 1.5 is "1.50".
  [[nodiscard]] std::string to_fixed(int places, Rounding mode = Rounding::half_up) const;

  [[nodiscard]] constexpr std::int64_t coefficient() const noexcept { return coefficient_; }
  [[nodiscard]] constexpr int scale() const noexcept { return scale_; }
  [[nodiscard]] constexpr bool is_zero() const noexcept { return coefficient_ == 0; }
  [[nodiscard]] constexpr bool is_negative() const noexcept { return coefficient_ < 0; }
  [[nodiscard]] constexpr bool is_integer() const noexcept { return scale_ == 0; }
  // -1, 0 or 1.
  [[nodiscard]] constexpr int sign() const noexcept {
    return (coefficient_ > 0) - (coefficient_ < 0);
  }

  // The nearest double: for ratios, charts and statistics only, never for stored values or sums.
  [[nodiscard]] double to_double() const noexcept;

  // The value as an integer; throws Error(ErrorCode::validation) when it has a fractional part.
  [[nodiscard]] std::int64_t to_integer() const;

  // Rounded to at most `places` decimal places (0..18).
  [[nodiscard]] Decimal rounded(int places, Rounding mode = Rounding::half_up) const;

  // *this × 10^n for -18 ≤ n ≤ 18, exact; throws OverflowError if it does not fit.
  [[nodiscard]] Decimal shifted(int n) const;

  // Exact arithmetic; each throws OverflowError when the exact result does not fit.
  friend TAIZHANG_EXPORT Decimal operator+(const Decimal& a, const Decimal& b);
  friend TAIZHANG_EXPORT Decimal operator-(const Decimal& a, const Decimal& b);
  friend TAIZHANG_EXPORT Decimal operator*(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
  Decimal& operator-=(const Decimal& b) { return *this = *this - b; }
  Decimal& operator*=(const Decimal& b) { return *this = *this * b; }
  [[nodiscard]] Decimal operator-() const;
  [[nodiscard]] Decimal abs() const;

  // a / b rounded to `places` decimal places. Throws Error(ErrorCode::validation) when b is zero.
  static Decimal divide(const Decimal& a, const Decimal& b, int places,
                        Rounding mode = Rounding::half_up);
  // a / b when the quotient is exactly representable (terminates within max_scale places and
  // fits), otherwise nullopt. Throws Error(ErrorCode::validation) when b is zero.
  static std::optional<Decimal> divide_exact(const Decimal& a, const Decimal& b);

  // Values compare by magnitude: 1.5 == 1.50 (both are stored as 1.5).
  friend constexpr bool operator==(const Decimal&, const Decimal&) noexcept = default;
  friend TAIZHANG_EXPORT std::strong_ordering operator<=>(const Decimal& a,
                                                          const Decimal& b) noexcept;

 private:
  constexpr Decimal(std::int64_t coefficient, std::uint8_t scale, int /*raw*/) noexcept
      : coefficient_(coefficient), scale_(scale) {}
  friend struct DecimalAccess;

  std::int64_t coefficient_ = 0;
  std::uint8_t scale_ = 0;
};

}  // namespace taizhang

template <>
struct std::hash<taizhang::Decimal> {
  std::size_t operator()(const taizhang::Decimal& d) const noexcept {
    return std::hash<std::int64_t>{}(d.coefficient()) * 31U + static_cast<std::size_t>(d.scale());
  }
};
