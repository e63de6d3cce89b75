// The roll-up engine: gathers each figure's inputs from the snapshot and applies the rules
// (internal).
#pragma once

#include <string_view>

#include "rollup/snapshot.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/rollup.hpp"

namespace taizhang::rollup {

// The roll-up of `plan` (the version that applies to the query) from the snapshot.
// When `explain` is given, the inputs and steps of target `explain_target` are written into it
// (actors are left for the caller to fill in from the store).
Rollup compute(const Snapshot& snapshot, const Plan& plan, int plan_version,
               const RollupQuery& query, Explanation* explain = nullptr,
               std::string_view explain_target = {});

}  // namespace taizhang::rollup
