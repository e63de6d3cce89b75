// Reading numbers and quantities as Chinese documents write them.
//
// The text is normalised (full-width forms to ASCII, surrounding space trimmed) and decoded into
// code points, cut into tokens (Arabic numbers, Chinese digits, magnitudes 十百千万亿, 点) and read
// with exact Decimal arithmetic. Internal failures carry only the reason; the public functions turn
// them into a ParseError that quotes the whole input.
#include "taizhang/chinese_number.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/decimal.hpp"
#include "taizhang/error.hpp"
#include "taizhang/unit_of_measure.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

struct NotANumber {
  std::string reason;
};

[[noreturn]] void fail(std::string reason) {
  throw NotANumber{std::move(reason)};
}

constexpr std::string_view kTooLarge =
    "the value does not fit a decimal (at most 19 significant digits and 18 decimal places)";

std::string utf8(std::u32string_view s) {
  std::string out;
  for (const char32_t c : s) util::append_utf8(out, c);
  return out;
}

// The input in double quotes, with bytes that are not valid UTF-8 shown as \xNN so that the
// message itself stays valid UTF-8.
std::string quoted(std::string_view s) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out = "\"";
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = util::decode(s, pos);
    if (cp == U'\uFFFD' && pos - start == 1) {
      const auto byte = static_cast<unsigned char>(s[start]);
      out += "\\x";
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  out += '"';
  return out;
}

