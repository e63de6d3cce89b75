// The checks a report's content passes before anything is written (internal).
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"

namespace taizhang::ledger {

// The unit's current values of a target in its other reports of the plan: (period, value).
using OtherValues = std::function<std::vector<std::pair<Period, Decimal>>(const std::string&)>;

// Throws ValidationError (path "period") when `key.period` is not of the plan's reporting kind or
// lies outside its window.
void check_period(const Plan& plan, const ReportKey& key);

// Checks `content` for the report `key` under `plan` and returns it normalised: values converted
// exactly into their target's unit (what was filed kept beside), progress ordered by initiative,
// values in the plan's order of targets. Throws PermissionDenied when it touches an initiative the
// unit is not assigned to; ValidationError listing every other problem, each with its path
// ("values[2].unit"). A cumulative series may fall only when `correction` is true.
ReportContent check_content(const Plan& plan, const UnitRegistry& units, const ReportKey& key,
                            const ReportContent& content, bool correction,
                            const OtherValues& other_values);

// `content` in the plan's order: progress by initiative number, values by target position.
void order_content(const Plan& plan, ReportContent& content);

}  // namespace taizhang::ledger
