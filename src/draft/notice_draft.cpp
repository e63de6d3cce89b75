// Drafting a plan from the text of a notice (taizhang/draft.hpp); docs/drafting.md explains it.
//
// The pipeline, each step a hand-written scanner over code points (no regular expressions, no
// recursion, every loop bounded by the length of the text or a fixed cap):
//   1. normalise: decode (bad bytes → U+FFFD), full-width digits and letters → ASCII (Chinese
//      punctuation is kept, so the draft quotes the notice as written), control characters out,
//      runs of spaces → one, table pipes → one cell per line, decorations dropped;
//   2. paragraphs: lines joined where a sentence runs on over a line break;
//   3. the header (title, issuer, document number, date), the items — numbered prose in the style
//      that forms the longest run 1, 2, 3, … (一、 / （一） / 第一件 / 1. / （1） / 一是), or a
//      table with one cell per line —, and the closing (coordinator, contact, reporting rule);
//   4. per item: the responsibility block and its roles, then per sentence and clause the figures
//      (number, unit of measure, qualifiers) that are targets, parameters or neither, counts of
//      listed names, rises, deadlines and milestones;
//   5. the plan, checked with validate(): what would break a rule is left out and reported.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "taizhang/assignment.hpp"
#include "taizhang/chinese_number.hpp"
#include "taizhang/date.hpp"
#include "taizhang/decimal.hpp"
#include "taizhang/draft.hpp"
#include "taizhang/error.hpp"
#include "taizhang/initiative.hpp"
#include "taizhang/limits.hpp"
#include "taizhang/period.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/target.hpp"
#include "taizhang/unit.hpp"
#include "taizhang/unit_of_measure.hpp"
#include "taizhang/validation.hpp"
#include "util/utf8.hpp"

namespace taizhang {

namespace {

using U32 = std::u32string;
using V32 = std::u32string_view;
constexpr std::size_t kNone = V32::npos;

// Caps that keep time and memory bounded whatever the text.
constexpr std::size_t kMaxSegment = 400;         // code points of one sentence analysed at once
constexpr std::size_t kMaxItems = 500;           // initiatives
constexpr std::size_t kMaxTargetsPerItem = 100;  // targets of one initiative
constexpr std::size_t kMaxParameters = 50;       // parameters of one initiative
constexpr std::size_t kMaxUnitsPerItem = 40;     // assignments of one initiative
constexpr std::size_t kMaxFindings = 3000;       // findings of one draft
constexpr std::size_t kMaxCandidates = 20000;    // numbering candidates of one style
constexpr std::size_t kMaxRunStarts = 64;        // runs tried per numbering style
constexpr std::size_t kMaxTitle = 120;           // code points of a title
constexpr std::size_t kMaxDescription = 20000;   // code points of a description
constexpr std::size_t kMaxText = 300;            // code points of a target's text fields
constexpr std::size_t kMaxTableCells = 60;       // cells of one table row

// ---- text basics ------------------------------------------------------------------------------

std::string utf8(V32 s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (const char32_t c : s) util::append_utf8(out, c);
  return out;
}

U32 u32(std::string_view s) {
  U32 out;
  std::size_t pos = 0;
  while (pos < s.size()) out += util::decode(s, pos);
  return out;
}

bool one_of(char32_t c, V32 set) noexcept {
  return set.find(c) != kNone;
}
bool contains(V32 s, V32 w) noexcept {
  return s.find(w) != kNone;
}
bool starts_at(V32 s, std::size_t pos, V32 w) noexcept {
  return pos <= s.size() && s.substr(pos).starts_with(w);
}
bool ends_with_any(V32 s, std::initializer_list<V32> words) noexcept {
  return std::any_of(words.begin(), words.end(), [&](V32 w) { return s.ends_with(w); });
}
bool starts_with_any(V32 s, std::initializer_list<V32> words) noexcept {
  return std::any_of(words.begin(), words.end(), [&](V32 w) { return s.starts_with(w); });
}

bool is_digit(char32_t c) noexcept {
  return c >= U'0' && c <= U'9';
}
bool is_ascii_alnum(char32_t c) noexcept {
  return is_digit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}
bool is_han(char32_t c) noexcept {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}
bool is_blank(char32_t c) noexcept {
  return c == U' ' || c == U'\n';
}
bool is_open(char32_t c) noexcept {
  return c == U'(' || c == U'（';
}
bool is_close(char32_t c) noexcept {
  return c == U')' || c == U'）';
}

constexpr V32 kCnDigits = U"〇零一二三四五六七八九两壹贰叁肆伍陆柒捌玖";
constexpr V32 kCnMagnitudes = U"十百千万亿拾佰仟萬億";
bool is_cn_numeral(char32_t c) noexcept {
  return one_of(c, kCnDigits) || one_of(c, kCnMagnitudes);
}

// Ends of sentences, and of clauses within them.
constexpr V32 kSentenceEnds = U"。！？；;!?";
constexpr V32 kClauseEnds = U"，,：:";

V32 trim(V32 s) noexcept {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The text as a field shows it: line breaks and spaces next to Chinese text removed, a run of
// white space between ASCII words kept as one space.
U32 tidy(V32 s) {
  s = trim(s);
  U32 out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_blank(s[i])) {
      out += s[i];
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_blank(s[j])) ++j;
    const char32_t before = out.empty() ? 0 : out.back();
    const char32_t after = j < s.size() ? s[j] : 0;
    if (before != 0 && after != 0 && before < 0x80 && after < 0x80) out += U' ';
    i = j - 1;
  }
  return out;
}

// At most `n` code points of `s`, with "…" when cut.
U32 capped(V32 s, std::size_t n) {
  if (s.size() <= n) return U32(s);
  return U32(s.substr(0, n)) + U"…";
}

// A small number of Chinese numerals 一..九十九 ("十一", "二十"), or -1.
int small_cn(V32 s) noexcept {
  const auto digit = [](char32_t c) -> int {
    constexpr V32 kDigits = U"一二三四五六七八九";
    const std::size_t at = kDigits.find(c);
    return at == kNone ? -1 : static_cast<int>(at) + 1;
  };
  if (s.size() == 1) return s[0] == U'十' ? 10 : digit(s[0]);
  if (s.size() == 2) {
    if (s[0] == U'十') return digit(s[1]) > 0 ? 10 + digit(s[1]) : -1;
    if (s[1] == U'十') return digit(s[0]) >= 2 ? digit(s[0]) * 10 : -1;
    return -1;
  }
  if (s.size() == 3 && s[1] == U'十' && digit(s[0]) >= 2 && digit(s[2]) > 0) {
    return digit(s[0]) * 10 + digit(s[2]);
  }
  return -1;
}

// Reads a small whole number at s[pos] (up to four Arabic digits, or Chinese numerals up to 九十九)
// and moves pos past it; -1 (pos unchanged) when there is none.
int read_int(V32 s, std::size_t& pos) noexcept {
  std::size_t j = pos;
  if (j < s.size() && is_digit(s[j])) {
    int value = 0;
    while (j < s.size() && is_digit(s[j]) && j - pos < 5)
      value = value * 10 + static_cast<int>(s[j++] - U'0');
    if (j < s.size() && is_digit(s[j])) return -1;
    pos = j;
    return value;
  }
  while (j < s.size() && one_of(s[j], U"一二三四五六七八九十") && j - pos < 4) ++j;
  if (j == pos || j - pos > 3) return -1;
  const int value = small_cn(s.substr(pos, j - pos));
  if (value > 0) pos = j;
  return value;
}

std::string two_places(double v) {
  if (!(v >= 0)) v = 0;  // also NaN
  if (v > 1) v = 1;
  const long hundredths = std::lround(v * 100);
  std::string out = std::to_string(hundredths / 100) + ".";
  if (hundredths % 100 < 10) out += '0';
  return out + std::to_string(hundredths % 100);
}

// ---- 1. normalisation -------------------------------------------------------------------------

struct Lines {
  std::vector<U32> lines;
  bool cut = false;  // longer than the limit, or ending inside a UTF-8 sequence
};

char32_t fold(char32_t c) noexcept {
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
      (c >= 0xFF41 && c <= 0xFF5A)) {
    return static_cast<char32_t>(c - 0xFEE0);
  }
  switch (c) {
    case 0xFF05: return U'%';
    case 0xFF0E: return U'.';
    case 0xFF0D: return U'-';
    case 0xFF0B: return U'+';
    case 0xFF20: return U'@';
    case 0xFF3F: return U'_';
    case 0xFF5C: return U'|';
    case 0xFF0F: return U'/';
    case 0xFF5E: return U'~';
    case 0xFF3B: return U'[';
    case 0xFF3D: return U']';
    default: return c;
  }
}

bool is_decoration(V32 s) noexcept {
  if (s.size() < 3) return false;
  return std::all_of(s.begin(), s.end(), [](char32_t c) { return one_of(c, U"-=:+*_—─━~ "); });
}

// "[excerpt ends]": a remark of whoever copied the text, not part of the notice.
bool is_editorial(V32 s) noexcept {
  return s.size() >= 2 && s.front() == U'[' && s.back() == U']' &&
         std::all_of(s.begin(), s.end(), [](char32_t c) { return c < 0x80; });
}

void add_line(V32 raw, std::vector<U32>& out) {
  U32 s;
  s.reserve(raw.size());
  for (const char32_t c : raw) {
    if (c == U' ' && (s.empty() || s.back() == U' ')) continue;
    s += c;
  }
  while (!s.empty() && s.back() == U' ') s.pop_back();
  if (s.find(U'|') != kNone) {
    // A table row pasted from a web page: one cell per line; runs of empty cells vanish.
    std::vector<U32> cells;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i < s.size() && s[i] != U'|') continue;
      const V32 cell = trim(V32(s).substr(begin, i - begin));
      if (!cell.empty() && !is_decoration(cell)) cells.emplace_back(cell);
      begin = i + 1;
    }
    if (cells.size() >= 2) {
      for (U32& cell : cells) out.push_back(std::move(cell));
      return;
    }
    s = cells.empty() ? U32() : cells.front();
  }
  if (is_decoration(s) || is_editorial(s)) s.clear();
  out.push_back(std::move(s));
}

Lines normalise(std::string_view in, std::size_t max_bytes) {
  Lines out;
  if (max_bytes != 0 && in.size() > max_bytes) {
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(in[cut]) & 0xC0U) == 0x80U) --cut;
    in = in.substr(0, cut);
    out.cut = true;
  }
  // A multi-byte sequence cut short at the very end of otherwise valid text.
  if (const auto bad = util::find_invalid_utf8(in); bad && in.size() - *bad < 4) {
    const auto lead = static_cast<unsigned char>(in[*bad]);
    const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
    if (need > in.size() - *bad) {
      in = in.substr(0, *bad);
      out.cut = true;
    }
  }
  U32 line;
  std::size_t pos = 0;
  while (pos < in.size()) {
    char32_t c = util::decode(in, pos);
    if (c == U'\r') {
      if (pos < in.size() && in[pos] == '\n') ++pos;
      c = U'\n';
    }
    if (c == U'\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
      add_line(line, out.lines);
      line.clear();
      continue;
    }
    c = fold(c);
    if (c == U'\t' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
        c == 0x205F) {
      c = U' ';
    }
    // Zero-width and bidirectional controls (which a plan's text may not hold) are dropped.
    if (c == 0xFEFF || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
        (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      continue;
    }
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) continue;
    line += c;
  }
  add_line(line, out.lines);
  return out;
}

// ---- 2. paragraphs ----------------------------------------------------------------------------

struct Paragraph {
  std::size_t begin = 0;  // in Prose::text
  std::size_t end = 0;
  std::size_t first_line = 0;  // the lines it was made of: [first_line, end_line)
  std::size_t end_line = 0;
};

struct Prose {
  U32 text;  // the paragraphs, separated by '\n'
  std::vector<Paragraph> paragraphs;

  [[nodiscard]] V32 at(const Paragraph& p) const {
    return V32(text).substr(p.begin, p.end - p.begin);
  }
};

// Numbering styles of items, in order of preference when runs are equally long.
enum Style : std::uint8_t { kDunhao, kParenCn, kOrdinal, kArabic, kParenArabic, kShi, kStyles };

// Reads up to three of 一..十 at s[i]: the value 1..99, or -1.
int cn_marker_number(V32 s, std::size_t i, std::size_t& end) noexcept {
  std::size_t j = i;
  while (j < s.size() && one_of(s[j], U"一二三四五六七八九十")) {
    if (j - i == 3) return -1;
    ++j;
  }
  if (j == i) return -1;
  end = j;
  return small_cn(s.substr(i, j - i));
}

int arabic_marker_number(V32 s, std::size_t i, std::size_t& end) noexcept {
  std::size_t j = i;
  int value = 0;
  while (j < s.size() && is_digit(s[j])) {
    if (j - i == 3) return -1;
    value = value * 10 + static_cast<int>(s[j] - U'0');
    ++j;
  }
  if (j == i || value == 0) return -1;
  end = j;
  return value;
}

// The number of an item marker of `style` at s[i] (1..999), or -1; `end` is where its text
// begins.
int marker_at(V32 s, std::size_t i, Style style, std::size_t& end) noexcept {
  if (i >= s.size()) return -1;
  std::size_t e = 0;
  int n = -1;
  switch (style) {
    case kDunhao:
      n = cn_marker_number(s, i, e);
      if (n < 1 || e >= s.size() || s[e] != U'、') return -1;
      end = e + 1;
      return n;
    case kParenCn:
      if (!is_open(s[i])) return -1;
      n = cn_marker_number(s, i + 1, e);
      if (n < 1 || e >= s.size() || !is_close(s[e])) return -1;
      end = e + 1;
      return n;
    case kOrdinal:
      if (s[i] != U'第') return -1;
      n = cn_marker_number(s, i + 1, e);
      if (n < 1) n = arabic_marker_number(s, i + 1, e);
      if (n < 1 || e >= s.size() || (s[e] != U'件' && s[e] != U'项')) return -1;
      ++e;
      if (starts_at(s, e, U"实事")) e += 2;
      if (e < s.size() && one_of(s[e], U"：:，,、 ")) ++e;
      end = e;
      return n;
    case kArabic:
      n = arabic_marker_number(s, i, e);
      if (n < 1 || e >= s.size() || (s[e] != U'.' && s[e] != U'、')) return -1;
      if (e + 1 < s.size() && (is_digit(s[e + 1]) || s[e + 1] == U'%')) return -1;
      end = e + 1;
      return n;
    case kParenArabic:
      if (!is_open(s[i])) return -1;
      n = arabic_marker_number(s, i + 1, e);
      if (n < 1 || e >= s.size() || !is_close(s[e])) return -1;
      end = e + 1;
      return n;
    case kShi:
      n = cn_marker_number(s, i, e);
      if (n < 1 || e >= s.size() || s[e] != U'是') return -1;
      end = e + 1;
      return n;
    case kStyles: break;
  }
  return -1;
}

