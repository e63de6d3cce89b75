// Reports as JSON: what a unit files, and what the ledger kept, for other systems and the command
// line. Decimals are strings so that they stay exact; text is UTF-8, unescaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/report.hpp"

namespace taizhang {

// Reads report content:
//   {"progress": [{"initiative": 1, "narrative": "…", "expected_completion": "2021-12-31"}],
//    "values": [{"target": "1.1", "value": "4500", "unit": "名", "stage": "已启动",
//                "comment": "…", "evidence": "…"}]}
// Every member is optional except "initiative" and "target". "value" is a JSON integer, or a
// string as a person writes it ("4500", "1.6万", "3000万元", "１８０００"), kept as
// TargetValue::text and read against the target's unit when filed (read_value(): "1500万" on a
// target in 万元 is 1500). Throws ParseError with line and column for malformed JSON,
// ValidationError listing every unknown key or bad member with its path ("values[2].value").
TAIZHANG_EXPORT ReportContent report_content_from_json(std::string_view json,
                                                       std::string_view source = "<string>");

// The content in that form (filed values and units included when they differ), ending in '\n'.
TAIZHANG_EXPORT std::string report_content_to_json(const ReportContent& content);

// A report with every revision: {"plan", "unit", "period", "status", "first_submitted",
// "last_accepted", "returned_at", "accepted_revision" (the revision whose content was last
// accepted, as Report::accepted_revision), "counted_revision", "revisions": [{"number",
// "recorded_at", "actor", "action", "status", "reason", "hash", "content"}]}.
TAIZHANG_EXPORT std::string report_history_to_json(const ReportKey& key,
                                                   const std::vector<Revision>& history);

}  // namespace taizhang
