#include "taizhang/decimal.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "taizhang/error.hpp"

namespace taizhang {

// Intermediate results use 128-bit integers, which hold any product of two coefficients and any
// coefficient shifted by up to 18 places, so every check happens before anything can wrap.
__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

constexpr std::array<u128, 39> make_powers() {
  std::array<u128, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr std::array<u128, 39> kPow10 = make_powers();

[[noreturn]] void overflow(const std::string& what) {
  throw OverflowError(what + " does not fit a decimal (at most 19 significant digits and " +
                      std::to_string(Decimal::max_scale) + " decimal places)");
}

std::string u128_to_string(u128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v != 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return s;
}

// |q| adjusted by the rounding rule, given the remainder r of a division by d (0 ≤ r < d).
u128 round_quotient(u128 q, u128 r, u128 d, Rounding mode) {
  if (r == 0) return q;
  switch (mode) {
    case Rounding::toward_zero: return q;
    case Rounding::half_up: return 2 * r >= d ? q + 1 : q;
    case Rounding::half_even:
      if (2 * r > d) return q + 1;
      if (2 * r == d) return (q % 2 == 1) ? q + 1 : q;
      return q;
  }
  return q;
}

}  // namespace

// Builds Decimals from 128-bit intermediates: strips trailing zeros, then checks the range.
struct DecimalAccess {
  static Decimal make(i128 coefficient, int scale, const char* operation) {
    while (scale > 0 && coefficient % 10 == 0) {
      coefficient /= 10;
      --scale;
    }
    if (scale > Decimal::max_scale) {
      throw OverflowError(std::string("the result of ") + operation + " needs more than " +
                          std::to_string(Decimal::max_scale) + " decimal places");
    }
    if (coefficient > kMax || coefficient < -kMax) {
      overflow(std::string("the result of ") + operation);
    }
    return Decimal(static_cast<std::int64_t>(coefficient), static_cast<std::uint8_t>(scale), 0);
  }
};

Decimal::Decimal(std::int64_t value) : coefficient_(value), scale_(0) {
  if (value == std::numeric_limits<std::int64_t>::min()) overflow(std::to_string(value));
}

Decimal Decimal::from_parts(std::int64_t coefficient, int scale) {
  if (scale < 0 || scale > max_scale) {
    throw OverflowError("decimal scale " + std::to_string(scale) + " is outside 0.." +
                        std::to_string(max_scale));
  }
  if (coefficient == std::numeric_limits<std::int64_t>::min()) {
    overflow(std::to_string(coefficient));
  }
  return DecimalAccess::make(coefficient, scale, "from_parts");
}

std::optional<Decimal> Decimal::try_parse(std::string_view text) noexcept {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  u128 coefficient = 0;
  int scale = 0;
  std::size_t int_digits = 0;
  std::size_t frac_digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.') {
      if (point) return std::nullopt;
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    (point ? frac_digits : int_digits) += 1;
    if (coefficient > kPow10[37]) return std::nullopt;  // far beyond any representable value
    coefficient = coefficient * 10 + static_cast<unsigned>(c - '0');
    if (point) ++scale;
  }
  if (int_digits == 0 || (point && frac_digits == 0)) return std::nullopt;
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  if (scale > max_scale || coefficient > static_cast<u128>(kMax)) return std::nullopt;
  const auto c = static_cast<std::int64_t>(coefficient);
  return Decimal(negative ? -c : c, static_cast<std::uint8_t>(scale), 0);
}

Decimal Decimal::parse(std::string_view text) {
  if (auto d = try_parse(text)) return *d;
  // Tell a number that is too long apart from text that is not a number.
  const std::string s(text);
  bool shape = !s.empty();
  std::size_t points = 0;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '-' && i == 0) continue;
    if (c == '.') {
      ++points;
    } else if (c >= '0' && c <= '9') {
      ++digits;
    } else {
      shape = false;
    }
  }
  if (shape && points <= 1 && digits > 0 && s.back() != '.' && s.front() != '.' &&
      !(s.size() > 1 && s[0] == '-' && s[1] == '.')) {
    overflow("the number \"" + s + "\"");
  }
  throw ParseError("\"" + s +
                   "\" is not a decimal number (expected digits with an optional '-' "
                   "and '.', such as \"-12.5\")");
}

std::string Decimal::to_string() const {
  const bool negative = coefficient_ < 0;
  std::string digits =
      u128_to_string(static_cast<u128>(negative ? -static_cast<i128>(coefficient_) : coefficient_));
  if (scale_ > 0) {
    if (digits.size() <= scale_) digits.insert(0, scale_ - digits.size() + 1, '0');
    digits.insert(digits.size() - scale_, 1, '.');
  }
  return negative ? "-" + digits : digits;
}

std::string Decimal::to_fixed(int places, Rounding mode) const {
  const Decimal r = rounded(places, mode);
  std::string s = r.to_string();
  if (places > 0) {
    const std::size_t point = s.find('.');
    const std::size_t have = point == std::string::npos ? 0 : s.size() - point - 1;
    if (point == std::string::npos) s += '.';
    s.append(static_cast<std::size_t>(places) - have, '0');
  }
  return s;
}

double Decimal::to_double() const noexcept {
  return static_cast<double>(coefficient_) / static_cast<double>(kPow10[scale_]);
}

std::int64_t Decimal::to_integer() const {
  if (scale_ != 0) {
    throw Error(ErrorCode::validation, to_string() + " is not a whole number");
  }
  return coefficient_;
}