bool marker_boundary(V32 s, std::size_t i, Style style) noexcept {
  if (i == 0) return true;
  const char32_t p = s[i - 1];
  if (one_of(p, U"\n 。；;！？!?：:)）”」】")) return true;
  return style == kShi && one_of(p, U"，,、");
}

bool starts_with_marker(V32 s) noexcept {
  std::size_t end = 0;
  for (int st = 0; st < kStyles; ++st) {
    if (marker_at(s, 0, static_cast<Style>(st), end) > 0) return true;
  }
  return false;
}

bool all_digits(V32 s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

// A date standing for itself: "2016年2月26日".
bool is_date_text(V32 s) noexcept {
  std::size_t i = 0;
  int year = read_int(s, i);
  if (year < 1000 || i >= s.size() || s[i] != U'年') return false;
  ++i;
  if (read_int(s, i) < 1 || i >= s.size() || s[i] != U'月') return false;
  ++i;
  if (read_int(s, i) < 1 || i >= s.size() || (s[i] != U'日' && s[i] != U'号')) return false;
  return i + 1 == s.size();
}

bool title_like_end(V32 s) noexcept {
  return ends_with_any(s, {U"通知", U"通报", U"方案", U"意见", U"办法", U"报表", U"分解表",
                           U"情况表", U"清单", U"计划"});
}

Prose build_prose(const std::vector<U32>& lines) {
  Prose p;
  U32 current;
  std::size_t lines_in = 0;
  std::size_t first = 0;
  const auto flush = [&](std::size_t end_line) {
    if (current.empty()) return;
    if (!p.text.empty()) p.text += U'\n';
    const std::size_t begin = p.text.size();
    p.text += current;
    p.paragraphs.push_back(Paragraph{begin, p.text.size(), first, end_line});
    current.clear();
    lines_in = 0;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const V32 line = lines[i];
    if (line.empty()) {
      flush(i);
      continue;
    }
    if (!current.empty()) {
      const bool ends =
          one_of(current.back(), U"。！？；;!?:：)）」』】") || title_like_end(current) ||
          (lines_in == 1 && current.size() <= 12 && !one_of(current.back(), U"，,、（(“")) ||
          is_date_text(current) || starts_with_marker(line) || all_digits(line) ||
          line.starts_with(U"序号");
      if (ends) flush(i);
    }
    if (current.empty()) {
      first = i;
      current = line;
      lines_in = 1;
      continue;
    }
    if (is_ascii_alnum(current.back()) && is_ascii_alnum(line.front())) current += U' ';
    current += line;
    ++lines_in;
  }
  flush(lines.size());
  return p;
}

// ---- 3. units: names, kinds, responsibility blocks ------------------------------------------

// Labels of responsibility lists. kind: 0 responsible (the first listed leads), 1 lead,
// 2 co-responsible, 3 a person, not a unit.
struct Label {
  V32 word;
  int kind;
};
constexpr auto kLabels = std::to_array<Label>({
    {U"牵头责任单位", 1}, {U"主要责任单位", 0}, {U"牵头单位", 1}, {U"牵头部门", 1},
    {U"责任单位", 0},     {U"责任部门", 0},     {U"主责单位", 0}, {U"实施单位", 0},
    {U"承办单位", 0},     {U"责任主体", 0},     {U"配合单位", 2}, {U"配合部门", 2},
    {U"协办单位", 2},     {U"协助单位", 2},     {U"参与单位", 2}, {U"协同单位", 2},
    {U"责任领导", 3},     {U"分管领导", 3},     {U"责任人", 3},   {U"联系人", 3},
});

// The label at s[i] followed by a colon: its kind, and where the list after it begins; -1 if none.
int label_at(V32 s, std::size_t i, std::size_t& after) noexcept {
  for (const Label& l : kLabels) {
    if (!starts_at(s, i, l.word)) continue;
    std::size_t j = i + l.word.size();
    while (j < s.size() && s[j] == U' ') ++j;
    if (j >= s.size() || (s[j] != U':' && s[j] != U'：')) return -1;
    ++j;
    while (j < s.size() && s[j] == U' ') ++j;
    after = j;
    return l.kind;
  }
  return -1;
}

bool has_org_suffix(V32 s) noexcept {
  return ends_with_any(s,
                       {U"局",   U"委",     U"办",   U"部", U"会",   U"联",   U"院",    U"中心",
                        U"政府", U"处",     U"室",   U"所", U"队",   U"站",   U"公司",  U"指挥部",
                        U"集团", U"学校",   U"馆",   U"社", U"台",   U"厅",   U"署",    U"团",
                        U"街道", U"办事处", U"银行", U"行", U"小组", U"法院", U"检察院"});
}

UnitKind kind_of(V32 name) noexcept {
  if (name.ends_with(U"街道办事处") || name.ends_with(U"街道") ||
      (name.starts_with(U"各") && contains(name, U"街道"))) {
    return UnitKind::street;
  }
  if (contains(name, U"开发区") || contains(name, U"管委会") || contains(name, U"高新区") ||
      contains(name, U"园区")) {
    return UnitKind::development_zone;
  }
  if (name.ends_with(U"人民政府") || name.ends_with(U"镇政府") || name.ends_with(U"乡政府")) {
    return contains(name, U"镇") || contains(name, U"乡") ? UnitKind::town : UnitKind::government;
  }
  if (name.ends_with(U"政府办公室") || name.ends_with(U"政府办") || name.ends_with(U"政府")) {
    return UnitKind::government;
  }
  for (const V32 w : {V32(U"妇联"), V32(U"总工会"), V32(U"工会"), V32(U"团区委"), V32(U"团县委"),
                      V32(U"团市委"), V32(U"共青团"), V32(U"残联"), V32(U"科协"), V32(U"红十字会"),
                      V32(U"工商联"), V32(U"文联"), V32(U"侨联"), V32(U"关工委")}) {
    if (contains(name, w)) return UnitKind::mass_organisation;
  }
  if ((name.ends_with(U"部") && contains(name.substr(0, name.size() - 1), U"委")) ||
      contains(name, U"纪委") || name.ends_with(U"政法委") || name.ends_with(U"编办") ||
      name.ends_with(U"网信办") || name.ends_with(U"党校")) {
    return UnitKind::party_department;
  }
  if (ends_with_any(name, {U"公司", U"集团", U"银行", U"企业"})) return UnitKind::enterprise;
  if (ends_with_any(name, {U"中心", U"学校", U"医院", U"卫生院", U"学院", U"大学", U"小学", U"中学",
                           U"幼儿园", U"站", U"馆", U"指挥部", U"研究院", U"报社", U"电视台",
                           U"保健院", U"疾控中心"})) {
    return UnitKind::institution;
  }
  if (ends_with_any(name, {U"局", U"委", U"委员会", U"办", U"办公室", U"厅", U"处", U"署", U"部",
                           U"室", U"队", U"法院", U"检察院", U"所"})) {
    return UnitKind::bureau;
  }
  return UnitKind::other;
}

struct RawUnit {
  U32 name;
  AssignmentRole role = AssignmentRole::co_responsible;
};

U32 clean_unit_name(V32 t) {
  t = trim(t);
  for (const V32 w : {V32(U"以及"), V32(U"和"), V32(U"及"), V32(U"与")}) {
    if (t.starts_with(w)) t.remove_prefix(w.size());
  }
  for (const V32 w : {V32(U"等单位"), V32(U"等部门"), V32(U"等")}) {
    if (t.ends_with(w)) t.remove_suffix(w.size());
  }
  while (!t.empty() && one_of(t.front(), U"“”\"'‘’《》")) t.remove_prefix(1);
  while (!t.empty() && one_of(t.back(), U"“”\"'‘’《》。.")) t.remove_suffix(1);
  // A close parenthesis left over from a block cut short, without its open one.
  if (!t.empty() && is_close(t.back()) &&
      std::none_of(t.begin(), t.end(), [](char32_t c) { return is_open(c); })) {
    t.remove_suffix(1);
  }
  return tidy(t);
}

bool plausible_unit(V32 n) noexcept {
  if (n.size() < 2 || n.size() > 30) return false;
  if (std::any_of(n.begin(), n.end(),
                  [](char32_t c) { return is_digit(c) || one_of(c, U"。；;，,：:“”!?！？"); })) {
    return false;
  }
  return std::any_of(n.begin(), n.end(), is_han);
}

// The units of a responsibility list that begins with a label: "责任单位：A、B" or
// "牵头单位：A，责任单位：B、C" or "牵头责任单位：A；配合单位：B".
std::vector<RawUnit> parse_unit_list(V32 block) {
  struct Element {
    U32 name;
    int kind;
  };
  std::vector<Element> elements;
  int kind = 0;
  U32 pending;  // a one-character piece, glued to the next (a stray space inside a name)
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= block.size(); ++i) {
    if (i < block.size() && !one_of(block[i], U"、，,；; /")) continue;
    V32 token = trim(block.substr(begin, i - begin));
    begin = i + 1;
    std::size_t after = 0;
    const int k = label_at(token, 0, after);
    if (k >= 0) {
      kind = k;
      token = token.substr(after);
      pending.clear();
    }
    if (token.empty()) continue;
    if (kind == 3) continue;
    U32 piece = pending + U32(token);
    pending.clear();
    if (piece.size() == 1 && i < block.size() && block[i] == U' ') {
      pending = piece;
      continue;
    }
    U32 name = clean_unit_name(piece);
    if (!plausible_unit(name)) continue;
    if (std::any_of(elements.begin(), elements.end(),
                    [&](const Element& e) { return e.name == name; })) {
      continue;
    }
    if (elements.size() >= kMaxUnitsPerItem) break;
    elements.push_back(Element{std::move(name), kind});
  }
  const bool lead_label =
      std::any_of(elements.begin(), elements.end(), [](const Element& e) { return e.kind == 1; });
  std::vector<RawUnit> out;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const bool lead = lead_label ? elements[i].kind == 1 : i == 0;
    out.push_back(RawUnit{std::move(elements[i].name),
                          lead ? AssignmentRole::lead : AssignmentRole::co_responsible});
  }
  return out;
}

// The close parenthesis that matches an open one just before `from`, or kNone.
std::size_t close_paren(V32 s, std::size_t from) noexcept {
  int depth = 0;
  for (std::size_t i = from; i < s.size(); ++i) {
    if (is_open(s[i])) {
      ++depth;
    } else if (is_close(s[i])) {
      if (depth == 0) return i;
      --depth;
    }
  }
  return kNone;
}

struct Responsibility {
  U32 rest;                    // the item's text without the blocks
  std::vector<RawUnit> units;  // in order, each once
  bool found = false;          // a labelled block was there
  bool unclosed = false;       // a block's parenthesis does not close
  bool at_end = false;         // the item ends with its block
};

Responsibility take_units(V32 body) {
  Responsibility r;
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t label = kNone;
    std::size_t after = 0;
    for (std::size_t p = i; p < body.size(); ++p) {
      if (!one_of(body[p], U"牵主责实承配协参分联")) continue;
      if (label_at(body, p, after) >= 0) {
        label = p;
        break;
      }
    }
    if (label == kNone) {
      r.rest += body.substr(i);
      break;
    }
    std::size_t k = label;
    while (k > i && body[k - 1] == U' ') --k;
    const bool paren = k > i && is_open(body[k - 1]);
    const std::size_t start = paren ? k - 1 : label;
    std::size_t list_end = 0;
    std::size_t end = 0;
    if (paren) {
      const std::size_t close = close_paren(body, k);
      if (close == kNone) {
        list_end = end = body.size();
        r.unclosed = true;
      } else {
        list_end = close;
        end = close + 1;
      }
    } else {
      end = label;
      while (end < body.size() && body[end] != U'\n' && body[end] != U'。') ++end;
      list_end = end;
    }
    r.rest += body.substr(i, start - i);
    for (RawUnit& u : parse_unit_list(body.substr(label, list_end - label))) {
      const bool seen = std::any_of(r.units.begin(), r.units.end(),
                                    [&](const RawUnit& x) { return x.name == u.name; });
      if (!seen && r.units.size() < kMaxUnitsPerItem) r.units.push_back(std::move(u));
    }
    r.found = true;
    r.at_end = trim(body.substr(end)).empty();
    i = end;
  }
  if (!r.units.empty() && std::none_of(r.units.begin(), r.units.end(), [](const RawUnit& u) {
        return u.role == AssignmentRole::lead;
      })) {
    r.units.front().role = AssignmentRole::lead;
  }
  return r;
}

// ---- deadlines --------------------------------------------------------------------------------

struct Deadline {
  std::optional<Date> date;  // empty: the year's end (年内)
  U32 text;                  // the words
  std::size_t begin = 0;     // where they are in the text searched
  std::size_t end = 0;
  bool stage = false;      // the date is for a stage, not completion (5月底前动工)
  bool note_only = false;  // a stage of a commitment that promises more (建成…, 5月底前动工):
                           // kept as a note, not as the commitment's deadline
};