std::u32string_view trim(std::u32string_view s) noexcept {
  while (!s.empty() && util::is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && util::is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Full-width forms turned into ASCII, surrounding space removed, decoded. Throws ParseError for
// invalid UTF-8.
std::u32string normalize(std::string_view text, std::string_view as_what) {
  if (!util::is_valid_utf8(text)) {
    throw ParseError("cannot read " + quoted(text) + std::string(as_what) +
                     ": the text is not valid UTF-8");
  }
  const std::string half = util::to_halfwidth(text);
  const std::string_view trimmed = util::trim(half);
  std::u32string out;
  std::size_t pos = 0;
  while (pos < trimmed.size()) out += util::decode(trimmed, pos);
  return out;
}

bool is_arabic_digit(char32_t c) noexcept {
  return c >= U'0' && c <= U'9';
}

// The characters of each digit 0..9: ordinary, financial (壹贰叁…) and traditional forms.
constexpr std::array<std::u32string_view, 10> kDigitForms = {
    U"零〇", U"一壹",   U"二贰貳两兩", U"三叁參", U"四肆",
    U"五伍", U"六陆陸", U"七柒",       U"八捌",   U"九玖"};

// The value of a Chinese digit, or -1.
int chinese_digit(char32_t c) noexcept {
  for (std::size_t d = 0; d < kDigitForms.size(); ++d) {
    if (kDigitForms[d].find(c) != std::u32string_view::npos) return static_cast<int>(d);
  }
  return -1;
}

bool is_liang(char32_t c) noexcept {
  return c == U'两' || c == U'兩';
}

struct MagnitudeForm {
  std::u32string_view characters;
  int power;
};
constexpr std::array<MagnitudeForm, 5> kMagnitudes = {
    {{U"十拾", 1}, {U"百佰", 2}, {U"千仟", 3}, {U"万萬", 4}, {U"亿億", 8}}};

// The power of ten a magnitude character stands for, or 0.
int magnitude(char32_t c) noexcept {
  for (const MagnitudeForm& m : kMagnitudes) {
    if (m.characters.find(c) != std::u32string_view::npos) return m.power;
  }
  return 0;
}

bool is_small_magnitude(char32_t c) noexcept {
  const int m = magnitude(c);
  return m >= 1 && m <= 3;
}

bool is_minus(char32_t c) noexcept {
  return c == U'-' || c == U'\u2212';
}
bool is_fu(char32_t c) noexcept {
  return c == U'负' || c == U'負';
}

// Characters that can belong to a number; used only to find where a number ends for messages.
bool is_number_char(char32_t c) noexcept {
  return is_arabic_digit(c) || c == U'.' || c == U',' || is_minus(c) || is_fu(c) || c == U'点' ||
         chinese_digit(c) >= 0 || magnitude(c) > 0;
}

enum class Kind : std::uint8_t { digit, arabic, magnitude, point };

struct Token {
  Kind kind = Kind::digit;
  std::u32string_view text;  // as written
  int value = 0;             // digit: 0..9; magnitude: its power of ten
  Decimal number;            // arabic: its value
  bool plain = false;        // arabic: an integer written without point or grouping commas
};

// Digits with at most one point and grouping commas in groups of three: "18,000.5".
Token read_arabic(std::u32string_view t) {
  std::size_t points = 0;
  for (const char32_t c : t) points += c == U'.' ? 1U : 0U;
  if (points > 1) fail("more than one decimal point");
  if (t.back() == U'.') fail("a decimal point needs a digit after it");
  const std::size_t point = t.find(U'.');
  const std::u32string_view whole = t.substr(0, point);
  const std::u32string_view fraction =
      point == std::u32string_view::npos ? std::u32string_view{} : t.substr(point + 1);
  if (fraction.find(U',') != std::u32string_view::npos) {
    fail("grouping commas go only before the decimal point");
  }
  std::string ascii;
  const bool grouped = whole.find(U',') != std::u32string_view::npos;
  std::size_t group = 0;
  bool first_group = true;
  for (const char32_t c : whole) {
    if (c == U',') {
      if ((first_group && (group == 0 || group > 3)) || (!first_group && group != 3)) {
        fail("grouping commas must separate groups of three digits, as in 18,000");
      }
      first_group = false;
      group = 0;
      continue;
    }
    ascii += static_cast<char>(c);
    ++group;
  }
  if (grouped && group != 3) {
    fail("grouping commas must separate groups of three digits, as in 18,000");
  }
  if (point != std::u32string_view::npos) {
    ascii += '.';
    for (const char32_t c : fraction) ascii += static_cast<char>(c);
  }
  const std::optional<Decimal> value = Decimal::try_parse(ascii);
  // The shape is checked above, so the only way to fail here is a value out of range.
  if (!value) throw OverflowError(std::string(kTooLarge));
  Token token;
  token.kind = Kind::arabic;
  token.text = t;
  token.number = *value;
  token.plain = point == std::u32string_view::npos && !grouped;
  return token;
}

std::vector<Token> tokenize(std::u32string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = s[i];
    if (is_arabic_digit(c)) {
      std::size_t j = i;
      while (j < s.size() && (is_arabic_digit(s[j]) || s[j] == U'.' || s[j] == U',')) ++j;
      tokens.push_back(read_arabic(s.substr(i, j - i)));
      i = j;
      continue;
    }
    if (c == U'.') fail("a decimal point needs a digit before it");
    if (is_minus(c) || is_fu(c)) fail("a sign can only begin a number");
    Token token;
    token.text = s.substr(i, 1);
    if (const int d = chinese_digit(c); d >= 0) {
      token.kind = Kind::digit;
      token.value = d;
    } else if (const int m = magnitude(c); m > 0) {
      token.kind = Kind::magnitude;
      token.value = m;
    } else if (c == U'点') {
      token.kind = Kind::point;
    } else {
      fail("\"" + utf8(s.substr(i)) + "\" is not part of a number");
    }
    tokens.push_back(token);
    ++i;
  }
  return tokens;
}

std::string text_of(std::span<const Token> tokens) {
  std::string out;
  for (const Token& t : tokens) out += utf8(t.text);
  return out;
}

bool all_of_kind(std::span<const Token> tokens, Kind kind) {
  for (const Token& t : tokens) {
    if (t.kind != kind) return false;
  }
  return true;
}

// The power of ten of magnitudes written one after the other, which multiply: 千万 = 10^7.
// At most one of 十百千, then 万, then 亿, each at most once (千万, 百万, 万亿, 千万亿).
int magnitude_run(std::span<const Token> run) {
  int total = 0;
  int previous = 0;
  const Token* previous_token = nullptr;
  for (const Token& t : run) {
    const int e = t.value;
    const bool in_order =
        (e <= 3 && previous == 0) || (e == 4 && previous <= 3) || (e == 8 && previous <= 4);
    if (!in_order) {
      fail(utf8(t.text) + " cannot follow " + utf8(previous_token->text) + " in \"" + text_of(run) +
           "\"");
    }
    total += e;
    previous = e;
    previous_token = &t;
  }
  return total;
}

// Chinese digits read one by one: 二〇二一 = 2021.
Decimal digit_by_digit(std::span<const Token> tokens) {
  Decimal value;
  for (const Token& t : tokens) {
    if (is_liang(t.text.front())) {
      fail("两 is not used in digits read one by one (" + text_of(tokens) + ")");
    }
    value = value * 10 + t.value;
  }
  return value;
}

// The reader behind chinese_integer(), one step per kind of token. It keeps the number read so
// far in the parts that 万 and 亿 multiply, and what still waits for a magnitude or a digit.
class ChineseInteger {
 public:
  explicit ChineseInteger(std::span<const Token> tokens) : tokens_(tokens) {}

  Decimal read(bool abbreviation_allowed) {
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      switch (t.kind) {
        case Kind::point: fail("点 cannot appear here");
        case Kind::digit: digit(i); break;
        case Kind::arabic: arabic(i); break;
        case Kind::magnitude:
          if (t.value <= 3) {
            small_magnitude(i);
          } else {
            large_magnitude(i);
          }
          last_unit_ = &t;
          pending_ = nullptr;
          zero_ = nullptr;
          break;
      }
    }
    return total(abbreviation_allowed);
  }

 private:
  Decimal pending_value() const {
    return pending_->kind == Kind::arabic ? pending_->number : Decimal(pending_->value);
  }

  // Token i follows a number that still waits for its magnitude (or a 零 its digit).
  [[noreturn]] void two_in_a_row(std::size_t i) const {
    if (last_unit_ == nullptr && all_of_kind(tokens_.first(i + 1), Kind::digit)) {
      std::size_t n = 0;
      while (n < tokens_.size() && tokens_[n].kind == Kind::digit) ++n;
      if (n < tokens_.size() && tokens_[n].kind == Kind::magnitude) {
        fail("digits read one by one (" + text_of(tokens_.first(n)) + ") cannot be combined with " +
             utf8(tokens_[n].text));
      }
    }
    fail(utf8(tokens_[i].text) + " cannot follow " +
         utf8((pending_ != nullptr ? pending_ : zero_)->text) + " directly");
  }

  void digit(std::size_t i) {
    const Token& t = tokens_[i];
    if (pending_ != nullptr || (zero_ != nullptr && t.value == 0)) two_in_a_row(i);
    if (t.value == 0) {
      if (i == 0) fail("零 cannot begin a number");
      zero_ = &t;
    } else {
      pending_ = &t;
      pending_after_zero_ = zero_ != nullptr;
      zero_ = nullptr;
    }
  }

  void arabic(std::size_t i) {
    const Token& t = tokens_[i];
    if (!t.plain) {
      fail(utf8(t.text) + " can be followed only by magnitudes, as in 1.6万");
    }
    if (pending_ != nullptr || zero_ != nullptr) two_in_a_row(i);
    pending_ = &t;
    pending_after_zero_ = false;
    mixed_ = true;
  }

  // 十, 百 or 千: adds the digit before it (1 when there is none, as in 十五) to the section.
  void small_magnitude(std::size_t i) {
    const Token& t = tokens_[i];
    const std::string name = utf8(t.text);
    const bool after_zero = pending_ != nullptr ? pending_after_zero_ : zero_ != nullptr;
    if (last_small_ != nullptr && t.value >= last_small_->value) {
      fail(name + " cannot follow " + utf8(last_small_->text) +
           ": the magnitudes of a number go from large to small");
    }
    Decimal coefficient = 1;
    if (pending_ != nullptr) {
      coefficient = pending_value();
      if (pending_->kind == Kind::arabic && (coefficient < 1 || coefficient > 9)) {
        fail("only a single digit can stand before " + name + ", not " + utf8(pending_->text));
      }
    } else if (t.value != 1 || (i != 0 && zero_ == nullptr)) {
      fail(name + " needs a number before it");
    }
    if (after_zero && last_small_ != nullptr && t.value >= last_small_->value - 1) {
      fail("零 stands for a missing place, but nothing is missing between " +
           utf8(last_small_->text) + " and " + name);
    }
    section_ += coefficient.shifted(t.value);
    last_small_ = &t;
  }

  // 万 or 亿: multiplies the group read since the last one and starts a new section.
  void large_magnitude(std::size_t i) {
    const Token& t = tokens_[i];
    const std::string name = utf8(t.text);
    if (zero_ != nullptr) fail("零 must be followed by a digit, not " + name);
    if (pending_ != nullptr && !pending_after_zero_ && last_small_ != nullptr &&
        last_small_->value >= 2) {
      fail("\"" + text_of(tokens_.first(i + 1)) + "\" is ambiguous: a digit right after " +
           utf8(last_small_->text) + " and before " + name + " may or may not need a 零");
    }
    const bool empty = pending_ == nullptr && last_small_ == nullptr;
    const Decimal group = section_ + (pending_ != nullptr ? pending_value() : Decimal());
    if (t.value == 4) {
      if (seen_wan_) fail(name + " cannot follow another 万 (write 亿)");
      if (empty) fail(name + " needs a number before it");
      if (seen_yi_ && group >= 10000) {
        fail("\"" + text_of(tokens_.first(i + 1)) + "\" after 亿 must be less than 1万");
      }
      wan_part_ = group.shifted(4);
      seen_wan_ = true;
    } else {
      if (seen_yi_) fail(name + " cannot follow another 亿");
      if (empty && !seen_wan_) fail(name + " needs a number before it");
      yi_part_ = (wan_part_ + group).shifted(8);
      wan_part_ = Decimal();
      seen_wan_ = false;
      seen_yi_ = true;
    }
    section_ = Decimal();
    last_small_ = nullptr;
  }

  // The whole number once every token is read, with a digit still waiting for its magnitude.
  Decimal total(bool abbreviation_allowed) const {
    if (zero_ != nullptr) fail("零 must be followed by a digit");
    Decimal total = yi_part_ + wan_part_ + section_;
    if (pending_ == nullptr) return total;
    if (last_unit_ != nullptr && mixed_) {
      fail("\"" + text_of(tokens_) +
           "\" is ambiguous: write the whole number in Arabic digits or in Chinese numerals");
    }
    if (last_unit_ != nullptr && !pending_after_zero_ && last_unit_->value >= 2) {
      if (!abbreviation_allowed) {
        fail("a number shortened as in 两千五 cannot have a decimal part");
      }
      return total + pending_value().shifted(last_unit_->value - 1);
    }
    return total + pending_value();
  }

  std::span<const Token> tokens_;
  Decimal yi_part_;                 // the part before 亿, already multiplied
  Decimal wan_part_;                // the part before 万 since the last 亿, already multiplied
  Decimal section_;                 // the part since the last 万 or 亿
  const Token* pending_ = nullptr;  // a digit or Arabic number waiting for its magnitude
  bool pending_after_zero_ = false;
  const Token* zero_ = nullptr;        // a 零 waiting for its digit
  const Token* last_small_ = nullptr;  // the last of 十百千 in the current section
  const Token* last_unit_ = nullptr;   // the last magnitude of any kind
  bool seen_wan_ = false;
  bool seen_yi_ = false;
  bool mixed_ = false;  // Arabic numbers among the Chinese numerals
};

