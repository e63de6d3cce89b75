#include "present/text_format.hpp"

#include <chrono>
#include <cstdio>

#include "taizhang/initiative.hpp"
#include "taizhang/safe_text.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace taizhang::present {

std::string chinese_date(const Date& date) {
  return std::to_string(date.year()) + "年" + std::to_string(date.month()) + "月" +
         std::to_string(date.day()) + "日";
}

std::string chinese_period(const Period& period) {
  const std::string year = std::to_string(period.year_number()) + "年";
  switch (period.kind()) {
    case PeriodKind::year: return year + "度";
    case PeriodKind::quarter: return year + "第" + chinese_ordinal(period.index()) + "季度";
    case PeriodKind::month: return year + std::to_string(period.index()) + "月";
  }
  return period.to_string();
}

std::string chinese_time(Timestamp t) {
  return format_local_time(t);
}

namespace {

// "-12.5", "+3", "-0": a number and nothing else, which no spreadsheet runs.
bool plain_number(std::string_view s) noexcept {
  std::size_t i = s.empty() || (s[0] != '-' && s[0] != '+') ? 0 : 1;
  std::size_t digits = 0;
  bool point = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      ++digits;
    } else if (s[i] == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits > 0;
}

}  // namespace

std::string csv_field(std::string_view s) {
  // CSV injection (OWASP): a cell a spreadsheet would read as a formula is made text.
  const bool formula =
      !s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') &&
      !plain_number(s);
  const std::string text = formula ? "'" + std::string(s) : std::string(s);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string markdown_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') break;  // \r\n: one break
        out += "<br>";
        break;
      case '\n': out += "<br>"; break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '!':
      case '#':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace taizhang::present

namespace taizhang {

std::string terminal_text(std::string_view text) {
  return util::terminal_safe(text);
}

std::string csv_cell(std::string_view text) {
  return present::csv_field(text);
}

std::string json_text(std::string_view text) {
  return util::json_quote(text);
}

}  // namespace taizhang