std::optional<Date> make_date(int y, int m, int d) noexcept {
  try {
    if (y < 1 || y > 9999 || m < 1 || m > 12) return std::nullopt;
    if (d <= 0) d = Date::days_in_month(y, m);
    return Date::make(y, m, d);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The first deadline in `s`: 年内 (the year's end), 12月底前, 9月投入使用, 2021年6月30日前,
// 三季度末. In running text (`cell` false) a month needs a word that makes it a deadline (底, 前,
// 完成, …); in a 完成时限 cell any month or date is one.
std::optional<Deadline> find_deadline(V32 s, int year, bool cell) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    for (const V32 w : {V32(U"年内"), V32(U"年底前"), V32(U"年底"), V32(U"年末"), V32(U"本年度内"),
                        V32(U"今年内"), V32(U"下半年")}) {
      if (c == w.front() && starts_at(s, i, w)) {
        if (i > 0 && is_digit(s[i - 1])) break;  // 2021年内: read as a date below
        return Deadline{std::nullopt, U32(w), i, i + w.size(), false, false};
      }
    }
    if (c == U'上' && starts_at(s, i, U"上半年")) {
      return Deadline{make_date(year, 6, 30), U"上半年", i, i + 3, false, false};
    }
    if (!is_digit(c) && !one_of(c, U"一二三四五六七八九十第")) continue;
    if (i > 0 && (is_digit(s[i - 1]) || one_of(s[i - 1], U"一二三四五六七八九十"))) continue;
    std::size_t k = i;
    if (s[k] == U'第') ++k;
    const int a = read_int(s, k);
    if (a < 1) continue;
    int y = year;
    int m = -1;
    int d = -1;
    if (starts_at(s, k, U"季度") && a <= 4) {
      k += 2;
      if (k < s.size() && one_of(s[k], U"末底前内")) {
        ++k;
        if (k < s.size() && s[k] == U'前') ++k;
        return Deadline{make_date(year, a * 3, 0), U32(s.substr(i, k - i)), i, k, false, false};
      }
      continue;
    }
    if (k < s.size() && s[k] == U'年' && a >= 1000) {
      y = a;
      ++k;
      if (starts_at(s, k, U"底") || starts_at(s, k, U"内")) {
        const std::size_t e = k + (starts_at(s, k, U"底前") ? 2 : 1);
        return Deadline{make_date(y, 12, 31), U32(s.substr(i, e - i)), i, e, false, false};
      }
      const int b = read_int(s, k);
      if (b < 1 || k >= s.size() || s[k] != U'月') continue;
      m = b;
      ++k;
    } else if (k < s.size() && s[k] == U'月' && s[i] != U'第') {
      m = a;
      ++k;
    } else {
      continue;
    }
    if (m < 1 || m > 12) continue;
    std::size_t k3 = k;
    const int day = read_int(s, k3);
    if (day >= 1 && k3 < s.size() && (s[k3] == U'日' || s[k3] == U'号')) {
      d = day;
      k = k3 + 1;
    }
    bool deadline_word = false;
    if (d < 0 && k < s.size() && one_of(s[k], U"底末份")) {
      ++k;
      deadline_word = s[k - 1] != U'份';
    }
    for (const V32 w : {V32(U"之前"), V32(U"以前"), V32(U"前")}) {
      if (starts_at(s, k, w)) {
        k += w.size();
        deadline_word = true;
        break;
      }
    }
    bool stage = false;
    for (const V32 w : {V32(U"投入使用"), V32(U"交付使用"), V32(U"完成"), V32(U"建成"),
                        V32(U"投用"), V32(U"竣工"), V32(U"完工"), V32(U"动工"), V32(U"开工"),
                        V32(U"启动"), V32(U"开放"), V32(U"实现")}) {
      if (starts_at(s, k, w)) {
        k += w.size();
        deadline_word = true;
        stage = w == U"动工" || w == U"开工" || w == U"启动";
        break;
      }
    }
    if (!cell && !deadline_word) continue;
    const std::optional<Date> date = make_date(y, m, d);
    if (!date) continue;
    return Deadline{date, U32(s.substr(i, k - i)), i, k, stage, false};
  }
  return std::nullopt;
}

// The words of a deadline without the verb find_deadline took with them (2021年6月30日前建成 →
// 2021年6月30日前): the verb belongs to the commitment's description.
V32 date_words(V32 text) noexcept {
  for (const V32 w :
       {V32(U"投入使用"), V32(U"交付使用"), V32(U"完成"), V32(U"建成"), V32(U"投用"), V32(U"竣工"),
        V32(U"完工"), V32(U"动工"), V32(U"开工"), V32(U"启动"), V32(U"开放"), V32(U"实现")}) {
    if (text.ends_with(w) && text.size() > w.size()) return text.substr(0, text.size() - w.size());
  }
  return text;
}

// ---- 4. figures -------------------------------------------------------------------------------

// The names of the standard units of measure, longest first.
const std::vector<U32>& unit_names() {
  static const std::vector<U32> names = [] {
    std::vector<U32> out;
    for (const UnitOfMeasure& u : UnitRegistry::standard().units()) out.push_back(u32(u.name));
    std::stable_sort(out.begin(), out.end(),
                     [](const U32& a, const U32& b) { return a.size() > b.size(); });
    return out;
  }();
  return names;
}

std::string dimension_of(const std::string& unit) {
  const UnitOfMeasure* u = UnitRegistry::standard().find(unit);
  return u == nullptr ? std::string() : u->dimension;
}

// Which characters of a sentence are quoted (“…”, 《…》, 〔…〕, …): no figure is read there.
std::vector<bool> quoted_mask(V32 s) {
  std::vector<bool> mask(s.size(), false);
  char32_t close = 0;
  bool ascii_open = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (close != 0) {
      mask[i] = true;
      if (c == close) close = 0;
      continue;
    }
    if (c == U'"') {
      mask[i] = true;
      ascii_open = !ascii_open;
      continue;
    }
    if (ascii_open) {
      mask[i] = true;
      continue;
    }
    switch (c) {
      case U'“': close = U'”'; break;
      case U'‘': close = U'’'; break;
      case U'《': close = U'》'; break;
      case U'「': close = U'」'; break;
      case U'『': close = U'』'; break;
      case U'〔': close = U'〕'; break;
      case U'【': close = U'】'; break;
      case U'[': close = U']'; break;
      default: break;
    }
    if (close != 0) mask[i] = true;
  }
  return mask;
}

// A figure read from a clause.
struct Figure {
  std::size_t begin = 0;  // the number (and a qualifier just before it, such as 不少于)
  std::size_t end = 0;    // past the unit of measure and the qualifiers after it
  std::size_t number_begin = 0;
  Quantity quantity;
  U32 written;              // as the text writes it: "1.6万户"
  std::vector<U32> notes;   // 余, 以上, 不少于, …
  bool chinese = false;     // written in Chinese numerals
  bool classifier = false;  // 个 before a measure word: "36个班" → 班
  bool rate = false;        // per something (每人, /月): a parameter, not a target
  U32 basis;                // what a rate is per: "每人"
};

// Why a number is not a figure, for the findings; empty: it is one (or it is not worth a word).
struct Skip {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string why;
};

// Where a number starts being read (scan_figures()): how far it runs, or, when no figure's number
// starts there, where to look again.
struct NumberRun {
  bool found = false;
  std::size_t end = 0;  // past the number; not found: where to look again
  bool chinese = false;
  bool percent_words = false;  // 百分之…
};

// The number at p in clause [cb, ce) of sentence `s`: Arabic digits and at most three magnitudes
// (1.6万), Chinese numerals, or 百分之 and a number.
NumberRun number_at(V32 s, std::size_t p, std::size_t cb, std::size_t ce) {
  const char32_t c = s[p];
  std::size_t q = p;
  if (c == U'百' && starts_at(s, p, U"百分之")) {
    q = p + 3;
    while (q < ce && q - p < 16 &&
           (is_cn_numeral(s[q]) || is_digit(s[q]) || s[q] == U'.' || s[q] == U'点')) {
      ++q;
    }
    if (q == p + 3) return {false, q, false, false};
    return {true, q, false, true};
  }
  if (is_digit(c)) {
    if (p > cb && (is_digit(s[p - 1]) || s[p - 1] == U'.')) return {false, p + 1, false, false};
    while (q < ce && q - p < 24) {
      if (is_digit(s[q])) {
        ++q;
      } else if (s[q] == U'.' && q + 1 < ce && is_digit(s[q + 1])) {
        ++q;
      } else if (s[q] == U',' && q + 3 < ce && is_digit(s[q + 1]) && is_digit(s[q + 2]) &&
                 is_digit(s[q + 3]) && (q + 4 >= ce || !is_digit(s[q + 4]))) {
        ++q;
      } else {
        break;
      }
    }
    std::size_t magnitudes = 0;
    while (q < ce && magnitudes < 3 && one_of(s[q], U"十百千万亿")) {
      ++q;
      ++magnitudes;
    }
    return {true, q, false, false};
  }
  if (is_cn_numeral(c)) {
    if (p > cb && is_cn_numeral(s[p - 1])) return {false, p + 1, false, false};
    while (q < ce && q - p < 12 && is_cn_numeral(s[q])) ++q;
    const V32 run = s.substr(p, q - p);
    const bool only_magnitudes =
        std::all_of(run.begin(), run.end(), [](char32_t x) { return one_of(x, kCnMagnitudes); });
    // 一 alone is mostly a word (一次, 一批, 进一步), not a promise.
    if (only_magnitudes || run == U"一" || run == U"壹" || run == U"零" || run == U"〇") {
      return {false, q, false, false};
    }
    return {true, q, true, false};
  }
  return {false, p + 1, false, false};
}

// Ages and ranges: 35—64岁, 0-6岁, 17周岁及以下, 3-5所, read from q after the number at p; they
// are not figures.
std::optional<Skip> age_or_range(V32 s, std::size_t p, std::size_t q, std::size_t ce,
                                 bool percent_words) {
  if (starts_at(s, q, U"岁") || starts_at(s, q, U"周岁")) {
    std::size_t e = q + (s[q] == U'岁' ? std::size_t{1} : std::size_t{2});
    for (const V32 w : {V32(U"及以上"), V32(U"及以下"), V32(U"以上"), V32(U"以下")}) {
      if (starts_at(s, e, w)) {
        e += w.size();
        break;
      }
    }
    return Skip{p, e, "an age"};
  }
  if (q < ce && one_of(s[q], U"-—–~至到") && !percent_words) {
    std::size_t r = q + 1;
    while (r < ce && one_of(s[r], U"-—–")) ++r;
    if (r < ce && (is_digit(s[r]) || is_cn_numeral(s[r]))) {
      while (r < ce && r - q < 16 && (is_digit(s[r]) || s[r] == U'.' || is_cn_numeral(s[r]))) ++r;
      const bool age = starts_at(s, r, U"岁") || starts_at(s, r, U"周岁");
      if (age) r += s[r] == U'岁' ? std::size_t{1} : std::size_t{2};
      return Skip{p, r, age ? "an age range" : "a range"};
    }
  }
  return std::nullopt;
}

// The unit of measure of a figure.
struct MeasureAt {
  U32 unit;                 // empty: none
  bool classifier = false;  // 个 before a measure word: "36个班" → 班
};

// The unit of measure at q, before ce: the longest standard one, or 个 and a measure word
// (36个班 → 班); % for 百分之….
MeasureAt measure_at(V32 s, std::size_t q, std::size_t ce, bool percent_words) {
  MeasureAt m;
  if (percent_words) {
    m.unit = U"%";
    return m;
  }
  const std::vector<U32>& names = unit_names();
  for (const U32& name : names) {
    if (starts_at(s, q, name) && q + name.size() <= ce) {
      m.unit = name;
      break;
    }
  }
  if (m.unit != U"个") return m;
  for (const U32& name : names) {
    if (name == U"个" || name.size() != 1 || !starts_at(s, q + 1, name) || q + 2 > ce) {
      continue;
    }
    const std::size_t after = q + 2;
    if (after >= ce || !is_han(s[after])) {
      m.unit = name;
      m.classifier = true;
    }
    break;
  }
  // 3个月, 2个季度: time, not things.
  for (const V32 w : {V32(U"月"), V32(U"季度"), V32(U"工作日"), V32(U"小时"), V32(U"星期"),
                      V32(U"年"), V32(U"方面"), V32(U"层面")}) {
    if (!m.classifier && starts_at(s, q + 1, w)) m.unit.clear();
  }
  return m;
}

// The quantity that `number` and its unit of measure state, when it reads as one above zero.
std::optional<Quantity> positive_quantity(V32 number, const MeasureAt& measure,
                                          bool percent_words) {
  std::optional<Quantity> quantity;
  try {
    U32 written =
        percent_words ? U32(number) : U32(number) + (measure.classifier ? U"个" : measure.unit);
    Quantity parsed = parse_quantity(utf8(written));
    if (measure.classifier) parsed.unit = utf8(measure.unit);
    quantity = std::move(parsed);
  } catch (const std::exception&) {
    quantity.reset();
  }
  if (!quantity || quantity->value.sign() <= 0) return std::nullopt;
  return quantity;
}

// Completes figure `f`, whose number begins at f.number_begin and whose unit of measure ends at
// unit_end, with the words around it in clause [cb, ce): the qualifiers after it (以上, 左右) and
// before it (不少于, 约), and whether it is a rate (800元/人, 每人补贴…). `notes` holds those read
// already (余, 多).
void read_qualifiers(V32 s, std::size_t cb, std::size_t ce, std::size_t unit_end,
                     std::vector<U32> notes, Figure& f) {
  const std::size_t p = f.number_begin;
  for (const V32 w :
       {V32(U"及以上"), V32(U"以上"), V32(U"以内"), V32(U"以下"), V32(U"左右"), V32(U"多")}) {
    if (starts_at(s, unit_end, w) && unit_end + w.size() <= ce) {
      notes.emplace_back(w);
      unit_end += w.size();
      break;
    }
  }
  while (unit_end + 1 < ce && s[unit_end] == U'/' && is_han(s[unit_end + 1])) {
    f.rate = true;
    f.basis += U"每";
    f.basis += s[unit_end + 1];
    unit_end += 2;
  }
  f.end = unit_end;
  f.written = tidy(s.substr(p, unit_end - p));
  for (const V32 w : {V32(U"不少于"), V32(U"不低于"), V32(U"不超过"), V32(U"至少"), V32(U"超过"),
                      V32(U"力争"), V32(U"约"), V32(U"近")}) {
    if (p >= cb + w.size() && s.substr(p - w.size(), w.size()) == w) {
      notes.insert(notes.begin(), U32(w));
      f.begin = p - w.size();
      break;
    }
  }
  // Per something (每人补贴1.5万元, 每季度召开): a rate, not a promise.
  const V32 before = s.substr(cb, p - cb);
  if (const std::size_t each = before.rfind(U'每'); each != kNone && !f.rate) {
    f.rate = true;
    f.basis = U"每";
    std::size_t b = cb + each + 1;
    for (const V32 w : {V32(U"季度"), V32(U"个月"), V32(U"学年"), V32(U"年度"), V32(U"平方米")}) {
      if (starts_at(s, b, w)) {
        f.basis += w;
        b = kNone;
        break;
      }
    }
    if (b != kNone && b < s.size() && is_han(s[b])) f.basis += s[b];
  }
  f.notes = std::move(notes);
}

