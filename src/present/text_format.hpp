// Small text formatting shared by the forms, reports and exports (internal).
#pragma once

#include <string>
#include <string_view>

#include "taizhang/date.hpp"
#include "taizhang/period.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang::present {

// "2021年12月31日".
std::string chinese_date(const Date& date);
// "2021年第三季度", "2021年7月", "2021年度".
std::string chinese_period(const Period& period);
// "2021年4月8日 09:30" in China Standard Time.
std::string chinese_time(Timestamp t);
// `s` as one CSV field that a spreadsheet never runs as a formula (OWASP): a ' in front of a
// field that begins with = + - @, a tab or a carriage return, unless it is a plain number
// ("-12.5"); then quoted (RFC 4180) when it holds a comma, quote, or line break. Every CSV the
// library writes goes through here; taizhang::csv_cell (safe_text.hpp) is the same for callers.
std::string csv_field(std::string_view s);
// `s` as text inside a Markdown table cell or line: & < > as HTML entities (so that no HTML, such
// as <script>, passes), the characters Markdown acts on inside a line (\ ` * _ [ ] | ~ ! #)
// escaped with a backslash, so no link, image, emphasis or code starts; line breaks as <br>.
std::string markdown_escape(std::string_view s);
// `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace taizhang::present
