// Small text formatting shared by the forms, reports and exports (internal).
#pragma once

#include <string>
#include <string_view>

#include "taizhang/date.hpp"
#include "taizhang/period.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang::io {

// "2021年12月31日".
std::string chinese_date(const Date& date);
// "2021年第三季度", "2021年7月", "2021年度".
std::string chinese_period(const Period& period);
// "2021年4月8日 09:30" in China Standard Time.
std::string chinese_time(Timestamp t);
// `s` as one CSV field (RFC 4180): quoted when it holds a comma, quote, or line break.
std::string csv_field(std::string_view s);
// `s` with &, <, >, " and ' escaped for HTML text and attribute values.
std::string html_escape(std::string_view s);

}  // namespace taizhang::io