// Reads the figures of clause [cb, ce) of sentence `s`: each number with a unit of measure, and
// why the numbers that are not figures are not.
void scan_figures(V32 s, std::size_t cb, std::size_t ce, const std::vector<bool>& mask,
                  std::vector<Figure>& figures, std::vector<Skip>& skips) {
  std::size_t p = cb;
  while (p < ce) {
    if (mask[p]) {
      ++p;
      continue;
    }
    const NumberRun number = number_at(s, p, cb, ce);
    if (!number.found) {
      p = number.end;
      continue;
    }
    const std::size_t number_end = number.end;
    if (p > 0 && s[p - 1] == U'第') {  // an ordinal: 第四届, 第十二小学
      skips.push_back(Skip{p - 1, number_end, "an ordinal"});
      p = number_end;
      continue;
    }
    std::size_t q = number_end;
    std::vector<U32> notes;
    if (q < ce && (s[q] == U'余' || s[q] == U'多') && !number.percent_words) {
      notes.emplace_back(1, s[q]);
      ++q;
    }
    while (q < ce && s[q] == U' ') ++q;
    if (std::optional<Skip> skip = age_or_range(s, p, q, ce, number.percent_words)) {
      p = skip->end;
      skips.push_back(std::move(*skip));
      continue;
    }
    const MeasureAt measure = measure_at(s, q, ce, number.percent_words);
    const U32& unit = measure.unit;
    if (unit.empty()) {
      p = number_end;
      continue;
    }
    const std::size_t unit_end =
        number.percent_words ? number_end : q + unit.size() + (measure.classifier ? 1 : 0);
    const V32 next = s.substr(unit_end, std::min<std::size_t>(4, ce - std::min(ce, unit_end)));
    if (contains(next, U"实事") || (unit == U"部" && next.starts_with(U"门")) ||
        (unit == U"期" && number.chinese) || (unit == U"人" && next.starts_with(U"民"))) {
      p = unit_end;
      continue;
    }
    std::optional<Quantity> quantity =
        positive_quantity(s.substr(p, number_end - p), measure, number.percent_words);
    if (!quantity) {
      p = unit_end;
      continue;
    }
    Figure f;
    f.number_begin = p;
    f.begin = p;
    f.quantity = std::move(*quantity);
    f.chinese = number.chinese;
    f.classifier = measure.classifier;
    read_qualifiers(s, cb, ce, unit_end, std::move(notes), f);
    p = f.end;
    figures.push_back(std::move(f));
  }
}

// ---- the environment of one draft ---------------------------------------------------------

struct Env {
  int year = 0;
  Date start;
  Date end;
  std::vector<Finding>* findings = nullptr;
  bool findings_full = false;

  void add(FindingSeverity severity, std::string path, std::string message, V32 source,
           double confidence) {
    if (findings->size() >= kMaxFindings) {
      if (!findings_full) {
        findings->push_back(Finding{FindingSeverity::warning, "",
                                    "too many findings: the rest are left out", "", 1.0});
        findings_full = true;
      }
      return;
    }
    findings->push_back(Finding{severity, std::move(path), std::move(message),
                                utf8(capped(tidy(source), kMaxText)), confidence});
  }
  [[nodiscard]] bool in_window(const Date& d) const noexcept { return start <= d && d <= end; }
};

// Verbs that begin a commitment (a milestone when it names no figure).
constexpr auto kActionVerbs = std::to_array<V32>(
    {U"开展", U"开设",   U"举办", U"推进", U"实施", U"完成", U"建设", U"建成",     U"启动",
     U"开工", U"组织",   U"落实", U"打造", U"创建", U"新建", U"改造", U"迁建",     U"对",
     U"为",   U"在",     U"开通", U"设立", U"成立", U"举行", U"召开", U"编制",     U"出台",
     U"制定", U"发放",   U"救助", U"筛查", U"培训", U"选树", U"评选", U"表彰",     U"整治",
     U"修建", U"改建",   U"扩建", U"安装", U"配备", U"实现", U"建立", U"加快推进", U"加快建设",
     U"新增", U"改扩建", U"投用", U"提供", U"帮助", U"资助", U"扶持"});
constexpr auto kAdverbs = std::to_array<V32>(
    {U"常态化", U"深入", U"积极", U"持续", U"继续", U"全面", U"大力", U"及时", U"免费", U"进一步",
     U"着力",   U"重点", U"扎实", U"广泛", U"年内", U"今年", U"全年", U"计划", U"再",   U"集中"});

// The verb a clause begins with (after adverbs), or empty.
V32 leading_verb(V32 clause) noexcept {
  clause = trim(clause);
  for (int round = 0; round < 4; ++round) {
    bool stripped = false;
    for (const V32 a : kAdverbs) {
      if (clause.starts_with(a) && clause.size() > a.size()) {
        clause.remove_prefix(a.size());
        stripped = true;
        break;
      }
    }
    if (!stripped) break;
  }
  V32 best;
  for (const V32 v : kActionVerbs) {
    if (clause.starts_with(v) && v.size() > best.size()) best = v;
  }
  return best;
}

// Verbs that may begin the first of several figures and are shared by the rest
// (建设科普公园1处、科普广场2个 → 建设科普广场).
constexpr auto kSharedVerbs = std::to_array<V32>(
    {U"可容纳", U"容纳", U"建设", U"新建", U"建成", U"改造提升", U"改造", U"打造",
     U"开展",   U"举办", U"培训", U"创建", U"选树", U"实施",     U"完成", U"提供",
     U"发放",   U"救助", U"筛查", U"培育", U"设立", U"配备",     U"安装", U"招聘",
     U"吸纳",   U"帮助", U"组织", U"新增", U"扶持", U"资助"});

V32 shared_verb(V32 s) noexcept {
  V32 best;
  for (const V32 v : kSharedVerbs) {
    if (s.starts_with(v) && v.size() > best.size()) best = v;
  }
  return best;
}

// Words of time at the start of a description that the deadline already says.
V32 strip_time_words(V32 s) noexcept {
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    // A year alone (2021年建成…), not a date (2021年6月…), which is a deadline's.
    if (s.size() > 6 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
        s[4] == U'年' && !is_digit(s[5]) && !one_of(s[5], U"一二三四五六七八九十底内末")) {
      s.remove_prefix(5);
      stripped = true;
    }
    for (const V32 w : {V32(U"年内"), V32(U"今年"), V32(U"全年"), V32(U"年底前"), V32(U"力争")}) {
      if (s.starts_with(w) && s.size() > w.size()) {
        s.remove_prefix(w.size());
        stripped = true;
      }
    }
    if (!stripped) break;
  }
  return s;
}

V32 strip_trailing_function_words(V32 s) noexcept {
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    for (const V32 w : {V32(U"达到"), V32(U"达"), V32(U"不少于"), V32(U"不低于"), V32(U"至少"),
                        V32(U"超过"), V32(U"共"), V32(U"约"), V32(U"为"), V32(U"近"), V32(U"的"),
                        V32(U"、"), V32(U"分别"), V32(U"累计")}) {
      if (s.ends_with(w) && s.size() > w.size()) {
        s.remove_suffix(w.size());
        stripped = true;
      }
    }
    if (!stripped) break;
  }
  return s;
}

// The measure word of a count of listed names with a common ending (幼儿园 → 所).
U32 measure_word_for(V32 suffix) {
  struct Pair {
    V32 ending;
    V32 word;
  };
  static constexpr auto kWords = std::to_array<Pair>({
      {U"幼儿园", U"所"}, {U"学校", U"所"},   {U"小学", U"所"},   {U"中学", U"所"},
      {U"学院", U"所"},   {U"医院", U"所"},   {U"卫生院", U"所"}, {U"敬老院", U"所"},
      {U"养老院", U"所"}, {U"超市", U"家"},   {U"企业", U"家"},   {U"工厂", U"家"},
      {U"书房", U"处"},   {U"母婴室", U"处"}, {U"路", U"条"},     {U"街", U"条"},
      {U"巷", U"条"},     {U"桥", U"座"},     {U"楼", U"栋"},     {U"园", U"个"},
      {U"馆", U"个"},     {U"站", U"个"},
  });
  for (const Pair& p : kWords) {
    if (suffix.ends_with(p.ending)) return U32(p.word);
  }
  return U"个";
}

// Money words: a rise of these is a rise of an amount of money.
bool about_money(V32 s) noexcept {
  for (const V32 w :
       {V32(U"标准"), V32(U"补贴"), V32(U"补助"), V32(U"工资"), V32(U"收入"), V32(U"津贴"),
        V32(U"资金"), V32(U"经费"), V32(U"费"), V32(U"救助金"), V32(U"待遇"), V32(U"价格")}) {
    if (contains(s, w)) return true;
  }
  return false;
}

struct Commitment {
  U32 text;                          // the words, without the responsibility block
  std::optional<Deadline> deadline;  // its 完成时限 cell (tables)
};

struct RawItem {
  int number = 0;
  std::vector<Commitment> parts;  // prose: one; table: one per content cell
  std::vector<RawUnit> units;
  bool labelled = false;  // the units came from a labelled block or a table column
  bool unclosed = false;  // its responsibility parenthesis does not close
  bool table = false;
  bool runs_to_end = false;   // nothing follows it in the text
  bool shared_units = false;  // its units are those of a block after the list it is part of
};

// Where each figure's piece of a clause begins and ends: several figures in a clause are split at
// the 、 after each (建设科普公园1处、科普广场2个 → two pieces).
struct Pieces {
  std::vector<std::size_t> begin;
  std::vector<std::size_t> end;
};

Pieces split_pieces(V32 seg, const std::vector<bool>& mask, std::size_t cb, std::size_t ce,
                    const std::vector<Figure>& figures) {
  Pieces pieces{std::vector<std::size_t>(figures.size(), cb),
                std::vector<std::size_t>(figures.size(), ce)};
  for (std::size_t i = 0; i + 1 < figures.size(); ++i) {
    for (std::size_t k = figures[i].end; k < figures[i + 1].begin; ++k) {
      if (!mask[k] && seg[k] == U'、') {
        pieces.end[i] = k;
        for (std::size_t j = i + 1; j < figures.size(); ++j) pieces.begin[j] = k + 1;
        break;
      }
    }
  }
  return pieces;
}

// The scope that a list of places after 在 gives a clause's targets, or "":
// 在淄江社区、溡源社区、足球博物馆建设母婴室3处 → 淄江社区、溡源社区、足球博物馆.
U32 listed_places(V32 clause) {
  U32 scope;
  if (const std::size_t at = clause.find(U'在'); at != kNone) {
    std::size_t verb = kNone;
    for (const V32 v : {V32(U"建设"), V32(U"设立"), V32(U"建成"), V32(U"打造"), V32(U"开设"),
                        V32(U"新建"), V32(U"设置"), V32(U"配备"), V32(U"开展")}) {
      const std::size_t found = clause.find(v, at);
      if (found != kNone && found < verb) verb = found;
    }
    if (verb != kNone && verb > at + 1) {
      const V32 list = clause.substr(at + 1, verb - at - 1);
      if (contains(list, U"、") && list.size() <= 60) scope = tidy(list);
    }
  }
  return scope;
}

// The target figure `f` states as far as the figure and the words before it in its clause tell:
// its unit, value, measure, accumulation (累计), direction (以内, 不超过) and notes.
Target measured_target(const Figure& f, V32 before, const std::string& dimension) {
  Target t;
  t.unit = f.quantity.unit;
  t.value = f.quantity.value;
  if (dimension == "money") {
    t.measure = Measure::money;
  } else if (dimension == "percent" || dimension == "percentage_points") {
    t.measure = Measure::percent;
    t.accumulation = Accumulation::level;
  } else {
    t.measure = Measure::count;
  }
  std::vector<U32> notes = f.notes;
  if (contains(before, U"累计")) {
    t.accumulation = Accumulation::cumulative;
    notes.insert(notes.begin(), U"累计");
  }
  for (const U32& n : notes) {
    if (n == U"以内" || n == U"不超过") t.direction = Direction::lower_is_better;
  }
  if (t.direction == Direction::lower_is_better && t.measure != Measure::percent) {
    t.accumulation = Accumulation::level;
  }
  for (const U32& n : notes) t.note += (t.note.empty() ? "" : "；") + utf8(n);
  return t;
}

// Drafts one initiative's targets and parameters.
class ItemDrafter {
 public:
  ItemDrafter(Env& env, std::size_t index, Initiative& out, std::string lead_name, bool table)
      : env_(env), index_(index), out_(out), lead_name_(std::move(lead_name)), table_(table) {}