// A whole number in Chinese numerals, where Arabic integers may stand for a coefficient that a
// magnitude follows (3万5千, 1亿2000万). `abbreviation_allowed`: whether a final digit right after
// 百/千/万/亿 counts one place below it, as spoken (两千五 = 2500, 一万二 = 12000).
Decimal chinese_integer(std::span<const Token> tokens, bool abbreviation_allowed) {
  return ChineseInteger(tokens).read(abbreviation_allowed);
}

// "一点五", "十二点五万": a Chinese whole part, 点, digits, then optional magnitudes.
Decimal chinese_decimal(std::span<const Token> whole, std::span<const Token> after) {
  if (whole.empty()) fail("点 needs a number before it");
  bool big = false;
  for (const Token& t : whole) {
    if (t.kind == Kind::arabic) {
      fail("点 goes with Chinese numerals; after Arabic digits write \".\"");
    }
    big = big || (t.kind == Kind::magnitude && t.value >= 4);
  }
  Decimal value;
  if (all_of_kind(whole, Kind::digit)) {
    value = whole.size() == 1 ? Decimal(whole.front().value) : digit_by_digit(whole);
  } else {
    value = chinese_integer(whole, false);
  }
  std::size_t n = 0;
  while (n < after.size() && after[n].kind == Kind::digit) {
    if (is_liang(after[n].text.front())) fail("两 cannot follow 点");
    ++n;
    if (n > static_cast<std::size_t>(Decimal::max_scale)) {
      throw OverflowError(std::string(kTooLarge));
    }
    value += Decimal(after[n - 1].value).shifted(-static_cast<int>(n));
  }
  if (n == 0) fail("点 needs digits after it");
  const std::span<const Token> rest = after.subspan(n);
  if (rest.empty()) return value;
  if (!all_of_kind(rest, Kind::magnitude)) {
    fail("\"" + text_of(rest) + "\" cannot follow the decimal digits");
  }
  if (big) fail("a number with 万 or 亿 before 点 cannot take another magnitude after it");
  return value.shifted(magnitude_run(rest));
}

