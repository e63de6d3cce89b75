// Status reports of a roll-up for people: a self-contained HTML dashboard and a terminal table.
// (The roll-up as JSON is rollup_json.hpp, included here as it was before 0.2.0.)
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/rollup.hpp"
#include "taizhang/rollup_json.hpp"
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
TAIZHANG_EXPORT std::string render_status_table(const Plan& plan, const Rollup& rollup,
                                                std::size_t width = 100, bool colour = false);

[[deprecated("renamed render_status_table in 0.2.0")]] inline std::string format_status_table(
    const Plan& plan, const Rollup& rollup, std::size_t width = 100, bool colour = false) {
  return render_status_table(plan, rollup, width, colour);
}

}  // namespace taizhang