  // One commitment's text: sentences, clauses, figures.
  void commitment(V32 text, const std::optional<Deadline>& cell_deadline, bool first_is_title,
                  double factor) {
    factor_ = factor;
    // Sentences, at most kMaxSegment code points each.
    std::size_t begin = 0;
    std::size_t sentence = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      const bool end = i == text.size() || one_of(text[i], kSentenceEnds) || text[i] == U'\n' ||
                       i - begin >= kMaxSegment;
      if (!end) continue;
      const V32 seg = text.substr(begin, i - begin);
      if (!trim(seg).empty()) {
        segment(seg, cell_deadline, first_is_title && sentence == 0);
        ++sentence;
      }
      begin = i + 1;
      if (i < text.size() && !one_of(text[i], kSentenceEnds) && text[i] != U'\n') begin = i;
      if (out_.targets.size() >= kMaxTargetsPerItem) break;
    }
  }

 private:
  [[nodiscard]] std::string target_path() const {
    return "initiatives[" + std::to_string(index_) + "].targets[" +
           std::to_string(out_.targets.size()) + "]";
  }
  [[nodiscard]] std::string item_path() const {
    return "initiatives[" + std::to_string(index_) + "]";
  }

  void push_target(Target t, V32 source, double confidence, const std::string& how) {
    if (out_.targets.size() >= kMaxTargetsPerItem) return;
    t.code = std::to_string(out_.number) + "." + std::to_string(out_.targets.size() + 1);
    t.source_text = utf8(capped(tidy(source), kMaxText));
    if (t.description.empty()) t.description = out_.title;
    std::string what = to_string(t.measure);
    if (t.value) what += " " + t.value->to_string() + " " + t.unit;
    if (t.form != TargetForm::absolute) what += std::string(", ") + to_string(t.form);
    if (t.accumulation != Accumulation::incremental) {
      what += std::string(", ") + to_string(t.accumulation);
    }
    if (!t.note.empty()) what += " (" + t.note + ")";
    env_.add(FindingSeverity::info, target_path(),
             "target " + t.code + ": " + what + " — " + t.description + how, source,
             confidence * factor_);
    out_.targets.push_back(std::move(t));
  }

  void set_deadline(Target& t, const std::optional<Deadline>& d) {
    if (!d || !d->date) return;
    if (!env_.in_window(*d->date)) {
      env_.add(FindingSeverity::warning, target_path(),
               "the deadline " + utf8(d->text) + " (" + d->date->to_string() +
                   ") lies outside the plan's year: left out",
               d->text, 0.5);
      return;
    }
    if (d->stage)
      t.note += (t.note.empty() ? "" : "；") + std::string("完成时限：") + utf8(d->text);
    if (d->note_only) return;
    if (out_.deadline && *out_.deadline == *d->date) return;  // the initiative's own
    t.deadline = d->date;
  }

  void segment(V32 seg, const std::optional<Deadline>& cell_deadline, bool title) {
    const std::vector<bool> mask = quoted_mask(seg);
    // Clauses.
    std::vector<std::pair<std::size_t, std::size_t>> clauses;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= seg.size(); ++i) {
      if (i < seg.size() && (mask[i] || !one_of(seg[i], kClauseEnds))) continue;
      if (i > begin) clauses.emplace_back(begin, i);
      begin = i + 1;
    }
    std::optional<Deadline> seg_deadline = find_deadline(seg, env_.year, false);
    if (!seg_deadline) seg_deadline = cell_deadline;
    U32 listed_scope;  // names listed in an earlier clause, the scope of later figures
    for (const auto& [cb, ce] : clauses) {
      if (out_.targets.size() >= kMaxTargetsPerItem) return;
      std::vector<Figure> figures;
      std::vector<Skip> skips;
      scan_figures(seg, cb, ce, mask, figures, skips);
      const V32 clause = seg.substr(cb, ce - cb);
      std::optional<Deadline> deadline = find_deadline(clause, env_.year, false);
      if (!deadline) deadline = seg_deadline;
      std::vector<Figure> targets;
      for (Figure& f : figures) {
        if (!f.rate) {
          targets.push_back(std::move(f));
          continue;
        }
        if (dimension_of(f.quantity.unit) == "money") {
          parameter(seg, clauses, cb, f);
        } else {
          env_.add(FindingSeverity::info, item_path(),
                   "\"" + utf8(f.written) + "\" is a rate (" + utf8(f.basis) +
                       "), not a target: left out",
                   seg, 0.6);
        }
      }
      if (!targets.empty()) {
        figure_targets(seg, mask, cb, ce, targets, deadline, listed_scope);
        continue;
      }
      if (!figures.empty()) continue;  // rates only
      if (list_count(seg, mask, cb, ce, deadline, listed_scope)) continue;
      if (!title || table_) milestone(seg, clause, deadline);
    }
  }

  void parameter(V32 seg, const std::vector<std::pair<std::size_t, std::size_t>>& clauses,
                 std::size_t cb, const Figure& f) {
    if (out_.parameters.size() >= kMaxParameters) return;
    // Its name: the words after the amount (…1.5万元康复训练补助和…), else before it.
    std::size_t e = f.end;
    while (e < seg.size() && e - f.end < 30 && !one_of(seg[e], U"和及、，,；;。或每") &&
           !is_digit(seg[e])) {
      ++e;
    }
    V32 name = trim(seg.substr(f.end, e - f.end));
    if (name.starts_with(U"的")) name.remove_prefix(1);
    U32 full(name);
    if (full.empty()) {
      const std::size_t each = seg.substr(cb, f.number_begin - cb).rfind(U'每');
      const std::size_t from = each == kNone ? cb : cb + each + f.basis.size();
      full = tidy(seg.substr(from, f.number_begin - std::min(from, f.number_begin)));
    }
    // A condition in an earlier clause of the sentence: "进行集中康复训练的，每人补贴…".
    for (const auto& [b, c] : clauses) {
      if (c > cb) break;
      const V32 earlier = trim(seg.substr(b, c - b));
      if (earlier.ends_with(U"的") && earlier.size() > 1 && c <= cb) {
        full += U"（" + U32(earlier) + U"）";
      }
    }
    Parameter p;
    p.name = utf8(capped(tidy(full), kMaxText));
    if (p.name.empty()) p.name = "标准";
    p.value = f.quantity.value;
    p.unit = f.quantity.unit;
    p.basis = utf8(f.basis);
    p.source_text = utf8(capped(tidy(seg), kMaxText));
    env_.add(FindingSeverity::info,
             item_path() + ".parameters[" + std::to_string(out_.parameters.size()) + "]",
             "parameter " + p.name + ": " + p.value.to_string() + " " + p.unit +
                 (p.basis.empty() ? "" : " " + p.basis) + " (a rate, not a target)",
             seg, 0.7 * factor_);
    out_.parameters.push_back(std::move(p));
  }

  // Drafts figure `f` when it states a rise (提高10%, 分别提高10%: rise()), or warns when it states
  // a fall of a rate, which the plan model cannot say; whether it did either. `before`: the words
  // before the figure in its clause.
  bool rise_or_fall(V32 seg, V32 before, const Figure& f, const std::string& dimension,
                    const std::optional<Deadline>& deadline) {
    V32 rise_verb;
    for (const V32 w : {V32(U"提高"), V32(U"提升"), V32(U"增长"), V32(U"增加"), V32(U"上涨"),
                        V32(U"上调"), V32(U"增幅")}) {
      if (before.ends_with(w)) rise_verb = w;
    }
    bool fall = false;
    for (const V32 w : {V32(U"下降"), V32(U"降低"), V32(U"减少"), V32(U"压减"), V32(U"缩减")}) {
      if (before.ends_with(w)) fall = true;
    }
    V32 subject = trim(before.substr(0, before.size() - rise_verb.size()));
    bool respectively = false;
    for (const V32 w : {V32(U"分别"), V32(U"均"), V32(U"各")}) {
      if (subject.ends_with(w)) {
        subject = trim(subject.substr(0, subject.size() - w.size()));
        respectively = w == U"分别";
        break;
      }
    }
    const bool relative = f.quantity.unit == "%" || f.quantity.unit == "个百分点";
    if (fall && relative) {
      env_.add(FindingSeverity::warning, item_path(),
               "a fall of " + utf8(f.written) +
                   " is not drafted: the plan model states rises and levels; add it by hand",
               seg, 0.5);
      return true;
    }
    if (!rise_verb.empty() && (relative || (dimension == "money" && about_money(before)))) {
      rise(seg, subject, respectively, f, deadline);
      return true;
    }
    return false;
  }

  // The targets of the figures of one clause.
  void figure_targets(V32 seg, const std::vector<bool>& mask, std::size_t cb, std::size_t ce,
                      const std::vector<Figure>& figures, const std::optional<Deadline>& deadline,
                      const U32& listed_scope) {
    const V32 clause = seg.substr(cb, ce - cb);
    const Pieces pieces = split_pieces(seg, mask, cb, ce, figures);
    const U32 place_scope = listed_places(clause);
    const V32 first_verb = shared_verb(
        strip_time_words(trim(seg.substr(pieces.begin[0], pieces.end[0] - pieces.begin[0]))));
    for (std::size_t i = 0; i < figures.size(); ++i) {
      const Figure& f = figures[i];
      const V32 piece = seg.substr(pieces.begin[i], pieces.end[i] - pieces.begin[i]);
      const std::size_t local = f.begin - pieces.begin[i];
      const std::size_t local_end = std::min(f.end, pieces.end[i]) - pieces.begin[i];
      const V32 before = trim(seg.substr(cb, f.begin - cb));
      const std::string dimension = dimension_of(f.quantity.unit);
      if (rise_or_fall(seg, before, f, dimension, deadline)) continue;
      Target t = measured_target(f, before, dimension);
      // Description: the piece without the figure and the words of time.
      U32 words = U32(piece.substr(0, local)) + U32(piece.substr(local_end));
      if (deadline && deadline->begin < seg.size()) {
        const V32 dtext = date_words(deadline->text);
        if (const std::size_t at = words.find(dtext); at != kNone && at < 2) {
          words.erase(at, dtext.size());
        }
      }
      V32 desc = strip_trailing_function_words(strip_time_words(trim(words)));
      U32 description = tidy(desc);
      if (i > 0 && pieces.begin[i] != pieces.begin[0] && !first_verb.empty() &&
          shared_verb(description).empty()) {
        description = U32(first_verb) + description;
      }
      if (description.size() <= 3 && !shared_verb(description).empty() && f.classifier) {
        description += t.unit == "班" ? U32(U"班级") : u32(t.unit);
      }
      if (description.size() < 2) description = tidy(clause);
      t.description = utf8(capped(description, kMaxText));
      // Scope: people of an age (为全县3万名0-6岁儿童开展…), or listed names.
      t.scope = utf8(person_scope(seg, f, ce, dimension));
      if (t.scope.empty() && !place_scope.empty()) t.scope = utf8(place_scope);
      if (t.scope.empty() && !listed_scope.empty()) t.scope = utf8(listed_scope);
      set_deadline(t, deadline);
      double confidence = f.chinese ? 0.8 : 0.9;
      if (f.classifier) confidence -= 0.05;
      push_target(std::move(t), seg, confidence, "");
    }
  }

  // The people a count covers when the words after it name an age: 全县0-6岁儿童.
  U32 person_scope(V32 seg, const Figure& f, std::size_t ce, const std::string& dimension) const {
    if (dimension != "persons") return U32();
    std::size_t e = f.end;
    while (e < ce && e - f.end < 60) {
      bool stop = false;
      for (const V32 v : {V32(U"进行"), V32(U"开展"), V32(U"提供"), V32(U"实施"), V32(U"接受"),
                          V32(U"参加"), V32(U"免费"), V32(U"建设")}) {
        if (starts_at(seg, e, v)) stop = true;
      }
      if (stop) break;
      ++e;
    }
    const V32 phrase = seg.substr(f.end, e - f.end);
    if (!contains(phrase, U"岁") || phrase.empty()) return U32();
    U32 region;
    if (f.begin >= 2) {
      const V32 two = seg.substr(f.begin - 2, 2);
      if (two.starts_with(U"全") || two == U"辖区") region = two;
    }
    return capped(tidy(region + U32(phrase)), kMaxText);
  }

  // 对社会散居孤儿、事实无人抚养儿童、重点困境儿童基本生活保障标准分别提高10%: one target per
  // group.
  void rise(V32 seg, V32 subject, bool respectively, const Figure& f,
            const std::optional<Deadline>& deadline) {
    subject = trim(subject);
    for (const V32 w : {V32(U"对"), V32(U"将"), V32(U"把"), V32(U"使")}) {
      if (subject.starts_with(w)) {
        subject.remove_prefix(w.size());
        break;
      }
    }
    std::vector<U32> groups;
    U32 what(subject);
    if (respectively) {
      std::vector<V32> parts;
      std::size_t b = 0;
      for (std::size_t i = 0; i <= subject.size(); ++i) {
        if (i < subject.size() && subject[i] != U'、') continue;
        parts.push_back(trim(subject.substr(b, i - b)));
        b = i + 1;
      }
      if (parts.size() >= 2 && parts.size() <= 12) {
        const V32 last = parts.back();
        std::size_t split = kNone;
        for (std::size_t k = 1; k < last.size() && split == kNone; ++k) {
          for (const V32 w :
               {V32(U"基本"), V32(U"生活"), V32(U"保障"), V32(U"补贴"), V32(U"补助"), V32(U"标准"),
                V32(U"救助"), V32(U"抚养"), V32(U"养育"), V32(U"护理"), V32(U"医疗"), V32(U"工资"),
                V32(U"收入"), V32(U"待遇"), V32(U"津贴")}) {
            if (starts_at(last, k, w)) {
              split = k;
              break;
            }
          }
        }
        what = split == kNone ? U32() : U32(last.substr(split));
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) groups.push_back(tidy(parts[i]));
        groups.push_back(tidy(split == kNone ? last : last.substr(0, split)));
      }
    }
    if (groups.empty()) groups.emplace_back();
    const bool money = about_money(what.empty() ? subject : V32(what));
    const bool points = f.quantity.unit == "个百分点";
    const bool rate_subject = contains(subject, U"率");
    for (const U32& group : groups) {
      Target t;
      t.value = f.quantity.value;
      t.accumulation = Accumulation::level;
      if (points) {
        t.measure = Measure::percent;
        t.unit = "个百分点";
        t.form = TargetForm::rise_amount;
      } else if (f.quantity.unit == "%") {
        t.form = TargetForm::rise_percent;
        if (money && !rate_subject) {
          t.measure = Measure::money;
          t.unit = "元";
        } else {
          t.measure = Measure::percent;
          t.unit = "%";
        }
      } else {  // money: 标准提高200元
        t.measure = Measure::money;
        t.unit = f.quantity.unit;
        t.form = TargetForm::rise_amount;
      }
      const U32 base = what.empty() ? (group.empty() ? tidy(subject) : U32()) : what;
      t.description = utf8(capped(group + base + U"提高", kMaxText));
      t.scope = utf8(group);
      Baseline b;
      const std::string of = base.empty() ? std::string("水平") : utf8(base);
      b.note = std::to_string(env_.year - 1) + "年执行的" + of + "，通知未载明" +
               (lead_name_.empty() ? std::string() : "，待" + lead_name_ + "提供");
      t.baseline = b;
      for (const U32& n : f.notes) t.note += (t.note.empty() ? "" : "；") + utf8(n);
      set_deadline(t, deadline);
      const bool guessed = !points && f.quantity.unit == "%" && !money && !rate_subject;
      if (guessed) {
        env_.add(FindingSeverity::warning, target_path(),
                 "a rise of " + utf8(f.written) +
                     " of something that is neither money nor a rate: drafted as a rate in %; "
                     "check the measure and unit",
                 seg, 0.4);
      }
      push_target(std::move(t), seg, guessed ? 0.5 : 0.75,
                  " (baseline unknown: the notice does not state it)");
    }
  }

  // 建成投用大顺幼儿园、金鼎绿城幼儿园、熙悦幼儿园: a count of the names listed, when the clause
  // has no number.
  bool list_count(V32 seg, const std::vector<bool>& mask, std::size_t cb, std::size_t ce,
                  const std::optional<Deadline>& deadline, U32& listed_scope) {
    V32 clause = trim(seg.substr(cb, ce - cb));
    if (deadline && clause.starts_with(deadline->text)) clause.remove_prefix(deadline->text.size());
    clause = strip_time_words(clause);
    V32 verb;
    V32 rest = clause;
    for (int round = 0; round < 3; ++round) {
      bool found = false;
      for (const V32 v : {V32(U"建成"), V32(U"投用"), V32(U"投入使用"), V32(U"新建"), V32(U"建设"),
                          V32(U"改造提升"), V32(U"改造"), V32(U"改扩建"), V32(U"启用"),
                          V32(U"开工建设"), V32(U"开工"), V32(U"完成"), V32(U"打造")}) {
        if (rest.starts_with(v)) {
          rest.remove_prefix(v.size());
          found = true;
          break;
        }
      }
      if (!found) break;
      verb = clause.substr(0, clause.size() - rest.size());
    }
    if (verb.empty()) return false;
    const std::size_t offset = static_cast<std::size_t>(rest.data() - seg.data());
    std::vector<V32> names;
    std::size_t b = 0;
    for (std::size_t i = 0; i <= rest.size(); ++i) {
      if (i < rest.size() && (rest[i] != U'、' || mask[offset + i])) continue;
      names.push_back(trim(rest.substr(b, i - b)));
      b = i + 1;
    }
    if (names.size() < 2 || names.size() > 30 || names.back().ends_with(U"等")) return false;
    for (const V32 n : names) {
      if (n.size() < 3 || n.size() > 16 ||
          std::any_of(n.begin(), n.end(), [](char32_t c) { return !is_han(c); })) {
        return false;
      }
    }
    // Their common ending.
    std::size_t common = names.front().size();
    for (const V32 n : names) {
      std::size_t k = 0;
      while (k < common && k < n.size() &&
             n[n.size() - 1 - k] == names.front()[names.front().size() - 1 - k])
        ++k;
      common = k;
    }
    if (common < 2) return false;
    for (const V32 n : names) {
      if (n.size() <= common) return false;
    }
    const V32 suffix = names.front().substr(names.front().size() - common);
    const U32 word = measure_word_for(suffix);
    Target t;
    t.measure = Measure::count;
    t.unit = utf8(word);
    t.value = Decimal(static_cast<std::int64_t>(names.size()));
    t.description = utf8(tidy(U32(verb) + U32(suffix)));
    listed_scope = tidy(rest);
    t.scope = utf8(capped(listed_scope, kMaxText));
    t.note = "通知列出" + chinese_ordinal(static_cast<int>(names.size())) + utf8(word) +
             utf8(suffix) + "名称，未写数字";
    set_deadline(t, deadline);
    push_target(std::move(t), seg, 0.6, " (counted from the names listed)");
    return true;
  }

  void milestone(V32 seg, V32 clause, const std::optional<Deadline>& deadline) {
    V32 words = trim(clause);
    if (deadline && words.starts_with(deadline->text)) words.remove_prefix(deadline->text.size());
    words = trim(strip_time_words(words));
    if (words.size() < 4) return;
    if (!table_ && leading_verb(words).empty()) return;
    Target t;
    t.measure = Measure::milestone;
    t.description = utf8(capped(tidy(words), kMaxText));
    set_deadline(t, deadline);
    push_target(std::move(t), seg, table_ ? 0.6 : 0.5, " (no figure: a milestone)");
  }

  Env& env_;
  std::size_t index_;
  Initiative& out_;
  std::string lead_name_;
  bool table_;
  double factor_ = 1.0;
};

