// Status reports of a roll-up: a self-contained HTML dashboard, a terminal table, and JSON.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/rollup.hpp"
#include "taizhang/timestamp.hpp"

namespace taizhang {

// A self-contained HTML page (no external assets or scripts; prints well on A4): the plan
// summary, each initiative's progress against the expected share with its status colour, a bar
// per target, a small burn-up chart per target as inline SVG (from `series`, the roll-ups of the
// periods up to `rollup`'s), the chasing list, the as-of period and `made_at`.
TAIZHANG_EXPORT std::string render_dashboard(const Plan& plan, const Rollup& rollup,
                                             const std::vector<Rollup>& series, Timestamp made_at);

// The roll-up as a table for a terminal `width` columns wide (CJK characters count two): one line
// per initiative and per target with actual, goal, completion, expected and status, then the
// chasing list. With `colour`, statuses are coloured with ANSI escapes.
TAIZHANG_EXPORT std::string format_status_table(const Plan& plan, const Rollup& rollup,
                                                std::size_t width = 100, bool colour = false);

// The roll-up as JSON (decimals as strings, UTF-8 unescaped): the query, every target,
// initiative, unit and chasing item with all their figures.
TAIZHANG_EXPORT std::string rollup_to_json(const Rollup& rollup);

}  // namespace taizhang