Decimal read_unsigned(std::span<const Token> tokens) {
  std::size_t point = tokens.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Kind::point) continue;
    if (point != tokens.size()) fail("more than one decimal point");
    point = i;
  }
  if (point != tokens.size()) {
    return chinese_decimal(tokens.first(point), tokens.subspan(point + 1));
  }
  const Token& first = tokens.front();
  if (first.kind == Kind::arabic) {
    if (tokens.size() == 1) return first.number;
    if (all_of_kind(tokens.subspan(1), Kind::magnitude)) {
      return first.number.shifted(magnitude_run(tokens.subspan(1)));
    }
  }
  if (all_of_kind(tokens, Kind::digit)) {
    return tokens.size() == 1 ? Decimal(first.value) : digit_by_digit(tokens);
  }
  return chinese_integer(tokens, true);
}

// Reads `s` (normalised) as a number. Throws NotANumber with the reason, or OverflowError.
Decimal read_number(std::u32string_view s) {
  if (s.empty()) fail("the text is empty");
  bool negative = false;
  bool fu = false;
  if (is_minus(s.front()) || is_fu(s.front())) {
    negative = true;
    fu = is_fu(s.front());
    s.remove_prefix(1);
    if (s.empty()) fail("a sign needs a number after it");
  }
  const std::vector<Token> tokens = tokenize(s);
  if (fu && tokens.front().kind == Kind::arabic) {
    fail("负 goes before Chinese numerals; write -" + utf8(s));
  }
  const Decimal value = read_unsigned(tokens);
  return negative ? -value : value;
}