// ---- 3. layout: items in prose, or a table ----------------------------------------------------

struct Candidate {
  std::size_t pos = 0;
  std::size_t end = 0;
  int number = 0;
};

std::vector<Candidate> best_run(const std::vector<Candidate>& c) {
  std::vector<std::size_t> best;
  std::size_t starts = 0;
  for (std::size_t s = 0; s < c.size() && starts < kMaxRunStarts; ++s) {
    if (c[s].number != 1) continue;
    ++starts;
    std::vector<std::size_t> run{s};
    int expected = 2;
    for (std::size_t j = s + 1; j < c.size() && run.size() < kMaxItems; ++j) {
      if (c[j].number == expected) {
        run.push_back(j);
        ++expected;
      }
    }
    if (run.size() > best.size()) best = std::move(run);
  }
  std::vector<Candidate> out;
  out.reserve(best.size());
  for (const std::size_t i : best) out.push_back(c[i]);
  return out;
}

bool closing_like(V32 p) {
  for (const V32 w : {V32(U"调度"), V32(U"联系电话"), V32(U"联系人"), V32(U"附件"), V32(U"抄送"),
                      V32(U"各有关部门"), V32(U"各有关单位"), V32(U"各单位要"), V32(U"请各"),
                      V32(U"此件"), V32(U"工作要求"), V32(U"保障措施"), V32(U"组织领导")}) {
    if (contains(p, w)) return true;
  }
  return is_date_text(p) || (p.size() <= 20 && has_org_suffix(p) && !contains(p, U"，"));
}

struct ProseLayout {
  std::vector<RawItem> items;
  std::size_t first = 0;     // where the first item's marker is in Prose::text
  std::size_t last_end = 0;  // where the last item ends
};

ProseLayout prose_items(const Prose& prose) {
  const V32 s = prose.text;
  std::array<std::vector<Candidate>, kStyles> candidates;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (!is_digit(c) && !is_open(c) && c != U'第' && !one_of(c, U"一二三四五六七八九十")) continue;
    for (int st = 0; st < kStyles; ++st) {
      const auto style = static_cast<Style>(st);
      if (!marker_boundary(s, i, style)) continue;
      std::size_t end = 0;
      const int n = marker_at(s, i, style, end);
      if (n > 0 && candidates[static_cast<std::size_t>(st)].size() < kMaxCandidates) {
        candidates[static_cast<std::size_t>(st)].push_back(Candidate{i, end, n});
      }
    }
  }
  // The run with the most markers at the start of a paragraph, then the longest: items of a
  // notice begin paragraphs, while a sub-list (具体为：1.…；2.…；3.…) runs inside one.
  std::vector<Candidate> run;
  Style style = kStyles;
  std::size_t run_starts = 0;
  for (std::size_t st = 0; st < candidates.size(); ++st) {
    std::vector<Candidate> r = best_run(candidates[st]);
    const auto starts =
        static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [&](const Candidate& c) {
          return c.pos == 0 || s[c.pos - 1] == U'\n';
        }));
    if (starts > run_starts || (starts == run_starts && r.size() > run.size())) {
      run = std::move(r);
      run_starts = starts;
      style = static_cast<Style>(st);
    }
  }
  ProseLayout layout;
  if (run.empty()) return layout;
  layout.first = run.front().pos;
  const auto paragraph_end = [&](std::size_t pos) {
    const std::size_t nl = s.find(U'\n', pos);
    return nl == kNone ? s.size() : nl;
  };
  for (std::size_t k = 0; k < run.size(); ++k) {
    RawItem item;
    item.number = static_cast<int>(k + 1);
    std::size_t end = 0;
    if (k + 1 < run.size()) {
      end = run[k + 1].pos;
    } else {
      // The last item: its paragraph, and the next ones until its responsibility block, the
      // closing, a heading or the end.
      end = paragraph_end(run[k].end);
      for (int extra = 0; extra < 30 && end < s.size(); ++extra) {
        if (take_units(s.substr(run[k].end, end - run[k].end)).at_end) break;
        const std::size_t next_begin = end + 1;
        const std::size_t next_end = paragraph_end(next_begin);
        const V32 next = s.substr(next_begin, next_end - next_begin);
        if (next.empty() || closing_like(next) || starts_with_marker(next) ||
            next.starts_with(U"序号")) {
          break;
        }
        end = next_end;
      }
      item.runs_to_end = trim(s.substr(end)).empty();
    }
    Responsibility r = take_units(s.substr(run[k].end, end - run[k].end));
    item.parts.push_back(Commitment{std::move(r.rest), std::nullopt});
    item.units = std::move(r.units);
    item.labelled = r.found;
    item.unclosed = r.unclosed;
    layout.items.push_back(std::move(item));
    layout.last_end = end;
  }
  // 一是…；二是…；三是…（责任单位：…）: the block after a list inside one paragraph is every
  // item's of that list.
  if (style == kShi) {
    for (std::size_t k = layout.items.size(); k-- > 1;) {
      RawItem& with = layout.items[k];
      RawItem& before = layout.items[k - 1];
      if (with.units.empty() || !before.units.empty() || before.labelled) continue;
      if (contains(s.substr(run[k - 1].pos, run[k].pos - run[k - 1].pos), U"\n")) continue;
      before.units = with.units;
      before.labelled = true;
      before.shared_units = true;
    }
  }
  return layout;
}

bool deadline_cell(V32 cell, int year) {
  if (cell.size() > 24) return false;
  if (find_deadline(cell, year, true)) return true;
  return starts_with_any(cell, {U"长期", U"持续", U"全年", U"年内", U"常年"});
}

bool unit_cell(V32 cell) {
  if (cell.size() > 60 || cell.empty()) return false;
  if (std::any_of(cell.begin(), cell.end(), [](char32_t c) { return one_of(c, U"。；;:：“"); })) {
    return false;
  }
  if (!leading_verb(cell).empty() && !starts_with_any(cell, {U"县", U"区", U"市", U"各"})) {
    return false;
  }
  std::size_t b = 0;
  bool any = false;
  for (std::size_t i = 0; i <= cell.size(); ++i) {
    if (i < cell.size() && !one_of(cell[i], U"、，, ")) continue;
    const V32 piece = trim(cell.substr(b, i - b));
    b = i + 1;
    if (piece.empty()) continue;
    if (!has_org_suffix(piece) || piece.size() > 30) return false;
    any = true;
  }
  return any;
}

struct TableLayout {
  std::vector<RawItem> items;
  std::size_t header_line = 0;  // the line of 序号
  bool last_row_complete = true;
};

// A table with one cell per line: 序号 / 实事 / 责任单位 / 完成时限, then rows that begin with
// their number.
TableLayout table_items(const std::vector<U32>& lines, int year) {
  TableLayout t;
  std::size_t i = 0;
  std::size_t first_row = kNone;
  for (; i < lines.size(); ++i) {
    if (tidy(lines[i]) != U"序号") continue;
    bool content = false;
    bool units = false;
    std::size_t j = i + 1;
    for (; j < lines.size() && j < i + 16; ++j) {
      const V32 l = lines[j];
      if (l == U"1") break;
      content = content || contains(l, U"实事") || contains(l, U"项目") || contains(l, U"任务") ||
                contains(l, U"内容") || contains(l, U"名称") || contains(l, U"事项");
      units = units || contains(l, U"单位") || contains(l, U"部门");
    }
    if (content && units && j < lines.size() && lines[j] == U"1") {
      t.header_line = i;
      first_row = j;
      break;
    }
  }
  if (first_row == kNone) return t;
  std::vector<std::vector<U32>> rows;
  int expected = 1;
  for (std::size_t k = first_row; k < lines.size(); ++k) {
    const V32 l = lines[k];
    if (l.empty()) continue;
    if (all_digits(l) && l.size() <= 4 && l == u32(std::to_string(expected))) {
      if (rows.size() >= kMaxItems) break;
      rows.emplace_back();
      ++expected;
      continue;
    }
    if (starts_with_any(l, {U"抄送", U"印发", U"附件", U"（此件", U"(此件", U"序号"})) break;
    if (rows.back().size() < kMaxTableCells) rows.back().emplace_back(l);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    RawItem item;
    item.number = static_cast<int>(r + 1);
    item.table = true;
    item.labelled = true;
    for (const U32& cell : rows[r]) {
      if (!item.parts.empty() && deadline_cell(cell, year)) {
        std::optional<Deadline> d = find_deadline(cell, year, true);
        if (!d) d = Deadline{std::nullopt, cell, 0, cell.size(), false, false};
        // The first commitment of the row without a deadline takes it.
        for (Commitment& c : item.parts) {
          if (!c.deadline) {
            c.deadline = d;
            d.reset();
            break;
          }
        }
        continue;
      }
      if (!item.parts.empty() && unit_cell(cell)) {
        std::size_t b = 0;
        for (std::size_t i2 = 0; i2 <= cell.size(); ++i2) {
          if (i2 < cell.size() && !one_of(cell[i2], U"、，, ")) continue;
          U32 name = clean_unit_name(V32(cell).substr(b, i2 - b));
          b = i2 + 1;
          if (!plausible_unit(name)) continue;
          const bool seen = std::any_of(item.units.begin(), item.units.end(),
                                        [&](const RawUnit& u) { return u.name == name; });
          if (!seen && item.units.size() < kMaxUnitsPerItem) {
            item.units.push_back(RawUnit{std::move(name), item.units.empty()
                                                              ? AssignmentRole::lead
                                                              : AssignmentRole::co_responsible});
          }
        }
        continue;
      }
      item.parts.push_back(Commitment{cell, std::nullopt});
    }
    t.items.push_back(std::move(item));
  }
  if (!t.items.empty()) {
    const RawItem& last = t.items.back();
    t.last_row_complete = !last.parts.empty() && !last.units.empty();
  }
  return t;
}

