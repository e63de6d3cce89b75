// Points in time, as the ledger records them: UTC, to the millisecond.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "taizhang/date.hpp"
#include "taizhang/export.hpp"

namespace taizhang {

// A moment in UTC with millisecond precision (milliseconds since 1970-01-01T00:00:00Z).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

// China Standard Time (UTC+8), in which the notices' deadlines are meant.
inline constexpr std::chrono::minutes china_standard_time{8 * 60};

// The current time, truncated to the millisecond.
TAIZHANG_EXPORT Timestamp now_utc() noexcept;

// "2021-04-08T01:30:00.123Z" (ISO 8601, always with milliseconds and Z).
TAIZHANG_EXPORT std::string format_timestamp(Timestamp t);

// "2021年7月10日 15:02": the moment as people in the offices write it, at the given offset from UTC
// (China Standard Time by default), to the minute. For what people read; machines get
// format_timestamp.
TAIZHANG_EXPORT std::string format_local_time(
    Timestamp t, std::chrono::minutes utc_offset = china_standard_time);

// Reads ISO 8601: "2021-04-08T09:30:00Z", "2021-04-08T09:30:00.123+08:00", "2021-04-08 09:30:00"
// (no zone: UTC), or a date alone "2021-04-08" (midnight UTC). Throws ParseError naming the text.
TAIZHANG_EXPORT Timestamp parse_timestamp(std::string_view text);

// The calendar date of `t` at the given offset from UTC (China Standard Time by default).
TAIZHANG_EXPORT Date local_date(Timestamp t, std::chrono::minutes utc_offset = china_standard_time);

// The first moment of `date` at the given offset from UTC, e.g. 2021-04-10 00:00 in Beijing.
TAIZHANG_EXPORT Timestamp start_of_day(const Date& date,
                                       std::chrono::minutes utc_offset = china_standard_time);

}  // namespace taizhang
