#include "io/text_format.hpp"

#include <chrono>
#include <cstdio>

#include "taizhang/initiative.hpp"

namespace taizhang::io {

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
  const auto local = t + china_standard_time;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return chinese_date(local_date(t)) + " " + clock;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
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

}  // namespace taizhang::io
