// A plan as a readable text outline, for terminals and plain-text mail.
#pragma once

#include <string>

#include "taizhang/export.hpp"
#include "taizhang/plan.hpp"

namespace taizhang {

// The plan as an outline in Chinese: title, issuer, window, reporting, the coordinating office and
// its contact, then each initiative (一、二、…) with its lead and co-responsible units and its
// targets (code, what, value and unit of measure, how it accumulates, deadline), its milestones,
// and the figures that are parameters rather than targets. Lines end in '\n'; UTF-8.
TAIZHANG_EXPORT std::string render_outline(const Plan& plan);

[[deprecated("renamed render_outline in 0.2.0")]] inline std::string format_outline(
    const Plan& plan) {
  return render_outline(plan);
}

}  // namespace taizhang