// ---- header and closing ---------------------------------------------------------------------

struct Header {
  U32 notice_title;  // 关于…的通知
  U32 plan_title;    // 2021年为全区妇女儿童办实事
  U32 issuer;
  U32 number;  // 竹府办〔2016〕20号
  U32 url;
  U32 form_title;
  std::optional<Date> issue_date;
  int year = 0;
  int announced = 0;  // 十件实事 → 10
};

int year_in(V32 s) noexcept {
  for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    std::size_t k = i;
    const int y = read_int(s, k);
    if (k - i == 4 && k < s.size() && s[k] == U'年' && y >= 1949 && y <= 2200) return y;
  }
  return 0;
}

U32 plan_title_of(V32 title) {
  V32 t = title;
  if (const std::size_t at = t.find(U"关于"); at != kNone) t = t.substr(at + 2);
  for (int round = 0; round < 3; ++round) {
    bool stripped = false;
    for (const V32 w : {V32(U"做好"), V32(U"印发"), V32(U"下达"), V32(U"公布"), V32(U"对"),
                        V32(U"进一步"), V32(U"转发")}) {
      if (t.starts_with(w) && t.size() > w.size()) {
        t.remove_prefix(w.size());
        stripped = true;
      }
    }
    if (!stripped) break;
  }
  for (const V32 w : {V32(U"的通知"), V32(U"通知"), V32(U"的通报"), V32(U"的意见")}) {
    if (t.ends_with(w)) {
      t.remove_suffix(w.size());
      break;
    }
  }
  if (const std::size_t at = t.find(U"进行"); at != kNone && at > 2) t = t.substr(0, at);
  for (const V32 w : {V32(U"工作方案"), V32(U"实施方案"), V32(U"方案"), V32(U"工作")}) {
    if (t.ends_with(w) && t.size() > w.size()) {
      t.remove_suffix(w.size());
      break;
    }
  }
  while (t.ends_with(U"的")) t.remove_suffix(1);
  return tidy(t);
}

int announced_count(V32 title) {
  for (const V32 w : {V32(U"实事"), V32(U"惠民实事"), V32(U"民生实事")}) {
    const std::size_t at = title.find(w);
    if (at == kNone || at < 2) continue;
    std::size_t e = at;
    if (one_of(title[e - 1], U"件项个")) --e;
    std::size_t b = e;
    while (b > 0 && e - b < 4 &&
           (is_digit(title[b - 1]) || one_of(title[b - 1], U"一二三四五六七八九十")))
      --b;
    if (b == e) continue;
    std::size_t k = b;
    const int n = read_int(title, k);
    if (n > 0 && k == e) return n;
  }
  return 0;
}

bool is_org_name(V32 s) noexcept {
  return s.size() >= 4 && s.size() <= 30 &&
         ends_with_any(s, {U"办公室", U"人民政府", U"委员会", U"管委会", U"政府办", U"局", U"妇联",
                           U"工作委员会", U"领导小组"}) &&
         std::all_of(s.begin(), s.end(), is_han);
}

Header read_header(const Prose& prose) {
  Header h;
  const V32 all = prose.text;
  std::size_t title_para = kNone;
  for (std::size_t i = 0; i < prose.paragraphs.size() && i < 40; ++i) {
    const V32 p = prose.at(prose.paragraphs[i]);
    if (p.size() <= 100 && contains(p, U"关于") && title_like_end(p)) {
      title_para = i;
      break;
    }
  }
  if (title_para == kNone) {
    for (std::size_t i = 0; i < prose.paragraphs.size() && i < 10; ++i) {
      const V32 p = prose.at(prose.paragraphs[i]);
      if (p.size() <= 60 && title_like_end(p)) {
        title_para = i;
        break;
      }
    }
  }
  if (title_para != kNone) {
    const V32 p = prose.at(prose.paragraphs[title_para]);
    const std::size_t at = p.find(U"关于");
    if (at != kNone && at > 0) {
      const U32 before = tidy(p.substr(0, at));
      if (is_org_name(before)) h.issuer = before;
      h.notice_title = tidy(p.substr(at));
    } else {
      h.notice_title = tidy(p);
    }
    if (h.issuer.empty() && title_para > 0) {
      const U32 previous = tidy(prose.at(prose.paragraphs[title_para - 1]));
      if (is_org_name(previous)) h.issuer = previous;
    }
    h.plan_title = plan_title_of(h.notice_title);
    h.announced = announced_count(h.notice_title);
    h.year = year_in(h.notice_title);
  }
  // The document number: 竹府办〔2016〕20号.
  for (std::size_t i = 0; i < all.size() && h.number.empty(); ++i) {
    if (!one_of(all[i], U"〔[（(")) continue;
    std::size_t k = i + 1;
    const int y = read_int(all, k);
    if (k != i + 5 || y < 1949 || k >= all.size() || !one_of(all[k], U"〕]）)")) continue;
    ++k;
    std::size_t n = k;
    while (n < all.size() && n - k < 6 && is_digit(all[n])) ++n;
    if (n == k || n >= all.size() || all[n] != U'号') continue;
    std::size_t b = i;
    while (b > 0 && i - b < 10 && is_han(all[b - 1])) --b;
    if (b == i) continue;
    h.number = U32(all.substr(b, n + 1 - b));
    if (h.year == 0) h.year = y;
  }
  // The URL the text was taken from.
  for (const V32 scheme : {V32(U"https://"), V32(U"http://")}) {
    const std::size_t at = all.find(scheme);
    if (at == kNone || !h.url.empty()) continue;
    std::size_t e = at;
    while (e < all.size() && all[e] > 0x20 && all[e] < 0x7F && !one_of(all[e], U"()<>\"'")) ++e;
    while (e > at && one_of(all[e - 1], U".,;:")) --e;
    h.url = U32(all.substr(at, e - at));
  }
  // The issue date: a date alone, or right after the issuer's name (the signature).
  for (std::size_t i = 0; i < prose.paragraphs.size() && !h.issue_date; ++i) {
    const V32 p = prose.at(prose.paragraphs[i]);
    std::size_t from = kNone;
    if (is_date_text(p)) {
      from = 0;
    } else if (!h.issuer.empty()) {
      for (std::size_t at = p.find(h.issuer); at != kNone; at = p.find(h.issuer, at + 1)) {
        std::size_t k = at + h.issuer.size();
        while (k < p.size() && p[k] == U' ') ++k;
        if (k < p.size() && is_digit(p[k])) {
          from = k;
          break;
        }
      }
    }
    if (from == kNone) continue;
    std::size_t k = from;
    const int y = read_int(p, k);
    if (y < 1000 || k >= p.size() || p[k] != U'年') continue;
    ++k;
    const int m = read_int(p, k);
    if (m < 1 || k >= p.size() || p[k] != U'月') continue;
    ++k;
    const int d = read_int(p, k);
    if (d < 1 || k >= p.size() || p[k] != U'日') continue;
    h.issue_date = make_date(y, m, d);
  }
  if (h.year == 0 && h.issue_date) h.year = h.issue_date->year();
  if (h.year == 0) h.year = year_in(all);
  // The attached progress form: 附件：2021年…进展情况报表.
  for (const Paragraph& para : prose.paragraphs) {
    const V32 p = prose.at(para);
    if (!p.starts_with(U"附件")) continue;
    std::size_t k = 2;
    while (k < p.size() && (p[k] == U' ' || is_digit(p[k]))) ++k;
    if (k >= p.size() || (p[k] != U':' && p[k] != U'：')) continue;
    const U32 name = tidy(p.substr(k + 1));
    if (!name.empty() && name.size() <= 80 &&
        (contains(name, U"报表") || contains(name, U"进展") || contains(name, U"进度") ||
         contains(name, U"情况表"))) {
      h.form_title = name;
      break;
    }
  }
  return h;
}

struct Closing {
  U32 coordinator;
  U32 phone;
  U32 email;
  std::optional<PeriodKind> reporting;
  std::optional<int> due_days;
  U32 due_text;
};

// The name that ends right before `at`: 区妇女儿童服务中心负责定期调度.
U32 name_before(V32 s, std::size_t at) {
  std::size_t b = at;
  while (b > 0 && at - b < 20 && is_han(s[b - 1])) --b;
  V32 name = s.substr(b, at - b);
  for (const V32 w : {V32(U"由"), V32(U"请"), V32(U"并")}) {
    if (name.starts_with(w)) name.remove_prefix(w.size());
  }
  return U32(name);
}