std::optional<Decimal> try_read_number(std::u32string_view s) {
  try {
    return read_number(s);
  } catch (const NotANumber&) {
    return std::nullopt;
  } catch (const OverflowError&) {
    return std::nullopt;
  }
}

// True when cutting `number` from a unit that begins with magnitudes changes the value: in
// 一亿二千万元 the 万 of 万元 belongs to 二千 only, so 一亿二千 × 万元 is not what was written.
bool split_changes_value(std::u32string_view number, const Decimal& value,
                         std::u32string_view unit) {
  for (std::size_t j = 1; j <= unit.size() && magnitude(unit[j - 1]) > 0; ++j) {
    const std::u32string magnitudes(unit.substr(0, j));
    const std::optional<Decimal> whole = try_read_number(std::u32string(number) + magnitudes);
    const std::optional<Decimal> factor = try_read_number(U"1" + magnitudes);
    if (!whole || !factor) continue;
    try {
      if (*whole != value * *factor) return true;
    } catch (const OverflowError&) {
      continue;
    }
  }
  return false;
}

constexpr std::u32string_view kPercentOf = U"百分之";

}  // namespace

Decimal parse_number(std::string_view text) {
  constexpr std::string_view kAsNumber = " as a number";
  const std::u32string s = normalize(text, kAsNumber);
  try {
    if (std::u32string_view(s).starts_with(kPercentOf)) {
      fail("it is a percentage, not a plain number");
    }
    return read_number(s);
  } catch (const NotANumber& e) {
    throw ParseError("cannot read " + quoted(text) + std::string(kAsNumber) + ": " + e.reason);
  } catch (const OverflowError&) {
    throw OverflowError("cannot read " + quoted(text) + std::string(kAsNumber) + ": " +
                        std::string(kTooLarge));
  }
}