Decimal Decimal::rounded(int places, Rounding mode) const {
  if (places < 0 || places > max_scale) {
    throw Error(ErrorCode::validation,
                "cannot round to " + std::to_string(places) + " decimal places (0..18)");
  }
  if (scale_ <= places) return *this;
  const bool negative = coefficient_ < 0;
  const u128 magnitude =
      static_cast<u128>(negative ? -static_cast<i128>(coefficient_) : coefficient_);
  const u128 d = kPow10[static_cast<std::size_t>(scale_ - places)];
  const u128 q = round_quotient(magnitude / d, magnitude % d, d, mode);
  const auto signed_q = static_cast<i128>(q);
  return DecimalAccess::make(negative ? -signed_q : signed_q, places, "rounding");
}

Decimal Decimal::shifted(int n) const {
  if (n < -max_scale || n > max_scale) {
    throw OverflowError("cannot shift a decimal by " + std::to_string(n) + " places");
  }
  if (n >= 0) {
    if (scale_ >= n) return DecimalAccess::make(coefficient_, scale_ - n, "a shift");
    const i128 c = static_cast<i128>(coefficient_) *
                   static_cast<i128>(kPow10[static_cast<std::size_t>(n - scale_)]);
    return DecimalAccess::make(c, 0, "a shift");
  }
  return DecimalAccess::make(coefficient_, scale_ - n, "a shift");
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  const int s = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const i128 ca = static_cast<i128>(a.coefficient_) *
                  static_cast<i128>(kPow10[static_cast<std::size_t>(s - a.scale_)]);
  const i128 cb = static_cast<i128>(b.coefficient_) *
                  static_cast<i128>(kPow10[static_cast<std::size_t>(s - b.scale_)]);
  return DecimalAccess::make(ca + cb, s, "an addition");
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  return a + (-b);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  const i128 c = static_cast<i128>(a.coefficient_) * static_cast<i128>(b.coefficient_);
  return DecimalAccess::make(c, a.scale_ + b.scale_, "a multiplication");
}

Decimal Decimal::operator-() const {
  return Decimal(-coefficient_, scale_, 0);
}

Decimal Decimal::abs() const {
  return coefficient_ < 0 ? -*this : *this;
}

namespace {

struct Aligned {
  u128 numerator;
  u128 denominator;
  bool negative;
};

// |a| / |b| as a ratio of two integers at a common scale (each fits comfortably in 128 bits).
Aligned align_for_division(const Decimal& a, const Decimal& b) {
  if (b.is_zero()) throw Error(ErrorCode::validation, "division of " + a.to_string() + " by zero");
  const auto abs128 = [](std::int64_t c) {
    return static_cast<u128>(c < 0 ? -static_cast<i128>(c) : static_cast<i128>(c));
  };
  u128 n = abs128(a.coefficient());
  u128 d = abs128(b.coefficient());
  if (b.scale() > a.scale()) n *= kPow10[static_cast<std::size_t>(b.scale() - a.scale())];
  if (a.scale() > b.scale()) d *= kPow10[static_cast<std::size_t>(a.scale() - b.scale())];
  return {n, d, (a.sign() < 0) != (b.sign() < 0)};
}

}  // namespace

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int places, Rounding mode) {
  if (places < 0 || places > max_scale) {
    throw Error(ErrorCode::validation,
                "cannot divide to " + std::to_string(places) + " decimal places (0..18)");
  }
  const Aligned x = align_for_division(a, b);
  u128 q = x.numerator / x.denominator;
  u128 r = x.numerator % x.denominator;
  const auto too_big = [&] { overflow("the quotient " + a.to_string() + " / " + b.to_string()); };
  if (q > static_cast<u128>(kMax)) too_big();
  for (int i = 0; i < places; ++i) {
    r *= 10;
    q = q * 10 + r / x.denominator;
    r %= x.denominator;
    if (q > static_cast<u128>(kMax)) too_big();
  }
  q = round_quotient(q, r, x.denominator, mode);
  const auto signed_q = static_cast<i128>(q);
  return DecimalAccess::make(x.negative ? -signed_q : signed_q, places, "a division");
}

std::optional<Decimal> Decimal::divide_exact(const Decimal& a, const Decimal& b) {
  const Aligned x = align_for_division(a, b);
  u128 q = x.numerator / x.denominator;
  u128 r = x.numerator % x.denominator;
  int places = 0;
  while (r != 0 && places < max_scale) {
    r *= 10;
    q = q * 10 + r / x.denominator;
    r %= x.denominator;
    ++places;
    if (q > static_cast<u128>(kMax)) return std::nullopt;
  }
  if (r != 0 || q > static_cast<u128>(kMax)) return std::nullopt;
  const auto signed_q = static_cast<i128>(q);
  return DecimalAccess::make(x.negative ? -signed_q : signed_q, places, "a division");
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) noexcept {
  if (a.scale_ == b.scale_) return a.coefficient_ <=> b.coefficient_;
  const int s = a.scale_ > b.scale_ ? a.scale_ : b.scale_;
  const i128 ca = static_cast<i128>(a.coefficient_) *
                  static_cast<i128>(kPow10[static_cast<std::size_t>(s - a.scale_)]);
  const i128 cb = static_cast<i128>(b.coefficient_) *
                  static_cast<i128>(kPow10[static_cast<std::size_t>(s - b.scale_)]);
  return ca <=> cb;
}

}  // namespace taizhang