Closing read_closing(V32 s) {
  Closing c;
  for (const V32 w :
       {V32(U"负责定期调度"), V32(U"负责调度"), V32(U"负责日常调度"), V32(U"负责统筹协调"),
        V32(U"负责综合协调"), V32(U"牵头调度"), V32(U"负责督查"), V32(U"负责督办")}) {
    const std::size_t at = s.find(w);
    if (at == kNone) continue;
    const U32 name = name_before(s, at);
    if (plausible_unit(name) && has_org_suffix(name)) {
      c.coordinator = name;
      break;
    }
  }
  // 报区妇女儿童服务中心, 书面报县政府督查室420室.
  for (std::size_t at = s.find(U'报'); at != kNone && c.coordinator.empty();
       at = s.find(U'报', at + 1)) {
    std::size_t b = at + 1;
    for (const V32 w : {V32(U"送至"), V32(U"送"), V32(U"至"), V32(U"给")}) {
      if (starts_at(s, b, w)) {
        b += w.size();
        break;
      }
    }
    std::size_t e = b;
    while (e < s.size() && e - b < 20 && is_han(s[e])) ++e;
    const V32 run = s.substr(b, e - b);
    for (std::size_t k = 3; k <= run.size(); ++k) {
      const V32 name = run.substr(0, k);
      if (ends_with_any(name, {U"办公室", U"督查室", U"督办室", U"中心", U"办"})) {
        c.coordinator = U32(name);
        break;
      }
    }
  }
  if (const std::size_t at = s.find(U"电话"); at != kNone) {
    std::size_t k = at + 2;
    while (k < s.size() && one_of(s[k], U":： ")) ++k;
    const std::size_t b = k;
    while (k < s.size() && k - b < 20 && (is_digit(s[k]) || s[k] == U'-')) ++k;
    if (k - b >= 5) c.phone = U32(s.substr(b, k - b));
  }
  if (const std::size_t at = s.find(U'@'); at != kNone && at > 0) {
    const auto local = [](char32_t x) { return is_ascii_alnum(x) || one_of(x, U"._%+-"); };
    std::size_t b = at;
    while (b > 0 && at - b < 64 && local(s[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < s.size() && e - at < 128 && (is_ascii_alnum(s[e]) || one_of(s[e], U".-"))) ++e;
    while (e > at + 1 && s[e - 1] == U'.') --e;
    const V32 domain = s.substr(at + 1, e - at - 1);
    if (b < at && contains(domain, U".")) c.email = U32(s.substr(b, e - b));
  }
  if (contains(s, U"季度")) {
    c.reporting = PeriodKind::quarter;
  } else if (contains(s, U"按月") || contains(s, U"每月") || contains(s, U"月度")) {
    c.reporting = PeriodKind::month;
  }
  // 每季度末月20日前 (before the period ends), 季度结束后10日内, 次月5日前.
  for (std::size_t at = s.find(U"末月"); at != kNone && !c.due_days; at = s.find(U"末月", at + 1)) {
    std::size_t k = at + 2;
    const int day = read_int(s, k);
    if (day >= 1 && day <= 31 && starts_at(s, k, U"日")) {
      c.due_days = day - 31;
      const std::size_t b = at >= 3 && starts_at(s, at - 3, U"每季度") ? at - 3 : at;
      const std::size_t e = k + (starts_at(s, k, U"日前") ? 2 : 1);
      c.due_text = U32(s.substr(b, e - b));
    }
  }
  for (const V32 w : {V32(U"结束后"), V32(U"次月"), V32(U"下月"), V32(U"首月")}) {
    if (c.due_days) break;
    for (std::size_t at = s.find(w); at != kNone && !c.due_days; at = s.find(w, at + 1)) {
      std::size_t k = at + w.size();
      const int day = read_int(s, k);
      if (day >= 1 && day <= 60 &&
          (starts_at(s, k, U"日") || starts_at(s, k, U"天") || starts_at(s, k, U"个工作日"))) {
        c.due_days = day;
        std::size_t e = k;
        while (e < s.size() && e - k < 5 && !one_of(s[e], U"，,。；;（(")) ++e;
        c.due_text = U32(s.substr(at, e - at));
      }
    }
  }
  return c;
}

bool valid_code(std::string_view code) noexcept {
  if (code.empty() || code.size() > 64) return false;
  const auto ok = [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           ch == '.' || ch == '_' || ch == '-';
  };
  return std::all_of(code.begin(), code.end(), ok) && code.front() != '.' && code.front() != '_' &&
         code.front() != '-';
}

std::string unit_code(std::size_t n) {
  std::string digits = std::to_string(n);
  if (digits.size() < 2) digits.insert(0, "0");
  return "u" + digits;
}

// ---- 5. the draft ---------------------------------------------------------------------------

Draft draft(std::string_view input, const DraftOptions& options) {
  Draft d;
  Env env;
  env.findings = &d.findings;
  // Never more than a notice may be (limits::notice_bytes), whatever the options say.
  const std::size_t max_bytes = options.max_bytes == 0
                                    ? limits::notice_bytes
                                    : std::min(options.max_bytes, limits::notice_bytes);
  const Lines lines = normalise(input, max_bytes);
  const Prose prose = build_prose(lines.lines);
  const Header header = read_header(prose);

  // The year and the window.
  int year = header.year;
  if (year < 1 || year > 9999) {
    year = options.default_year >= 1 && options.default_year <= 9999 ? options.default_year
                                                                     : Date::today_utc().year();
    env.add(FindingSeverity::warning, "year",
            "the notice states no year: the draft takes " + std::to_string(year), U"", 0.3);
  }
  env.year = year;
  env.start = Date::make(year, 1, 1);
  env.end = Date::make(year, 12, 31);

  // The items: prose or table, whichever finds more.
  ProseLayout prose_layout = prose_items(prose);
  TableLayout table = table_items(lines.lines, year);
  const bool use_table = table.items.size() > prose_layout.items.size();
  std::vector<RawItem> items = use_table ? std::move(table.items) : std::move(prose_layout.items);
  if (!use_table) {
    // An attached form may list the units of items whose text lost them.
    for (RawItem& item : items) {
      if (!item.units.empty()) continue;
      const std::size_t k = static_cast<std::size_t>(item.number - 1);
      if (k < table.items.size() && !table.items[k].units.empty()) {
        item.units = table.items[k].units;
        item.labelled = true;
        env.add(FindingSeverity::info, "initiatives[" + std::to_string(k) + "]",
                "the responsible units are taken from the attached table", U"", 0.7);
      }
    }
  }

  // The closing: the text around the items.
  U32 outside;
  if (use_table) {
    for (const Paragraph& p : prose.paragraphs) {
      if (p.first_line < table.header_line) {
        outside += prose.at(p);
        outside += U'\n';
      }
    }
  } else if (!items.empty()) {
    outside = U32(V32(prose.text).substr(0, prose_layout.first)) + U"\n" +
              U32(V32(prose.text).substr(prose_layout.last_end));
  } else {
    outside = prose.text;
  }
  const Closing closing = read_closing(outside);

  // Truncation.
  std::vector<std::string> cut_reasons;
  if (lines.cut)
    cut_reasons.emplace_back("the text was longer than the limit or ends inside a character");
  if (header.announced > 0 && static_cast<int>(items.size()) < header.announced && !items.empty()) {
    cut_reasons.push_back("the title announces " + std::to_string(header.announced) +
                          " items, the text has " + std::to_string(items.size()));
  }
  if (!items.empty()) {
    const RawItem& last = items.back();
    if (use_table) {
      if (!table.last_row_complete) cut_reasons.emplace_back("the table's last row is incomplete");
    } else {
      const V32 last_text = trim(last.parts.front().text);
      if (last.unclosed) cut_reasons.emplace_back("the last item's list of units does not close");
      if (last.runs_to_end && !last.labelled && !last_text.empty() &&
          !one_of(last_text.back(), U"。！？；;!?)）”」")) {
        cut_reasons.emplace_back("the last item ends inside a sentence");
      }
    }
  }
  d.truncated = !cut_reasons.empty();

  // The plan.
  Plan& plan = d.plan;
  plan.code = valid_code(options.code) ? options.code : "draft-" + std::to_string(year);
  if (!options.code.empty() && !valid_code(options.code)) {
    env.add(FindingSeverity::warning, "code",
            "\"" + options.code + "\" is not a valid code: the draft uses " + plan.code, U"", 1.0);
  }
  plan.title = utf8(capped(header.plan_title, kMaxTitle));
  if (plan.title.empty()) {
    plan.title = "未命名计划";
    env.add(FindingSeverity::warning, "title", "the notice's title was not found", U"", 0.3);
  }
  plan.issuer = utf8(header.issuer);
  plan.year = year;
  plan.issue_date = header.issue_date;
  plan.start = env.start;
  plan.end = env.end;
  plan.reporting = closing.reporting.value_or(options.default_reporting);
  plan.report_due_days = closing.due_days.value_or(options.default_report_due_days);
  if (plan.report_due_days < -366 || plan.report_due_days > 366) plan.report_due_days = 10;
  plan.contact.phone = utf8(closing.phone);
  plan.contact.email = utf8(closing.email);
  plan.source.title = utf8(capped(header.notice_title, kMaxTitle));
  plan.source.number = utf8(header.number);
  plan.source.url = utf8(capped(header.url, 500));
  plan.source.form_title = utf8(header.form_title);
  plan.notes.emplace_back("本计划由 taizhang 根据通知文本自动起草，须经人工核对后使用。");
  if (closing.due_days) {
    const int days = plan.report_due_days;
    plan.notes.push_back("通知要求“" + utf8(closing.due_text) + "”报送；本草稿取每期" +
                         (days < 0 ? "结束前" + std::to_string(-days) + "日"
                                   : "结束后" + std::to_string(days) + "日内") +
                         "为报送期限（report_due_days = " + std::to_string(days) + "）。");
  } else if (closing.reporting) {
    plan.notes.push_back(std::string("通知要求按") +
                         (*closing.reporting == PeriodKind::month ? "月" : "季度") +
                         "报送进展，未规定报送期限；本草稿暂定每期结束后" +
                         std::to_string(plan.report_due_days) + "日内报送（report_due_days）。");
  }
  if (d.truncated) {
    std::string why;
    for (const std::string& r : cut_reasons) why += (why.empty() ? "" : "; ") + r;
    plan.notes.push_back("通知文本不完整，本草稿只含已有部分。");
    env.add(FindingSeverity::warning, "",
            "the notice seems cut off: " + why + "; the draft holds what is there", U"", 0.8);
  }

  // Units: the coordinator first, then in order of appearance.
  std::vector<std::pair<U32, UnitKind>> unit_list;
  const auto unit_index = [&](const U32& name) {
    for (std::size_t i = 0; i < unit_list.size(); ++i) {
      if (unit_list[i].first == name) return i;
    }
    unit_list.emplace_back(name, kind_of(name));
    return unit_list.size() - 1;
  };
  U32 coordinator = closing.coordinator;
  if (coordinator.empty()) {
    coordinator = header.issuer.empty() ? U32(U"协调单位（待定）") : header.issuer;
    env.add(FindingSeverity::warning, "coordinator",
            "the notice names no coordinating office (负责定期调度, 报…办公室): the draft takes " +
                utf8(coordinator),
            U"", 0.3);
  }
  unit_index(coordinator);
  bool coordinator_assigned = false;
  const U32 placeholder = U"责任单位（待定）";

  for (std::size_t i = 0; i < items.size() && i < kMaxItems; ++i) {
    RawItem& item = items[i];
    Initiative init;
    init.number = item.number;
    U32 body;
    for (const Commitment& c : item.parts) body += c.text;
    const U32 description = capped(tidy(body), kMaxDescription);
    // Title: the first sentence.
    const V32 first_text = item.parts.empty() ? V32() : V32(item.parts.front().text);
    std::size_t stop = 0;
    {
      const V32 t = trim(first_text);
      while (stop < t.size() && !one_of(t[stop], kSentenceEnds) && t[stop] != U'\n') ++stop;
      init.title = utf8(capped(tidy(t.substr(0, stop)), kMaxTitle));
    }
    if (init.title.empty()) init.title = "实事" + chinese_ordinal(item.number);
    init.description = utf8(description);
    const std::string path = "initiatives[" + std::to_string(i) + "]";
    // Units and roles.
    if (item.units.empty()) {
      item.units.push_back(RawUnit{placeholder, AssignmentRole::lead});
      env.add(FindingSeverity::warning, path + ".assignments",
              "no responsible unit found for initiative " + std::to_string(item.number) + " (" +
                  init.title + "): assigned to a placeholder",
              description, 0.0);
    }
    if (item.shared_units) {
      env.add(FindingSeverity::warning, path + ".assignments",
              "the responsible units of initiative " + std::to_string(item.number) +
                  " are those listed after the items it is part of: check them",
              description, 0.6);
    }
    for (const RawUnit& u : item.units) {
      const std::size_t k = unit_index(u.name);
      if (k == 0) coordinator_assigned = true;
      const std::string code = unit_code(k + 1);
      if (init.find_assignment(code) != nullptr) continue;
      init.assignments.push_back(Assignment{code, u.role, "", ""});
    }
    // The deadline: a table's 完成时限 (the latest of the row), or one in the title sentence.
    // A stage's date (5月底前动工) is the deadline of a commitment to start (开工建设…), not of one
    // to finish (建成…): for that it stays a note and the year's end holds.
    for (Commitment& c : item.parts) {
      if (c.deadline && c.deadline->stage &&
          !starts_with_any(trim(c.text), {U"开工", U"动工", U"启动", U"开建", U"开始"})) {
        c.deadline->note_only = true;
      }
    }
    std::optional<Deadline> item_deadline;
    for (const Commitment& c : item.parts) {
      if (c.deadline && c.deadline->date && !c.deadline->note_only &&
          (!item_deadline || !item_deadline->date || *item_deadline->date < *c.deadline->date)) {
        item_deadline = c.deadline;
      }
    }
    if (!item.table) item_deadline = find_deadline(first_text.substr(0, stop), year, false);
    if (item_deadline && item_deadline->date) {
      if (env.in_window(*item_deadline->date)) {
        init.deadline = item_deadline->date;
      } else {
        env.add(
            FindingSeverity::warning, path + ".deadline",
            "the deadline " + utf8(item_deadline->text) + " lies outside the plan's year: left out",
            item_deadline->text, 0.5);
      }
    }
    // Targets and parameters.
    std::string lead;
    if (!item.units.empty() && item.units.front().name != placeholder) {
      lead = utf8(item.units.front().name);
    }
    const bool tail = d.truncated && i + 1 == items.size();
    ItemDrafter drafter(env, i, init, lead, item.table);
    for (std::size_t c = 0; c < item.parts.size(); ++c) {
      const Commitment& part = item.parts[c];
      std::optional<Deadline> cell = part.deadline;
      if (cell && !cell->date) cell.reset();  // 年内
      drafter.commitment(part.text, cell, !item.table && c == 0, tail ? 0.5 : 1.0);
    }
    if (init.targets.empty()) {
      Target t;
      t.code = std::to_string(init.number) + ".1";
      t.measure = Measure::milestone;
      t.description = init.title;
      t.source_text = init.title;
      init.targets.push_back(t);
      env.add(FindingSeverity::info, path + ".targets[0]",
              "target " + t.code + ": milestone — " + t.description + " (the item as a whole)",
              u32(init.title), 0.4);
    }
    if (tail) {
      env.add(FindingSeverity::warning, path,
              "initiative " + std::to_string(init.number) +
                  " is cut off: its targets and units may be incomplete",
              description, 0.5);
    }
    plan.initiatives.push_back(std::move(init));
  }
  if (items.empty()) {
    env.add(FindingSeverity::warning, "initiatives",
            "no numbered items (一、 / （一） / 1. / 第一件 / 一是) and no table of 序号 / "
            "责任单位 were "
            "found: the draft has no initiatives",
            U"", 1.0);
  }

  // The units, with their codes.
  for (std::size_t i = 0; i < unit_list.size(); ++i) {
    Unit u;
    u.code = unit_code(i + 1);
    u.name = utf8(unit_list[i].first);
    u.kind = unit_list[i].second;
    if (i == 0 && !coordinator_assigned) {
      u.kind = closing.coordinator.empty() && !header.issuer.empty()
                   ? UnitKind::government
                   : UnitKind::coordinating_office;
    }
    if (unit_list[i].first == placeholder) u.kind = UnitKind::placeholder;
    plan.units.push_back(std::move(u));
  }
  plan.coordinator = plan.units.front().code;

  // What validation says: warnings to review (an open baseline); errors should not happen (the
  // draft is built to avoid them) but are reported rather than hidden.
  for (const Issue& issue : validate(plan)) {
    const bool error = issue.severity == Issue::Severity::error;
    // A placeholder unit is already reported where it was assigned, with its initiative.
    const Unit* placeholder_unit = nullptr;
    for (const Unit& u : plan.units) {
      if (u.kind == UnitKind::placeholder &&
          issue.message.find("\"" + u.code + "\" is a placeholder") != std::string::npos) {
        placeholder_unit = &u;
      }
    }
    if (!error && placeholder_unit != nullptr) continue;
    env.add(FindingSeverity::warning, issue.path,
            (error ? "the draft breaks a rule: " : "to review: ") + issue.message, U"",
            error ? 0.0 : 0.5);
  }
  // Plan-wide findings first, then by path in document order (stable).
  std::stable_sort(d.findings.begin(), d.findings.end(), [](const Finding& a, const Finding& b) {
    const bool a_item = a.path.starts_with("initiatives[");
    const bool b_item = b.path.starts_with("initiatives[");
    if (a_item != b_item) return !a_item;
    if (!a_item) return false;
    const auto index = [](const std::string& p) {
      std::size_t k = std::string_view("initiatives[").size();
      std::size_t n = 0;
      while (k < p.size() && p[k] >= '0' && p[k] <= '9') {
        n = n * 10 + static_cast<std::size_t>(p[k] - '0');
        ++k;
      }
      return n;
    };
    return index(a.path) < index(b.path);
  });
  return d;
}

}  // namespace

const char* to_string(FindingSeverity severity) noexcept {
  switch (severity) {
    case FindingSeverity::info: return "info";
    case FindingSeverity::warning: return "warning";
  }
  return "unknown";
}
std::optional<FindingSeverity> finding_severity_from_string(std::string_view text) noexcept {
  for (const FindingSeverity s : {FindingSeverity::info, FindingSeverity::warning}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

std::string Finding::to_string() const {
  std::string out = taizhang::to_string(severity);
  out += ": ";
  if (!path.empty()) out += path + ": ";
  out += message;
  out += " (confidence " + two_places(confidence) + ")";
  if (!source_text.empty()) out += " «" + source_text + "»";
  return out;
}

Draft draft_plan(std::string_view notice, const DraftOptions& options) {
  try {
    return draft(notice, options);
  } catch (const std::exception& e) {
    // Not expected: every step guards its input. A draft that says so rather than an exception.
    Draft d;
    const int year = options.default_year >= 1 && options.default_year <= 9999
                         ? options.default_year
                         : Date::today_utc().year();
    d.plan.code = "draft-" + std::to_string(year);
    d.plan.title = "未命名计划";
    d.plan.year = year;
    d.plan.start = Date::make(year, 1, 1);
    d.plan.end = Date::make(year, 12, 31);
    d.plan.units.push_back(Unit{"u01", "协调单位（待定）", UnitKind::coordinating_office, "", ""});
    d.plan.coordinator = "u01";
    std::string what = e.what();
    if (!util::is_valid_utf8(what)) what = "an internal error";
    d.findings.push_back(
        Finding{FindingSeverity::warning, "", "the notice could not be drafted: " + what, "", 0.0});
    return d;
  }
}

}  // namespace taizhang