namespace {

// A quantity as written: its value, its unit ("" when none) and the text of its number.
struct Split {
  Decimal value;
  std::string unit;
  std::u32string number;
};

// Cuts `s` (normalised) into a number and a known unit. Throws NotANumber or OverflowError.
Split split_quantity(std::u32string_view s, const UnitRegistry& units) {
  if (s.starts_with(kPercentOf)) {
    const std::u32string_view rest = trim(s.substr(kPercentOf.size()));
    if (rest.empty()) fail("百分之 needs a number after it");
    const Decimal value = read_number(rest);
    if (!units.contains("%")) fail("\"%\" is not a known unit of measure");
    return Split{value, "%", std::u32string(rest)};
  }
  // The earliest cut after a complete number that leaves exactly a known unit, so that a
  // magnitude beginning a unit stays in it (12亿元 → 12 亿元).
  for (std::size_t k = 1; k <= s.size(); ++k) {
    const std::u32string_view rest = trim(s.substr(k));
    std::string unit = utf8(rest);
    if (!rest.empty() && !units.contains(unit)) continue;
    // A Chinese digit and the 十百千 after it are one term (五百万元 is 500 万元).
    if (k < s.size() && chinese_digit(s[k - 1]) >= 0 && is_small_magnitude(s[k])) continue;
    const std::u32string_view number = s.substr(0, k);
    const std::optional<Decimal> value = try_read_number(number);
    if (!value || split_changes_value(number, *value, rest)) continue;
    return Split{*value, std::move(unit), std::u32string(number)};
  }
  std::size_t end = 0;
  while (end < s.size() && is_number_char(s[end])) ++end;
  if (s.empty()) fail("the text is empty");
  if (end == 0) fail("it does not begin with a number");
  static_cast<void>(read_number(s.substr(0, end)));
  throw UnitError("\"" + utf8(trim(s.substr(end))) + "\" is not a known unit of measure");
}

// How a number was written, for read_value(): with a magnitude word (1500万, 0.15亿, 3千,
// 一千五百万, 一点五万), in Chinese numerals with places below 万 only (三千, 十四), or plainly
// (1500, 三, 二〇二一).
enum class Writing : std::uint8_t { plain, magnitude, places };

Writing writing_of(std::u32string_view number) {
  if (!number.empty() && (is_minus(number.front()) || is_fu(number.front()))) {
    number.remove_prefix(1);
  }
  const std::vector<Token> tokens = tokenize(number);
  bool arabic = false;
  bool point = false;
  bool big = false;
  bool small = false;
  for (const Token& t : tokens) {
    arabic = arabic || t.kind == Kind::arabic;
    point = point || t.kind == Kind::point;
    if (t.kind == Kind::magnitude) {
      big = big || t.value >= 4;
      small = small || t.value < 4;
      // A magnitude after Arabic digits or after 点 is a magnitude word: 3千, 1.6万, 一点五万.
      if (arabic || point) return Writing::magnitude;
    }
  }
  if (big) return Writing::magnitude;
  return small ? Writing::places : Writing::plain;
}

// Whether a value written with a magnitude word differs between counting `unit` and counting its
// base: a unit that is a multiple (万元) or whose name begins with a magnitude (万人次).
bool is_multiple(const UnitOfMeasure& unit) {
  if (!(unit.factor == Decimal(1))) return true;
  std::size_t pos = 0;
  return !unit.name.empty() && magnitude(util::decode(unit.name, pos)) > 0;
}

std::string reading(const Decimal& value, const std::string& unit) {
  return value.to_string() + unit;
}

}  // namespace

