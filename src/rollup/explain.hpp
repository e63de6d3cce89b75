// The roll-up's reads beyond the roll-up itself (internal): where a figure came from (explain) and
// every value as it counts (values). The ledger syncs the snapshot and finds the plan version;
// these apply the rules (docs/rollup.md, rules 7 and 8 included) to what the snapshot holds.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "rollup/snapshot.hpp"
#include "taizhang/plan.hpp"
#include "taizhang/report.hpp"
#include "taizhang/rollup.hpp"
#include "taizhang/values.hpp"

namespace taizhang::rollup {

// Every revision of a report, oldest first: the snapshot keeps no actors, explain takes them from
// here.
using RevisionLookup = std::function<std::vector<Revision>(const ReportKey&)>;

// Where a figure of the roll-up of `plan` (its version `plan_version`) came from: `subject` is a
// target's code ("1.1"), "initiative N", "plan" or "unit CODE". Throws NotFoundError for a target,
// initiative or unit the plan does not have, ValidationError for a subject of another form.
[[nodiscard]] Explanation explain(const Snapshot& snapshot, const Plan& plan, int plan_version,
                                  const RollupQuery& query, std::string_view subject,
                                  const RevisionLookup& revisions);

// Every value the snapshot holds, as it counts for `query` (values.hpp). The caller checks that a
// plan named by the query exists. Throws ValidationError for accepted_only with include_drafts.
[[nodiscard]] ValueTable values(const Snapshot& snapshot, const ValuesQuery& query);

}  // namespace taizhang::rollup