Quantity parse_quantity(std::string_view text, const UnitRegistry& units) {
  constexpr std::string_view kAsQuantity = " as a quantity";
  const std::u32string normalized = normalize(text, kAsQuantity);
  try {
    Split split = split_quantity(normalized, units);
    return Quantity{split.value, std::move(split.unit)};
  } catch (const NotANumber& e) {
    throw ParseError("cannot read " + quoted(text) + std::string(kAsQuantity) + ": " + e.reason);
  } catch (const UnitError& e) {
    throw ParseError("cannot read " + quoted(text) + ": " + e.message());
  } catch (const OverflowError&) {
    throw OverflowError("cannot read " + quoted(text) + std::string(kAsQuantity) + ": " +
                        std::string(kTooLarge));
  }
}

ValueReading read_value(std::string_view text, std::string_view unit, std::string_view target_unit,
                        const UnitRegistry& units) {
  constexpr std::string_view kAsValue = " as a value";
  const std::u32string normalized = normalize(text, kAsValue);
  const UnitOfMeasure* target = units.find(target_unit);
  if (target == nullptr) {
    throw UnitError("\"" + std::string(target_unit) + "\" is not a known unit of measure");
  }
  Split split;
  Writing writing = Writing::plain;
  try {
    split = split_quantity(normalized, units);
    writing = writing_of(split.number);
  } catch (const NotANumber& e) {
    throw ParseError("cannot read " + quoted(text) + std::string(kAsValue) + ": " + e.reason);
  } catch (const UnitError& e) {
    throw ParseError("cannot read " + quoted(text) + ": " + e.message());
  } catch (const OverflowError&) {
    throw OverflowError("cannot read " + quoted(text) + std::string(kAsValue) + ": " +
                        std::string(kTooLarge));
  }
  const std::string apart(util::trim(unit));
  if (!split.unit.empty() && !apart.empty() && split.unit != apart) {
    throw ParseError(quoted(text) + " is written in " + split.unit + ", but its unit is given as " +
                     apart);
  }
  const auto two_ways = [&](const std::string& one, const std::string& other) {
    return ParseError(quoted(text) + (apart.empty() ? "" : " with the unit " + apart) +
                      " can be read two ways, " + one + " or " + other +
                      ": write it so that it reads one way only (the number and its unit "
                      "together, as in 1500万元, or a plain number in " +
                      target->name + ")");
  };
  Quantity as_written{split.value, split.unit.empty() ? apart : split.unit};
  if (as_written.unit.empty()) {
    if (writing == Writing::plain) {
      as_written.unit = target->name;
    } else if (!is_multiple(*target)) {
      as_written.unit = target->name;
    } else {
      const UnitOfMeasure* base = units.base_of(target->name);
      if (writing == Writing::places || base == nullptr || base == target) {
        // 三千 on a target in 万元: 三千元 or 三千万元; 3万 on one in 万人次 with no smaller unit.
        const std::string words = utf8(split.number);
        throw two_ways(
            words + target->name + " (= " + split.value.to_string() + " " + target->name + ")",
            base != nullptr && base != target
                ? words + base->name +
                      " (= " + units.convert(split.value, base->name, target->name).to_string() +
                      " " + target->name + ")"
                : words + " counted in a smaller unit than " + target->name +
                      ", which the plan does not define");
      }
      as_written.unit = base->name;
    }
  } else if (!apart.empty() && split.unit.empty() && writing == Writing::magnitude) {
    // "1500万" with 万元 given apart: 1500万元, or 1500万 × 万元?
    const UnitOfMeasure* given = units.find(apart);
    if (given == nullptr) {
      throw ParseError("cannot read " + quoted(text) + ": \"" + apart +
                       "\" is not a known unit of measure");
    }
    const UnitOfMeasure* base = units.base_of(apart);
    if (is_multiple(*given) && base != nullptr && base != given) {
      throw two_ways(reading(split.value, base->name), reading(split.value, given->name));
    }
  }
  if (!units.contains(as_written.unit)) {
    throw ParseError("cannot read " + quoted(text) + ": \"" + as_written.unit +
                     "\" is not a known unit of measure");
  }
  ValueReading out;
  out.value = units.convert(as_written.value, as_written.unit, target->name);
  out.as_written = std::move(as_written);
  return out;
}

}  // namespace taizhang
